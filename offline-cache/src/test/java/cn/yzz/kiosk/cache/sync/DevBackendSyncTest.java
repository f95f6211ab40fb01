package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real reference backend over loopback, dropping 30 % of answers after the commit and
 * failing 20 % of requests: repeated sync passes end with every id stored exactly once.
 */
class DevBackendSyncTest {

    @TempDir
    Path dir;

    @Test
    void everyTransactionReachesTheBackendExactlyOnceDespiteLostAnswersAndErrors() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir, "7K3Q-92XD", FaultSettings.none())) {
            SyncConfig unenrolled = SyncFixtures.config(backend.url());
            MutableClock clock = new MutableClock(SyncFixtures.T0);
            Enrollment enrolled = new BackendClient(unenrolled, clock)
                    .enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "ab".repeat(32), "1.0.0"));
            SyncConfig config = new SyncConfig(backend.url(), enrolled.kioskId(), enrolled.token(), true, List.of(),
                    Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                    20, 3, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10),
                    Duration.ofMinutes(5), Duration.ofSeconds(30), "1.0.0");
            MemoryOutbox outbox = new MemoryOutbox(1_000, clock);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Transaction t = SyncFixtures.payment();
                outbox.enqueue(t);
                ids.add(t.id().toString());
            }
            SyncEngine engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock,
                    new Random(11), HeartbeatSnapshot::empty);

            // The first batch is stored but its answer never arrives, so at least one re-send is certain; a
            // seeded draw alone is not, because OkHttp's silent retry on a stale pooled connection adds draws.
            backend.faults().set("drop-after-commit=1,only=transactions:batch");
            assertThat(engine.syncOnce().complete()).isFalse();
            clock.advance(Duration.ofMinutes(6));
            backend.faults().set("drop-after-commit=0.3,error-rate=0.2,seed=20261122");

            SyncReport last;
            int passes = 0;
            do {
                last = engine.syncOnce();
                clock.advance(Duration.ofMinutes(6)); // past any backoff, on the injected clock
                passes++;
            } while (!last.complete() && passes < 500);

            assertThat(last.complete()).as("drained after %d passes", passes).isTrue();
            assertThat(outbox.status(clock.instant()).acknowledged()).isEqualTo(200);
            assertThat(backend.storedIds()).containsExactlyInAnyOrderElementsOf(ids);
            for (String id : ids) {
                assertThat(backend.storedCount(id)).as(id).isEqualTo(1);
            }
            assertThat(backend.duplicateCount()).as("lost answers were re-sent and deduplicated").isPositive();
        }
    }
}
