package cn.yzz.kiosk.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a kiosk JVM killed with SIGKILL while an order is open (before and after it is paid),
 * restarted, ends with exactly one payment transaction per paid order and none for unpaid ones.
 *
 * <p>Each child JVM ({@link PaymentCrashKiosk}) runs the kiosk's real payment path without a screen (CountyLink,
 * CountyServices, ServiceRun of SWJ-0001 from the bundled catalogue, the step models, the kiosk's scheduler) against a
 * dev-backend that drops 30 % of its answers to uploads after storing them. Three fixed cases, (a0) killed after the
 * payment is journaled, before the county answered for its order, (a) killed after the order is journaled and
 * created, before paying, and (b) paid at the county by the phone and killed before the kiosk
 * committed; then random cycles, killed 0.1–3.5 s after start while villagers pay (or not, or cancel) and the phone
 * pays whether the kiosk is alive or not. A last restart recovers and syncs; the checks are in
 * {@link PaymentCrashHarness#finish}.
 */
class PaymentCrashTest {

    static final int RANDOM_CYCLES = 12;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure keeps the children's log (kiosk-children.log) and both databases
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killedWhileAnOrderIsOpenEndsWithOnePaymentPerPaidOrderAndNoneForUnpaidOnes() throws Exception {
        run(dir, RANDOM_CYCLES, 20261206L, "PaymentCrashTest");
    }

    /** Runs the cases and the checks, prints the figures; returns the milliseconds per cycle. */
    static long run(Path dir, int randomCycles, long seed, String name) throws Exception {
        long started = System.nanoTime();
        try (PaymentCrashHarness h = new PaymentCrashHarness(dir, seed)) {
            String unheard = h.killedBeforeTheOrderAnswered();
            PaymentCrashHarness.Seen unpaid = h.killedBeforePaying();
            PaymentCrashHarness.Seen paid = h.killedPaidBeforeCommitting();
            h.randomCycles(randomCycles);
            PaymentCrashHarness.Figures f = h.finish(Map.of(unheard, "cancelled", unpaid.orderId(), "cancelled",
                    paid.orderId(), "paid"));
            System.out.printf("%s: %d cycles (3 fixed + %d random) in %d ms, %d kiosk JVMs, %d SIGKILLs; %d orders, %d paid"
                            + " (%d committed on screen before a kill or the end, %d queued by a restart's recovery),"
                            + " %d unpaid (all cancelled at the county; %d phones told 'not paid' after a cancel);"
                            + " %d open payments ended by the recover-mode restarts; %d payment transactions stored, 0 twice,"
                            + " 0 for unpaid orders; %d batch requests, %d items accepted, %d duplicates answered by the"
                            + " backend; journal: 0 OPEN; outbox: 0 pending/blocked/rejected; receipt numbers unique%n",
                    name, 3 + h.randomCycles, randomCycles, (System.nanoTime() - started) / 1_000_000, h.childJvms, h.kills,
                    f.orders(), f.paid(), h.committedOnScreen.size(), f.paid() - h.committedOnScreen.size(), f.unpaid(),
                    h.refusedToPhone.size(), h.recoveredByRestarts, f.paymentsStored(), f.batchRequests(), f.accepted(),
                    f.duplicates());
            return (System.nanoTime() - started) / 1_000_000 / (3 + h.randomCycles);
        }
    }
}
