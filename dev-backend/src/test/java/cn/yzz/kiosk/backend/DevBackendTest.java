package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract over real HTTP, no faults. */
class DevBackendTest {
    static final String CODE = "7K3Q-92XD";
    static final int TEST_LIMIT = 64 * 1024;

    @TempDir Path dir;
    DevBackend backend;
    ApiClient client;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, List.of(CODE), FaultSettings.none(), TEST_LIMIT);
        client = new ApiClient(backend);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void binds_to_loopback_on_a_free_port() {
        assertThat(backend.port()).isPositive();
        assertThat(backend.url()).isEqualTo("http://127.0.0.1:" + backend.port());
    }

    @Test
    void enroll_returns_201_with_kiosk_id_token_and_catalog_version() throws Exception {
        HttpResponse<String> r = client.post("/enroll", ApiClient.enrollBody(CODE, ApiClient.HARDWARE));
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode n = ApiClient.json(r);
        assertThat(n.get("kioskId").asText()).startsWith("WJ-");
        assertThat(n.get("token").asText()).hasSizeGreaterThan(20);
        assertThat(n.get("catalogVersion").asText()).isEqualTo(Catalogue.bundled().version()).isNotBlank();
    }

    @Test
    void enroll_bad_body_is_a_400_problem_naming_the_field() throws Exception {
        HttpResponse<String> r = client.post("/enroll", ApiClient.enrollBody(CODE, ApiClient.HARDWARE).replace("440203101201", "4402"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = ApiClient.json(r);
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("type").asText()).isNotBlank();
        assertThat(p.get("title").asText()).contains("villageCode");
        assertThat(p.get("detail").asText()).contains("villageCode");

        assertThat(client.post("/enroll", "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> noModel = client.post("/enroll", ApiClient.enrollBody(CODE, ApiClient.HARDWARE).replace("desktop", "tablet"));
        assertThat(ApiClient.json(noModel).get("detail").asText()).contains("model");
    }

    @Test
    void enroll_unknown_code_is_404() throws Exception {
        assertThat(client.post("/enroll", ApiClient.enrollBody("NOPE-NOPE", ApiClient.HARDWARE)).statusCode()).isEqualTo(404);
    }

    @Test
    void enroll_code_used_by_another_machine_is_409_and_same_machine_gets_same_kiosk() throws Exception {
        HttpResponse<String> first = client.post("/enroll", ApiClient.enrollBody(CODE, ApiClient.HARDWARE));
        HttpResponse<String> other = client.post("/enroll", ApiClient.enrollBody(CODE, "ffff" + ApiClient.HARDWARE.substring(4)));
        HttpResponse<String> again = client.post("/enroll", ApiClient.enrollBody(CODE, ApiClient.HARDWARE));
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(ApiClient.json(again).get("kioskId")).isEqualTo(ApiClient.json(first).get("kioskId"));
    }

    @Test
    void re_enrolling_replaces_the_token() throws Exception {
        client.enroll(CODE);
        String oldToken = client.token;
        client.enroll(CODE);
        assertThat(client.sendBatch().statusCode()).isEqualTo(200);
        client.token = oldToken;
        assertThat(client.sendBatch().statusCode()).isEqualTo(401);
    }

    @Test
    void catalog_has_an_etag_and_answers_304_when_unchanged() throws Exception {
        client.enroll(CODE);
        HttpResponse<String> r = client.get("/catalog", null);
        assertThat(r.statusCode()).isEqualTo(200);
        String etag = r.headers().firstValue("ETag").orElseThrow();
        JsonNode c = ApiClient.json(r);
        JsonNode bundled = Json.MAPPER.readTree(Catalogue.bundled().json());
        assertThat(c.get("version").asText()).isEqualTo(bundled.get("version").asText()).isNotBlank();
        assertThat(c.get("services")).hasSize(bundled.get("services").size());
        assertThat(c.get("services").get(0).get("code").asText()).isEqualTo(bundled.get("services").get(0).get("code").asText());
        assertThat(c.get("services").get(0).get("amountFen").get("multiplier").asInt()).isEqualTo(100);

        HttpResponse<String> same = client.get("/catalog", etag);
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(client.get("/catalog", "\"stale\"").statusCode()).isEqualTo(200);
    }

    @Test
    void batch_accepts_then_answers_duplicate_with_the_original_backend_ref() throws Exception {
        client.enroll(CODE);
        String id = ApiClient.newId();
        JsonNode first = ApiClient.json(client.sendBatch(ApiClient.payment(id))).get("results").get(0);
        assertThat(first.get("id").asText()).isEqualTo(id);
        assertThat(first.get("status").asText()).isEqualTo("accepted");
        String ref = first.get("backendRef").asText();
        assertThat(ref).isNotBlank();

        JsonNode again = ApiClient.json(client.sendBatch(ApiClient.payment(id))).get("results").get(0);
        assertThat(again.get("status").asText()).isEqualTo("duplicate");
        assertThat(again.get("backendRef").asText()).isEqualTo(ref);
        assertThat(backend.storedCount(id)).isEqualTo(1);
        assertThat(backend.storedIds()).containsExactly(id);
        assertThat(backend.acceptedCount()).isEqualTo(1);
        assertThat(backend.duplicateCount()).isEqualTo(1);
    }

    @Test
    void a_duplicate_with_a_different_body_keeps_the_first_and_is_counted() throws Exception {
        client.enroll(CODE);
        String id = ApiClient.newId();
        client.sendBatch(ApiClient.payment(id));
        JsonNode again = ApiClient.json(client.sendBatch(ApiClient.payment(id).replace("30000,\"cash\"", "50000,\"cash\"")))
                .get("results").get(0);
        assertThat(again.get("status").asText()).isEqualTo("duplicate");
        assertThat(backend.payloadMismatchCount()).isEqualTo(1);
        client.sendBatch(ApiClient.payment(id));
        assertThat(backend.payloadMismatchCount()).isEqualTo(1);
    }

    @Test
    void ids_are_remembered_across_a_restart() throws Exception {
        client.enroll(CODE);
        String id = ApiClient.newId();
        String ref = ApiClient.json(client.sendBatch(ApiClient.payment(id))).get("results").get(0).get("backendRef").asText();
        backend.close();
        backend = DevBackend.start(0, dir, List.of(), FaultSettings.none(), TEST_LIMIT);
        ApiClient again = new ApiClient(backend);
        again.kioskId = client.kioskId;
        again.token = client.token;
        JsonNode r = ApiClient.json(again.sendBatch(ApiClient.payment(id))).get("results").get(0);
        assertThat(r.get("status").asText()).isEqualTo("duplicate");
        assertThat(r.get("backendRef").asText()).isEqualTo(ref);
    }

    @Test
    void invalid_items_are_rejected_with_a_reason_and_the_rest_of_the_batch_stands() throws Exception {
        client.enroll(CODE);
        String good = ApiClient.newId();
        String p = ApiClient.payment("X");
        List<String> items = List.of(
                ApiClient.payment(good),
                p.replace("\"X\"", "\"" + ApiClient.newId() + "\"").replace("RSJ-0007", "NOPE-0001"),
                p.replace("\"X\"", "\"" + ApiClient.newId() + "\"").replace("\"type\":\"payment\"", "\"type\":\"gift\""),
                p.replace("\"id\":\"X\",", ""),
                p.replace("\"X\"", "\"" + ApiClient.newId() + "\"").replace("\"createdAt\":\"2026-11-22T09:30:00+08:00\",", ""),
                p.replace("\"X\"", "\"" + ApiClient.newId() + "\"").replace("30000,\"cash\"", "300.5,\"cash\""),
                p.replace("\"X\"", "\"" + ApiClient.newId() + "\"").replace("30000,\"cash\"", "\"30000\",\"cash\""));
        JsonNode results = ApiClient.json(client.sendBatch(items.toArray(String[]::new))).get("results");
        List<String> statuses = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        results.forEach(r -> {
            statuses.add(r.get("status").asText());
            reasons.add(r.path("reason").asText(""));
        });
        assertThat(statuses).containsExactly("accepted", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected");
        assertThat(reasons.subList(1, 7)).containsExactly("unknown serviceCode", "unknown type", "missing id",
                "missing createdAt", "amountFen is not an integer", "amountFen is not an integer");
        assertThat(backend.storedIds()).containsExactly(good);
    }

    @Test
    void the_same_id_twice_in_one_batch_is_stored_once() throws Exception {
        client.enroll(CODE);
        String id = ApiClient.newId();
        JsonNode results = ApiClient.json(client.sendBatch(ApiClient.payment(id), ApiClient.payment(id))).get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(results.get(1).get("status").asText()).isEqualTo("duplicate");
        assertThat(results.get(1).get("backendRef")).isEqualTo(results.get(0).get("backendRef"));
        assertThat(backend.storedCount(id)).isEqualTo(1);
    }

    @Test
    void more_than_100_items_is_a_400() throws Exception {
        client.enroll(CODE);
        String[] items = new String[101];
        for (int i = 0; i < items.length; i++) {
            items[i] = ApiClient.payment(ApiClient.newId());
        }
        HttpResponse<String> r = client.postGzip("/transactions:batch", client.batch(items));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(r).get("detail").asText()).contains("100");
        assertThat(backend.storedIds()).isEmpty();
    }

    @Test
    void requests_without_a_matching_token_and_kiosk_id_are_401() throws Exception {
        client.enroll(CODE);
        String realKiosk = client.kioskId;
        String realToken = client.token;
        client.token = "wrong";
        assertThat(client.sendBatch(ApiClient.payment(ApiClient.newId())).statusCode()).isEqualTo(401);
        client.token = realToken;
        client.kioskId = "WJ-9999";
        HttpResponse<String> r = client.post("/heartbeat", "{}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(ApiClient.json(r).get("status").asInt()).isEqualTo(401);
        client.token = null;
        assertThat(client.get("/catalog", null).statusCode()).isEqualTo(401);
        assertThat(backend.storedIds()).isEmpty();
    }

    @Test
    void gzip_request_bodies_are_accepted() throws Exception {
        client.enroll(CODE);
        String id = ApiClient.newId();
        HttpResponse<String> r = client.postGzip("/transactions:batch", client.batch(ApiClient.payment(id)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(r).get("results").get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(backend.storedIds()).containsExactly(id);
    }

    @Test
    void oversized_bodies_are_413_plain_or_inflated() throws Exception {
        client.enroll(CODE);
        String big = client.batch(ApiClient.payment(ApiClient.newId())).replace("\"s1\"", "\"" + "x".repeat(TEST_LIMIT) + "\"");
        HttpResponse<String> plain = client.post("/transactions:batch", big);
        assertThat(plain.statusCode()).isEqualTo(413);
        assertThat(ApiClient.json(plain).get("status").asInt()).isEqualTo(413);
        assertThat(client.postGzip("/transactions:batch", big).statusCode()).isEqualTo(413);
        assertThat(backend.storedIds()).isEmpty();
    }

    @Test
    void heartbeat_answers_server_time_and_no_commands() throws Exception {
        client.enroll(CODE);
        HttpResponse<String> r = client.post("/heartbeat", "{\"kioskId\":\"" + client.kioskId + "\",\"appVersion\":\"1.0.0\","
                + "\"at\":\"2026-11-22T09:30:00+08:00\",\"uptimeSec\":86400,\"devices\":[],\"queue\":{\"pending\":3}}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = ApiClient.json(r);
        assertThat(java.time.OffsetDateTime.parse(n.get("serverTime").asText())).isNotNull();
        assertThat(n.get("commands").isArray()).isTrue();
        assertThat(n.get("commands")).isEmpty();
        assertThat(backend.heartbeatCount()).isEqualTo(1);
    }

    @Test
    void a_heartbeats_cash_box_is_kept_and_a_malformed_one_is_a_400_naming_the_field() throws Exception {
        client.enroll(CODE);
        String beat = "{\"kioskId\":\"" + client.kioskId + "\",\"queue\":{\"pending\":0},"
                + "\"cash\":{\"cashboxFen\":125000,\"notes\":37,\"capacity\":600}}";
        assertThat(client.post("/heartbeat", beat).statusCode()).isEqualTo(200);
        assertThat(ApiClient.JSON.readTree(backend.lastHeartbeat().orElseThrow()).at("/cash/notes").asInt()).isEqualTo(37);

        for (String[] bad : new String[][] {{"\"notes\":37", "\"notes\":-1", "cash.notes"},
            {"\"cashboxFen\":125000", "\"cashboxFen\":\"1250.00\"", "cash.cashboxFen"},
            {",\"capacity\":600", "", "cash.capacity"},
            {"{\"cashboxFen\":125000,\"notes\":37,\"capacity\":600}", "37", "cash"}}) {
            HttpResponse<String> r = client.post("/heartbeat", beat.replace(bad[0], bad[1]));
            assertThat(r.statusCode()).as(bad[1]).isEqualTo(400);
            assertThat(ApiClient.json(r).get("title").asText()).isEqualTo("Bad request: " + bad[2]);
        }
        assertThat(backend.heartbeatCount()).as("a malformed heartbeat is not kept").isEqualTo(1);
    }

    @Test
    void identity_resolve_and_service_query_answer_demo_data() throws Exception {
        client.enroll(CODE);
        HttpResponse<String> who = client.post("/identity/resolve", "{\"code\":\"" + DevBackend.DEMO_YSS_CODE + "\"}");
        assertThat(who.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(who).get("name").asText()).isEqualTo("李秀英");
        assertThat(client.post("/identity/resolve", "{\"code\":\"nobody\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> q = client.post("/services/RSJ-0002/query", "{\"person\":{\"idNumber\":\"440203195103152316\"},\"data\":{}}");
        assertThat(q.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(q).get("rows").get(0).get(0).asText()).isEqualTo("年度");
        assertThat(client.post("/services/NOPE/query", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void unknown_paths_and_wrong_methods_are_problems() throws Exception {
        assertThat(client.get("/nothing", null).statusCode()).isEqualTo(404);
        HttpResponse<String> r = client.send(client.request("/enroll").GET().build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(client.send(client.request("/enroll").header("Content-Encoding", "br")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode()).isEqualTo(415);
    }
}
