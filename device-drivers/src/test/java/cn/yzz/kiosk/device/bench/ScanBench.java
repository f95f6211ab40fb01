package cn.yzz.kiosk.device.bench;

import cn.yzz.kiosk.device.qr.QrScanner;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.SerialQrScanner;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void scanToEventLatencyOverAPty() throws Exception {
        for (ScannerFamily family : ScannerFamily.values()) {
            double[] ms = measure(family, family == ScannerFamily.GENERIC ? 400 : 200);
            String what = "scan-to-event after the last byte, " + family.id() + ", " + ms.length + " scans";
            Bench.report(what + ", p50", ms[ms.length / 2], LIMIT_MS, "ms");
            Bench.report(what + ", p99", ms[(int) Math.ceil(ms.length * 0.99) - 1], LIMIT_MS, "ms");
            Bench.report(what + ", max", ms[ms.length - 1], LIMIT_MS, "ms");
        }
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
                emu.present(CODE);
                Long at = arrivals.poll(5, TimeUnit.SECONDS);
                if (at == null) {
                    throw new AssertionError(family + ": no scan event within 5 s (sample " + i + ")");
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
