package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static cn.yzz.kiosk.cache.sync.SyncFixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's explicit sync ({@code kioskctl sync --once}, the console's 立即同步) sends every pending entry at
 * once, whatever its own backoff, but never while the backend's Retry-After is in force; and the v1.1 fields reach
 * the wire.
 */
class SyncNowTest {

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryOutbox outbox = new MemoryOutbox(3, clock);
    private final FakeCountyBackend backend = new FakeCountyBackend();
    private MockWebServer server;
    private SyncEngine engine;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(backend);
        server.start();
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString());
        engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(7),
                HeartbeatSnapshot::empty);
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    private List<Transaction> backedOff(int n) throws Exception {
        List<Transaction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Transaction t = payment();
            outbox.enqueue(t);
            // after an outage: each waits out its own backoff, minutes ahead
            outbox.retryLater(t.id(), clock.instant().plus(Duration.ofMinutes(1 + i)), "TRANSPORT: connection refused");
            out.add(t);
        }
        return out;
    }

    @Test
    void everyPendingEntryIsSentNowWhateverItsBackoffAndBlockedOnesStayBlocked() throws Exception {
        List<Transaction> waiting = backedOff(5);
        Transaction blocked = payment();
        outbox.enqueue(blocked);
        for (int i = 0; i < 3; i++) {
            outbox.retryLater(blocked.id(), clock.instant(), "503");
        }
        assertThat(engine.syncOnce().sent()).as("the engine's own pass keeps the backoff").isZero();

        SyncReport r = engine.syncNow();

        assertThat(r).isEqualTo(new SyncReport(5, 5, 0, 0, null));
        assertThat(r.complete()).isTrue();
        assertThat(backend.applied.keySet()).containsExactlyInAnyOrderElementsOf(
                waiting.stream().map(t -> t.id().toString()).toList());
        assertThat(outbox.find(blocked.id()).orElseThrow().state()).isEqualTo(OutboxEntry.State.BLOCKED);
    }

    @Test
    void anExplicitSyncThatFailsPushesBackOnceAndEnds() throws Exception {
        backedOff(3);
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(500).body("")));
        SyncReport r = engine.syncNow();
        assertThat(r.error()).startsWith("SERVER");
        assertThat(r.remaining()).isEqualTo(3);
        assertThat(server.getRequestCount()).as("one batch, not a loop over pushed-back entries").isEqualTo(1);
    }

    @Test
    void aRetryAfterHeardHoldsEvenAnExplicitSyncAndSaysUntilWhen() throws Exception {
        backedOff(2);
        backend.fault(FakeCountyBackend.Fault.instead(b -> b.code(429).addHeader("Retry-After", "120").body("")));

        SyncReport first = engine.syncNow();
        assertThat(first.error()).startsWith("THROTTLED");
        assertThat(first.waitUntil()).isEqualTo(T0.plusSeconds(120));
        assertThat(server.getRequestCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(60));
        SyncReport held = engine.syncNow();
        assertThat(held.sent()).isZero();
        assertThat(held.remaining()).isEqualTo(2);
        assertThat(held.waitUntil()).isEqualTo(T0.plusSeconds(120));
        assertThat(held.error()).contains("THROTTLED");
        assertThat(server.getRequestCount()).as("nothing sent while the Retry-After is in force").isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        SyncReport after = engine.syncNow();
        assertThat(after).isEqualTo(new SyncReport(2, 2, 0, 0, null));
        assertThat(backend.nothingAppliedTwice()).isTrue();
    }

    @Test
    void aQrPaymentSaysItsMethodAndOrderOnTheWireAndAnEvaluationNeither() throws Exception {
        Transaction qr = Transactions.householdQr(0, "ORD-7").withReceiptNo("WJ-0042-20261122-0001");
        Transaction eval = Transactions.evaluation(1, 1);
        JsonNode items = new ObjectMapper().readTree(SyncJson.batch("WJ-0042", List.of(qr, eval))).get("transactions");
        assertThat(items.get(0).get("method").asText()).isEqualTo("qr");
        assertThat(items.get(0).get("orderId").asText()).isEqualTo("ORD-7");
        assertThat(items.get(0).get("data").get("members").get(1).get("idNumber").asText())
                .isEqualTo(Transactions.FANG.idNumber());
        assertThat(items.get(1).has("method")).isFalse();
        assertThat(items.get(1).has("orderId")).isFalse();
    }
}
