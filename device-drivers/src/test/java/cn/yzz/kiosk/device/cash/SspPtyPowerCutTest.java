package cn.yzz.kiosk.device.cash;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.NoteEvent.Kind;
import cn.yzz.kiosk.device.cash.emu.Credit;
import cn.yzz.kiosk.device.cash.emu.NoteStage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts of the emulated validator (and its process dying) at each stage of a note, with the real driver
 * over a real pty: a note in escrow comes back out and is never credited; a note past the credit point or
 * in the stack path ends in the cash box and is credited exactly once.
 */
class SspPtyPowerCutTest {

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
    void aNoteInEscrowAtAPowerCutComesBackOutAndIsNeverCredited() throws Exception {
        startEnabled();
        rig.handler.thinkMillis = 800; // the handler is still deciding when the power goes
        rig.emulator.cutPowerWhen(NoteStage.ESCROW, Duration.ofMillis(300));
        rig.emulator.insert(1000);
        rig.awaitEvent(Kind.CLEARED_FROM_FRONT, 8);
        assertThat(rig.handler.events).extracting(NoteEvent::kind).containsSubsequence(Kind.SLAVE_RESET, Kind.CLEARED_FROM_FRONT);
        assertThat(rig.handler.of(Kind.CLEARED_FROM_FRONT)).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo(3);
            assertThat(e.valueFen()).isEqualTo(1000);
        });
        rig.await("the handler's decision, after the power came back", 5, () -> rig.handler.decisions.get() > 0);
        rig.awaitPolls(3);
        assertThat(rig.handler.count(Kind.CREDIT)).isZero();
        assertThat(rig.handler.count(Kind.CLEARED_FROM_FRONT)).as("told once").isEqualTo(1);
        assertThat(rig.emulator.credits()).isEmpty();
        assertThat(rig.emulator.state().cashbox()).isEmpty();
        rig.assertBooksAgree();
    }

    @Test
    void aNoteStackingBeforeItsCreditAtAPowerCutIsClearedIntoTheBoxAndCreditedThen() throws Exception {
        startEnabled();
        rig.emulator.cutPowerWhen(NoteStage.STACKING, Duration.ofMillis(300));
        rig.emulator.insert(2000);
        rig.awaitEvent(Kind.CLEARED_TO_CASHBOX, 8);
        assertThat(rig.handler.count(Kind.CREDIT)).isZero();
        assertThat(rig.emulator.credits()).extracting(Credit::via).containsExactly(Credit.Via.CLEARED_TO_CASHBOX);
        assertThat(rig.emulator.state().cashbox()).isEqualTo(Map.of(2000L, 1));
        rig.assertBooksAgree();
    }

    @Test
    void aCreditedNoteAtAPowerCutIsToldAgainAsClearedIntoTheBoxAndCountedOnce() throws Exception {
        startEnabled();
        rig.emulator.cutPowerWhen(NoteStage.CREDITED, Duration.ofMillis(300));
        rig.emulator.insert(5000);
        rig.awaitEvent(Kind.CLEARED_TO_CASHBOX, 8);
        assertThat(rig.handler.events).extracting(NoteEvent::kind)
                .containsSubsequence(Kind.CREDIT, Kind.SLAVE_RESET, Kind.CLEARED_TO_CASHBOX);
        assertThat(rig.handler.count(Kind.STACKED)).isZero();
        assertThat(rig.emulator.credits()).extracting(Credit::via).containsExactly(Credit.Via.CREDIT_THEN_CLEARED);
        assertThat(rig.emulator.state().cashbox()).as("in the box once").isEqualTo(Map.of(5000L, 1));
        rig.assertBooksAgree();
    }

    @Test
    void theEmulatorProcessDyingWithANoteInEscrowIsAPowerCut() throws Exception {
        startEnabled();
        rig.handler.thinkMillis = 3000;
        rig.emulator.insert(10000);
        rig.await("a note in escrow", 5, () -> rig.handler.escrowCalls > 0);
        rig.restartEmulator();
        rig.awaitEvent(Kind.CLEARED_FROM_FRONT, 8);
        rig.await("the handler's late decision", 5, () -> rig.handler.decisions.get() > 0);
        rig.awaitPolls(3);
        assertThat(rig.handler.count(Kind.CREDIT)).isZero();
        assertThat(rig.emulator.credits()).isEmpty();
        rig.assertBooksAgree();
        // The driver carries on with the unit it set up again.
        rig.handler.thinkMillis = 0;
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insert(10000);
        rig.awaitEvent(Kind.STACKED, 5);
        rig.assertBooksAgree();
    }

    @Test
    void manyPowerCutsAtRandomMomentsNeverLoseOrDoubleANote() throws Exception {
        startEnabled();
        java.util.Random r = new java.util.Random(12);
        NoteStage[] stages = {NoteStage.READING, NoteStage.ESCROW, NoteStage.STACKING, NoteStage.CREDITED, null};
        long[] values = {100, 500, 1000, 2000, 5000, 10000};
        for (int i = 0; i < 8; i++) {
            NoteStage cut = stages[r.nextInt(stages.length)];
            if (cut != null) {
                rig.emulator.cutPowerWhen(cut, Duration.ofMillis(100 + r.nextInt(400)));
            }
            long resets = rig.handler.count(Kind.SLAVE_RESET);
            rig.await("the unit taking a note", 8, () -> {
                try {
                    rig.driver.enable(SspPtyRig.ALL);
                } catch (Exception e) {
                    return false; // between a reset and its set-up
                }
                return rig.emulator.insert(values[r.nextInt(values.length)]);
            });
            rig.await("the note settled", 10, () -> rig.emulator.noteInPath().isEmpty()
                    && rig.emulator.state().pendingClearing().isEmpty() && rig.emulator.powered()
                    && (cut == null || rig.handler.count(Kind.SLAVE_RESET) > resets));
            rig.emulator.clearFaults();
            rig.awaitPolls(2); // the last poll's events reach the handler
        }
        rig.assertBooksAgree();
        assertThat(rig.emulator.state().cashboxNotes()).isEqualTo(rig.emulator.credits().size());
    }
}
