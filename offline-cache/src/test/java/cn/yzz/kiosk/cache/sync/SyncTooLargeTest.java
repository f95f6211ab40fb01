package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backend that refuses large requests with 413: the engine halves the batch until it fits, keeps the
 * smaller size for the rest of the pass (a later pass starts afresh, so one oversized transaction cannot
 * slow every later sync), and rejects (keeps for the administrator) a transaction too large even on its own.
 */
class SyncTooLargeTest {

    private static final int MOST_ACCEPTED = 2;

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryOutbox outbox = new MemoryOutbox(50, clock);
    private final FakeCountyBackend backend = new FakeCountyBackend();
    private final List<Integer> batchSizes = new ArrayList<>();
    private MockWebServer server;
    private SyncEngine engine;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                var txns = FakeCountyBackend.json(request).get("transactions");
                synchronized (batchSizes) {
                    batchSizes.add(txns.size());
                }
                boolean huge = txns.toString().contains("\"huge\"");
                if (txns.size() > MOST_ACCEPTED || huge) {
                    return new MockResponse.Builder().code(413).body("").build();
                }
                return backend.dispatch(request);
            }
        });
        server.start();
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString()).withBatchesInFlight(1);
        engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(5),
                HeartbeatSnapshot::empty);
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    private OutboxEntry entry(Transaction t) throws Exception {
        return outbox.list(100).stream().filter(e -> e.transaction().id().equals(t.id())).findFirst().orElseThrow();
    }

    @Test
    void aRefusedBatchIsHalvedUntilItFitsAndLaterBatchesOfThePassStaySmall() throws Exception {
        for (int i = 0; i < 5; i++) {
            outbox.enqueue(SyncFixtures.payment());
        }

        SyncReport first = engine.syncOnce();

        assertThat(first.acknowledged()).isEqualTo(5);
        assertThat(first.complete()).isTrue();
        assertThat(batchSizes).as("5 refused, 2 taken, 3 refused, 1 and 2 taken").containsExactly(5, 2, 3, 1, 2);
        assertThat(backend.nothingAppliedTwice()).isTrue();

        for (int i = 0; i < 4; i++) {
            outbox.enqueue(SyncFixtures.payment());
        }
        batchSizes.clear();
        assertThat(engine.syncOnce().acknowledged()).isEqualTo(4);
        assertThat(batchSizes).as("each pass starts at the configured size and learns the limit again")
                .containsExactly(4, 2, 2);
    }

    @Test
    void aTransactionTooLargeOnItsOwnIsRejectedAndTheOthersGo() throws Exception {
        Transaction before = SyncFixtures.payment();
        Transaction huge = SyncFixtures.payment("RSJ-0007", Map.of("year", "2026", "grade", "300", "note", "huge"));
        Transaction after = SyncFixtures.payment();
        outbox.enqueue(before);
        outbox.enqueue(huge);
        outbox.enqueue(after);

        SyncReport report = engine.syncOnce();

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(entry(huge).state()).isEqualTo(OutboxEntry.State.REJECTED);
        assertThat(entry(huge).lastError()).contains("413");
        assertThat(entry(before).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(entry(after).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(engine.state()).isEqualTo(SyncState.IDLE);
    }
}
