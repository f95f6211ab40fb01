package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.IdentifyModel.Problem;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.FakeQrScanner;
import cn.yzz.kiosk.app.support.FakeSsCardReader;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The visit around the identify screen's other ways: a 粤省事码 shown at home identifies first, a villager
 * identified one way is not asked again by a service that takes that way, and the end reminds them to take
 * the social security card (in words and in the voice).
 */
class IdentifyFlowTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String CODE = "YSS-FLOW-51c0ffee";
    private static final Person LI = new Person("440203195103152316", "李秀英");
    /** 城乡居民养老、医疗保险缴费（本人）: ID card, 粤省事码 or social security card. */
    private static final String PAY_SELF = "SWJ-0001";
    /** 城乡居民基本养老保险参保登记: ID card or 粤省事码, works offline. */
    private static final String REGISTER = "RSJ-0005";

    private final FakeIdCardReader idReader = new FakeIdCardReader();
    private final FakeQrScanner scanner = new FakeQrScanner();
    private final FakeSsCardReader ssReader = new FakeSsCardReader();
    private final ManualScheduler timers = new ManualScheduler();
    private final FakeCounty county = new FakeCounty(TODAY);
    private final Session session = new Session();
    private Catalog catalogue;
    private KioskFlowModel flow;
    private Shell shell;

    @BeforeEach
    void setUp() {
        county.codes.put(CODE, LI);
        catalogue = CatalogParser.bundled();
        IdentifyModel identify = new IdentifyModel(idReader, Runnable::run, TODAY, IdentifyModel.CARD_WAIT, PhotoDecoder.placeholder(),
                new IdentifyModel.Means(scanner, ssReader, county));
        flow = new KioskFlowModel(catalogue, identify, session, timers, new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"),
                (plan, villager, visit, finished) -> new ServiceRun(plan, new ServiceRun.Context(villager, visit.id(), county,
                        ReceiptOut.NONE, Runnable::run, timers, TODAY, visit::holdForMoney, visit::receiptPrinted, finished)));
        shell = new Shell(flow, new IdleWatch(new ManualScheduler(), IdleWatch.Settings.defaults(), session::takingMoney), new Texts(),
                (p, l, slow) -> { }, new Shell.HelpContact("村委会", ""), new ManualScheduler(), Runnable::run);
    }

    private Service service(String code) {
        return catalogue.service(code).orElseThrow();
    }

    private Screen screen() {
        return flow.screenProperty().get();
    }

    private IdentifyModel identify() {
        return flow.identify();
    }

    @Test
    void aCodeShownAtHomeIdentifiesFirstAndTheVillagerChoosesAfter() {
        assertThat(scanner.listening()).as("home listens for a 粤省事码 from the start").isTrue();
        scanner.show(CODE);
        assertThat(screen()).isEqualTo(Screen.IDENTIFY);
        assertThat(session.active()).isTrue();
        assertThat(flow.serviceProperty().get()).isNull();
        assertThat(identify().stepProperty().get()).isEqualTo(Step.DONE);
        assertThat(shell.promptProperty().get().key()).isIn("identify.done", "elder.offer");

        flow.useIdentity();
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(session.villager().how()).isEqualTo(Identity.YSS_CODE);
        assertThat(session.personProperty().get().name()).isEqualTo("李**");
        assertThat(scanner.listening()).as("identified: home takes no more codes").isFalse();

        flow.chooseService(service(REGISTER));
        assertThat(screen()).as("the service takes a 粤省事码: not asked again").isEqualTo(Screen.SERVICE);
        flow.home();
        assertThat(screen()).as("nothing to take away: home at once").isEqualTo(Screen.HOME);
        assertThat(scanner.listening()).as("the next villager may show a code").isTrue();
    }

    @Test
    void whileSomethingCoversHomeACodeStartsNothing() {
        flow.coveredProperty().unbind();
        flow.coveredProperty().set(true);
        scanner.show(CODE);
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(county.calls).isEmpty();
    }

    @Test
    void aServiceThatDoesNotTakeTheWayTheyUsedAsksAgainWithItsOwnWays() {
        scanner.show(CODE);
        flow.useIdentity();
        Service idCardOnly = catalogue.services().stream().filter(s -> s.identity().equals(List.of(Identity.IDCARD)))
                .filter(s -> cn.yzz.kiosk.app.service.Offer.offered(s, flow.abilitiesProperty().get())).findFirst().orElseThrow();
        flow.openTheme(catalogue.theme(idCardOnly.theme()).orElseThrow());
        flow.chooseService(idCardOnly);
        assertThat(screen()).isEqualTo(Screen.IDENTIFY);
        assertThat(identify().methodsProperty()).containsExactly(Identity.IDCARD);
        assertThat(shell.promptProperty().get().key()).isEqualTo("identify.place");
    }

    @Test
    void aSocialSecurityCardIdentifiesForThePaymentAndTheEndSaysToTakeIt() {
        flow.openTheme(catalogue.theme("social-insurance").orElseThrow());
        flow.chooseService(service(PAY_SELF));
        assertThat(screen()).isEqualTo(Screen.IDENTIFY);
        assertThat(identify().methodsProperty()).containsExactly(Identity.IDCARD, Identity.YSS_CODE, Identity.SSCARD);
        assertThat(shell.promptProperty().get().key()).isEqualTo("identify.place.all");

        ssReader.insert(SsCardFixtures.GEN2.card());
        flow.useIdentity();
        assertThat(screen()).isEqualTo(Screen.SERVICE);
        assertThat(flow.runProperty().get()).isNotNull();
        assertThat(session.villager().ssCard()).isEqualTo(SsCardFixtures.GEN2.card());

        flow.home();
        assertThat(screen()).isEqualTo(Screen.END);
        assertThat(flow.remindSsCardProperty().get()).isTrue();
        assertThat(flow.remindCardProperty().get()).as("no ID card was placed").isFalse();
        assertThat(shell.promptProperty().get().key()).isEqualTo("take.sscard");
        assertThat(session.villager()).as("wiped before the reminder shows").isNull();

        flow.dismissEnd();
        assertThat(flow.remindSsCardProperty().get()).isFalse();
    }

    @Test
    void anExpiredCardLeftInTheSlotIsRemindedOfWhenTheVillagerLeaves() {
        flow.identifyFirst();
        ssReader.insert(SsCardFixtures.EXPIRED.card());
        assertThat(identify().problemProperty().get()).isEqualTo(Problem.SSCARD_EXPIRED);
        assertThat(shell.promptProperty().get().key()).isEqualTo("identify.error.sscard_expired");

        flow.back();
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(session.ssCardMayBeInReader()).isTrue();
        flow.home();
        assertThat(screen()).isEqualTo(Screen.END);
        assertThat(flow.remindSsCardProperty().get()).isTrue();
    }

    @Test
    void bothCardsAndTheReceiptAreAllNamed() {
        flow.identifyFirst();
        ssReader.insert(SsCardFixtures.EXPIRED.card()); // tried first, refused
        idReader.lastRead().complete(cn.yzz.kiosk.device.idcard.emu.CardFixtures.RESIDENT.card());
        flow.useIdentity();
        session.receiptPrinted();
        flow.end();
        assertThat(flow.remindCardProperty().get()).isTrue();
        assertThat(flow.remindSsCardProperty().get()).isTrue();
        assertThat(shell.promptProperty().get().key()).isEqualTo("take.cards.receipt");
    }

    @Test
    void offlineTheHomeScreenStillAnswersACodeWithTheIdCard() {
        flow.abilitiesProperty().set(new Abilities(EnumSet.allOf(DeviceNeed.class), false, "enhanced"));
        scanner.show(CODE);
        assertThat(screen()).isEqualTo(Screen.IDENTIFY);
        assertThat(identify().problemProperty().get()).isEqualTo(Problem.CODE_OFFLINE);
        assertThat(identify().methodsProperty()).containsExactly(Identity.IDCARD, Identity.SSCARD);
        assertThat(shell.promptProperty().get().key()).isEqualTo("identify.error.code_offline");
        assertThat(county.calls).isEmpty();
    }
}
