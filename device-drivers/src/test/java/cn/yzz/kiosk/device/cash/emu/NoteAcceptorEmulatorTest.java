package cn.yzz.kiosk.device.cash.emu;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.cash.ssp.SspException;
import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import cn.yzz.kiosk.device.cash.ssp.SspFrameDecoder;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's wire side over a real pty pair (socat, jSerialComm), spoken to by a bare SSP host written
 * here from essp.md: framing, the faults that act on bytes, silence, power.
 */
class NoteAcceptorEmulatorTest {

    @TempDir Path dir;
    PtyPair pty;
    NoteAcceptorEmulator emulator;
    SerialLink host;
    final SspFrameDecoder decoder = new SspFrameDecoder();
    boolean flag;
    byte[] last;
    /** Bytes the host received that were not part of a good frame. */
    int junk;

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open(dir, "nv9");
        emulator = new NoteAcceptorEmulator(LinkOpener.serialPort(pty.deviceEnd().toString(), 2), dir.resolve("nv9.json"), Dataset.CNY);
        host = LinkOpener.serialPort(pty.hostEnd().toString(), 2).open(9600);
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    /** A new command: the flag toggles (SYNC goes with 0x80). Empty when nothing good came back in 1 s. */
    Optional<SspFrame> send(int... bytes) throws Exception {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        if (bytes[0] == SspCommand.SYNC) {
            flag = true;
        }
        last = SspFrame.of(flag, 0, data).encode();
        flag = !flag;
        host.write(last);
        return reply();
    }

    /** The last packet again, byte for byte, as after a reply timeout. */
    Optional<SspFrame> resend() throws Exception {
        host.write(last);
        return reply();
    }

    Optional<SspFrame> reply() throws Exception {
        long end = System.nanoTime() + 1_000_000_000L;
        byte[] buf = new byte[256];
        while (System.nanoTime() < end) {
            try {
                Optional<SspFrame> f = decoder.next();
                if (f.isPresent()) {
                    return f;
                }
            } catch (SspException e) {
                junk++;
                continue;
            }
            int n = host.read(buf, 0, buf.length, 50);
            if (n > 0) {
                decoder.feed(buf, 0, n);
            }
        }
        return Optional.empty();
    }

    String ok(int... bytes) throws Exception {
        Optional<SspFrame> f = send(bytes);
        assertThat(f).as("a reply; %s", emulator.diagnostics()).isPresent();
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(f.get().data());
    }

    void enable() throws Exception {
        assertThat(ok(SspCommand.SYNC)).isEqualTo("F0");
        assertThat(ok(SspCommand.SET_CHANNEL_INHIBITS, 0x3F, 0)).isEqualTo("F0");
        assertThat(ok(SspCommand.ENABLE)).isEqualTo("F0");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 F1");
    }

    @Test
    void answersTheSyncOfEsspMdByteForByte() throws Exception {
        host.write(HexFormat.of().parseHex("7F8001116582"));
        byte[] buf = new byte[16];
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.nanoTime() + 1_000_000_000L;
        while (got.size() < 6 && System.nanoTime() < end) {
            int n = host.read(buf, 0, buf.length, 100);
            got.write(buf, 0, Math.max(n, 0));
        }
        assertThat(HexFormat.of().withUpperCase().formatHex(got.toByteArray())).isEqualTo("7F8001F02380");
    }

    @Test
    void aLostCreditReplyIsRepeatedOnTheSameFlagAndCreditedOnce() throws Exception {
        enable();
        emulator.inject(AcceptorFault.LOSE_REPLY, 1, 0xEE);
        assertThat(emulator.insert(5000)).isTrue();
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 EF 00");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 EF 05");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 CC");
        assertThat(send(SspCommand.POLL)).as("the credit's reply is lost").isEmpty();
        Optional<SspFrame> again = resend();
        assertThat(again).isPresent();
        assertThat(HexFormat.ofDelimiter(" ").withUpperCase().formatHex(again.get().data())).isEqualTo("F0 EE 05 CC");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 EB");
        assertThat(emulator.repliesLost()).isEqualTo(1);
        assertThat(emulator.repeatsAnswered()).isEqualTo(1);
        assertThat(emulator.credits()).hasSize(1);
        assertThat(emulator.state().cashbox()).isEqualTo(Map.of(5000L, 1));
    }

    @Test
    void aCorruptCrcIsNotAFrameAndTheRetransmissionGetsAGoodOne() throws Exception {
        assertThat(ok(SspCommand.SYNC)).isEqualTo("F0");
        emulator.inject(AcceptorFault.CORRUPT_CRC, 1);
        assertThat(send(SspCommand.GET_SERIAL_NUMBER)).isEmpty();
        assertThat(junk).isPositive();
        assertThat(resend()).get().extracting(f -> f.data().length).isEqualTo(5);
    }

    @Test
    void garbageBeforeTheReplyDoesNotCostTheReply() throws Exception {
        assertThat(ok(SspCommand.SYNC)).isEqualTo("F0");
        emulator.inject(AcceptorFault.GARBAGE, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(ok(SspCommand.GET_SERIAL_NUMBER)).isEqualTo("F0 00 1C 96 2C");
        }
        assertThat(junk).isPositive();
    }

    @Test
    void silenceHearsNothingAndThenTheUnitAnswersAgain() throws Exception {
        enable();
        emulator.silence(Duration.ofMillis(1500));
        assertThat(send(SspCommand.POLL)).isEmpty();
        Thread.sleep(600);
        assertThat(ok(SspCommand.SYNC)).isEqualTo("F0");
        assertThat(emulator.state().enabled()).as("1.5 s is too short to disable itself").isTrue();
    }

    @Test
    void aPowerCutWithANoteInEscrowGivesItBackAfterSlaveReset() throws Exception {
        enable();
        // Off long enough that the checks below see it off on a loaded machine (the suite builds modules in parallel).
        emulator.cutPowerWhen(NoteStage.ESCROW, Duration.ofSeconds(3));
        emulator.insert(2000);
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 EF 00");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 EF 04");
        // The emulator cuts the power just after that reply has gone: the host may read it before the cut.
        awaitPowered(false);
        assertThat(send(SspCommand.POLL)).as("no power").isEmpty();
        awaitPowered(true);
        assertThat(ok(SspCommand.SYNC)).isEqualTo("F0");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 F1 E8");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 E1 04 E8");
        assertThat(emulator.credits()).isEmpty();
    }

    @Test
    void aResetCommandRestartsTheUnit() throws Exception {
        enable();
        assertThat(ok(SspCommand.RESET)).isEqualTo("F0");
        Thread.sleep(NoteAcceptorEmulator.RESET_MILLIS + 100);
        assertThat(ok(SspCommand.SYNC)).isEqualTo("F0");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 F1 E8");
        assertThat(emulator.state().counter("powerUps")).isEqualTo(2);
    }

    @Test
    void aSecondEmulatorOnTheSameFileIsThePowerComingBack() throws Exception {
        enable();
        emulator.insert(10000);
        ok(SspCommand.POLL);
        ok(SspCommand.POLL);
        ok(SspCommand.POLL);
        ok(SspCommand.POLL);
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 EE 06 CC");
        emulator.close(); // killed between CREDIT and STACKED
        emulator = new NoteAcceptorEmulator(LinkOpener.serialPort(pty.deviceEnd().toString(), 2), dir.resolve("nv9.json"), Dataset.CNY);
        assertThat(ok(SspCommand.SYNC)).isEqualTo("F0");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 F1 E8");
        assertThat(ok(SspCommand.POLL)).isEqualTo("F0 E2 06 E8");
        AcceptorState s = AcceptorState.read(dir.resolve("nv9.json"));
        assertThat(s.cashbox()).isEqualTo(Map.of(10000L, 1));
        assertThat(s.credits()).singleElement().extracting(Credit::via).isEqualTo(Credit.Via.CREDIT_THEN_CLEARED);
    }

    private void awaitPowered(boolean on) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (emulator.powered() != on) {
            assertThat(System.nanoTime()).as("the power %s within 10 s", on ? "back" : "cut").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
