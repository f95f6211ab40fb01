package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.Catalogue;
import cn.yzz.kiosk.app.catalogue.CatalogueLoader;
import cn.yzz.kiosk.app.catalogue.Theme;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.catalogue.Service;
import java.util.EnumSet;
import java.util.Set;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A villager's path: home, a theme's pages (only what the kiosk can do now), identification, the
 * service, the end with its reminders, and the ways back. A direct executor stands in
 * for the FX thread, since the fake reader completes reads on the test's own thread.
 */
class KioskFlowModelTest {

    private final FakeIdCardReader reader = new FakeIdCardReader();
    private final ManualScheduler timers = new ManualScheduler();
    private static final Set<DeviceNeed> ALL_DEVICES = EnumSet.allOf(DeviceNeed.class);
    private final Session session = new Session();
    private final java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
    private Catalogue catalogue;
    private KioskFlowModel flow;

    @BeforeEach
    void setUp() throws Exception {
        catalogue = CatalogueLoader.loadBundled();
        IdentifyModel identify = new IdentifyModel(reader, Runnable::run,
                Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai")), IdentifyModel.CARD_WAIT,
                PhotoDecoder.placeholder());
        flow = new KioskFlowModel(catalogue, identify, session, timers, new Abilities(ALL_DEVICES, true));
        flow.setOnSessionEnded(ended::incrementAndGet);
    }

    private Theme theme(String id) {
        return catalogue.theme(id).orElseThrow();
    }

    @Test
    void startsAtHomeWhereBackAndHomeHaveNowhereToGo() {
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
        assertThat(flow.canGoBackProperty().get()).isFalse();
        flow.back();
        flow.home();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
        assertThat(session.active()).as("nothing tapped yet: no visit").isFalse();
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
        assertThat(session.active()).isTrue();
        flow.chooseService(shebao.services().get(1));
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.IDENTIFY);
        assertThat(flow.serviceProperty().get()).isEqualTo(shebao.services().get(1));
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.WAITING);

        flow.back();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICES);
        assertThat(flow.themeProperty().get()).isEqualTo(shebao);
        assertThat(flow.serviceProperty().get()).isNull();
        assertThat(reader.lastRead()).as("the read is stopped").isCancelled();
    }

    @Test
    void theWholePathHomeThemeServiceIdentifyServiceEndHome() {
        Theme huji = theme("huji");
        Service s = huji.services().get(0);
        flow.openTheme(huji);
        flow.chooseService(s);
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.DONE);

        flow.useIdentity();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICE);
        assertThat(session.personProperty().get().name()).isEqualTo("陈**");
        assertThat(session.card().idNumber()).isEqualTo(CardFixtures.RESIDENT.card().idNumber());
        assertThat(flow.identify().identityProperty().get()).as("the session holds the person now, not the identify screen").isNull();

        flow.finishService();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.END);
        assertThat(flow.remindCardProperty().get()).isTrue();
        assertThat(flow.remindReceiptProperty().get()).as("no receipt was printed").isFalse();
        assertThat(session.personProperty().get()).as("wiped before the end screen shows").isNull();
        assertThat(session.card()).isNull();
        assertThat(session.serviceProperty().get()).isNull();
        assertThat(ended).as("not over until the reminder is gone").hasValue(0);

        assertThat(timers.pending()).containsExactly(KioskFlowModel.END_REMINDER);
        timers.fireAll();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
        assertThat(ended).hasValue(1);
        assertThat(session.active()).isFalse();
    }

    @Test
    void anIdentifiedVillagerChoosesTheNextServiceWithoutTheCardAgain() {
        flow.identifyFirst();
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        flow.useIdentity();
        assertThat(flow.screenProperty().get()).as("identified first: now choose").isEqualTo(Screen.HOME);
        Theme shebao = theme("shebao");
        flow.openTheme(shebao);
        flow.chooseService(shebao.services().get(0));
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICE);
        assertThat(reader.reads()).as("no second read").hasSize(1);
        flow.back();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICES);
        assertThat(session.personProperty().get()).as("back keeps the person for the next service").isNotNull();
    }

    @Test
    void homeAfterACardWasPlacedEndsTheVisitWithTheCardReminder() {
        flow.identifyFirst();
        reader.fail(DeviceException.Kind.MEDIA_ERROR);
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.ERROR);
        flow.home();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.END);
        assertThat(flow.remindCardProperty().get()).isTrue();
        flow.home();
        assertThat(flow.screenProperty().get()).as("a second tap goes on at once").isEqualTo(Screen.HOME);
        assertThat(ended).hasValue(1);
        assertThat(timers.pending()).as("the reminder's timer is cancelled").isEmpty();
    }

    @Test
    void homeWithoutACardGoesStraightHomeAndTheVisitGoesOn() {
        flow.openTheme(theme("nongye"));
        flow.home();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.HOME);
        assertThat(session.active()).as("language and mode stay for this villager").isTrue();
        assertThat(ended).hasValue(0);
    }

    @Test
    void aPrintedReceiptIsRemindedToo() {
        flow.identifyFirst();
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        flow.useIdentity();
        session.receiptPrinted();
        flow.end();
        assertThat(flow.remindCardProperty().get()).isTrue();
        assertThat(flow.remindReceiptProperty().get()).isTrue();
    }

    @Test
    void aCardWithProblemsCannotBeUsed() {
        flow.identifyFirst();
        reader.lastRead().complete(CardFixtures.RESIDENT_BAD_CHECK.card());
        flow.useIdentity();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.IDENTIFY);
        assertThat(session.personProperty().get()).isNull();
    }

    @Test
    void noCardInTimeKeepsWaiting() {
        flow.openTheme(theme("nongye"));
        flow.chooseService(theme("nongye").services().get(0));
        reader.fail(DeviceException.Kind.NO_MEDIA);
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.IDENTIFY);
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.WAITING);
        assertThat(reader.reads()).as("a new wait began").hasSize(2);
    }

    @Test
    void aBrokenReaderLeavesTheVillagerAWayOut() {
        flow.identifyFirst();
        reader.fail(DeviceException.Kind.DEVICE_FAULT);
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.UNAVAILABLE);
        assertThat(flow.canGoBackProperty().get()).isTrue();
        flow.home();
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
    void onlyServicesTheKioskCanDoNowAreListed() {
        Theme huji = theme("huji");
        int all = huji.services().size();
        flow.openTheme(huji);
        assertThat(flow.pageServicesProperty()).hasSize(all);

        flow.abilitiesProperty().set(new Abilities(ALL_DEVICES, false));
        assertThat(flow.pageServicesProperty()).as("offline: only services without live data")
                .isNotEmpty().allMatch(s -> !s.needsNetwork()).hasSizeLessThan(all);

        flow.abilitiesProperty().set(new Abilities(EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER,
                DeviceNeed.RECEIPT_PRINTER), true));
        assertThat(flow.pageServicesProperty()).as("a desktop kiosk has no A4 printer")
                .noneMatch(s -> s.devices().contains(DeviceNeed.A4_PRINTER));

        flow.abilitiesProperty().set(new Abilities(EnumSet.of(DeviceNeed.QR_SCANNER, DeviceNeed.RECEIPT_PRINTER), true));
        assertThat(flow.pageServicesProperty()).as("the ID card reader is down").isEmpty();
        assertThat(flow.pageCountProperty().get()).isZero();
        assertThat(flow.offerable(huji)).isEmpty();
    }

    @Test
    void elderModePagesFewerServices() {
        Theme shebao = theme("shebao");
        flow.openTheme(shebao);
        flow.nextPage();
        flow.pageSizeProperty().set(KioskFlowModel.ELDER_PAGE_SIZE);
        assertThat(flow.pageProperty().get()).as("back to the first page").isZero();
        assertThat(flow.pageServicesProperty()).containsExactlyElementsOf(shebao.services().subList(0, 4));
        assertThat(flow.pageCountProperty().get()).isEqualTo(2);
    }
}
