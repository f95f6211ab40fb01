package cn.yzz.kiosk.device.bench;

import cn.yzz.kiosk.device.qr.QrScanner;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.SerialQrScanner;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scan-to-event latency: from the moment the emulated scanner has written a code's last byte (the
 * suffix; for SSI the packet's checksum) to the moment a listener receives the Scanned event, through
 * socat, jSerialComm, the framer and the driver thread. Presentation mode, as a kiosk waits for a
 * 粤省事 code. Prints figures beside the limit; asserts nothing about time.
 */
@Tag("bench")
class ScanBench {

    static final double LIMIT_MS = 20.0;
    static final String CODE = "https://yss.gd.gov.cn/code?c=8f1e2d3c4b5a69788796a5b4c3d2e1f0&t=1764000000";

    @TempDir Path dir;

    @Test
    void bareReadLoopBaseline() throws Exception {
        // What the pty, socat and jSerialComm cost on this machine with no driver at all, to read the tails against.
        report("baseline: the same bytes read back by a bare read loop, no driver", baseline(400));
    }

    @ParameterizedTest
    @EnumSource(ScannerFamily.class)
    void scanToEventLatencyOverAPty(ScannerFamily family) throws Exception {
        report("scan-to-event after the last byte, " + family.id(), measure(family, 300));
    }

    static void report(String what, double[] sorted) {
        String w = what + ", " + sorted.length + " samples";
        Bench.report(w + ", p50", sorted[sorted.length / 2], LIMIT_MS, "ms");
        Bench.report(w + ", p99", sorted[(int) Math.ceil(sorted.length * 0.99) - 1], LIMIT_MS, "ms");
        Bench.report(w + ", max", sorted[sorted.length - 1], LIMIT_MS, "ms");
    }

    double[] baseline(int runs) throws Exception {
        byte[] frame = (CODE + "\r").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] buf = new byte[4096];
        double[] ms = new double[runs];
        try (PtyPair pty = PtyPair.open(dir, "bench-raw");
             SerialLink host = LinkOpener.serialPort(pty.hostEnd().toString()).open(115200);
             SerialLink device = LinkOpener.serialPort(pty.deviceEnd().toString()).open(115200)) {
            for (int i = 0; i < runs; i++) {
                Thread.sleep(5);
                device.write(frame);
                long written = System.nanoTime();
                int got = 0;
                while (got < frame.length) {
                    got += Math.max(0, host.read(buf, 0, buf.length, 20));
                }
                ms[i] = (System.nanoTime() - written) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    double[] measure(ScannerFamily family, int runs) throws Exception {
        SynchronousQueue<Long> arrivals = new SynchronousQueue<>();
        try (PtyPair pty = PtyPair.open(dir, "bench-" + family.id());
             ScannerEmulator emu = new ScannerEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), 115200, family);
             SerialQrScanner scanner = new SerialQrScanner("scanner", LinkOpener.serialPort(pty.hostEnd().toString()), 115200,
                     SerialQrScanner.Options.of(family, SerialQrScanner.Mode.PRESENTATION))) {
            scanner.addListener(e -> {
                if (e instanceof QrScanner.Scanned) {
                    arrivals.offer(System.nanoTime());
                }
            });
            scanner.open();
            int warmup = 20;
            double[] ms = new double[runs];
            for (int i = -warmup; i < runs; i++) {
                long before = emu.lastCodeWrittenAt();
                emu.present(CODE);
                Long at = arrivals.poll(5, TimeUnit.SECONDS);
                if (at == null) {
                    throw new AssertionError(family + ": no scan event within 5 s (sample " + i + ")");
                }
                // The event can beat the emulator thread to its time stamp: wait for this code's stamp, not the last one's.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (emu.lastCodeWrittenAt() == before && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (i >= 0) {
                    ms[i] = (at - emu.lastCodeWrittenAt()) / 1e6;
                }
            }
            Arrays.sort(ms);
            return ms;
        }
    }
}
