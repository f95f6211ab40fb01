package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers a county backend written from sync-api.md alone may give, though the project's dev-backend happens not to:
 * where the document is silent or names less than dev-backend sends, the real client over loopback HTTP must still do
 * the right thing. Each test is one latitude the document leaves.
 */
class ContractLatitudeTest {
    private static final Person PAYER = new Person("441802198503120035", "陈志强");
    private static final String PROBLEM = "{\"type\": \"about:blank\", \"title\": \"Conflict\", \"status\": 409, \"detail\": \"paid\"}";

    private final MutableClock clock = new MutableClock(T0);
    private MockWebServer server;
    private BackendClient client;
    private SyncConfig config;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        config = SyncFixtures.config(server.url("/kiosk").toString());
        client = new BackendClient(config, clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void reply(int code, String body) {
        MockResponse.Builder b = new MockResponse.Builder().code(code);
        if (body != null) {
            b.addHeader("Content-Type", code >= 400 ? "application/problem+json" : "application/json").body(body);
        }
        server.enqueue(b.build());
    }

    private RecordedRequest next() throws InterruptedException {
        return server.takeRequest();
    }

    // sync-api.md: "polls GET /api/v1/payments/{orderId} ... until `status` is `paid`, `expired` or `cancelled`".
    // It names no other field of that answer and no word for "not yet".
    @Test
    void a_payment_status_needs_no_order_id_and_a_word_the_document_does_not_name_is_not_final() throws Exception {
        reply(200, "{\"status\": \"unpaid\"}");
        reply(200, "{\"status\": \"waiting\", \"channel\": \"wechat\"}");
        reply(200, "{\"status\": \"paid\"}");
        reply(200, "{\"orderId\": \"PO123\", \"status\": \"expired\"}");

        assertThat(client.paymentStatus("PO123")).isEqualTo(PaymentStatus.PENDING);
        assertThat(client.paymentStatus("PO123").isFinal()).isFalse();
        assertThat(client.paymentStatus("PO123")).isEqualTo(PaymentStatus.PAID);
        assertThat(client.paymentStatus("PO123")).isEqualTo(PaymentStatus.EXPIRED);

        // Still refused: an answer about another order, or with no status at all.
        reply(200, "{\"orderId\": \"PO999\", \"status\": \"paid\"}");
        reply(200, "{\"orderId\": \"PO123\"}");
        for (int i = 0; i < 2; i++) {
            BackendException e = catchThrowableOfType(BackendException.class, () -> client.paymentStatus("PO123"));
            assertThat(e.kind()).isEqualTo(BackendException.Kind.MALFORMED);
        }
    }

    // sync-api.md: "`DELETE /api/v1/payments/{orderId}` cancels." Nothing about its answer.
    @Test
    void a_cancel_answered_without_the_orders_state_asks_the_order_and_a_last_moment_payment_is_paid() throws Exception {
        reply(204, null);
        reply(200, "{\"status\": \"paid\"}");
        assertThat(client.cancelPayment("PO1")).isEqualTo(PaymentStatus.PAID);
        assertThat(next().getMethod()).isEqualTo("DELETE");
        RecordedRequest ask = next();
        assertThat(ask.getMethod()).isEqualTo("GET");
        assertThat(ask.getUrl().encodedPath()).isEqualTo("/kiosk/api/v1/payments/PO1");

        reply(200, "{\"cancelled\": true}");
        reply(200, "{\"status\": \"cancelled\"}");
        assertThat(client.cancelPayment("PO2")).isEqualTo(PaymentStatus.CANCELLED);

        reply(202, "accepted");
        reply(200, "{\"status\": \"cancelled\"}");
        assertThat(client.cancelPayment("PO3")).isEqualTo(PaymentStatus.CANCELLED);

        // Already final at the county: a 409 problem document (its "status" is a number, not the order's).
        reply(409, PROBLEM);
        reply(200, "{\"status\": \"paid\"}");
        assertThat(client.cancelPayment("PO4")).isEqualTo(PaymentStatus.PAID);

        // An answer that does say the state is used as it is: one request.
        int before = server.getRequestCount();
        reply(200, "{\"orderId\": \"PO5\", \"status\": \"paid\"}");
        assertThat(client.cancelPayment("PO5")).isEqualTo(PaymentStatus.PAID);
        assertThat(server.getRequestCount()).isEqualTo(before + 1);
    }

    // sync-api.md: "Creating an order twice for the same `transactionId` returns the same order." A county may say 200.
    @Test
    void a_second_order_for_the_same_transaction_answered_200_is_the_same_order() throws Exception {
        String order = "{\"orderId\": \"PO7\", \"payUrl\": \"https://pay.example/o/PO7\", \"expiresAt\": \"2026-11-22T09:35:00+08:00\"}";
        reply(201, order);
        reply(200, order);
        UUID tx = UUID.randomUUID();

        QrOrder first = client.createQrPayment(tx, "RSJ-0007", 30000, PAYER);
        QrOrder again = client.createQrPayment(tx, "RSJ-0007", 30000, PAYER);

        assertThat(again).isEqualTo(first);
        assertThat(again.orderId()).isEqualTo("PO7");
    }

    // sync-api.md: "201 {orderId, payUrl, expiresAt}: the kiosk draws `payUrl` as a QR code". Only sandboxes are said
    // to make it an HTTP URL; WeChat Pay's native code is a weixin: URI.
    @Test
    void a_pay_url_that_is_not_http_is_drawn_as_it_is() throws Exception {
        String wechat = "weixin://wxpay/bizpayurl?pr=Qx7Ky2vzz";
        reply(201, "{\"orderId\": \"PO8\", \"payUrl\": \"" + wechat + "\", \"expiresAt\": \"2026-11-22T09:35:00+08:00\"}");

        assertThat(client.createQrPayment(UUID.randomUUID(), "RSJ-0007", 30000, PAYER).payUrl()).isEqualTo(wechat);

        // Still refused: text that is no URI at all, or too long for a QR code.
        for (String bad : List.of("weixin pay", "PO8", "https://pay.example/" + "x".repeat(OnlineJson.MAX_PAY_URL))) {
            reply(201, "{\"orderId\": \"PO8\", \"payUrl\": \"" + bad + "\", \"expiresAt\": \"2026-11-22T09:35:00+08:00\"}");
            BackendException e = catchThrowableOfType(BackendException.class,
                    () -> client.createQrPayment(UUID.randomUUID(), "RSJ-0007", 30000, PAYER));
            assertThat(e.kind()).as(bad).isEqualTo(BackendException.Kind.MALFORMED);
        }
    }

    // sync-api.md v1.1: "a v1 client or backend ignores what it does not know".
    @Test
    void a_heartbeat_command_the_kiosk_cannot_name_is_ignored_and_the_clock_and_other_commands_are_kept() throws Exception {
        reply(200, "{\"serverTime\": \"2026-11-22T09:50:00+08:00\", \"commands\": [{\"type\": \"refresh-catalog\"},"
                + " {\"kind\": \"reboot\"}, \"reboot\", {\"type\": 7}, {\"type\": \"set-volume\", \"level\": 3},"
                + " {\"type\": \"upload-diagnostics\", \"reason\": \"ticket 42\"}], \"motd\": \"hello\"}");
        List<String> heard = new CopyOnWriteArrayList<>();
        try (SyncEngine engine = new SyncEngine(new MemoryOutbox(50, clock), client, config, clock, new Random(1),
                HeartbeatSnapshot::empty)) {
            engine.addListener(new SyncListener() {
                @Override
                public void stateChanged(SyncState state) {}

                @Override
                public void command(String type) {
                    heard.add(type);
                }
            });

            assertThat(engine.heartbeat()).isTrue();

            assertThat(heard).containsExactly("refresh-catalog", "set-volume", "upload-diagnostics");
            assertThat(engine.clockSkewWarning()).isTrue(); // 20 minutes ahead of T0
        }
    }

    // sync-api.md: "`accepted`: stored now." The example shows a backendRef; no sentence requires one.
    @Test
    void a_result_stored_without_a_backend_ref_is_acknowledged_not_sent_again(@TempDir Path data) throws Exception {
        try (KioskStore store = KioskStore.open(data, Settings.defaults().withClock(clock))) {
            resultsWithoutARef(store.outbox()); // the kiosk's own SQLite outbox: a NULL reference is stored as such
        }
    }

    private void resultsWithoutARef(Outbox outbox) throws Exception {
        Transaction a = SyncFixtures.payment();
        Transaction b = SyncFixtures.payment();
        outbox.enqueue(a);
        outbox.enqueue(b);
        reply(200, "{\"results\": [{\"id\": \"" + a.id() + "\", \"status\": \"accepted\"},"
                + " {\"id\": \"" + b.id() + "\", \"status\": \"duplicate\", \"backendRef\": null, \"note\": \"seen 3 d ago\"}]}");
        try (SyncEngine engine = new SyncEngine(outbox, client, config, clock, new Random(1), HeartbeatSnapshot::empty)) {
            SyncReport report = engine.syncOnce();

            assertThat(report.acknowledged()).isEqualTo(2);
            assertThat(outbox.list(10)).allSatisfy(e -> {
                assertThat(e.state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
                assertThat(e.backendRef()).isNull();
            });
            assertThat(engine.syncOnce().sent()).isZero();
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    // sync-api.md: "429 and 503 may carry `Retry-After` (seconds or HTTP date, never 0); the client waits at least that
    // long." Heard on the heartbeat (here as an HTTP date), it holds the sync and the next heartbeat as well.
    @Test
    void a_retry_after_heard_on_a_heartbeat_holds_the_sync_and_the_next_heartbeat() throws Exception {
        Instant until = T0.plus(Duration.ofHours(1));
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Sun, 22 Nov 2026 02:30:00 GMT")
                .addHeader("Content-Type", "application/problem+json")
                .body("{\"type\": \"about:blank\", \"title\": \"Busy\", \"status\": 503, \"detail\": \"later\"}").build());
        MemoryOutbox outbox = new MemoryOutbox(50, clock);
        outbox.enqueue(SyncFixtures.payment());
        CountDownLatch heartbeat = new CountDownLatch(1);
        try (SyncEngine engine = new SyncEngine(outbox, client, config, clock, new Random(1), HeartbeatSnapshot::empty)) {
            engine.addListener(new SyncListener() {
                @Override
                public void stateChanged(SyncState state) {}

                @Override
                public void heartbeatDone(boolean answered) {
                    heartbeat.countDown();
                }
            });
            engine.start(); // the heartbeat at start hears 503 with Retry-After; the clock stands still at T0
            assertThat(heartbeat.await(10, TimeUnit.SECONDS)).isTrue();

            SyncReport report = engine.syncNow();

            assertThat(report.sent()).isZero();
            assertThat(report.waitUntil()).isEqualTo(until);
            assertThat(engine.heartbeatDue(T0.plus(Duration.ofMinutes(6)))).as("a heartbeat due after 5 minutes waits").isFalse();
            assertThat(engine.heartbeatDue(until)).isTrue();
            assertThat(engine.heartbeat()).as("an explicit heartbeat waits too").isFalse();
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(server.takeRequest().getTarget()).endsWith("/api/v1/heartbeat");
        }
    }
}
