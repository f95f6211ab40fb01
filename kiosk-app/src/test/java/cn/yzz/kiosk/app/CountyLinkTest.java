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
import java.nio.file.Path;
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
 * The kiosk's link to the county: a kiosk that is not enrolled keeps its work, and enrolling (or enrolling
 * again after a revoked token) while it runs starts syncing. (The demo's own backend, enrollment and
 * network switch are tested in kiosk-demo, DemoCountyTest.)
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

    @Test
    void aKioskThatIsNotEnrolledKeepsItsWorkAndSaysItIsOffline() throws Exception {
        try (CountyLink link = CountyLink.open(dir, HeartbeatSnapshot::empty, reachability::add)) {
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
    void theCountysUploadDiagnosticsCommandSendsTheBundleTheKioskMakes() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), "7K3Q-92XD", FaultSettings.none())) {
            EnrollmentFile e = enroll(backend, "7K3Q-92XD");
            e.save(dir.resolve("kiosk"));
            try (CountyLink link = CountyLink.open(dir.resolve("kiosk"), HeartbeatSnapshot::empty, reachability::add)) {
                java.util.List<Integer> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
                link.onDiagnostics(limit -> {
                    asked.add(limit);
                    return new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}; // an empty zip
                });
                backend.queueCommand(e.kioskId(), "upload-diagnostics");
                link.networkChanged(true); // a heartbeat now rather than in 5 minutes

                await("the bundle at the backend", () -> backend.diagnosticsBundles().size() == 1);
                assertThat(asked).containsExactly(cn.yzz.kiosk.cache.sync.BackendClient.MAX_DIAGNOSTICS_BYTES); // sync-api.md: "at most 5 MB"
            }
        }
    }

    @Test
    void enrollingWhileTheKioskRunsStartsSyncingWithoutARestart() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), "7K3Q-92XD", FaultSettings.none());
             CountyLink link = CountyLink.open(dir.resolve("kiosk"), HeartbeatSnapshot::empty,
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
            try (CountyLink link = CountyLink.open(data, HeartbeatSnapshot::empty, reachability::add,
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
