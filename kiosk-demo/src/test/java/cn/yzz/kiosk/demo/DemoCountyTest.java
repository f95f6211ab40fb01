package cn.yzz.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.CountyLink;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's link to the county as the demo runs it: its own backend in-process, enrolled at first
 * start, finished work synced in the background, the simulated network cut and restored, and a second
 * start finding the same enrollment and the work left behind. (Moved from kiosk-app's CountyLinkTest
 * with the demo's backend.)
 */
class DemoCountyTest {

    @TempDir
    Path dir;

    private final List<Boolean> reachability = new CopyOnWriteArrayList<>();

    /** The demo's county and the kiosk's link to it, opened in the order the demo opens them, closed in reverse. */
    private record Opened(DemoCounty county, CountyLink link) implements AutoCloseable {
        /** The simulator's line switch, as the demo works it. */
        void simulateNetwork(boolean up) {
            county.network(up);
            link.networkChanged(up);
        }

        @Override
        public void close() {
            link.close();
            county.close();
        }
    }

    private static Transaction payment(int n) {
        return new Transaction(UuidV7.next(), "payment", "RSJ-0007", OffsetDateTime.now(ZoneOffset.ofHours(8)), "s-" + n,
                new Person("440203195103152316", "李秀英"), Map.of("year", "2026", "grade", "300"), 30000L, null,
                "DEMO-20261123-" + n);
    }

    private Opened open() throws Exception {
        DemoCounty county = DemoCounty.start(dir, "desktop");
        try {
            return new Opened(county, CountyLink.open(dir,
                    () -> new HeartbeatSnapshot(List.of(new HeartbeatSnapshot.Device("idcard", "ok", "idle")), null),
                    reachability::add));
        } catch (Exception | Error e) {
            county.close();
            throw e;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static OutboxEntry.State state(CountyLink link, Transaction t) {
        try {
            return link.outbox().list(1_000).stream().filter(e -> e.transaction().id().equals(t.id()))
                    .findFirst().orElseThrow().state();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int attempts(CountyLink link, Transaction t) {
        try {
            return link.outbox().list(1_000).stream().filter(e -> e.transaction().id().equals(t.id()))
                    .findFirst().orElseThrow().attempts();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDemoEnrollsWithItsOwnBackendAndSyncsWhatIsQueued() throws Exception {
        try (Opened opened = open()) {
            CountyLink link = opened.link();
            EnrollmentFile enrolled = EnrollmentFile.load(dir).orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(EnrollmentFile.NAME))))
                    .isEqualTo("rw-------");
            assertThat(link.engine()).isPresent();
            var backend = opened.county().backend();

            Transaction t = payment(1);
            link.outbox().enqueue(t);
            link.queued();

            await("the payment acknowledged", () -> state(link, t) == OutboxEntry.State.ACKNOWLEDGED);
            assertThat(backend.storedCount(t.id().toString())).isEqualTo(1);
            assertThat(reachability).startsWith(true);
            await("a heartbeat", () -> backend.lastHeartbeat().isPresent());
            assertThat(backend.lastHeartbeat().orElseThrow()).contains("\"kind\":\"idcard\"").contains("\"queue\"")
                    .contains(enrolled.kioskId());
        }
    }

    @Test
    void aCutLineKeepsWorkQueuedAndItGoesOnceTheLineIsBack() throws Exception {
        try (Opened opened = open()) {
            CountyLink link = opened.link();
            await("first contact", () -> !reachability.isEmpty());
            opened.simulateNetwork(false);
            assertThat(reachability).endsWith(false);

            Transaction t = payment(2);
            link.outbox().enqueue(t);
            link.queued();
            await("an attempt with the line cut", () -> attempts(link, t) >= 1);
            assertThat(state(link, t)).isEqualTo(OutboxEntry.State.PENDING);
            assertThat(opened.county().backend().storedCount(t.id().toString())).isZero();

            opened.simulateNetwork(true);

            await("the backend reachable again", () -> reachability.get(reachability.size() - 1));
            // Sent when its backoff (at most a few seconds after one failure) has passed, not before.
            await("the payment acknowledged", () -> state(link, t) == OutboxEntry.State.ACKNOWLEDGED);
            assertThat(opened.county().backend().storedCount(t.id().toString())).isEqualTo(1);
        }
    }

    @Test
    void aSecondStartKeepsTheEnrollmentAndSendsWhatTheFirstLeftBehind() throws Exception {
        String kioskId;
        Transaction left = payment(3);
        try (Opened first = open()) {
            kioskId = EnrollmentFile.load(dir).orElseThrow().kioskId();
            first.simulateNetwork(false);
            first.link().outbox().enqueue(left);
        }
        try (Opened second = open()) {
            assertThat(EnrollmentFile.load(dir).orElseThrow().kioskId()).isEqualTo(kioskId);
            assertThat(EnrollmentFile.load(dir).orElseThrow().backendUrl()).as("where the backend listens now")
                    .isEqualTo(second.county().backend().url());
            second.link().queued();
            await("the payment left behind acknowledged", () -> state(second.link(), left) == OutboxEntry.State.ACKNOWLEDGED);
            assertThat(second.county().backend().storedCount(left.id().toString())).isEqualTo(1);
        }
    }
}
