package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.Catalogue;
import cn.yzz.kiosk.app.catalogue.CatalogueLoader;
import cn.yzz.kiosk.app.catalogue.Theme;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Transition;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Navigation: home, a theme's pages, identification and the ways back. A direct executor stands in
 * for the FX thread, since the fake reader completes reads on the test's own thread.
 */
class KioskFlowModelTest {

    private final FakeIdCardReader reader = new FakeIdCardReader();
    private final ManualScheduler timers = new ManualScheduler();
    private Catalogue catalogue;
    private KioskFlowModel flow;

    @BeforeEach
    void setUp() throws Exception {
        catalogue = CatalogueLoader.loadBundled();
        IdentifyModel identify = new IdentifyModel(reader, Runnable::run,
                Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai")), timers,
                IdentifyModel.Settings.defaults(), PhotoDecoder.placeholder());
        flow = new KioskFlowModel(catalogue, identify);
    }

    private Theme theme(String id) {
        return catalogue.theme(id).orElseThrow();
    }

    @Test
    void startsAtHomeWhereBackAndHomeHaveNowhereToGo() {
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
        assertThat(flow.canGoBackProperty().get()).isFalse();
        assertThat(flow.back()).isEqualTo(new Transition(Screen.HOME, false));
    }

    @Test
    void aThemeListsItsServicesSixToAPage() {
        Theme shebao = theme("shebao");
        assertThat(shebao.services()).hasSize(7);
        flow.openTheme(shebao);
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICES);
        assertThat(flow.canGoBackProperty().get()).isTrue();
        assertThat(flow.pageCountProperty().get()).isEqualTo(2);
        assertThat(flow.pageServicesProperty()).containsExactlyElementsOf(shebao.services().subList(0, 6));
        assertThat(flow.hasPreviousPageProperty().get()).isFalse();

        flow.nextPage();
        assertThat(flow.pageProperty().get()).isEqualTo(1);
        assertThat(flow.pageServicesProperty()).containsExactly(shebao.services().get(6));
        assertThat(flow.hasNextPageProperty().get()).isFalse();
        flow.nextPage();
        assertThat(flow.pageProperty().get()).as("no page past the last").isEqualTo(1);

        flow.previousPage();
        assertThat(flow.pageProperty().get()).isZero();
    }

    @Test
    void aShortThemeHasOnePage() {
        flow.openTheme(theme("shuiwu"));
        assertThat(flow.pageCountProperty().get()).isEqualTo(1);
        assertThat(flow.hasNextPageProperty().get()).isFalse();
    }

    @Test
    void choosingAServiceStartsIdentifyingAndBackStopsTheReadAndReturnsToTheList() {
        Theme shebao = theme("shebao");
        flow.openTheme(shebao);
        flow.chooseService(shebao.services().get(1));
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.IDENTIFY);
        assertThat(flow.serviceProperty().get()).isEqualTo(shebao.services().get(1));
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.WAITING);

        assertThat(flow.back()).isEqualTo(new Transition(Screen.SERVICES, false));
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICES);
        assertThat(flow.themeProperty().get()).isEqualTo(shebao);
        assertThat(flow.serviceProperty().get()).isNull();
        assertThat(reader.lastRead()).as("the read is stopped").isCancelled();
    }

    @Test
    void afterACardIsReadLeavingRemindsToTakeItFirst() {
        flow.identifyFirst();
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.DONE);

        assertThat(flow.home()).isEqualTo(new Transition(Screen.HOME, true));
        assertThat(flow.screenProperty().get()).as("still on the reminder").isEqualTo(Screen.IDENTIFY);
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.TAKE_CARD);

        timers.fireAll();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
        assertThat(flow.identify().identityProperty().get()).isNull();
    }

    @Test
    void aSecondTapDuringTheReminderGoesOnAtOnce() {
        Theme huji = theme("huji");
        flow.openTheme(huji);
        flow.chooseService(huji.services().get(0));
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        assertThat(flow.back().remindCard()).isTrue();
        flow.back();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICES);
        assertThat(flow.themeProperty().get()).isEqualTo(huji);
    }

    @Test
    void noCardInTimeReturnsHome() {
        flow.openTheme(theme("nongye"));
        flow.chooseService(theme("nongye").services().get(0));
        reader.fail(DeviceException.Kind.NO_MEDIA);
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
        assertThat(flow.themeProperty().get()).isNull();
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.IDLE);
    }

    @Test
    void aBrokenReaderLeavesTheVillagerAWayOut() {
        flow.identifyFirst();
        reader.fail(DeviceException.Kind.DEVICE_FAULT);
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.UNAVAILABLE);
        assertThat(flow.canGoBackProperty().get()).isTrue();
        assertThat(flow.home()).isEqualTo(new Transition(Screen.HOME, false));
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
    }

    @Test
    void unreadableCardsInARowEndAsUnavailable() {
        flow.identifyFirst();
        for (int i = 1; i < IdentifyModel.MAX_CARD_ERRORS; i++) {
            reader.fail(DeviceException.Kind.MEDIA_ERROR);
            assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.ERROR);
        }
        reader.fail(DeviceException.Kind.MEDIA_ERROR);
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.UNAVAILABLE);
        assertThat(reader.reads()).hasSize(IdentifyModel.MAX_CARD_ERRORS);
    }

    @Test
    void anIdentityLeftOnScreenGoesHomeAfterAMinuteWithTheReminderFirst() {
        flow.identifyFirst();
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        assertThat(timers.pending()).containsExactly(Duration.ofSeconds(60));
        timers.fireAll();
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.TAKE_CARD);
        assertThat(flow.identify().identityProperty().get()).as("nothing personal left on screen").isNull();
        timers.fireAll();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
    }

    @Test
    void aReaderProblemLeftOnScreenGoesHomeAfterAMinute() {
        flow.identifyFirst();
        reader.fail(DeviceException.Kind.NOT_ANSWERING);
        assertThat(timers.pending()).containsExactly(Duration.ofSeconds(60));
        timers.fireAll();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.IDLE);
    }

    @Test
    void leavingCancelsTheIdleTimer() {
        flow.identifyFirst();
        reader.fail(DeviceException.Kind.DEVICE_FAULT);
        flow.home();
        assertThat(timers.pending()).isEmpty();
    }

    @Test
    void reminderTimerIsTheConfiguredFiveSeconds() {
        flow.identifyFirst();
        reader.lastRead().complete(CardFixtures.HKMOTW.card());
        flow.home();
        assertThat(timers.pending()).containsExactly(Duration.ofSeconds(5));
    }
}
