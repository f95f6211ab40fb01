package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.IdentifyModel.Problem;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.app.support.TestFxThread;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.sscard.PcscSsCardReader;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.emu.Pcscd;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import cn.yzz.kiosk.device.sscard.emu.VpcdCard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Social security card login at the kiosk's level through the real driver, javax.smartcardio and pcscd,
 * with the Java card in vpcd's second virtual reader (the device-drivers tests use the first): the card
 * inserted identifies the villager for a service, an expired card and a bank card are told apart in
 * plain words, a card read by record identifier only works too, and the end reminds to take the card.
 */
class SsCardLoginPcscTest {

    private static final String READER = "Virtual PCD 00 01";
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final TestFxThread fx = new TestFxThread();
    private final ManualScheduler timers = new ManualScheduler();
    private VpcdCard card;
    private PcscSsCardReader reader;
    private KioskFlowModel flow;
    private Catalog catalogue;

    @BeforeAll
    static void pcscd() throws Exception {
        Pcscd.ensureRunning();
    }

    @BeforeEach
    void setUp() throws Exception {
        slotEmpty();
        card = new VpcdCard(VpcdCard.FIRST_PORT + 1);
        reader = new PcscSsCardReader("sscard-reader", READER);
        reader.open();
        assertThat(reader.state()).as(reader.checkHealth().detail()).isEqualTo(DeviceState.IDLE);
        catalogue = CatalogParser.bundled();
        FakeCounty county = new FakeCounty(TODAY);
        flow = fx.call(() -> {
            IdentifyModel identify = new IdentifyModel(new FakeIdCardReader(), fx, TODAY, Duration.ofSeconds(60),
                    PhotoDecoder.placeholder(), new IdentifyModel.Means(null, reader, county));
            return new KioskFlowModel(catalogue, identify, new Session(), timers,
                    new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"),
                    (plan, villager, visit, finished) -> new ServiceRun(plan, new ServiceRun.Context(villager, visit.id(), county,
                            ReceiptOut.NONE, fx, timers, TODAY, visit::holdForMoney, visit::receiptPrinted, finished)));
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.run(() -> flow.identify().cancel());
        reader.close();
        card.close();
        fx.close();
        slotEmpty();
    }

    /** pcscd polls vpcd about every 400 ms: a card put in before it saw the last one go would take its place unseen. */
    private static void slotEmpty() throws Exception {
        CardTerminal t = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(READER);
        assertThat(t.waitForCardAbsent(5000)).as("pcscd still sees a card in " + READER).isTrue();
    }

    private IdentifyModel identify() {
        return flow.identify();
    }

    private void await(String what, java.util.function.Supplier<Boolean> condition) {
        fx.await(WAIT, what, condition);
    }

    private void remove() throws Exception {
        card.remove();
        await("the card seen out", () -> !reader.cardPresent());
        slotEmpty();
    }

    @Test
    void aSocialSecurityCardInsertedIdentifiesTheVillagerForTheServiceAndTheEndRemindsToTakeIt() throws Exception {
        fx.run(() -> {
            flow.openTheme(catalogue.theme("social-insurance").orElseThrow());
            flow.chooseService(catalogue.service("SWJ-0001").orElseThrow());
        });
        assertThat(fx.call(() -> identify().methodsProperty().contains(Identity.SSCARD))).isTrue();
        await("the reader waiting", () -> reader.state() == DeviceState.BUSY);

        card.insert(SsCardFixtures.GEN2);
        await("identified", () -> identify().stepProperty().get() == Step.DONE);
        SsCard expected = SsCardFixtures.GEN2.expected();
        MaskedIdentity shown = fx.call(() -> identify().identityProperty().get());
        assertThat(shown.how()).isEqualTo(Identity.SSCARD);
        assertThat(shown.name()).isEqualTo(Mask.name(expected.name()));
        assertThat(shown.number()).isEqualTo(Mask.number(expected.idNumber()));
        assertThat(shown.validTo()).isEqualTo(expected.expiryDate());

        fx.run(flow::useIdentity);
        assertThat(fx.call(() -> flow.screenProperty().get())).isEqualTo(Screen.SERVICE);
        assertThat(fx.call(() -> flow.session().villager().idNumber())).isEqualTo(expected.idNumber());

        fx.run(flow::home);
        assertThat(fx.call(() -> flow.screenProperty().get())).isEqualTo(Screen.END);
        assertThat(fx.call(() -> flow.remindSsCardProperty().get())).as("请取走您的社保卡").isTrue();
        assertThat(reader.cardPresent()).as("and it is indeed still in the slot").isTrue();
    }

    @Test
    void anExpiredCardThenABankCardAreToldApartAndThenAGoodCardIsRead() throws Exception {
        fx.run(flow::identifyFirst);
        await("the reader waiting", () -> reader.state() == DeviceState.BUSY);

        card.insert(SsCardFixtures.EXPIRED);
        await("expired", () -> identify().problemProperty().get() == Problem.SSCARD_EXPIRED);
        assertThat(fx.call(() -> identify().identityProperty().get())).isNull();
        remove();

        card.insert(SsCardFixtures.NOT_SOCIAL_SECURITY);
        await("not a social security card", () -> identify().problemProperty().get() == Problem.NOT_SSCARD);
        remove();

        SsCardFixture good = SsCardFixtures.IDENTIFIER_ONLY; // read only after selecting each file
        card.insert(good);
        await("read", () -> identify().stepProperty().get() == Step.DONE);
        assertThat(fx.call(() -> identify().villagerProperty().get().ssCard())).isEqualTo(good.expected());
    }
}
