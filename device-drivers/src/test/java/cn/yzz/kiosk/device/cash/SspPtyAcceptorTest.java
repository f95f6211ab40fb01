package cn.yzz.kiosk.device.cash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.cash.NoteEvent.Kind;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real SSP driver against the emulated validator over a real pty: notes taken, handed back, held, refused. */
class SspPtyAcceptorTest {

    @TempDir Path dir;
    SspPtyRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theUnitIsReadFromTheWireNeverAssumed() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        UnitInfo u = rig.driver.unit().orElseThrow();
        assertThat(u.serial()).isEqualTo(1873452);
        assertThat(u.protocolVersion()).as("the emulator takes up to 7; the driver asks 8 first").isEqualTo(7);
        assertThat(u.country()).isEqualTo("CNY");
        assertThat(u.channelsFen()).containsExactly(100L, 500L, 1000L, 2000L, 5000L, 10000L);
        assertThat(u.encrypted()).isFalse();
        assertThat(rig.driver.state()).isEqualTo(DeviceState.IDLE);
        assertThat(rig.emulator.state().enabled()).as("set up disabled until asked").isFalse();
    }

    @Test
    void aNoteIsJournaledInEscrowThenStackedAndCreditedOnce() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        rig.driver.enable(SspPtyRig.ALL);
        assertThat(rig.emulator.state().enabled()).isTrue();
        assertThat(rig.emulator.insert(5000)).isTrue();
        rig.awaitEvent(Kind.STACKED, 5);

        assertThat(rig.handler.events).extracting(NoteEvent::kind)
                .containsSubsequence(Kind.READING, Kind.ESCROWED, Kind.STACKING, Kind.CREDIT, Kind.STACKED);
        assertThat(rig.handler.of(Kind.CREDIT)).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo(5);
            assertThat(e.valueFen()).isEqualTo(5000);
        });
        List<String> journal = rig.handler.journalLines();
        assertThat(journal.indexOf("escrow 5 5000")).as("escrow on disk before the credit: %s", journal)
                .isGreaterThanOrEqualTo(0).isLessThan(journal.indexOf("CREDIT 5 5000 -1"));
        assertThat(rig.emulator.state().cashbox()).isEqualTo(Map.of(5000L, 1));
        rig.assertBooksAgree();
    }

    @Test
    void aNoteTheHandlerDoesNotWantIsHandedBack() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        rig.handler.decision = CashHandler.Decision.RETURN;
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insert(10000);
        rig.awaitEvent(Kind.REJECTED, 5);
        assertThat(rig.handler.of(Kind.REJECTED)).singleElement().satisfies(e -> {
            assertThat(e.rejectCode()).as("reject by host").isEqualTo(0x08);
            assertThat(e.channel()).isEqualTo(6);
        });
        assertThat(rig.handler.count(Kind.CREDIT)).isZero();
        assertThat(rig.emulator.state().cashbox()).isEmpty();
        assertThat(rig.emulator.credits()).isEmpty();
    }

    @Test
    void aSlowHandlerKeepsTheNoteInEscrowPastTheUnitsTenSeconds() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        rig.handler.thinkMillis = 11_500;
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insert(2000);
        rig.awaitEvent(Kind.CREDIT, 16);
        rig.awaitEvent(Kind.STACKED, 3);
        assertThat(rig.emulator.state().counter("escrowTimeouts")).as("never handed back by the unit").isZero();
        assertThat(rig.driver.statistics().get("HoldCount")).as("HOLD at least every 2 s").isGreaterThanOrEqualTo(6);
        assertThat(rig.emulator.state().cashbox()).isEqualTo(Map.of(2000L, 1));
        rig.assertBooksAgree();
    }

    @Test
    void aValueNotAskedForIsRefusedByTheUnitWithChannelInhibit() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        rig.driver.enable(Set.of(1000L, 2000L));
        assertThat(rig.emulator.state().inhibits()).isEqualTo(0b001100);
        rig.emulator.insert(10000);
        rig.awaitEvent(Kind.REJECTED, 5);
        assertThat(rig.handler.of(Kind.REJECTED)).singleElement().extracting(NoteEvent::rejectCode).isEqualTo(0x06);
        assertThat(rig.handler.escrowCalls).as("never in escrow").isZero();
    }

    @Test
    void aFakeAndAnUnknownNoteAreRefusedWithValidationCodes() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        rig.driver.enable(SspPtyRig.ALL);
        rig.emulator.insertFake();
        rig.awaitEvent(Kind.REJECTED, 5);
        rig.await("the unit to be free", 3, () -> rig.emulator.noteInPath().isEmpty());
        rig.emulator.insert(200); // a ¥2 note: not in the dataset
        rig.await("a second REJECTED", 5, () -> rig.handler.count(Kind.REJECTED) == 2);
        assertThat(rig.handler.of(Kind.REJECTED)).extracting(NoteEvent::rejectCode).containsExactly(0x02, 0x01);
        assertThat(rig.handler.count(Kind.CREDIT)).isZero();
        assertThat(rig.handler.escrowCalls).isZero();
    }

    @Test
    void channelsLeftUnusedAreReadAsSuchAndCannotBeAskedFor() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> emu.setDataset(new Dataset("CNY", List.of(0L, 500L, 1000L, 0L, 5000L, 10000L))));
        assertThat(rig.driver.unit().orElseThrow().channelsFen()).containsExactly(0L, 500L, 1000L, 0L, 5000L, 10000L);
        assertThatThrownBy(() -> rig.driver.enable(Set.of(100L, 2000L)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.getMessage()).contains("不收这些面额"));
        rig.driver.enable(Set.of(100L, 10000L));
        assertThat(rig.emulator.state().inhibits()).isEqualTo(0b100000);
        rig.emulator.insert(10000);
        rig.awaitEvent(Kind.STACKED, 5);
        assertThat(rig.handler.of(Kind.CREDIT)).singleElement().extracting(NoteEvent::channel).isEqualTo(6);
        rig.assertBooksAgree();
    }

    @Test
    void severalNotesInARowAreEachCreditedOnce() throws Exception {
        rig = SspPtyRig.start(dir, SspPtyRig.FAST, emu -> { });
        rig.driver.enable(SspPtyRig.ALL);
        long[] notes = {100, 500, 1000, 2000, 5000, 10000, 10000};
        for (long v : notes) {
            rig.await("the unit to take a note", 5, () -> rig.emulator.insert(v));
            long stacked = rig.handler.count(Kind.STACKED);
            rig.await("STACKED", 5, () -> rig.handler.count(Kind.STACKED) > stacked);
        }
        assertThat(rig.handler.creditedFen()).containsExactly(100L, 500L, 1000L, 2000L, 5000L, 10000L, 10000L);
        assertThat(rig.emulator.state().cashboxFen()).isEqualTo(28600);
        rig.assertBooksAgree();
    }
}
