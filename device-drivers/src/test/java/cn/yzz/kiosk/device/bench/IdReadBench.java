package cn.yzz.kiosk.device.bench;

import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.idcard.samv.SamFrames;
import cn.yzz.kiosk.device.idcard.samv.SamvIdCardReader;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.serial.SerialSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ID card read (find, select, read text+photo) through the real driver and jSerialComm over a
 * socat pty, against the emulator. Prints figures beside their limits; asserts nothing about time.
 */
@Tag("bench")
class IdReadBench {

    /** Bytes on the wire for one read cycle: three 10-byte commands and their replies (devices.md §1.4, §1.12). */
    static final int CYCLE_BYTES = 3 * 10 + (SamFrames.OVERHEAD + 3 + 4) + (SamFrames.OVERHEAD + 3 + 8) + 1295;

    @TempDir Path dir;

    @Test
    void idReadOverAPty() throws Exception {
        try (PtyPair pty = PtyPair.open(dir, "bench");
             IdCardReaderEmulator emu = new IdCardReaderEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), 115200);
             SamvIdCardReader reader = new SamvIdCardReader("id-reader", LinkOpener.serialPort(pty.hostEnd().toString()), 115200,
                     SamvIdCardReader.Options.defaults())) {
            reader.open();
            double[] unpaced = measure(reader, emu, 200, 500);
            Bench.report("ID read over pty, unpaced (driver + jSerialComm overhead), p50", unpaced[0], 2.0, "ms");
            Bench.report("ID read over pty, unpaced, p95", unpaced[1], 2.0, "ms");

            emu.setPaced(true);
            double wire = SerialSettings.wireNanos(CYCLE_BYTES, 115200) / 1e6;
            double[] paced = measure(reader, emu, 3, 30);
            Bench.report(String.format("ID read paced at 115200 baud, p50 (wire time %.1f ms for %d bytes)", wire, CYCLE_BYTES),
                    paced[0], wire * 1.05, "ms");
            Bench.report("ID read paced at 115200 baud, p50 / wire time", paced[0] / wire, 1.05, "x");
        }
    }

    /** p50 and p95 in ms. */
    static double[] measure(SamvIdCardReader reader, IdCardReaderEmulator emu, int warmup, int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            emu.placeCard(CardFixtures.RESIDENT);
            long t0 = System.nanoTime();
            reader.read(Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS);
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                ms[i] = t / 1e6;
            }
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1]};
    }
}
