package cn.yzz.kiosk.device.cash;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.NoteEvent.Kind;
import cn.yzz.kiosk.device.cash.emu.AcceptorFault;
import cn.yzz.kiosk.device.cash.emu.Credit;
import cn.yzz.kiosk.device.cash.emu.NoteStage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SSP driver against every fault of the emulated validator, over a real pty. */
class SspPtyFaultTest {

    @TempDir Path dir;
    SspPtyRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    void startEnabled() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        rig.driver.enable(SspPtyRig.ALL);
    }

    @Test
    void aLostCreditReplyIsSentAgainWithTheSameFlagAndCreditedOnce() throws Exception {
        startEnabled();
        rig.emulator.inject(AcceptorFault.LOSE_REPLY, 1, 0xEE);
        rig.emulator.insert(1000);
        rig.awaitEvent(Kind.STACKED, 6);
        assertThat(rig.emulator.repliesLost()).isEqualTo(1);
        assertThat(rig.emulator.repeatsAnswered()).as("the host re-sent the same packet").isGreaterThanOrEqualTo(1);
        assertThat(rig.driver.statistics().get("RetransmissionCount")).isGreaterThanOrEqualTo(1);
        assertThat(rig.handler.count(Kind.CREDIT)).isEqualTo(1);
        assertThat(rig.emulator.state().cashbox()).isEqualTo(Map.of(1000L, 1));
        rig.assertBooksAgree();
    }

    @Test
    void corruptCrcsAndGarbageCostNoNote() throws Exception {
        startEnabled();
        rig.emulator.inject(AcceptorFault.CORRUPT_CRC, 3);
        rig.emulator.inject(AcceptorFault.GARBAGE, 10);
        rig.emulator.insert(500);
        rig.awaitEvent(Kind.STACKED, 8);
        rig.await("the unit free", 3, () -> rig.emulator.noteInPath().isEmpty());
        rig.emulator.inject(AcceptorFault.CORRUPT_CRC, 1, 0xEE);
        rig.emulator.insert(5000);
        rig.await("a second STACKED", 8, () -> rig.handler.count(Kind.STACKED) == 2);
        assertThat(rig.handler.count(Kind.CREDIT)).isEqualTo(2);
        assertThat(rig.driver.statistics().get("CommunicationErrorCount")).isPositive();
        rig.assertBooksAgree();
    }

    @Test
    void silenceIsLinkLostThenLinkBackAndTheUnitIsSetUpAgain() throws Exception {
        startEnabled();
        rig.emulator.silence(Duration.ofSeconds(4));
        rig.awaitEvent(Kind.LINK_LOST, 5);
        rig.awaitEvent(Kind.LINK_BACK, 6);
        assertThat(rig.handler.count(Kind.LINK_LOST)).as("told once").isEqualTo(1);
        assertThat(rig.driver.checkHealth().status()).isEqualTo(cn.yzz.kiosk.device.Health.Status.OK);
        // After the link comes back the unit is disabled until the kiosk asks again; then notes are taken.
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insert(2000);
        rig.awaitEvent(Kind.STACKED, 5);
        rig.assertBooksAgree();
    }

    @Test
    void aSafeJamCreditsNothingUntilClearedAndThenTheNoteIsInTheBox() throws Exception {
        startEnabled();
        rig.emulator.inject(AcceptorFault.SAFE_JAM, 1);
        rig.emulator.insert(10000);
        rig.awaitEvent(Kind.SAFE_JAM, 5);
        assertThat(rig.handler.count(Kind.CREDIT)).isZero();
        rig.awaitPolls(3); // the unit reports the jam in each of them
        assertThat(rig.handler.count(Kind.SAFE_JAM)).as("a lasting condition told once").isEqualTo(1);
        assertThat(rig.driver.checkHealth().detail()).contains("卡钞");
        assertThat(rig.emulator.clearJam()).isTrue();
        rig.awaitEvent(Kind.CLEARED_TO_CASHBOX, 5);
        assertThat(rig.handler.of(Kind.CLEARED_TO_CASHBOX)).singleElement().extracting(NoteEvent::valueFen).isEqualTo(10000L);
        assertThat(rig.emulator.state().cashbox()).isEqualTo(Map.of(10000L, 1));
        rig.assertBooksAgree();
    }

    @Test
    void anUnsafeJamAtTheFrontIsNeverCredited() throws Exception {
        startEnabled();
        rig.emulator.inject(AcceptorFault.UNSAFE_JAM, 1);
        rig.emulator.insert(2000);
        rig.awaitEvent(Kind.UNSAFE_JAM, 5);
        assertThat(rig.emulator.clearJam()).isTrue();
        rig.awaitEvent(Kind.CLEARED_FROM_FRONT, 5);
        assertThat(rig.handler.count(Kind.CREDIT)).isZero();
        assertThat(rig.emulator.credits()).isEmpty();
        rig.assertBooksAgree();
    }

    @Test
    void aFraudAttemptIsToldAndNothingIsCredited() throws Exception {
        startEnabled();
        rig.emulator.inject(AcceptorFault.FRAUD_ATTEMPT, 1);
        rig.emulator.insert(5000);
        rig.awaitEvent(Kind.FRAUD_ATTEMPT, 5);
        rig.awaitEvent(Kind.STACKED, 3);
        assertThat(rig.handler.of(Kind.FRAUD_ATTEMPT)).singleElement().extracting(NoteEvent::channel).isEqualTo(5);
        assertThat(rig.handler.count(Kind.CREDIT)).isZero();
        assertThat(rig.emulator.state().cashbox()).isEmpty();
        rig.assertBooksAgree();
    }

    @Test
    void theCashBoxTakenOutAndPutBackIsHeardAndTheBoxStartsEmpty() throws Exception {
        startEnabled();
        rig.emulator.insert(1000);
        rig.awaitEvent(Kind.STACKED, 5);
        rig.emulator.removeCashbox();
        rig.awaitEvent(Kind.CASHBOX_REMOVED, 3);
        assertThat(rig.driver.checkHealth().code()).isEqualTo("cashbox-removed");
        assertThat(rig.emulator.insert(1000)).as("no box, no note").isFalse();
        rig.emulator.replaceCashbox();
        rig.awaitEvent(Kind.CASHBOX_REPLACED, 3);
        assertThat(rig.handler.count(Kind.CASHBOX_REPLACED)).isEqualTo(1);
        assertThat(rig.emulator.state().cashbox()).isEmpty();
        assertThat(rig.driver.checkHealth().code()).isNotEqualTo("cashbox-removed");
    }

    @Test
    void aFullStackerIsToldAndTakesNoMore() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> emu.setStackerCapacity(2));
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insert(100);
        rig.awaitEvent(Kind.STACKED, 5);
        rig.await("the unit free", 3, () -> rig.emulator.noteInPath().isEmpty());
        rig.emulator.insert(100);
        rig.awaitEvent(Kind.STACKER_FULL, 5);
        assertThat(rig.emulator.insert(100)).isFalse();
        assertThat(rig.driver.checkHealth().code()).isEqualTo("stacker-full");
        rig.assertBooksAgree();
    }

    @Test
    void aUnitSetToEsspIsGivenAKeyAndNotesAreStillCredited() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> emu.setEssp(true));
        assertThat(rig.driver.unit().orElseThrow().encrypted()).isTrue();
        assertThat(rig.emulator.keyNegotiated()).isTrue();
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insert(10000);
        rig.awaitEvent(Kind.STACKED, 5);
        assertThat(rig.emulator.encryptedCommandsReceived()).isGreaterThan(5);
        assertThat(rig.handler.of(Kind.CREDIT)).singleElement().extracting(NoteEvent::valueFen).isEqualTo(10000L);
        rig.assertBooksAgree();
    }

    @Test
    void aResetUnitForgetsItsKeyAndTheDriverNegotiatesAgain() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> emu.setEssp(true));
        rig.emulator.cutPower(Duration.ofMillis(200));
        rig.await("a new key", 6, () -> rig.driver.statistics().getOrDefault("KeyExchangeCount", 0L) >= 2);
        rig.await("the SLAVE RESET after it", 3, () -> rig.handler.count(Kind.SLAVE_RESET) == 2);
        assertThat(rig.emulator.keyNegotiated()).isTrue();
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insert(500);
        rig.awaitEvent(Kind.STACKED, 5);
        assertThat(rig.emulator.credits()).extracting(Credit::via).containsExactly(Credit.Via.CREDIT);
        rig.assertBooksAgree();
    }

    @Test
    void aReplyLostJustBeforeAPowerCutStillEndsInExactlyOneCredit() throws Exception {
        startEnabled();
        rig.emulator.inject(AcceptorFault.LOSE_REPLY, 1, 0xEE);
        rig.emulator.cutPowerWhen(NoteStage.CREDITED, Duration.ofMillis(300));
        rig.emulator.insert(5000);
        rig.awaitEvent(Kind.CLEARED_TO_CASHBOX, 8);
        assertThat(rig.handler.count(Kind.CREDIT)).as("the host never heard the CREDIT").isZero();
        assertThat(rig.emulator.credits()).extracting(Credit::via).containsExactly(Credit.Via.CREDIT_THEN_CLEARED);
        rig.assertBooksAgree();
    }
}
