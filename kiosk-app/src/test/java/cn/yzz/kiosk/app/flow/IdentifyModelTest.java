package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.support.TestFxThread;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.CardType;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.Sex;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.idcard.samv.SamvIdCardReader;
import cn.yzz.kiosk.device.serial.MemoryCable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The identify flow against the real driver and the emulated reader over an in-memory cable; no screen. */
class IdentifyModelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private final TestFxThread fx = new TestFxThread();
    private MemoryCable cable;
    private IdCardReaderEmulator emulator;
    private SamvIdCardReader reader;
    private IdentifyModel model;

    @BeforeEach
    void setUp() throws Exception {
        cable = new MemoryCable("test-id");
        emulator = new IdCardReaderEmulator(cable::openDevice, 115200);
        reader = new SamvIdCardReader("test-id-reader", cable::openHost, 115200, SamvIdCardReader.Options.defaults());
        reader.open();
        model = newModel(Duration.ofSeconds(60));
    }

    private IdentifyModel newModel(Duration cardWait) {
        return new IdentifyModel(reader, fx, TODAY, cardWait, PhotoDecoder.placeholder());
    }

    @AfterEach
    void tearDown() {
        fx.run(model::cancel);
        reader.close();
        emulator.close();
        fx.close();
    }

    private Step step() {
        return fx.call(() -> model.stepProperty().get());
    }

    private void awaitStep(Step expected) {
        fx.await(WAIT, "step " + expected + " (now " + step() + ")", () -> model.stepProperty().get() == expected);
    }

    @Test
    void waitsForACardThenOffersOnlyTheMaskedIdentity() {
        fx.run(model::start);
        assertThat(step()).isEqualTo(Step.WAITING);
        assertThat(fx.call(() -> model.readingProperty().get())).as("progress shown while waiting").isTrue();

        emulator.placeCard(CardFixtures.RESIDENT);
        awaitStep(Step.DONE);

        MaskedIdentity id = fx.call(() -> model.identityProperty().get());
        String fullName = CardFixtures.RESIDENT.card().name();
        String fullNumber = CardFixtures.RESIDENT.card().idNumber();
        assertThat(id.name()).isEqualTo("陈**").isEqualTo(Mask.name(fullName));
        assertThat(id.number()).isEqualTo(Mask.number(fullNumber)).doesNotContain(fullNumber.substring(3, 14));
        assertThat(id.cardType()).isEqualTo(CardType.RESIDENT);
        assertThat(id.sex()).isEqualTo(Sex.MALE);
        assertThat(id.nation()).isEqualTo("汉族");
        assertThat(id.age()).isEqualTo(41);
        assertThat(id.validFrom()).isEqualTo(LocalDate.of(2011, 6, 1));
        assertThat(id.validTo()).isEqualTo(LocalDate.of(2031, 6, 1));
        assertThat(id.problems()).isEmpty();
        assertThat(id.canContinue()).isTrue();
        assertThat(id.photo().width()).isEqualTo(PhotoDecoder.WIDTH);
        assertThat(id.toString()).doesNotContain(fullName).doesNotContain(fullNumber);
        assertThat(fx.call(() -> model.readingProperty().get())).isFalse();
        assertThat(fx.call(() -> model.cardProperty().get().idNumber())).as("later flows get the card").isEqualTo(fullNumber);
    }

    @Test
    void aCardLiftedDuringTheReadIsAskedForAgainAndThenRead() {
        emulator.inject(Fault.CARD_REMOVED_MID_READ, 1);
        fx.run(model::start);
        emulator.placeCard(CardFixtures.RESIDENT);
        awaitStep(Step.ERROR);
        assertThat(fx.call(() -> model.readingProperty().get())).as("already waiting for the card again").isTrue();

        emulator.placeCard(CardFixtures.RESIDENT);
        awaitStep(Step.DONE);
        assertThat(fx.call(() -> model.identityProperty().get().name())).isEqualTo("陈**");
    }

    @Test
    void aPulledCableMakesTheReaderUnavailableAndRetryWorksOnceItIsBack() {
        cable.unplug();
        fx.run(model::start);
        awaitStep(Step.UNAVAILABLE);
        assertThat(fx.call(() -> model.readingProperty().get())).isFalse();

        cable.plugIn();
        emulator.placeCard(CardFixtures.ELDER_YAO_LONG_TERM);
        fx.run(model::retry);
        awaitStep(Step.DONE);
        assertThat(fx.call(() -> model.identityProperty().get().longTerm())).isTrue();
    }

    @Test
    void aSilentReaderIsReportedAsUnavailable() {
        emulator.inject(Fault.SILENCE, Integer.MAX_VALUE);
        fx.run(model::start);
        awaitStep(Step.UNAVAILABLE);
    }

    @Test
    void noCardWithinTheWaitKeepsWaitingForTheIdleWatchToDecide() throws Exception {
        fx.run(model::cancel);
        model = newModel(Duration.ofMillis(300));
        fx.run(model::start);
        fx.await(WAIT, "three waits of 300 ms running out", () -> reader.statistics().getOrDefault("NoCardCount", 0L) >= 3);
        assertThat(step()).isEqualTo(Step.WAITING);
        assertThat(fx.call(() -> model.readingProperty().get())).as("still reading").isTrue();
        emulator.placeCard(CardFixtures.RESIDENT);
        awaitStep(Step.DONE);
    }

    @Test
    void cancellingAfterAReadForgetsTheCardButRemembersItWasThereUntilCancelled() {
        fx.run(model::start);
        emulator.placeCard(CardFixtures.RESIDENT);
        awaitStep(Step.DONE);
        assertThat(fx.call(model::cardMayBeOnReader)).isTrue();
        fx.run(model::cancel);
        assertThat(step()).isEqualTo(Step.IDLE);
        assertThat(fx.call(() -> model.identityProperty().get())).as("nothing kept").isNull();
        assertThat(fx.call(() -> model.cardProperty().get())).isNull();
        assertThat(fx.call(model::cardMayBeOnReader)).isFalse();
    }

    @Test
    void leavingWhileWaitingStopsTheReadAndALaterCardDoesNotComeBack() throws Exception {
        fx.run(model::start);
        fx.run(model::cancel);
        assertThat(step()).isEqualTo(Step.IDLE);

        emulator.placeCard(CardFixtures.RESIDENT);
        // The read the villager left ends within a poll; then the reader answers one more request with the card on
        // it. A stale read would have run on the reader's thread before that, and step() runs after its result.
        fx.await(WAIT, "the read ended", () -> reader.state() != DeviceState.BUSY);
        assertThat(reader.checkHealth().ok()).isTrue();
        assertThat(step()).isEqualTo(Step.IDLE);
        assertThat(fx.call(() -> model.identityProperty().get())).isNull();

        fx.run(model::start);
        awaitStep(Step.DONE); // the reader is free for the next villager
    }
}
