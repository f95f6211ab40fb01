package cn.yzz.kiosk.device.qr;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.serial.MemoryCable;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SSI acknowledgement cases the emulator does not script, played by hand on the device end of an
 * in-memory cable: a decode packet resent because the host's ACK was lost, and the same code
 * scanned again after the host NAKed a corrupted copy.
 */
class MemoryCableSsiTest {

    final MemoryCable cable = new MemoryCable("qr");
    final SsiDecoder fromHost = new SsiDecoder(SsiPacket.FROM_HOST);
    final List<Scan> scans = new CopyOnWriteArrayList<>();
    SerialLink device;
    SerialQrScanner scanner;

    @BeforeEach
    void open() throws Exception {
        device = cable.openDevice(9600);
        scanner = new SerialQrScanner("scanner", cable::openHost, 9600,
                SerialQrScanner.Options.of(ScannerFamily.SSI, SerialQrScanner.Mode.PRESENTATION));
        scanner.addListener(e -> {
            if (e instanceof QrScanner.Scanned s) {
                scans.add(s.scan());
            }
        });
        CompletableFuture<Void> opening = CompletableFuture.runAsync(() -> {
            try {
                scanner.open();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SsiPacket mode = expectFromHost();
        assertThat(mode.opcode()).isEqualTo(SsiPacket.PARAM_SEND);
        device.write(SsiPacket.fromDecoder(SsiPacket.ACK, 0).encode());
        opening.get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        scanner.close();
        device.close();
    }

    @Test
    void aDecodePacketResentAfterALostAckIsTakenOnce() throws Exception {
        SsiPacket code = decode("YSS-0001");
        device.write(code.encode());
        assertThat(expectFromHost().opcode()).isEqualTo(SsiPacket.ACK);
        device.write(code.with(SsiPacket.RETRANSMIT).encode()); // as if that ACK never arrived
        assertThat(expectFromHost().opcode()).as("the duplicate is acknowledged too").isEqualTo(SsiPacket.ACK);
        device.write(decode("YSS-0002").encode());
        assertThat(expectFromHost().opcode()).isEqualTo(SsiPacket.ACK);

        waitForScans(2);
        assertThat(scans).extracting(Scan::text).containsExactly("YSS-0001", "YSS-0002");
        assertThat(scanner.statistics()).containsEntry("DuplicatePacketCount", 1L);
    }

    @Test
    void theSameCodeAgainAfterANakIsANewScan() throws Exception {
        SsiPacket code = decode("YSS-0001");
        device.write(code.encode());
        assertThat(expectFromHost().opcode()).isEqualTo(SsiPacket.ACK);
        byte[] corrupt = code.encode();
        corrupt[corrupt.length - 1] ^= 0x01;
        device.write(corrupt); // the villager shows the same code again; the line garbles it
        SsiPacket nak = expectFromHost();
        assertThat(nak.opcode()).isEqualTo(SsiPacket.NAK);
        assertThat(nak.data()).containsExactly(SsiPacket.NAK_RESEND);
        device.write(code.with(SsiPacket.RETRANSMIT).encode());
        assertThat(expectFromHost().opcode()).isEqualTo(SsiPacket.ACK);

        waitForScans(2);
        assertThat(scans).extracting(Scan::text).containsExactly("YSS-0001", "YSS-0001");
    }

    static SsiPacket decode(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[t.length + 1];
        data[0] = 0x1C;
        System.arraycopy(t, 0, data, 1, t.length);
        return SsiPacket.fromDecoder(SsiPacket.DECODE_DATA, 0, data);
    }

    SsiPacket expectFromHost() throws Exception {
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Optional<SsiPacket> p = fromHost.next();
            if (p.isPresent()) {
                return p.get();
            }
            int n = device.read(buf, 0, buf.length, 100);
            if (n > 0) {
                fromHost.feed(buf, 0, n);
            }
        }
        throw new AssertionError("the host sent no packet within 5 s");
    }

    void waitForScans(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (scans.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
