package cn.yzz.kiosk.device.cash;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.NoteEvent.Kind;
import cn.yzz.kiosk.device.cash.emu.NoteStage;
import cn.yzz.kiosk.device.cash.emu.NoteInPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POLL WITH ACK / EVENT ACK (essp.md §4), the real driver against the emulated validator over a real pty: a credit
 * the kiosk could not make durable, or that reached a kiosk process that died, is told again by the unit until the
 * kiosk acknowledges it, and no note moves meanwhile.
 */
class SspPtyAckTest {

    @TempDir Path dir;
    SspPtyRig rig;
    SspNoteAcceptor second;

    @AfterEach
    void stop() {
        if (second != null) {
            second.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    void startEnabled() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        rig.driver.enable(SspPtyRig.ALL);
    }

    @Test
    void autoKeysAPlainUnitAndEachCreditIsAcknowledgedOnce() throws Exception {
        startEnabled();
        assertThat(rig.emulator.state().essp()).as("the unit is set to plain SSP").isFalse();
        assertThat(rig.driver.unit().orElseThrow().encrypted()).isTrue();
        assertThat(rig.emulator.keyNegotiated()).isTrue();
        assertThat(rig.driver.statistics()).containsEntry("EventAckMode", 1L);
        rig.emulator.insert(2000);
        rig.awaitEvent(Kind.STACKED, 5);
        assertThat(rig.emulator.pollsWithAckReceived()).isPositive();
        assertThat(rig.emulator.eventAcksReceived()).as("one EVENT ACK, for the CREDIT").isEqualTo(1);
        assertThat(rig.emulator.ackPending()).isFalse();
        assertThat(rig.driver.statistics()).doesNotContainKey("PollCount");
        rig.assertBooksAgree();
    }

    @Test
    void aCreditTheHandlerCannotTakeIsToldAgainByTheUnitAndNoNoteMovesUntilItIsTaken() throws Exception {
        startEnabled();
        rig.handler.failCredits.set(2);
        rig.emulator.insert(5000);
        rig.await("the unit's CREDIT twice refused", 5, () -> rig.handler.creditAttempts.get() >= 2);
        // Held by the unit, not the driver: nothing acknowledged, the note stuck at its credit point.
        assertThat(rig.emulator.ackPending()).isTrue();
        assertThat(rig.emulator.eventAcksReceived()).isZero();
        assertThat(rig.emulator.noteInPath()).get().extracting(NoteInPath::stage).isEqualTo(NoteStage.CREDITED);
        assertThat(rig.emulator.insert(1000)).as("no next note drawn in while the ack is pending").isFalse();
        assertThat(rig.handler.count(Kind.STACKED)).isZero();

        rig.awaitEvent(Kind.STACKED, 5);
        assertThat(rig.handler.creditAttempts.get()).as("two refused, the unit's third telling taken").isEqualTo(3);
        assertThat(rig.handler.of(Kind.CREDIT)).singleElement().extracting(NoteEvent::valueFen).isEqualTo(5000L);
        assertThat(rig.handler.journalLines()).filteredOn(l -> l.contains("CREDIT")).containsExactly("CREDIT 5 5000 -1");
        assertThat(rig.emulator.eventAcksReceived()).isEqualTo(1);
        assertThat(rig.driver.statistics().get("EventAckWithheldCount")).isGreaterThanOrEqualTo(2);
        assertThat(rig.emulator.credits()).hasSize(1);

        // The unit takes notes again once the kiosk has the credit.
        rig.await("enabled again", 3, () -> rig.emulator.state().enabled());
        rig.await("the next note drawn in", 3, () -> rig.emulator.insert(1000));
        rig.await("the next STACKED", 5, () -> rig.handler.count(Kind.STACKED) == 2);
        rig.assertBooksAgree();
    }

    @Test
    void aKioskThatDiesBeforeItsJournalCommitHearsTheSameCreditInItsNextProcess() throws Exception {
        startEnabled();
        rig.handler.failCredits.set(Integer.MAX_VALUE); // the process dies before the commit: never taken
        rig.emulator.insert(10000);
        rig.await("the CREDIT reply reaching the kiosk", 5, () -> rig.handler.creditAttempts.get() >= 1);
        rig.driver.close(); // killed: no EVENT ACK went
        assertThat(rig.emulator.ackPending()).isTrue();
        assertThat(rig.handler.creditedFen()).isEmpty();

        SspPtyRig.JournalingHandler next = new SspPtyRig.JournalingHandler(dir.resolve("journal.log"));
        second = rig.openAnotherDriver(SspPtyRig.FAST, next);
        rig.await("the same CREDIT in the new process", 5, () -> next.count(Kind.CREDIT) == 1);
        rig.await("STACKED after the ack", 5, () -> next.count(Kind.STACKED) == 1);
        assertThat(next.of(Kind.CREDIT)).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo(6);
            assertThat(e.valueFen()).isEqualTo(10000);
        });
        // The desk's rule: the journal still held the note in escrow, so this CREDIT is the one it never committed.
        assertThat(next.creditedFen()).containsExactly(10000L);
        assertThat(next.repeats).isEmpty();
        assertThat(next.events).extracting(NoteEvent::kind).as("the unit did not restart").doesNotContain(Kind.SLAVE_RESET);
        assertThat(rig.emulator.credits()).hasSize(1);
        assertThat(rig.emulator.ackPending()).isFalse();
        assertBooks(rig.handler, next);
    }

    @Test
    void aKioskThatDiesAfterItsCommitButBeforeTheAckHearsARepeatThatCountsNothing() throws Exception {
        startEnabled();
        // The journal commits, then the process dies before EVENT ACK: the first handler writes, then throws.
        SspPtyRig.JournalingHandler first = rig.handler;
        rig.driver.setHandler(new CashHandler() {
            @Override
            public Decision escrowed(int channel, long valueFen) {
                return first.escrowed(channel, valueFen);
            }

            @Override
            public void event(NoteEvent e) {
                first.event(e);
                if (e.kind() == Kind.CREDIT) {
                    throw new IllegalStateException("killed after the commit (test)");
                }
            }
        });
        rig.emulator.insert(1000);
        rig.await("the CREDIT committed", 5, () -> first.count(Kind.CREDIT) >= 1);
        rig.driver.close();
        assertThat(rig.emulator.ackPending()).isTrue();

        SspPtyRig.JournalingHandler next = new SspPtyRig.JournalingHandler(dir.resolve("journal.log"));
        second = rig.openAnotherDriver(SspPtyRig.FAST, next);
        rig.await("STACKED after the ack", 5, () -> next.count(Kind.STACKED) == 1);
        assertThat(next.repeats).as("told again, recognised as the repeat").singleElement()
                .extracting(NoteEvent::valueFen).isEqualTo(1000L);
        assertThat(next.creditedFen()).isEmpty();
        List<String> journal = first.journalLines();
        assertThat(journal).filteredOn(l -> l.contains("CREDIT")).containsExactly("CREDIT 3 1000 -1", "repeat CREDIT 3 1000 -1");
        assertBooks(first, next);
    }

    @Test
    void anEventAckLostWithTheLinkIsSentAgainAndTheRepeatIsNotDeliveredTwice() throws Exception {
        startEnabled();
        SspPtyRig.JournalingHandler h = rig.handler;
        rig.driver.setHandler(new CashHandler() {
            @Override
            public Decision escrowed(int channel, long valueFen) {
                return h.escrowed(channel, valueFen);
            }

            @Override
            public void event(NoteEvent e) {
                h.event(e);
                if (e.kind() == Kind.CREDIT) {
                    rig.emulator.silence(Duration.ofMillis(2500)); // the line goes dead before the EVENT ACK
                }
            }
        });
        rig.emulator.insert(2000);
        rig.awaitEvent(Kind.LINK_LOST, 5);
        assertThat(rig.emulator.ackPending()).isTrue();
        rig.awaitEvent(Kind.LINK_BACK, 6);
        rig.awaitEvent(Kind.STACKED, 5);
        assertThat(h.count(Kind.CREDIT)).as("the unit told it again; this driver had it already").isEqualTo(1);
        assertThat(rig.driver.statistics()).containsEntry("RepeatedEventCount", 1L);
        assertThat(rig.emulator.eventAcksReceived()).isEqualTo(1);
        assertThat(h.repeats).isEmpty();
        rig.assertBooksAgree();
    }

    @Test
    void aUnitWithoutPollWithAckIsPolledPlainlyAndSaysSo() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> emu.setPollWithAck(false));
        rig.await("the fallback", 3, () -> rig.driver.statistics().containsKey("PollCount"));
        assertThat(rig.driver.unit().orElseThrow().encrypted()).isTrue();
        assertThat(rig.driver.statistics()).containsEntry("PollWithAckUnsupportedCount", 1L).containsEntry("EventAckMode", 0L);
        assertThat(rig.driver.checkHealth().detail()).contains("不支持事件确认");
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insert(500);
        rig.awaitEvent(Kind.STACKED, 5);
        assertThat(rig.emulator.pollsWithAckReceived()).isZero();
        assertThat(rig.emulator.eventAcksReceived()).isZero();
        assertThat(rig.driver.statistics()).containsEntry("PollWithAckUnsupportedCount", 1L);
        rig.assertBooksAgree();
    }

    /** Both processes' journals together hold every note the unit credited, once. */
    private void assertBooks(SspPtyRig.JournalingHandler a, SspPtyRig.JournalingHandler b) {
        List<Long> all = Stream.concat(a.creditedFen().stream(), b.creditedFen().stream()).toList();
        assertThat(all).containsExactlyInAnyOrderElementsOf(rig.emulator.credits().stream().map(c -> c.valueFen()).toList());
        assertThat(rig.emulator.state().cashbox()).isEqualTo(
                all.stream().collect(java.util.stream.Collectors.toMap(v -> v, v -> 1, Integer::sum)));
    }
}
