package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several batches under way at once (what keeps a slow link with a long round trip busy): never more than
 * configured, every entry in exactly one batch, and a failure in one batch stopping new batches while the
 * answers of those already under way are still applied.
 */
class SyncPipelineTest {

    private static final int IN_FLIGHT = 3;

    private final MutableClock clock = new MutableClock(T0);
    private final WatchedOutbox outbox = new WatchedOutbox(new MemoryOutbox(50, clock));
    private final FakeCountyBackend backend = new FakeCountyBackend();
    private final Gate gate = new Gate(backend, IN_FLIGHT);
    private MockWebServer server;
    private SyncEngine engine;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(gate);
        server.start();
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString()).withBatchSize(5)
                .withBatchesInFlight(IN_FLIGHT);
        engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(3),
                HeartbeatSnapshot::empty);
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    /**
     * Holds the first {@code n} requests until all {@code n} have arrived, so a test can see that they were
     * under way together; counts how many were ever under way at once.
     */
    static final class Gate extends Dispatcher {
        final AtomicInteger underWay = new AtomicInteger();
        final AtomicInteger mostUnderWay = new AtomicInteger();
        /** When set, every request after the first waits for it too: the first one is answered alone. */
        volatile CountDownLatch othersWaitFor;
        private final Dispatcher inner;
        private final CountDownLatch allArrived;
        private final AtomicInteger arrived = new AtomicInteger();

        Gate(Dispatcher inner, int n) {
            this.inner = inner;
            this.allArrived = new CountDownLatch(n);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            int now = underWay.incrementAndGet();
            mostUnderWay.accumulateAndGet(now, Math::max);
            try {
                boolean first = arrived.incrementAndGet() == 1;
                allArrived.countDown();
                allArrived.await(5, TimeUnit.SECONDS);
                CountDownLatch wait = othersWaitFor;
                if (!first && wait != null) {
                    wait.await(5, TimeUnit.SECONDS);
                }
                return inner.dispatch(request);
            } finally {
                underWay.decrementAndGet();
            }
        }
    }

    /** The in-memory outbox, telling the test when an entry has been pushed back. */
    static final class WatchedOutbox implements Outbox {
        final CountDownLatch pushedBack = new CountDownLatch(1);
        private final Outbox inner;

        WatchedOutbox(Outbox inner) {
            this.inner = inner;
        }

        @Override
        public void retryLater(UUID id, Instant next, String error) throws StoreException {
            inner.retryLater(id, next, error);
            pushedBack.countDown();
        }

        @Override
        public void enqueue(Transaction t) throws StoreException {
            inner.enqueue(t);
        }

        @Override
        public Transaction enqueueReceipted(Transaction t, String kioskId) throws StoreException {
            return inner.enqueueReceipted(t, kioskId);
        }

        @Override
        public java.util.Optional<OutboxEntry> find(UUID id) throws StoreException {
            return inner.find(id);
        }

        @Override
        public java.util.Optional<OutboxEntry> findByReceiptNo(String receiptNo) throws StoreException {
            return inner.findByReceiptNo(receiptNo);
        }

        @Override
        public List<OutboxEntry> peekDue(Instant now, int max) throws StoreException {
            return inner.peekDue(now, max);
        }

        @Override
        public void acknowledge(UUID id, String backendRef) throws StoreException {
            inner.acknowledge(id, backendRef);
        }

        @Override
        public void acknowledgeAll(Map<UUID, String> backendRefs) throws StoreException {
            inner.acknowledgeAll(backendRefs);
        }

        @Override
        public void reject(UUID id, String reason) throws StoreException {
            inner.reject(id, reason);
        }

        @Override
        public boolean unblock(UUID id) throws StoreException {
            return inner.unblock(id);
        }

        @Override
        public QueueStatus status(Instant now) throws StoreException {
            return inner.status(now);
        }

        @Override
        public List<cn.yzz.kiosk.cache.QueueDay> days(int days, java.time.ZoneId zone, Instant now) throws StoreException {
            return inner.days(days, zone, now);
        }

        @Override
        public List<cn.yzz.kiosk.cache.QueueProblem> problems(int max) throws StoreException {
            return inner.problems(max);
        }

        @Override
        public List<OutboxEntry> list(int max) throws StoreException {
            return inner.list(max);
        }

        @Override
        public int purgePersonal(Instant now, Duration retention) throws StoreException {
            return inner.purgePersonal(now, retention);
        }
    }

    private List<Transaction> enqueue(int n) throws StoreException {
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Transaction t = SyncFixtures.payment();
            outbox.enqueue(t);
            out.add(t);
        }
        return out;
    }

    private OutboxEntry entry(Transaction t) throws StoreException {
        return outbox.list(10_000).stream().filter(e -> e.transaction().id().equals(t.id())).findFirst().orElseThrow();
    }

    private long count(List<Transaction> ts, OutboxEntry.State state) throws StoreException {
        long n = 0;
        for (Transaction t : ts) {
            if (entry(t).state() == state) {
                n++;
            }
        }
        return n;
    }

    @Test
    void keepsTheConfiguredNumberOfBatchesUnderWayAndSendsEachEntryOnce() throws Exception {
        List<Transaction> all = enqueue(50);

        SyncReport report = engine.syncOnce();

        assertThat(report).isEqualTo(new SyncReport(50, 50, 0, 0, null));
        assertThat(gate.mostUnderWay.get()).as("batches under way at once").isEqualTo(IN_FLIGHT);
        assertThat(server.getRequestCount()).as("10 batches of 5, none sent twice").isEqualTo(10);
        Set<String> sentIds = new HashSet<>();
        for (var body : backend.bodies) {
            assertThat(body.get("transactions").size()).isLessThanOrEqualTo(5);
            for (String id : body.get("transactions").findValuesAsText("id")) {
                assertThat(sentIds.add(id)).as("%s in two batches", id).isTrue();
            }
        }
        assertThat(sentIds).hasSize(50);
        assertThat(count(all, OutboxEntry.State.ACKNOWLEDGED)).isEqualTo(50);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void aFailedBatchStopsNewBatchesWhileTheOthersUnderWayAreStillAcknowledged() throws Exception {
        List<Transaction> all = enqueue(30);
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(500).body("")));
        // The other two are answered only once the engine has pushed the failed batch back.
        gate.othersWaitFor = outbox.pushedBack;

        SyncReport report = engine.syncOnce();

        assertThat(server.getRequestCount()).as("the three under way, then nothing new").isEqualTo(IN_FLIGHT);
        assertThat(report.sent()).isEqualTo(15);
        assertThat(report.acknowledged()).isEqualTo(10);
        assertThat(report.error()).startsWith("SERVER");
        assertThat(engine.state()).isEqualTo(SyncState.BACKING_OFF);
        assertThat(count(all, OutboxEntry.State.ACKNOWLEDGED)).isEqualTo(10);
        long pushedBack = 0;
        for (Transaction t : all) {
            OutboxEntry e = entry(t);
            if (e.state() == OutboxEntry.State.PENDING && e.attempts() == 1) {
                assertThat(e.nextAttempt()).isAfter(clock.instant());
                pushedBack++;
            }
        }
        assertThat(pushedBack).as("only the failed batch was pushed back").isEqualTo(5);

        clock.advance(Duration.ofMinutes(6));
        assertThat(engine.syncOnce().complete()).isTrue();
        assertThat(count(all, OutboxEntry.State.ACKNOWLEDGED)).isEqualTo(30);
        assertThat(backend.applied).hasSize(30);
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void aRevokedTokenInOneBatchLeavesItsEntriesUntouchedAndStopsSyncing() throws Exception {
        List<Transaction> all = enqueue(15);
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(401).body("")));

        SyncReport report = engine.syncOnce();

        assertThat(engine.state()).isEqualTo(SyncState.NEEDS_REENROLLMENT);
        assertThat(report.acknowledged()).isEqualTo(10);
        long untouched = 0;
        for (Transaction t : all) {
            OutboxEntry e = entry(t);
            if (e.state() == OutboxEntry.State.PENDING) {
                assertThat(e.attempts()).isZero();
                assertThat(e.nextAttempt()).isBeforeOrEqualTo(clock.instant());
                untouched++;
            }
        }
        assertThat(untouched).isEqualTo(5);
        assertThat(engine.syncOnce().sent()).as("nothing sent until re-enrolled").isZero();
        assertThat(server.getRequestCount()).isEqualTo(IN_FLIGHT);
    }
}
