package cn.yzz.kiosk.installer;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test, in {@code ./kiosk test}: 100 cash payments, each in its own kiosk JVM killed with SIGKILL
 * and/or with the validator's power cut at a random moment, each followed by {@code kioskctl cash recover}; after
 * every one the books balance note for note, and at the end every transaction reaches the county exactly once.
 * {@code CashSoakBench} runs 1,000 cycles.
 */
class CashCrashCyclesTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aHundredCrashesLoseNoNoteAndCountNoneTwice() throws Exception {
        try (CashCrashRig rig = new CashCrashRig(dir, Long.getLong("cash.crash.seed", 20261206L))) {
            int cycles = Integer.getInteger("cash.crash.cycles", 100);
            for (int i = 0; i < cycles; i++) {
                rig.cycle();
            }
            rig.finish();
            System.out.println("[cash crash] " + rig.figures);
        }
    }
}
