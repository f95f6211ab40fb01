package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.backend.OpenApiDocument;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Transaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kiosk's real BackendClient against docs/sync-api.openapi.yaml: each request it sends is a documented
 * operation, carries the headers the contract requires, and its JSON body (gzip undone) fits the
 * documented requestBody schema.
 */
class ClientRequestsConformTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE_PATH = "/kiosk";

    private final MutableClock clock = new MutableClock(T0);
    private OpenApiDocument doc;
    private MockWebServer server;
    private BackendClient client;

    @BeforeEach
    void start() throws Exception {
        doc = OpenApiDocument.load();
        server = new MockWebServer();
        server.start();
        client = new BackendClient(SyncFixtures.config(server.url(BASE_PATH).toString()), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void enroll_sends_a_documented_body_without_credentials() throws Exception {
        reply(201, "{\"kioskId\": \"WJ-0042\", \"token\": \"abc\", \"catalogVersion\": \"2026-11-01.3\"}");
        client.enroll(new EnrollRequest("7K3Q-92XD", "enhanced", "440203101201",
                "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90", "1.0.0"));

        RecordedRequest r = server.takeRequest();
        JsonNode body = conformingBody("POST", "/api/v1/enroll", r);
        assertThat(body.get("model").asText()).isEqualTo("enhanced");
        assertThat(r.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void a_small_batch_is_sent_plain_with_credentials_and_a_documented_body() throws Exception {
        reply(200, "{\"results\": []}");
        client.uploadBatch(List.of(SyncFixtures.payment()));

        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("Content-Encoding")).isNull();
        JsonNode body = conformingBody("POST", "/api/v1/transactions:batch", r);
        assertThat(body.get("kioskId").asText()).isEqualTo("WJ-0042");
        assertThat(body.get("transactions").get(0).get("amountFen").isIntegralNumber()).isTrue();
    }

    @Test
    void a_batch_over_1_kib_is_gzipped_and_every_transaction_type_fits_the_document() throws Exception {
        reply(200, "{\"results\": []}");
        UUID rated = UUID.randomUUID();
        // On the minute, so a time written without its ":00" seconds would fail the date-time format.
        OffsetDateTime onTheMinute = OffsetDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZoneOffset.ofHours(8));
        List<Transaction> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(SyncFixtures.payment());
        }
        batch.add(new Transaction(UUID.randomUUID(), "application", "MZJ-0003", onTheMinute, "s-9",
                new cn.yzz.kiosk.cache.Person("440203195103152316", "李秀英"), Map.of("phone", "13800000000"), null, null, null));
        batch.add(new Transaction(UUID.randomUUID(), "evaluation", null, onTheMinute, "s-9", null,
                Map.of("ratedTransactionId", rated.toString(), "level", 1, "reasons", List.of("等候时间长")), null, null, null));
        batch.add(new Transaction(UUID.randomUUID(), "cash-audit", null, onTheMinute, null, null, Map.of(), null,
                Map.of("cashboxFen", 125000, "notes", Map.of("10000", 12, "5000", 1), "unattributedFen", 0,
                        "periodStart", "2026-11-15T08:00:00+08:00", "periodEnd", "2026-11-22T09:30:00+08:00",
                        "journalHash", "ab".repeat(32)), "WJ-0042-20261122-0031"));

        client.uploadBatch(batch);

        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("Content-Encoding")).isEqualTo("gzip");
        JsonNode body = conformingBody("POST", "/api/v1/transactions:batch", r);
        assertThat(body.get("transactions")).hasSize(8);
        assertThat(body.get("transactions").get(6).get("createdAt").asText()).isEqualTo("2026-11-22T09:30:00+08:00");
    }

    @Test
    void a_heartbeat_with_and_without_a_cash_box_fits_the_document() throws Exception {
        String answer = "{\"serverTime\": \"2026-11-22T09:40:00+08:00\", \"commands\": [{\"type\": \"refresh-catalog\"}]}";
        reply(200, answer);
        reply(200, answer);
        HeartbeatSnapshot enhanced = new HeartbeatSnapshot(List.of(
                new HeartbeatSnapshot.Device("idcard", "ok", "SAM 05.01-20201231"),
                new HeartbeatSnapshot.Device("receipt-printer", "warning", "paper near end"),
                new HeartbeatSnapshot.Device("cash-acceptor", "absent", null)),
                new HeartbeatSnapshot.Cash(125000, 37, 600));

        client.heartbeat(enhanced, new QueueStatus(3, 0, 1, 10, 5400), 86400);
        client.heartbeat(HeartbeatSnapshot.empty(), new QueueStatus(0, 0, 0, 0, 0), 5);

        JsonNode full = conformingBody("POST", "/api/v1/heartbeat", server.takeRequest());
        JsonNode bare = conformingBody("POST", "/api/v1/heartbeat", server.takeRequest());
        assertThat(full.get("cash").get("capacity").asInt()).isEqualTo(600);
        assertThat(bare.has("cash")).isFalse();
    }

    @Test
    void the_catalog_request_is_a_documented_conditional_get_with_credentials() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v3\"")
                .body("{\"version\": \"2026-11-01.3\", \"departments\": [], \"services\": []}").build());
        server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v3\"").build());

        client.catalog(client.catalog(null).etag());

        assertThat(conformingBody("GET", "/api/v1/catalog", server.takeRequest())).isNull();
        RecordedRequest conditional = server.takeRequest();
        assertThat(conformingBody("GET", "/api/v1/catalog", conditional)).isNull();
        assertThat(conditional.getHeaders().get("If-None-Match")).isEqualTo("\"v3\"");
    }

    @Test
    void the_online_calls_are_documented_operations_with_documented_bodies() throws Exception {
        String order = "{\"orderId\": \"PO123\", \"payUrl\": \"http://127.0.0.1:8080/dev/pay/PO123\","
                + " \"expiresAt\": \"2026-11-22T09:35:00+08:00\"}";
        reply(201, order);
        reply(201, order);
        reply(200, "{\"orderId\": \"PO123\", \"status\": \"pending\"}");
        reply(200, "{\"orderId\": \"PO123\", \"status\": \"cancelled\"}");
        reply(200, "{\"members\": [{\"name\": \"陈志强\", \"idNumber\": \"441802198503120035\", \"relation\": \"本人\"}]}");
        reply(200, "{\"name\": \"李秀英\", \"idNumber\": \"440203195103152316\", \"expiresAt\": \"2026-11-22T09:35:00+08:00\"}");

        UUID tx = UUID.randomUUID();
        client.createQrPayment(tx, "RSJ-0007", 30000, new cn.yzz.kiosk.cache.Person("440203195103152316", "李秀英"));
        client.createQrPayment(UUID.randomUUID(), "RSJ-0007", 18000, null);
        client.paymentStatus("PO123");
        client.cancelPayment("PO123");
        client.household("441802198503120035");
        client.resolveIdentity("YSS-DEMO-0001");

        assertThat(conformingBody("POST", "/api/v1/payments/qr", server.takeRequest()).get("transactionId").asText())
                .isEqualTo(tx.toString());
        assertThat(conformingBody("POST", "/api/v1/payments/qr", server.takeRequest()).has("person")).isFalse();
        assertThat(conformingBody("GET", "/api/v1/payments/{orderId}", withTemplate(server.takeRequest(), "PO123"))).isNull();
        assertThat(conformingBody("DELETE", "/api/v1/payments/{orderId}", withTemplate(server.takeRequest(), "PO123"))).isNull();
        assertThat(conformingBody("POST", "/api/v1/household", server.takeRequest()).at("/person/idNumber").asText())
                .isEqualTo("441802198503120035");
        assertThat(conformingBody("POST", "/api/v1/identity/resolve", server.takeRequest()).get("code").asText())
                .isEqualTo("YSS-DEMO-0001");
    }

    @Test
    void a_service_query_is_the_documented_operation_with_a_documented_body() throws Exception {
        String table = "{\"title\": \"t\", \"rows\": [[\"年度\"], [\"2025\"]], \"footer\": \"\", \"verifyCode\": \"\"}";
        reply(200, table);
        reply(200, table);

        client.query("RSJ-0024", new cn.yzz.kiosk.cache.Person("441802198503120035", "陈志强"), Map.of("year", "2025"));
        client.query("YBJ-0014", null, null);

        RecordedRequest asked = server.takeRequest();
        templatePath = BASE_PATH + "/api/v1/services/RSJ-0024/query";
        JsonNode body = conformingBody("POST", "/api/v1/services/{code}/query", asked);
        assertThat(body.at("/person/idNumber").asText()).isEqualTo("441802198503120035");
        assertThat(body.at("/data/year").asText()).isEqualTo("2025");
        RecordedRequest nobody = server.takeRequest();
        templatePath = BASE_PATH + "/api/v1/services/YBJ-0014/query";
        assertThat(conformingBody("POST", "/api/v1/services/{code}/query", nobody).has("person")).isFalse();
    }

    /** A recorded request to a concrete path, checked as the documented template it instantiates. */
    private RecordedRequest withTemplate(RecordedRequest r, String orderId) {
        assertThat(r.getUrl().encodedPath()).isEqualTo(BASE_PATH + "/api/v1/payments/" + orderId);
        templatePath = BASE_PATH + "/api/v1/payments/" + orderId;
        return r;
    }

    private String templatePath;

    @Test
    void the_checks_fail_when_the_document_disagrees_with_the_client() throws Exception {
        reply(201, "{\"kioskId\": \"WJ-0042\", \"token\": \"abc\", \"catalogVersion\": \"2026-11-01.3\"}");
        client.enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "ff00", "1.0.0"));
        RecordedRequest r = server.takeRequest();
        OpenApiDocument broken = doc.copy();
        ((ObjectNode) broken.root.at("/components/schemas/EnrollRequest")).withArray("required").add("serialNumber");
        ((ObjectNode) broken.root.at("/paths/~1api~1v1~1enroll/post")).remove("security");
        doc = broken;

        assertThatThrownBy(() -> conformingBody("POST", "/api/v1/enroll", r)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Authorization");
        ((ObjectNode) broken.root.at("/paths/~1api~1v1~1enroll/post")).putArray("security");
        assertThatThrownBy(() -> conformingBody("POST", "/api/v1/enroll", r)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("serialNumber");
    }

    private void reply(int code, String json) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(json).build());
    }

    /**
     * Asserts the request is the documented operation with the headers the contract requires (credentials unless the
     * operation's security is empty; Content-Type; gzip exactly when the JSON is over 1 KiB) and that its body fits
     * the documented schema. Returns the body, or null when the operation takes none.
     */
    private JsonNode conformingBody(String method, String path, RecordedRequest r) throws IOException {
        String what = method + " " + path;
        assertThat(r.getMethod()).isEqualTo(method);
        if (path.contains("{")) {
            assertThat(templatePath).as("%s: the concrete path was given", what).isNotNull();
            assertThat(r.getUrl().encodedPath()).isEqualTo(templatePath);
            templatePath = null;
        } else {
            assertThat(r.getUrl().encodedPath()).isEqualTo(BASE_PATH + path);
        }
        assertThat(doc.operations()).as("the document lists %s", what).contains(what);
        for (String header : doc.requiredHeaders(method, path)) {
            assertThat(r.getHeaders().get(header)).as("%s: header %s", what, header).isNotBlank();
        }
        if (doc.requiredHeaders(method, path).contains("Authorization")) {
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
            assertThat(r.getHeaders().get("X-Kiosk-Id")).isEqualTo("WJ-0042");
        } else {
            assertThat(r.getHeaders().get("Authorization")).as("%s: the document asks for no credentials", what).isNull();
        }
        byte[] raw = r.getBody() == null ? new byte[0] : r.getBody().toByteArray();
        if (!doc.operation(method, path).has("requestBody")) {
            assertThat(raw).as("%s takes no body", what).isEmpty();
            return null;
        }
        assertThat(r.getHeaders().get("Content-Type")).as("%s: Content-Type", what).isNotNull();
        String type = OpenApiDocument.mediaType(r.getHeaders().get("Content-Type"));
        JsonNode schema = doc.requestSchema(method, path, type);
        assertThat(schema).as("%s: Content-Type %s is not a documented request media type", what, type).isNotNull();
        boolean gzipped = "gzip".equals(r.getHeaders().get("Content-Encoding"));
        byte[] json = gzipped ? gunzip(raw) : raw;
        assertThat(gzipped).as("%s: gzip exactly when the JSON (%d bytes) is over 1 KiB", what, json.length)
                .isEqualTo(json.length > 1024);
        JsonNode body = JSON.readTree(json);
        assertThat(doc.problems(schema, body)).as("%s: body against the documented schema: %s", what, body).isEmpty();
        return body;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
