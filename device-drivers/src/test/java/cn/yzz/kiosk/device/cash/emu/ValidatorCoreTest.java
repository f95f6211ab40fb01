package cn.yzz.kiosk.device.cash.emu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.ssp.EsspCipher;
import cn.yzz.kiosk.device.cash.ssp.EsspKeys;
import cn.yzz.kiosk.device.cash.ssp.EsspSession;
import cn.yzz.kiosk.device.cash.ssp.SetupReply;
import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulated validator's SSP slave, driven packet by packet on a clock the test moves (no line, no waits). */
class ValidatorCoreTest {

    @TempDir Path dir;
    Path file;
    TestClock clock = new TestClock();
    ValidatorCore core;
    boolean flag;
    EsspSession session;

    @BeforeEach
    void start() {
        file = dir.resolve("nv9.json");
        core = new ValidatorCore(file, Dataset.CNY, 1873452, clock, new Random(1));
    }

    // ---- a host in a few lines ----

    /** Sends a new command (the flag toggles, SYNC goes with 0x80) and returns the reply's data (decrypted). */
    byte[] send(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        if (bytes[0] == SspCommand.SYNC) {
            flag = true;
        }
        if (session != null) {
            data = session.wrapCommand(data, new Random(2));
        }
        ValidatorCore.Answer a = core.packet(SspFrame.of(flag, 0, data));
        boolean sent = flag;
        flag = !flag;
        assertThat(a).as("a reply to %s", hex(data)).isNotNull();
        assertThat(a.reply().flag()).as("the reply carries the command's flag").isEqualTo(sent);
        byte[] r = a.reply().data();
        if (session != null && EsspCipher.isWrapped(r)) {
            try {
                return session.unwrapReply(r);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return r;
    }

    /** Sends the last command again with the same flag, as after a lost reply. */
    ValidatorCore.Answer resend(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return core.packet(SspFrame.of(!flag, 0, data));
    }

    String poll() {
        return hex(send(SspCommand.POLL));
    }

    void setUpAndEnable(int mask) {
        assertThat(hex(send(SspCommand.SYNC))).isEqualTo("F0");
        assertThat(hex(send(SspCommand.SET_CHANNEL_INHIBITS, mask & 0xFF, mask >> 8))).isEqualTo("F0");
        assertThat(hex(send(SspCommand.ENABLE))).isEqualTo("F0");
    }

    static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }

    /** Polls a note of ¥10 in channel 3 through to escrow. */
    void toEscrow() {
        assertThat(core.insert(1000, false)).isTrue();
        assertThat(poll()).isEqualTo("F0 EF 00");
        assertThat(poll()).isEqualTo("F0 EF 03");
    }

    // ---- set-up ----

    @Test
    void firstPollAfterPowerUpIsSlaveResetAndDisabled() {
        send(SspCommand.SYNC);
        assertThat(poll()).isEqualTo("F0 F1 E8");
        assertThat(poll()).isEqualTo("F0 E8");
    }

    @Test
    void setupRequestCarriesTheCnyDatasetInItlsLayout() throws Exception {
        send(SspCommand.SYNC);
        byte[] r = send(SspCommand.SETUP_REQUEST);
        assertThat(r[0] & 0xFF).isEqualTo(0xF0);
        assertThat(r.length).as("LEN 17+9n for protocol 6, n = 6").isEqualTo(17 + 9 * 6);
        SetupReply s = SetupReply.parse(Arrays.copyOfRange(r, 1, r.length));
        assertThat(s.unitType()).isZero();
        assertThat(s.country()).isEqualTo("CNY");
        assertThat(s.firmware()).isEqualTo("0333");
        assertThat(s.valueMultiplier()).isEqualTo(1);
        assertThat(s.realValueMultiplier()).isEqualTo(100);
        assertThat(s.protocolVersion()).isEqualTo(6);
        assertThat(s.channelBytes()).containsExactly(1, 5, 10, 20, 50, 100);
        assertThat(s.expandedValues()).containsExactly(1L, 5L, 10L, 20L, 50L, 100L);
        assertThat(s.channelValuesMinor()).containsExactly(100L, 500L, 1000L, 2000L, 5000L, 10000L);

        assertThat(hex(send(SspCommand.HOST_PROTOCOL_VERSION, 5))).isEqualTo("F0");
        byte[] v5 = send(SspCommand.SETUP_REQUEST);
        assertThat(v5.length).as("below 6: 17+2n").isEqualTo(17 + 2 * 6);
        assertThat(SetupReply.parse(Arrays.copyOfRange(v5, 1, v5.length)).channelValuesMinor())
                .containsExactly(100L, 500L, 1000L, 2000L, 5000L, 10000L);
    }

    @Test
    void hostProtocolVersionUpToSevenThenFail() {
        send(SspCommand.SYNC);
        assertThat(hex(send(SspCommand.HOST_PROTOCOL_VERSION, 7))).isEqualTo("F0");
        assertThat(hex(send(SspCommand.HOST_PROTOCOL_VERSION, 8))).isEqualTo("F8");
        assertThat(hex(send(SspCommand.HOST_PROTOCOL_VERSION))).as("no version byte").isEqualTo("F3");
    }

    @Test
    void serialUnitDataChannelValuesAndUnknownCommands() {
        send(SspCommand.SYNC);
        assertThat(hex(send(SspCommand.GET_SERIAL_NUMBER))).isEqualTo("F0 00 1C 96 2C");
        assertThat(hex(send(SspCommand.UNIT_DATA))).isEqualTo("F0 00 30 33 33 33 43 4E 59 00 00 01 06");
        send(SspCommand.HOST_PROTOCOL_VERSION, 5);
        assertThat(hex(send(SspCommand.CHANNEL_VALUE_REQUEST))).isEqualTo("F0 06 01 05 0A 14 32 64");
        assertThat(hex(send(SspCommand.POLL_WITH_ACK))).as("not emulated").isEqualTo("F2");
        assertThat(hex(send(SspCommand.POLL, 1))).isEqualTo("F3");
        assertThat(hex(send(SspCommand.HOLD))).as("no note in escrow").isEqualTo("F5");
        assertThat(hex(send(SspCommand.REJECT))).isEqualTo("F5");
    }

    @Test
    void channelsCanBeLeftUnused() throws Exception {
        core.setDataset(new Dataset("CNY", List.of(0L, 500L, 1000L, 0L, 5000L, 10000L)));
        setUpAndEnable(0xFF);
        byte[] r = send(SspCommand.SETUP_REQUEST);
        assertThat(SetupReply.parse(Arrays.copyOfRange(r, 1, r.length)).channelValuesMinor())
                .containsExactly(0L, 500L, 1000L, 0L, 5000L, 10000L);
        poll();
        assertThat(core.insert(100, false)).isTrue();
        assertThat(poll()).isEqualTo("F0 EF 00");
        assertThat(poll()).as("¥1 is on no channel now: rejected as unknown").isEqualTo("F0 ED");
        assertThat(poll()).isEqualTo("F0 EC");
        assertThat(hex(send(SspCommand.LAST_REJECT_CODE))).isEqualTo("F0 01");
    }

    // ---- sequence flag ----

    @Test
    void aRepeatedFlagGetsTheLastReplyAgainWithoutCarryingItOut() {
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        // The host sends POLL (accept) and loses the reply; its retransmission must not move the note on again.
        assertThat(poll()).isEqualTo("F0");
        ValidatorCore.Answer again = resend(SspCommand.POLL);
        assertThat(again.repeated()).isTrue();
        assertThat(hex(again.reply().data())).isEqualTo("F0");
        assertThat(poll()).as("the note moved on once").isEqualTo("F0 CC");
        assertThat(poll()).isEqualTo("F0 EE 03 CC");
        ValidatorCore.Answer creditAgain = resend(SspCommand.POLL);
        assertThat(hex(creditAgain.reply().data())).isEqualTo("F0 EE 03 CC");
        assertThat(poll()).isEqualTo("F0 EB");
        assertThat(core.snapshot().credits()).hasSize(1);
        assertThat(core.snapshot().cashbox()).isEqualTo(Map.of(1000L, 1));
    }

    @Test
    void syncMakesTheNextFlagZeroWhateverTheSyncCarried() {
        send(SspCommand.SYNC);
        send(SspCommand.ENABLE); // flag 0
        // SYNC sent with flag 0, as a real NV9 USB was sent (essp.md §2, S8): the next flag-0 command is new.
        assertThat(hex(core.packet(SspFrame.of(false, 0, new byte[] {SspCommand.SYNC})).reply().data())).isEqualTo("F0");
        ValidatorCore.Answer a = core.packet(SspFrame.of(false, 0, new byte[] {SspCommand.DISABLE}));
        assertThat(a.repeated()).isFalse();
        assertThat(core.snapshot().enabled()).isFalse();
    }

    @Test
    void anotherAddressGetsNoReply() {
        assertThat(core.packet(SspFrame.of(true, 0x10, new byte[] {SspCommand.SYNC}))).isNull();
    }

    // ---- notes ----

    @Test
    void aNoteIsReadHeldStackedCreditedAndCounted() {
        setUpAndEnable(0x3F);
        assertThat(poll()).isEqualTo("F0 F1");
        toEscrow();
        assertThat(core.snapshot().note()).get().extracting(NoteInPath::stage).isEqualTo(NoteStage.ESCROW);
        assertThat(hex(send(SspCommand.HOLD))).isEqualTo("F0");
        assertThat(poll()).as("a POLL accepts").isEqualTo("F0");
        assertThat(poll()).isEqualTo("F0 CC");
        assertThat(poll()).isEqualTo("F0 EE 03 CC");
        assertThat(poll()).isEqualTo("F0 EB");
        assertThat(poll()).isEqualTo("F0");
        AcceptorState s = core.snapshot();
        assertThat(s.cashbox()).isEqualTo(Map.of(1000L, 1));
        assertThat(s.credits()).singleElement().satisfies(c -> {
            assertThat(c.seq()).isEqualTo(1);
            assertThat(c.channel()).isEqualTo(3);
            assertThat(c.valueFen()).isEqualTo(1000);
            assertThat(c.via()).isEqualTo(Credit.Via.CREDIT);
        });
        assertThat(s.counter("stacked")).isEqualTo(1);
        assertThat(s.note()).isEmpty();
    }

    @Test
    void inhibitedUnknownAndFakeNotesAreRejectedWithTheirCodes() {
        setUpAndEnable(0x3F & ~(1 << 5)); // ¥100 inhibited
        poll();
        assertThat(core.insert(10000, false)).isTrue();
        assertThat(poll()).isEqualTo("F0 EF 00");
        assertThat(poll()).isEqualTo("F0 ED");
        assertThat(poll()).isEqualTo("F0 EC");
        assertThat(hex(send(SspCommand.LAST_REJECT_CODE))).isEqualTo("F0 06");

        assertThat(core.insert(200, false)).as("a ¥2 note").isTrue();
        poll();
        poll();
        poll();
        assertThat(hex(send(SspCommand.LAST_REJECT_CODE))).isEqualTo("F0 01");

        assertThat(core.insert(0, true)).isTrue();
        assertThat(poll()).isEqualTo("F0 EF 00");
        assertThat(poll()).isEqualTo("F0 ED");
        assertThat(poll()).isEqualTo("F0 EC");
        assertThat(hex(send(SspCommand.LAST_REJECT_CODE))).isEqualTo("F0 02");
        assertThat(core.snapshot().credits()).isEmpty();
        assertThat(core.snapshot().counter("rejected")).isEqualTo(3);
    }

    @Test
    void rejectHandsTheNoteBackWithRejectByHost() {
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        assertThat(hex(send(SspCommand.REJECT))).isEqualTo("F0");
        assertThat(poll()).isEqualTo("F0 ED");
        assertThat(poll()).isEqualTo("F0 EC");
        assertThat(hex(send(SspCommand.LAST_REJECT_CODE))).isEqualTo("F0 08");
        assertThat(core.snapshot().cashbox()).isEmpty();
    }

    @Test
    void aDisabledUnitDrawsNoNoteIn() {
        send(SspCommand.SYNC);
        assertThat(core.insert(1000, false)).isFalse();
    }

    // ---- timers ----

    @Test
    void holdKeepsTheNoteInEscrowAndTenSecondsOfSilenceHandsItBack() {
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        for (int i = 0; i < 5; i++) {
            clock.advance(9_000);
            core.tick();
            assertThat(hex(send(SspCommand.HOLD))).as("held after %d s", 9 * (i + 1)).isEqualTo("F0");
        }
        clock.advance(9_999);
        core.tick();
        assertThat(core.snapshot().note()).get().extracting(NoteInPath::stage).isEqualTo(NoteStage.ESCROW);
        clock.advance(1);
        core.tick();
        assertThat(core.snapshot().note()).get().extracting(NoteInPath::stage).isEqualTo(NoteStage.REJECTING);
        assertThat(core.snapshot().enabled()).as("the unit disabled itself").isFalse();
        assertThat(poll()).isEqualTo("F0 ED E8");
        assertThat(poll()).isEqualTo("F0 EC E8");
        assertThat(hex(send(SspCommand.LAST_REJECT_CODE))).isEqualTo("F0 13");
        assertThat(core.snapshot().counter("escrowTimeouts")).isEqualTo(1);
    }

    @Test
    void theUnitDisablesItselfAfterTenSecondsWithoutACommand() {
        setUpAndEnable(0x3F);
        assertThat(poll()).isEqualTo("F0 F1");
        clock.advance(10_000);
        core.tick();
        assertThat(core.snapshot().enabled()).isFalse();
        assertThat(poll()).isEqualTo("F0 E8");
    }

    // ---- power ----

    @Test
    void aNoteInEscrowAtAPowerCutComesBackOutOfTheFront() throws Exception {
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        core.powerOff(500);
        assertThat(core.packet(SspFrame.of(true, 0, new byte[] {SspCommand.SYNC}))).as("no power, no reply").isNull();
        clock.advance(500);
        core.tick();
        flag = true;
        send(SspCommand.SYNC);
        assertThat(poll()).isEqualTo("F0 F1 E8");
        assertThat(poll()).isEqualTo("F0 E1 03 E8");
        assertThat(poll()).as("told once").isEqualTo("F0 E8");
        AcceptorState s = AcceptorState.read(file);
        assertThat(s.credits()).isEmpty();
        assertThat(s.cashbox()).isEmpty();
        assertThat(s.note()).isEmpty();
        assertThat(s.counter("clearedFromFront")).isEqualTo(1);
        assertThat(s.pendingClearing()).isEmpty();
    }

    @Test
    void aCreditedNoteAtAPowerCutGoesIntoTheBoxOnceEvenWhenPowerFailsAgain() throws Exception {
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        poll();
        poll();
        assertThat(poll()).isEqualTo("F0 EE 03 CC");
        core.powerOff(0);
        core.tick();
        send(SspCommand.SYNC);
        assertThat(poll()).isEqualTo("F0 F1 E8");
        assertThat(poll()).isEqualTo("F0 E2 03 E8");
        // Power fails again before the host's next command: the clearing is told again, the note counted once.
        core.powerOff(0);
        core.tick();
        send(SspCommand.SYNC);
        assertThat(poll()).isEqualTo("F0 F1 E8");
        assertThat(poll()).isEqualTo("F0 E2 03 E8");
        assertThat(poll()).isEqualTo("F0 E8");
        AcceptorState s = AcceptorState.read(file);
        assertThat(s.cashbox()).isEqualTo(Map.of(1000L, 1));
        assertThat(s.credits()).singleElement().extracting(Credit::via).isEqualTo(Credit.Via.CREDIT_THEN_CLEARED);
        assertThat(s.notesCredited()).isEqualTo(1);
    }

    @Test
    void aNoteStackingBeforeTheCreditPointIsClearedIntoTheBoxAndCreditedThen() throws Exception {
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        poll();
        assertThat(poll()).isEqualTo("F0 CC");
        core.powerOff(0);
        core.tick();
        send(SspCommand.SYNC);
        poll();
        assertThat(poll()).isEqualTo("F0 E2 03 E8");
        AcceptorState s = AcceptorState.read(file);
        assertThat(s.credits()).singleElement().extracting(Credit::via).isEqualTo(Credit.Via.CLEARED_TO_CASHBOX);
        assertThat(s.cashbox()).isEqualTo(Map.of(1000L, 1));
    }

    @Test
    void aNewProcessOnTheSameFileStartsWhereTheLastStopped() throws Exception {
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        poll();
        poll();
        poll(); // EE 03 CC: credited, not stacked
        // The process is killed: a new one starts on the same file.
        ValidatorCore next = new ValidatorCore(file, Dataset.CNY, 1, clock, new Random(3));
        core = next;
        send(SspCommand.SYNC);
        assertThat(hex(send(SspCommand.GET_SERIAL_NUMBER))).as("the serial is the file's").isEqualTo("F0 00 1C 96 2C");
        assertThat(poll()).isEqualTo("F0 F1 E8");
        assertThat(poll()).isEqualTo("F0 E2 03 E8");
        assertThat(next.snapshot().cashbox()).isEqualTo(Map.of(1000L, 1));
        assertThat(next.snapshot().counter("powerUps")).isEqualTo(2);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("nv9.json");
    }

    @Test
    void powerCutWhenArmedForAStageFollowsTheReplyThatToldIt() {
        setUpAndEnable(0x3F);
        poll();
        core.cutPowerWhen(NoteStage.ESCROW, 0);
        core.insert(500, false);
        assertThat(poll()).isEqualTo("F0 EF 00");
        ValidatorCore.Answer a = core.packet(SspFrame.of(flag, 0, new byte[] {SspCommand.POLL}));
        assertThat(hex(a.reply().data())).isEqualTo("F0 EF 02");
        assertThat(a.cutPowerAfter()).isTrue();
    }

    @Test
    void resetForgetsEverythingButTheFile() {
        setUpAndEnable(0x3F);
        ValidatorCore.Answer a = core.packet(SspFrame.of(flag, 0, new byte[] {SspCommand.RESET}));
        assertThat(a.resetAfter()).isTrue();
    }

    // ---- faults of the unit ----

    @Test
    void safeJamStopsTheNoteBeforeTheCreditAndClearingPutsItInTheBox() {
        setUpAndEnable(0x3F);
        poll();
        core.inject(AcceptorFault.SAFE_JAM, 1);
        toEscrow();
        poll();
        assertThat(poll()).isEqualTo("F0 CC");
        assertThat(poll()).isEqualTo("F0 EA E8");
        assertThat(poll()).as("told while it lasts").isEqualTo("F0 EA E8");
        assertThat(core.snapshot().credits()).isEmpty();
        assertThat(core.clearJam()).isTrue();
        send(SspCommand.SYNC);
        assertThat(poll()).isEqualTo("F0 F1 E8");
        assertThat(poll()).isEqualTo("F0 E2 03 E8");
        assertThat(core.snapshot().credits()).singleElement().extracting(Credit::via).isEqualTo(Credit.Via.CLEARED_TO_CASHBOX);
    }

    @Test
    void unsafeJamAtTheFrontGivesTheNoteBackWhenCleared() {
        setUpAndEnable(0x3F);
        poll();
        core.inject(AcceptorFault.UNSAFE_JAM, 1);
        core.insert(2000, false);
        assertThat(poll()).isEqualTo("F0 EF 00");
        assertThat(poll()).isEqualTo("F0 E9 E8");
        assertThat(core.clearJam()).isTrue();
        send(SspCommand.SYNC);
        poll();
        assertThat(poll()).as("its channel was never told").isEqualTo("F0 E1 00 E8");
        assertThat(core.snapshot().credits()).isEmpty();
    }

    @Test
    void fraudAttemptIsToldAndNothingIsCredited() {
        setUpAndEnable(0x3F);
        poll();
        core.inject(AcceptorFault.FRAUD_ATTEMPT, 1);
        toEscrow();
        poll();
        poll();
        assertThat(poll()).isEqualTo("F0 E6 03");
        assertThat(poll()).isEqualTo("F0 EB");
        assertThat(core.snapshot().credits()).isEmpty();
        assertThat(core.snapshot().cashbox()).isEmpty();
    }

    @Test
    void cashBoxRemovedIsToldUntilReplacedAndReplacementEmptiesTheCounts() {
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        poll();
        poll();
        poll();
        poll();
        assertThat(core.snapshot().cashbox()).isEqualTo(Map.of(1000L, 1));
        core.removeCashbox();
        assertThat(poll()).isEqualTo("F0 E3");
        assertThat(poll()).isEqualTo("F0 E3");
        assertThat(core.insert(1000, false)).as("no box, no note").isFalse();
        core.replaceCashbox();
        assertThat(poll()).isEqualTo("F0 E4");
        assertThat(poll()).isEqualTo("F0");
        assertThat(core.snapshot().cashbox()).isEmpty();
        assertThat(core.snapshot().credits()).as("what it credited stays").hasSize(1);
    }

    @Test
    void stackerFullAtItsCapacity() {
        core.setStackerCapacity(1);
        setUpAndEnable(0x3F);
        poll();
        toEscrow();
        poll();
        poll();
        poll();
        assertThat(poll()).isEqualTo("F0 EB E7");
        assertThat(poll()).isEqualTo("F0 E7");
        assertThat(core.insert(1000, false)).isFalse();
    }

    @Test
    void channelDisableFromProtocolSevenWhenEveryChannelIsInhibited() {
        setUpAndEnable(0);
        send(SspCommand.HOST_PROTOCOL_VERSION, 7);
        assertThat(poll()).isEqualTo("F0 F1 B5");
    }

    // ---- eSSP ----

    @Test
    void keyNotSetUntilNegotiatedThenEncryptedWithCountsAndAResetForgetsTheKey() throws Exception {
        core.setEssp(true);
        assertThat(hex(send(SspCommand.SYNC))).isEqualTo("F0");
        assertThat(hex(send(SspCommand.POLL))).isEqualTo("FA");
        assertThat(hex(send(SspCommand.ENABLE))).isEqualTo("FA");
        assertThat(core.snapshot().enabled()).as("not carried out").isFalse();
        negotiate();
        assertThat(hex(send(SspCommand.SET_CHANNEL_INHIBITS, 0x3F, 0))).isEqualTo("F0");
        assertThat(hex(send(SspCommand.ENABLE))).isEqualTo("F0");
        assertThat(poll()).isEqualTo("F0 F1");
        toEscrow();
        poll();
        poll();
        assertThat(poll()).isEqualTo("F0 EE 03 CC");
        assertThat(core.encryptedCommands()).isGreaterThanOrEqualTo(8);

        // A command with a count the unit does not expect is thrown away: no reply.
        byte[] stale = new EsspSession(new byte[16]).wrapCommand(new byte[] {SspCommand.POLL}, new Random(4));
        assertThat(core.packet(SspFrame.of(flag, 0, stale))).isNull();

        assertThat(hex(send(SspCommand.RESET))).isEqualTo("F0");
        core.powerOff(0);
        core.tick();
        session = null;
        assertThat(hex(send(SspCommand.SYNC))).isEqualTo("F0");
        assertThat(hex(send(SspCommand.POLL))).as("the key went with the reset").isEqualTo("FA");
    }

    @Test
    void creditsAreEncryptedEvenToAPlainPollOnceAKeyExists() throws Exception {
        send(SspCommand.SYNC);
        negotiate();
        EsspSession keep = session;
        session = null;
        send(SspCommand.SET_CHANNEL_INHIBITS, 0x3F, 0);
        send(SspCommand.ENABLE);
        poll();
        toEscrow();
        poll();
        poll();
        byte[] r = core.packet(SspFrame.of(flag, 0, new byte[] {SspCommand.POLL})).reply().data();
        assertThat(EsspCipher.isWrapped(r)).as("essp.md §7: credit information always encrypted").isTrue();
        assertThat(hex(keep.unwrapReply(r))).isEqualTo("F0 EE 03 CC");
    }

    /** SET GENERATOR, SET MODULUS, REQUEST KEY EXCHANGE, as the host does it. */
    void negotiate() throws Exception {
        EsspKeys.HostExchange x = EsspKeys.newExchange(new Random(9));
        assertThat(hex(send(le(SspCommand.SET_GENERATOR, x.generator())))).isEqualTo("F0");
        assertThat(hex(send(le(SspCommand.SET_MODULUS, x.modulus())))).isEqualTo("F0");
        byte[] r = send(le(SspCommand.REQUEST_KEY_EXCHANGE, x.hostIntermediate()));
        assertThat(r[0] & 0xFF).isEqualTo(0xF0);
        long slave = 0;
        for (int i = 8; i >= 1; i--) {
            slave = (slave << 8) | (r[i] & 0xFF);
        }
        session = new EsspSession(EsspKeys.aesKey(EsspKeys.DEFAULT_FIXED_KEY, x.negotiated(slave)));
    }

    @Test
    void aGeneratorThatIsNotPrimeIsOutOfRange() {
        send(SspCommand.SYNC);
        assertThat(hex(send(le(SspCommand.SET_GENERATOR, 1_000_000L)))).isEqualTo("F4");
    }

    static int[] le(int cmd, long v) {
        int[] out = new int[9];
        out[0] = cmd;
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (int) ((v >>> (8 * i)) & 0xFF);
        }
        return out;
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private long millis = 1_700_000_000_000L;

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
