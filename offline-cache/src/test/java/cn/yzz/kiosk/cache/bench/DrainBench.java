package cn.yzz.kiosk.cache.bench;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.Enrollment;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.cache.sync.SyncEngine;
import cn.yzz.kiosk.cache.sync.SyncReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000-transaction backlog in the kiosk's SQLite outbox, drained to the in-process dev-backend
 * over loopback by {@code syncOnce} in a loop (batches of 100, the real client and store). Prints the
 * time to empty beside its limit; never asserts it.
 */
@Tag("bench")
class DrainBench {

    private static final int BACKLOG = 10_000;
    private static final long LIMIT_MS = 5_000;
    private static final String CODE = "7K3Q-92XD";

    @TempDir
    Path dir;

    @Test
    void drainTenThousandOverLoopback() throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("kiosk"), Settings.defaults())) {
            drain("drain %,d transactions from the SQLite outbox to dev-backend over loopback", store.outbox(),
                    dir.resolve("backend"));
        }
        // For comparison: the same with the in-memory outbox, i.e. what HTTP and the backend alone cost.
        drain("  (comparison) drain %,d from the in-memory outbox", new MemoryOutbox(50, Clock.systemUTC()),
                dir.resolve("backend-mem"));
    }

    private static void drain(String what, Outbox outbox, Path backendDir) throws Exception {
        try (DevBackend backend = DevBackend.start(0, backendDir, CODE, FaultSettings.none())) {
            Clock clock = Clock.systemUTC();
            SyncConfig config = enrolled(backend, clock);
            for (int i = 0; i < BACKLOG; i++) {
                outbox.enqueue(BenchSupport.payment());
            }
            int before = backend.requestsSeen("/api/v1/transactions:batch");
            SyncEngine engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(7),
                    HeartbeatSnapshot::empty);
            long t0 = System.nanoTime();
            SyncReport last;
            int passes = 0;
            do {
                last = engine.syncOnce();
                passes++;
            } while (!last.complete() && passes < 1_000);
            long elapsed = System.nanoTime() - t0;
            int requests = backend.requestsSeen("/api/v1/transactions:batch") - before;
            long ms = elapsed / 1_000_000;
            if (!last.complete() || backend.storedIds().size() != BACKLOG) {
                throw new AssertionError("drain did not complete: " + last + ", backend holds " + backend.storedIds().size());
            }
            System.out.printf("BENCH " + what + ": %d ms (limit %d ms) %s"
                            + "   %.0f transactions/s, %d batch requests, %d syncOnce passes%n",
                    BACKLOG, ms, LIMIT_MS, BenchSupport.verdict(ms <= LIMIT_MS), BACKLOG * 1000.0 / Math.max(ms, 1),
                    requests, passes);
        }
    }

    static SyncConfig enrolled(DevBackend backend, Clock clock) throws Exception {
        SyncConfig unenrolled = SyncConfig.defaults(backend.url(), null, null, true);
        Enrollment e = new BackendClient(unenrolled, clock)
                .enroll(new EnrollRequest(CODE, "desktop", "440203101201", "ab".repeat(32), "1.0.0"));
        return SyncConfig.defaults(backend.url(), e.kioskId(), e.token(), true);
    }
}
