package cn.yzz.kiosk.device.bench;

import cn.yzz.kiosk.device.sscard.PcscSsCardReader;
import cn.yzz.kiosk.device.sscard.emu.Pcscd;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import cn.yzz.kiosk.device.sscard.emu.VpcdCard;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A full social security card read (connect, SELECT with GET RESPONSE, 5 EF05 and 6 EF06 records,
 * disconnect) through the real driver, javax.smartcardio and pcscd, against the Java card in
 * vpcd. The card stays in the slot, so pcscd's presence polling is not in the figure. Prints
 * figures beside their limits; asserts nothing about time.
 */
@Tag("bench")
class SsCardBench {

    static final double LIMIT_MS = 300;

    @Test
    void fullReadThroughPcscd() throws Exception {
        Pcscd.ensureRunning();
        try (VpcdCard card = new VpcdCard(VpcdCard.FIRST_PORT);
             PcscSsCardReader reader = new PcscSsCardReader("ss-bench", "Virtual PCD 00 00")) {
            TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal("Virtual PCD 00 00").waitForCardAbsent(5000);
            reader.open();
            long t0 = System.nanoTime();
            card.insert(SsCardFixtures.GEN2);
            reader.read(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            double firstMs = (System.nanoTime() - t0) / 1e6;

            int runs = 200;
            double[] ms = new double[runs];
            long apdusBefore = 0;
            for (int i = -20; i < runs; i++) {
                if (i == 0) {
                    apdusBefore = card.apdus();
                }
                long s = System.nanoTime();
                reader.read(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
            }
            double apdusPerRead = (card.apdus() - apdusBefore) / (double) runs;
            Arrays.sort(ms);
            Bench.report("social security card full read through pcscd + vpcd, p50", ms[runs / 2], LIMIT_MS, "ms");
            Bench.report("social security card full read through pcscd + vpcd, p99", ms[(int) Math.ceil(runs * 0.99) - 1], LIMIT_MS, "ms");
            Bench.report("social security card full read through pcscd + vpcd, max", ms[runs - 1], LIMIT_MS, "ms");
            Bench.report(String.format("  APDUs per read (the card answers each; %.0f with the JDK's GET RESPONSE)", apdusPerRead),
                    apdusPerRead, 16, "");
            // Insertion is noticed when pcscd next polls vpcd (about every 400 ms), not by the driver.
            Bench.report("card inserted to data read (first read; pcscd polls vpcd ~400 ms)", firstMs, 1000, "ms");
        }
    }
}
