package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.service.Offer;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.service.StepKind;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.catalog.Theme;
import java.util.List;
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
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final FakeCounty county = new FakeCounty(CLOCK);
    private Catalog catalogue;
    private KioskFlowModel flow;

    @BeforeEach
    void setUp() {
        catalogue = CatalogParser.bundled();
        IdentifyModel identify = new IdentifyModel(reader, Runnable::run, CLOCK, IdentifyModel.CARD_WAIT,
                PhotoDecoder.placeholder());
        flow = new KioskFlowModel(catalogue, identify, session, timers, new Abilities(ALL_DEVICES, true, "enhanced"),
                (plan, card, s, finished) -> new ServiceRun(plan, new ServiceRun.Context(card, s.id(), county, ReceiptOut.NONE,
                        Runnable::run, timers, CLOCK, s::holdForMoney, s::receiptPrinted, finished)));
        flow.setOnSessionEnded(ended::incrementAndGet);
    }

    private Theme theme(String id) {
        return catalogue.theme(id).orElseThrow();
    }

    /** What the catalogue says this kiosk offers of a theme now: the flow must list exactly these. */
    private List<Service> offered(String theme) {
        return catalogue.servicesOf(theme).stream().filter(s -> Offer.offered(s, flow.abilitiesProperty().get())).toList();
    }

    /** An application of the theme that needs nothing but the card (the offline path). */
    private Service application(String theme) {
        return offered(theme).stream().filter(s -> s.kind() == Kind.APPLICATION && s.output() == Output.NONE)
                .findFirst().orElseThrow();
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
        Theme shebao = theme("social-insurance");
        List<Service> all = offered("social-insurance");
        assertThat(all).hasSizeGreaterThan(12);
        int pages = (all.size() + 5) / 6;
        flow.openTheme(shebao);
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICES);
        assertThat(flow.canGoBackProperty().get()).isTrue();
        assertThat(flow.pageCountProperty().get()).isEqualTo(pages);
        assertThat(flow.pageServicesProperty()).containsExactlyElementsOf(all.subList(0, 6));
        assertThat(flow.hasPreviousPageProperty().get()).isFalse();

        flow.nextPage();
        assertThat(flow.pageProperty().get()).isEqualTo(1);
        assertThat(flow.pageServicesProperty()).containsExactlyElementsOf(all.subList(6, 12));
        for (int p = 2; p < pages; p++) {
            flow.nextPage();
        }
        assertThat(flow.hasNextPageProperty().get()).isFalse();
        flow.nextPage();
        assertThat(flow.pageProperty().get()).as("no page past the last").isEqualTo(pages - 1);
        for (int p = 1; p < pages - 1; p++) {
            flow.previousPage();
        }

        flow.previousPage();
        assertThat(flow.pageProperty().get()).isZero();
    }

    @Test
    void aShortThemeHasOnePage() {
        assertThat(offered("real-estate")).hasSizeBetween(1, 6);
        flow.openTheme(theme("real-estate"));
        assertThat(flow.pageCountProperty().get()).isEqualTo(1);
        assertThat(flow.hasNextPageProperty().get()).isFalse();
    }

    @Test
    void choosingAServiceStartsIdentifyingAndBackStopsTheReadAndReturnsToTheList() {
        Theme shebao = theme("social-insurance");
        Service chosen = application("social-insurance");
        flow.openTheme(shebao);
        assertThat(session.active()).isTrue();
        flow.chooseService(chosen);
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.IDENTIFY);
        assertThat(flow.serviceProperty().get()).isEqualTo(chosen);
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.WAITING);

        flow.back();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICES);
        assertThat(flow.themeProperty().get()).isEqualTo(shebao);
        assertThat(flow.serviceProperty().get()).isNull();
        assertThat(reader.lastRead()).as("the read is stopped").isCancelled();
    }

    @Test
    void theWholePathHomeThemeServiceIdentifyServiceEndHome() {
        Theme huji = theme("household-registry");
        Service s = application("household-registry");
        flow.openTheme(huji);
        flow.chooseService(s);
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.DONE);

        flow.useIdentity();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICE);
        assertThat(session.personProperty().get().name()).isEqualTo("陈**");
        assertThat(session.card().idNumber()).isEqualTo(CardFixtures.RESIDENT.card().idNumber());
        assertThat(flow.identify().identityProperty().get()).as("the session holds the person now, not the identify screen").isNull();
        ServiceRun run = flow.runProperty().get();
        assertThat(run.plan().service()).isEqualTo(s);
        assertThat(run.plan().steps()).contains(StepKind.SUBMIT, StepKind.EVALUATE);

        flow.end(); // the run's own end (after the evaluation) ends the visit the same way
        assertThat(run.ended()).isTrue();
        assertThat(flow.runProperty().get()).isNull();
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
        Theme shebao = theme("social-insurance");
        flow.openTheme(shebao);
        flow.chooseService(application("social-insurance"));
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.SERVICE);
        assertThat(reader.reads()).as("no second read").hasSize(1);
        flow.back(); // at the run's first step: back to the list
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
        flow.openTheme(theme("agriculture"));
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
        flow.openTheme(theme("agriculture"));
        flow.chooseService(offered("agriculture").get(0));
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
        Theme shebao = theme("social-insurance");
        flow.pageSizeProperty().set(100); // one page: the whole list at once
        flow.openTheme(shebao);
        int all = flow.pageServicesProperty().size();
        assertThat(flow.pageServicesProperty()).as("payments by phone among them")
                .anyMatch(s -> s.kind() == Kind.PAYMENT);

        flow.abilitiesProperty().set(new Abilities(ALL_DEVICES, false, "enhanced"));
        assertThat(flow.pageServicesProperty()).as("offline: only services without live data, and no payment by phone")
                .isNotEmpty().allMatch(s -> !s.online()).noneMatch(s -> s.kind() == Kind.PAYMENT).hasSizeLessThan(all);

        flow.abilitiesProperty().set(new Abilities(EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER), true, "desktop"));
        assertThat(flow.pageServicesProperty()).as("the receipt printer is out of paper: what needs it leaves the list")
                .isNotEmpty().noneMatch(s -> s.devices().contains(cn.yzz.kiosk.cache.catalog.DeviceUse.RECEIPT_PRINTER));

        flow.abilitiesProperty().set(new Abilities(EnumSet.of(DeviceNeed.RECEIPT_PRINTER), true, "desktop"));
        assertThat(flow.pageServicesProperty()).as("the ID card reader is down and nothing else identifies").isEmpty();
        assertThat(flow.pageCountProperty().get()).isZero();
        assertThat(flow.offerable(shebao)).isEmpty();
    }

    @Test
    void aPaymentOpenOnScreenKeepsTheVillagerUntilItIsCancelled() {
        flow.identifyFirst();
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        flow.useIdentity();
        Service pension = catalogue.service("SWJ-0001").orElseThrow();
        flow.openTheme(theme("social-insurance"));
        flow.chooseService(pension);
        ServiceRun run = flow.runProperty().get();
        var insurance = (cn.yzz.kiosk.app.service.FieldStep) run.currentProperty().get();
        insurance.choose(insurance.field().options().get(0));
        var year = (cn.yzz.kiosk.app.service.FieldStep) run.currentProperty().get();
        year.choose(year.field().options().get(0));
        var grade = (cn.yzz.kiosk.app.service.FieldStep) run.currentProperty().get();
        grade.choose("300");
        ((cn.yzz.kiosk.app.service.SummaryStep) run.currentProperty().get()).confirm();
        var pay = (cn.yzz.kiosk.app.service.QrPayStep) run.currentProperty().get();
        assertThat(session.takingMoney()).isTrue();
        flow.home();
        flow.back();
        assertThat(flow.screenProperty().get()).as("neither 首页 nor 返回 leaves an open payment").isEqualTo(Screen.SERVICE);
        assertThat(flow.canGoBackProperty().get()).as("返回 waits for 取消支付").isFalse();
        pay.cancel();
        assertThat(session.takingMoney()).isFalse();
        assertThat(flow.canGoBackProperty().get()).as("cancelled: 返回 may leave").isTrue();
        pay.again();
        county.state = cn.yzz.kiosk.app.service.County.OrderState.PAID;
        timers.fireAll();
        assertThat(pay.stateProperty().get()).isEqualTo(cn.yzz.kiosk.app.service.QrPayStep.State.PAID);
        assertThat(flow.canGoBackProperty().get()).as("paid: nothing to go back to").isFalse();
        flow.home();
        assertThat(flow.screenProperty().get()).isEqualTo(Screen.END);
    }

    @Test
    void elderModePagesFewerServices() {
        Theme shebao = theme("social-insurance");
        List<Service> all = offered("social-insurance");
        flow.openTheme(shebao);
        flow.nextPage();
        flow.pageSizeProperty().set(KioskFlowModel.ELDER_PAGE_SIZE);
        assertThat(flow.pageProperty().get()).as("back to the first page").isZero();
        assertThat(flow.pageServicesProperty()).containsExactlyElementsOf(all.subList(0, 4));
        assertThat(flow.pageCountProperty().get()).isEqualTo((all.size() + 3) / 4);
    }
}
