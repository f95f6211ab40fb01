package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.cache.sync.SyncState;
import java.time.Clock;
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
 * start finding the same enrollment and the work left behind.
 */
class CountyLinkTest {

    @TempDir
    Path dir;

    private final List<Boolean> reachability = new CopyOnWriteArrayList<>();

    private static Transaction payment(int n) {
        return new Transaction(UuidV7.next(), "payment", "RSJ-0007", OffsetDateTime.now(ZoneOffset.ofHours(8)), "s-" + n,
                new Person("440203195103152316", "李秀英"), Map.of("year", "2026", "grade", "300"), 30000L, null,
                "DEMO-20261123-" + n);
    }

    private CountyLink open() throws Exception {
        return CountyLink.open(dir, true, "desktop",
                () -> new HeartbeatSnapshot(List.of(new HeartbeatSnapshot.Device("idcard", "ok", "idle")), null),
                reachability::add);
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
        try (CountyLink link = open()) {
            EnrollmentFile enrolled = EnrollmentFile.load(dir).orElseThrow();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(EnrollmentFile.NAME))))
                    .isEqualTo("rw-------");
            assertThat(link.engine()).isPresent();
            var backend = link.demoBackend().orElseThrow();

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
        try (CountyLink link = open()) {
            await("first contact", () -> !reachability.isEmpty());
            link.simulateNetwork(false);
            assertThat(reachability).endsWith(false);

            Transaction t = payment(2);
            link.outbox().enqueue(t);
            link.queued();
            await("an attempt with the line cut", () -> attempts(link, t) >= 1);
            assertThat(state(link, t)).isEqualTo(OutboxEntry.State.PENDING);
            assertThat(link.demoBackend().orElseThrow().storedCount(t.id().toString())).isZero();

            link.simulateNetwork(true);

            await("the backend reachable again", () -> reachability.get(reachability.size() - 1));
            // Sent when its backoff (at most a few seconds after one failure) has passed, not before.
            await("the payment acknowledged", () -> state(link, t) == OutboxEntry.State.ACKNOWLEDGED);
            assertThat(link.demoBackend().orElseThrow().storedCount(t.id().toString())).isEqualTo(1);
        }
    }

    @Test
    void aSecondStartKeepsTheEnrollmentAndSendsWhatTheFirstLeftBehind() throws Exception {
        String kioskId;
        Transaction left = payment(3);
        try (CountyLink first = open()) {
            kioskId = EnrollmentFile.load(dir).orElseThrow().kioskId();
            first.simulateNetwork(false);
            first.outbox().enqueue(left);
        }
        try (CountyLink second = open()) {
            assertThat(EnrollmentFile.load(dir).orElseThrow().kioskId()).isEqualTo(kioskId);
            second.queued();
            await("the payment left behind acknowledged", () -> state(second, left) == OutboxEntry.State.ACKNOWLEDGED);
            assertThat(second.demoBackend().orElseThrow().storedCount(left.id().toString())).isEqualTo(1);
        }
    }

    @Test
    void aKioskThatIsNotEnrolledKeepsItsWorkAndSaysItIsOffline() throws Exception {
        try (CountyLink link = CountyLink.open(dir, false, "desktop", HeartbeatSnapshot::empty, reachability::add)) {
            assertThat(link.engine()).isEmpty();
            assertThat(reachability).containsExactly(false);
            Transaction t = payment(4);
            link.outbox().enqueue(t);
            link.queued();
            assertThat(state(link, t)).isEqualTo(OutboxEntry.State.PENDING);
            assertThat(link.acceptingWork()).isTrue();
        }
    }

    private static EnrollmentFile enroll(DevBackend backend, String code) throws Exception {
        var e = new BackendClient(SyncConfig.defaults(backend.url(), null, null, true), Clock.systemUTC())
                .enroll(new EnrollRequest(code, "desktop", "440511101201", "test-kiosk", "1.0.0"));
        return new EnrollmentFile(backend.url(), e.kioskId(), e.token(), "desktop", "440511101201", true);
    }

    @Test
    void enrollingWhileTheKioskRunsStartsSyncingWithoutARestart() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), "7K3Q-92XD", FaultSettings.none());
             CountyLink link = CountyLink.open(dir.resolve("kiosk"), false, "desktop", HeartbeatSnapshot::empty,
                     reachability::add, Duration.ofMillis(100))) {
            Transaction t = payment(5);
            link.outbox().enqueue(t);
            assertThat(link.engine()).isEmpty();

            enroll(backend, "7K3Q-92XD").save(dir.resolve("kiosk")); // what kioskctl enroll does

            await("the payment acknowledged", () -> state(link, t) == OutboxEntry.State.ACKNOWLEDGED);
            assertThat(backend.storedCount(t.id().toString())).isEqualTo(1);
            assertThat(reachability).containsExactly(false, true);
        }
    }

    @Test
    void aRevokedTokenStopsSyncingUntilTheKioskIsEnrolledAgain() throws Exception {
        Path data = dir.resolve("kiosk");
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), List.of("7K3Q-92XD", "8M4R-03YE"),
                FaultSettings.none(), DevBackend.DEFAULT_MAX_BODY_BYTES)) {
            EnrollmentFile good = enroll(backend, "7K3Q-92XD");
            new EnrollmentFile(good.backendUrl(), good.kioskId(), "revoked-token", "desktop", "440511101201", true)
                    .save(data);
            try (CountyLink link = CountyLink.open(data, false, "desktop", HeartbeatSnapshot::empty, reachability::add,
                    Duration.ofMillis(100))) {
                Transaction t = payment(6);
                link.outbox().enqueue(t);
                link.queued();
                await("needs re-enrollment", () -> link.engine().orElseThrow().state() == SyncState.NEEDS_REENROLLMENT);
                assertThat(state(link, t)).isEqualTo(OutboxEntry.State.PENDING);

                enroll(backend, "8M4R-03YE").save(data);

                await("the payment acknowledged", () -> state(link, t) == OutboxEntry.State.ACKNOWLEDGED);
                assertThat(link.engine().orElseThrow().state()).isNotEqualTo(SyncState.NEEDS_REENROLLMENT);
                assertThat(backend.storedCount(t.id().toString())).isEqualTo(1);
            }
        }
    }
}
