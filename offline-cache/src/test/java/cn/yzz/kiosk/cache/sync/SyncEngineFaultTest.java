package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static cn.yzz.kiosk.cache.sync.SyncFixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP faults of reliability-research §4 and G6, each asserting how many requests the server saw,
 * what became of the entries, and that the backend applied nothing twice.
 */
class SyncEngineFaultTest {

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryOutbox outbox = new MemoryOutbox(50, clock);
    private final FakeCountyBackend backend = new FakeCountyBackend();
    private MockWebServer server;
    private SyncEngine engine;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(backend);
        server.start();
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString());
        engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(42),
                HeartbeatSnapshot::empty);
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    private Transaction enqueued() {
        return enqueue(payment());
    }

    private Transaction enqueue(Transaction t) {
        try {
            outbox.enqueue(t);
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
        return t;
    }

    private OutboxEntry entry(Transaction t) {
        try {
            return outbox.list(10_000).stream().filter(e -> e.transaction().id().equals(t.id())).findFirst().orElseThrow();
        } catch (StoreException e) {
            throw new AssertionError(e);
        }
    }

    /** Moves the clock past any backoff (cap 5 min) so everything pending is due again. */
    private void afterBackoff() {
        clock.advance(Duration.ofMinutes(6));
    }

    @Test
    void uploadsOldestFirstInOneBatchAndKeepsBackendRefs() {
        Transaction a = enqueued();
        Transaction b = enqueued();
        Transaction c = enqueued();

        SyncReport report = engine.syncOnce();

        assertThat(report).isEqualTo(new SyncReport(3, 3, 0, 0, null));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(backend.bodies.get(0).get("transactions").findValuesAsText("id"))
                .containsExactly(a.id().toString(), b.id().toString(), c.id().toString());
        assertThat(entry(a).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(entry(a).backendRef()).isEqualTo(backend.refs.get(a.id().toString()));
        assertThat(engine.state()).isEqualTo(SyncState.IDLE);
    }

    @Test
    void batchesAreAtMostTheConfiguredSize() throws Exception {
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString()).withBatchSize(2);
        SyncEngine small = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(1),
                HeartbeatSnapshot::empty);
        for (int i = 0; i < 5; i++) {
            enqueued();
        }
        assertThat(small.syncOnce()).isEqualTo(new SyncReport(5, 5, 0, 0, null));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void connectionDroppedAfterCommitOnPooledConnectionIsSentAgainByUsOnlyAndAcknowledgedAsDuplicate() {
        // A first, good exchange leaves a pooled connection: the case where OkHttp would replay silently.
        enqueued();
        engine.syncOnce();
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.afterCommit(
                b -> b.onResponseStart(new SocketEffect.CloseSocket(true, false, false))));

        SyncReport lost = engine.syncOnce();

        assertThat(lost.error()).startsWith("TRANSPORT");
        assertThat(server.getRequestCount()).as("exactly one request for the attempt, no OkHttp re-send").isEqualTo(2);
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(entry(t).nextAttempt()).isAfter(clock.instant());
        assertThat(engine.state()).isEqualTo(SyncState.BACKING_OFF);

        assertThat(engine.syncOnce().sent()).as("not due yet: backoff").isZero();
        afterBackoff();
        SyncReport again = engine.syncOnce();

        assertThat(again.acknowledged()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(entry(t).backendRef()).as("the original backendRef").isEqualTo(backend.refs.get(t.id().toString()));
        assertThat(backend.applied.get(t.id().toString()).get()).isEqualTo(1);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void connectionDroppedAfterRequestOnFreshConnectionIsOneRequest() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.afterCommit(
                b -> b.onResponseStart(new SocketEffect.CloseSocket(true, false, false))));

        engine.syncOnce();

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(entry(t).attempts()).isEqualTo(1);
    }

    @Test
    void status408IsNotResentByOkHttp() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(408).body("")));

        SyncReport report = engine.syncOnce();

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(report.error()).startsWith("SERVER");
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(backend.applied).isEmpty();
    }

    @Test
    void status500PushesBackWithinFullJitterBounds() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(500).body("{}")));

        engine.syncOnce();

        assertThat(server.getRequestCount()).isEqualTo(1);
        Duration delay = Duration.between(clock.instant(), entry(t).nextAttempt());
        assertThat(delay).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)); // attempt 0: [0, base], floor 1 s
        afterBackoff();
        assertThat(engine.syncOnce().acknowledged()).isEqualTo(1);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void status503WithRetryAfterZeroIsOneRequestAndWaitsAtLeastTheBase() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(503).addHeader("Retry-After", "0").body("")));

        SyncReport report = engine.syncOnce();

        assertThat(server.getRequestCount()).as("OkHttp re-sends 503 + Retry-After: 0 unless the body is one-shot")
                .isEqualTo(1);
        assertThat(report.error()).startsWith("THROTTLED");
        assertThat(entry(t).nextAttempt()).isAfterOrEqualTo(clock.instant().plusSeconds(2));
        assertThat(engine.syncOnce().sent()).as("no hammering").isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void status429WithRetryAfterIsHonouredOnTheClock() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(429).addHeader("Retry-After", "7").body("")));

        engine.syncOnce();

        assertThat(entry(t).nextAttempt()).isAfterOrEqualTo(T0.plusSeconds(7));
        clock.advance(Duration.ofMillis(6_999));
        assertThat(engine.syncOnce().sent()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(3)); // Retry-After plus at most the base of jitter
        assertThat(engine.syncOnce().acknowledged()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void stalledBodyEndsInTheCallTimeoutAndTheEntryStaysPending() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.afterCommit(b -> b.throttleBody(1, 1, TimeUnit.SECONDS)));
        long started = System.nanoTime();

        SyncReport report = engine.syncOnce();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(report.error()).startsWith("TRANSPORT");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        afterBackoff();
        engine.syncOnce();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void malformedJsonIn200ChangesNothingButTheAttemptTime() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.afterCommit(b -> b.body("{\"results\": [{\"id\": ")));

        SyncReport report = engine.syncOnce();

        assertThat(report.error()).startsWith("MALFORMED");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        afterBackoff();
        engine.syncOnce();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void hugeBodyIsRefusedAsMalformed() {
        Transaction t = enqueued();
        String huge = "{\"results\": [], \"pad\": \"" + "x".repeat((int) BackendClient.MAX_BODY_BYTES) + "\"}";
        backend.fault(FakeCountyBackend.Fault.afterCommit(b -> b.body(huge)));

        SyncReport report = engine.syncOnce();

        assertThat(report.error()).startsWith("MALFORMED");
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
    }

    @Test
    void resultsAreMatchedByIdAndAMissingOneStaysPending() {
        Transaction a = enqueued();
        Transaction b = enqueued();
        backend.fault(new FakeCountyBackend.Fault(true, r -> r, Set.of(a.id().toString())));

        SyncReport report = engine.syncOnce();

        assertThat(report.acknowledged()).isEqualTo(1);
        assertThat(report.remaining()).isEqualTo(1);
        assertThat(entry(a).state()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(entry(b).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        afterBackoff();
        engine.syncOnce();
        assertThat(entry(a).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void resultsForUnknownIdsOrOutOfOrderAreNotTrusted() {
        Transaction a = enqueued();
        Transaction b = enqueued();
        String answer = "{\"results\": ["
                + "{\"id\": \"" + b.id() + "\", \"status\": \"accepted\", \"backendRef\": \"RB\"},"
                + "{\"id\": \"00000000-0000-7000-8000-000000000000\", \"status\": \"accepted\", \"backendRef\": \"RX\"}]}";
        backend.fault(FakeCountyBackend.Fault.instead(r -> r.body(answer)));

        engine.syncOnce();

        assertThat(entry(a).state()).as("a's place was taken by an unknown id").isEqualTo(OutboxEntry.State.PENDING);
        assertThat(entry(b).backendRef()).isEqualTo("RB");
    }

    @Test
    void duplicateIsAcknowledgedWithTheOriginalBackendRef() {
        Transaction t = enqueued();
        backend.preload(t.id().toString(), "RS2026112100991");

        SyncReport report = engine.syncOnce();

        assertThat(report.acknowledged()).isEqualTo(1);
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(entry(t).backendRef()).isEqualTo("RS2026112100991");
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void rejectedIsKeptAndNeverSentAgain() {
        Transaction bad = payment("NOPE-1", Map.of());
        enqueue(bad);
        backend.rejectServiceCodes.add("NOPE-1");

        SyncReport report = engine.syncOnce();

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(entry(bad).state()).isEqualTo(OutboxEntry.State.REJECTED);
        assertThat(entry(bad).lastError()).isEqualTo("unknown serviceCode");
        clock.advance(Duration.ofDays(30));
        assertThat(engine.syncOnce().sent()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void status401StopsSyncingKeepsTheQueueAndAsksForReEnrollment() {
        Transaction t = enqueued();
        List<SyncState> seen = new CopyOnWriteArrayList<>();
        engine.addListener(seen::add);
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(401).body("")));

        SyncReport report = engine.syncOnce();

        assertThat(engine.state()).isEqualTo(SyncState.NEEDS_REENROLLMENT);
        assertThat(seen).contains(SyncState.NEEDS_REENROLLMENT);
        assertThat(report.remaining()).isEqualTo(1);
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(entry(t).attempts()).as("untouched").isZero();
        assertThat(engine.syncOnce().error()).isEqualTo("needs re-enrollment");
        assertThat(engine.heartbeat()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void bodiesOver1KiBAreGzippedAndSmallOnesAreNot() {
        enqueued();
        engine.syncOnce();
        Transaction big = payment("RSJ-0007", Map.of("note", "长".repeat(2000)));
        enqueue(big);
        engine.syncOnce();

        assertThat(backend.requests.get(0).getHeaders().get("Content-Encoding")).isNull();
        assertThat(backend.requests.get(1).getHeaders().get("Content-Encoding")).isEqualTo("gzip");
        assertThat(backend.bodies.get(1).get("transactions").get(0).get("id").asText())
                .isEqualTo(big.id().toString());
        assertThat(backend.requests.get(1).getBodySize()).isLessThan(1024);
        assertThat(entry(big).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
    }

    @Test
    void everyUploadCarriesTokenAndKioskIdAndTheContractShape() {
        Transaction t = enqueued();
        engine.syncOnce();

        var request = backend.requests.get(0);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(request.getHeaders().get("X-Kiosk-Id")).isEqualTo("WJ-0042");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        var body = backend.bodies.get(0);
        assertThat(body.get("kioskId").asText()).isEqualTo("WJ-0042");
        var item = body.get("transactions").get(0);
        assertThat(item.get("createdAt").asText()).isEqualTo(t.createdAt().toString()).endsWith("+08:00");
        assertThat(item.get("amountFen").isIntegralNumber()).isTrue();
        assertThat(item.get("amountFen").asLong()).isEqualTo(30000);
        assertThat(item.get("person").get("idNumber").asText()).isEqualTo("440203195103152316");
        assertThat(item.get("cash").get("notes").get("10000").asInt()).isEqualTo(3);
    }

    @Test
    void stallBeforeTheAnswerEndsInATimeoutAndIsOneRequest() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.afterCommit(b -> b.onResponseStart(SocketEffect.Stall.INSTANCE)));

        SyncReport report = engine.syncOnce();

        assertThat(report.error()).startsWith("TRANSPORT");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        afterBackoff();
        engine.syncOnce();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void connectionClosedInTheMiddleOfTheAnswerLeavesTheEntryPending() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.afterCommit(
                b -> b.onResponseBody(new SocketEffect.CloseSocket(true, false, false))));

        SyncReport report = engine.syncOnce();

        assertThat(report.error()).isNotNull();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
    }

    @Test
    void aBatchRefusedAsAWholeIsPushedBackNotRejected() {
        Transaction t = enqueued();
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(400)
                .addHeader("Content-Type", "application/problem+json")
                .body("{\"type\": \"about:blank\", \"title\": \"bad body\", \"status\": 400}")));

        SyncReport report = engine.syncOnce();

        assertThat(report.error()).startsWith("CLIENT");
        assertThat(entry(t).state()).as("only a per-item 'rejected' rejects").isEqualTo(OutboxEntry.State.PENDING);
    }

    @Test
    void manyFaultsInARowEndWithEveryIdAppliedOnce() {
        for (int i = 0; i < 7; i++) {
            enqueued();
        }
        backend.fault(FakeCountyBackend.Fault.afterCommit(
                b -> b.onResponseStart(new SocketEffect.CloseSocket(true, false, false))));
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(503).addHeader("Retry-After", "3").body("")));
        backend.fault(FakeCountyBackend.Fault.afterCommit(b -> b.body("not json")));
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(500).body("")));
        Instant deadline = clock.instant().plus(Duration.ofHours(1));
        SyncReport last;
        do {
            last = engine.syncOnce();
            afterBackoff();
        } while (!last.complete() && clock.instant().isBefore(deadline));

        assertThat(last.complete()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(5);
        assertThat(backend.applied).hasSize(7);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }
}
