package cn.yzz.kiosk.installer;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test, in {@code ./kiosk test}: 100 cash payments, each in its own kiosk JVM killed with SIGKILL
 * and/or with the validator's power cut at a random moment, each followed by {@code kioskctl cash recover}; after
 * every one the books balance note for note, and at the end every transaction reaches the county exactly once.
 * {@code ./kiosk soak} runs it at length (1,000 cycles by default, a new seed each time).
 */
class CashCrashCyclesTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 24, unit = TimeUnit.HOURS) // the real limit is cash.crash.timeoutMinutes, below
    void aHundredCrashesLoseNoNoteAndCountNoneTwice() throws Exception {
        int cycles = Integer.getInteger("cash.crash.cycles", 100);
        long seed = Long.getLong("cash.crash.seed", 20261206L);
        Duration limit = Duration.ofMinutes(Long.getLong("cash.crash.timeoutMinutes", 20));
        try (CashCrashRig rig = new CashCrashRig(dir, seed)) {
            assertTimeoutPreemptively(limit, () -> {
                for (int i = 0; i < cycles; i++) {
                    rig.cycle();
                }
            }, () -> "seed " + seed + ": " + rig.figures);
            rig.finish();
            System.out.println("[cash crash] seed " + seed + ": " + rig.figures);
        }
    }
}
