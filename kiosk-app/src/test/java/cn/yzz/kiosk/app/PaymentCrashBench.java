package cn.yzz.kiosk.app;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PaymentCrashTest} at benchmark size: 3 fixed cases and 100 random SIGKILL cycles. Every check of the test
 * holds or it fails; the figure is the time per cycle (a kiosk JVM's start to its kill, and its share of the
 * recoveries), which never fails it.
 */
@Tag("bench")
class PaymentCrashBench {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure keeps the children's log (kiosk-children.log) and both databases
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void manyKills() throws Exception {
        long msPerCycle = PaymentCrashTest.run(dir, 100, System.nanoTime(), "PaymentCrashBench");
        System.out.printf("BENCH payment-crash ms-per-cycle %d (limit 8000) %s%n", msPerCycle, msPerCycle <= 8000 ? "PASS" : "OVER");
    }
}
