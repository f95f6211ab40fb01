package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev-backend against docs/sync-api.openapi.yaml over real HTTP: every answer has a status the
 * document lists for that operation, and its body fits the documented schema for that status and
 * media type; the backend serves exactly the documented operations.
 */
class OpenApiConformanceTest {
    static final String CODE = "7K3Q-92XD";
    static final String ENROLL = "/api/v1/enroll";
    static final String CATALOG = "/api/v1/catalog";
    static final String BATCH = "/api/v1/transactions:batch";
    static final String HEARTBEAT = "/api/v1/heartbeat";
    static final String QR = "/api/v1/payments/qr";
    static final String ORDER = "/api/v1/payments/{orderId}";
    static final String RESOLVE = "/api/v1/identity/resolve";
    static final String QUERY = "/api/v1/services/{code}/query";
    static final String HOUSEHOLD = "/api/v1/household";
    static final String DIAGNOSTICS = "/api/v1/diagnostics";

    @TempDir Path dir;
    OpenApiDocument doc;
    DevBackend backend;
    ApiClient kiosk;

    @BeforeEach
    void start() throws Exception {
        doc = OpenApiDocument.load();
        backend = DevBackend.start(0, dir, CODE, FaultSettings.none());
        kiosk = new ApiClient(backend);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void the_backend_serves_every_documented_operation_and_no_other() throws Exception {
        Set<String> documented = doc.operations();
        assertThat(documented).containsExactlyInAnyOrder("POST " + ENROLL, "GET " + CATALOG, "POST " + BATCH,
                "POST " + HEARTBEAT, "POST " + QR, "GET " + ORDER, "DELETE " + ORDER, "POST " + RESOLVE, "POST " + QUERY,
                "POST " + HOUSEHOLD, "POST " + DIAGNOSTICS);

        // The route table, read from the front door: exact paths per method, then the templated ones.
        Object front = field(backend, "front");
        Set<String> served = new TreeSet<>();
        ((Map<?, ?>) field(front, "posts")).keySet().forEach(p -> served.add("POST " + p));
        ((Map<?, ?>) field(front, "gets")).keySet().forEach(p -> served.add("GET " + p));
        List<Pattern> templated = new ArrayList<>();
        for (Field f : front.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Pattern.class) {
                f.setAccessible(true);
                templated.add((Pattern) f.get(null));
            }
        }
        Set<String> documentedPaths = new TreeSet<>();
        documented.forEach(op -> documentedPaths.add(op.substring(op.indexOf(' ') + 1)));
        for (String op : served) {
            assertThat(documented).as("the backend serves %s; the document does not list it", op).contains(op);
        }
        // Exact routes come first, so a template route only serves the documented paths that have a parameter.
        List<String> documentedTemplates = documentedPaths.stream().filter(d -> d.contains("{")).toList();
        documented.stream().filter(op -> !op.contains("{"))
                .forEach(op -> assertThat(served).as("the document lists %s; the backend has no route for it", op).contains(op));
        for (String template : documentedTemplates) {
            assertThat(templated).as("the document lists %s; no backend route matches it", template)
                    .anyMatch(p -> p.matcher(sample(template)).matches());
        }
        for (Pattern p : templated) {
            List<String> matching = documentedTemplates.stream().filter(d -> p.matcher(sample(d)).matches()).toList();
            if (p.pattern().startsWith("/dev/")) {
                // The sandbox's own pages (the phone paying, a printout's verification, the query knobs): documented as
                // dev-backend choices, outside /api/v1.
                String route = p.pattern().replace("([^/]+)", "{");
                assertThat(doc.root.path("x-dev-backend").toString()).as("x-dev-backend documents %s", p.pattern())
                        .contains(route);
            } else {
                assertThat(matching).as("route %s matches no documented path", p.pattern()).hasSize(1);
            }
        }
        // Each documented path: its methods are served (no 405, no "no endpoint" 404); every other method is a 405
        // whose Allow names exactly the documented methods.
        for (String path : documentedPaths) {
            Set<String> methods = new TreeSet<>();
            documented.stream().filter(op -> op.endsWith(" " + path)).forEach(op -> methods.add(op.substring(0, op.indexOf(' '))));
            for (String m : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
                HttpResponse<String> r = kiosk.send(kiosk.request(sample(path).substring("/api/v1".length()))
                        .method(m, HttpRequest.BodyPublishers.ofString("{}")).build());
                if (methods.contains(m)) {
                    assertThat(r.statusCode()).as("%s %s", m, path).isNotEqualTo(405);
                    assertThat(r.body()).as("%s %s", m, path).doesNotContain("/problems/not-found");
                } else {
                    assertThat(r.statusCode()).as("%s %s", m, path).isEqualTo(405);
                    assertThat(Set.of(r.headers().firstValue("Allow").orElse("").split(",\\s*")))
                            .as("Allow of %s", path).isEqualTo(methods);
                }
            }
        }
        assertThat(kiosk.get("/nothing-here", null).statusCode()).isEqualTo(404);
    }

    @Test
    void enroll_answers_201_400_404_409_as_documented() throws Exception {
        JsonNode ok = conforms("POST", ENROLL, kiosk.post("/enroll", ApiClient.enrollBody(CODE, ApiClient.HARDWARE)), 201);
        assertThat(ok.get("kioskId").asText()).startsWith("WJ-");
        conforms("POST", ENROLL, kiosk.post("/enroll", ApiClient.enrollBody(CODE, ApiClient.HARDWARE).replace("440203101201", "4402")), 400);
        conforms("POST", ENROLL, kiosk.post("/enroll", "{not json"), 400);
        conforms("POST", ENROLL, kiosk.post("/enroll", ApiClient.enrollBody("NOPE-NOPE", ApiClient.HARDWARE)), 404);
        conforms("POST", ENROLL, kiosk.post("/enroll", ApiClient.enrollBody(CODE, "ffff" + ApiClient.HARDWARE.substring(4))), 409);
    }

    @Test
    void a_batch_answers_accepted_duplicate_and_rejected_items_as_documented() throws Exception {
        kiosk.enroll(CODE);
        String stored = ApiClient.newId();
        conforms("POST", BATCH, kiosk.sendBatch(ApiClient.payment(stored)), 200);
        String fresh = ApiClient.newId();
        String unknownService = ApiClient.payment(ApiClient.newId()).replace("RSJ-0007", "NOPE-0001");
        String evaluation = "{\"id\":\"" + ApiClient.newId() + "\",\"type\":\"evaluation\",\"createdAt\":\"2026-11-22T09:31:00+08:00\","
                + "\"data\":{\"ratedTransactionId\":\"" + stored + "\",\"level\":5,\"reasons\":[]}}";
        String noId = "{\"type\":\"payment\",\"serviceCode\":\"RSJ-0007\",\"createdAt\":\"2026-11-22T09:30:00+08:00\"}";

        JsonNode batchSchema = doc.requestSchema("POST", BATCH, "application/json");
        assertThat(doc.problems(batchSchema, ApiClient.JSON.readTree(kiosk.batch(ApiClient.payment(fresh), unknownService, evaluation)))).isEmpty();
        assertThat(doc.problems(batchSchema, ApiClient.JSON.readTree(kiosk.batch(noId)))).isNotEmpty();
        assertThat(doc.problems(batchSchema, ApiClient.JSON.readTree(kiosk.batch(evaluation.replace("\"level\":5", "\"level\":6"))))).isNotEmpty();

        JsonNode body = conforms("POST", BATCH,
                kiosk.postGzip("/transactions:batch", kiosk.batch(ApiClient.payment(fresh), ApiClient.payment(stored), unknownService, evaluation, noId)), 200);

        List<String> statuses = new ArrayList<>();
        body.get("results").forEach(r -> statuses.add(r.get("status").asText()));
        assertThat(statuses).containsExactly("accepted", "duplicate", "rejected", "accepted", "rejected");
        assertThat(body.get("results").get(0).get("id").asText()).isEqualTo(fresh);
        assertThat(body.get("results").get(2).get("reason").asText()).isEqualTo("unknown serviceCode");

        String[] tooMany = new String[101];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = ApiClient.payment(ApiClient.newId());
        }
        conforms("POST", BATCH, kiosk.postGzip("/transactions:batch", kiosk.batch(tooMany)), 400);
    }

    @Test
    void a_heartbeat_answers_the_server_time_and_a_queued_command_as_documented() throws Exception {
        kiosk.enroll(CODE);
        backend.queueCommand(kiosk.kioskId, "refresh-catalog");
        String beat = "{\"kioskId\":\"" + kiosk.kioskId + "\",\"appVersion\":\"1.0.0\",\"at\":\"2026-11-22T09:30:00+08:00\","
                + "\"uptimeSec\":86400,\"devices\":[{\"kind\":\"idcard\",\"state\":\"ok\",\"detail\":\"SAM 05.01-20201231\"}],"
                + "\"queue\":{\"pending\":3,\"oldestPendingSec\":5400,\"rejected\":0},"
                + "\"cash\":{\"cashboxFen\":125000,\"notes\":37,\"capacity\":600}}";
        assertThat(doc.problems(doc.requestSchema("POST", HEARTBEAT, "application/json"), ApiClient.JSON.readTree(beat))).isEmpty();

        JsonNode first = conforms("POST", HEARTBEAT, kiosk.post("/heartbeat", beat), 200);
        JsonNode second = conforms("POST", HEARTBEAT, kiosk.post("/heartbeat", beat), 200);

        assertThat(first.get("commands").get(0).get("type").asText()).isEqualTo("refresh-catalog");
        assertThat(second.get("commands")).isEmpty();
    }

    @Test
    void the_catalog_answers_200_with_an_etag_then_304_as_documented() throws Exception {
        kiosk.enroll(CODE);
        HttpResponse<String> full = kiosk.get("/catalog", null);
        JsonNode catalog = conforms("GET", CATALOG, full, 200);
        assertThat(catalog.get("services").size()).isPositive();
        String etag = full.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> same = kiosk.get("/catalog", etag);
        conforms("GET", CATALOG, same, 304);
        assertThat(same.headers().firstValue("ETag")).hasValue(etag);
    }

    @Test
    void identity_resolve_answers_200_and_404_as_documented() throws Exception {
        kiosk.enroll(CODE);
        JsonNode person = conforms("POST", RESOLVE, kiosk.post("/identity/resolve", "{\"code\":\"" + DevBackend.DEMO_YSS_CODE + "\"}"), 200);
        assertThat(person.get("name").asText()).isNotBlank();
        conforms("POST", RESOLVE, kiosk.post("/identity/resolve", "{\"code\":\"YSS-UNKNOWN\"}"), 404);
        conforms("POST", RESOLVE, kiosk.post("/identity/resolve", "{\"code\":\"" + YssCodes.EXPIRED + "\"}"), 404);
    }

    @Test
    void a_qr_payment_is_created_polled_and_cancelled_as_documented() throws Exception {
        kiosk.enroll(CODE);
        String create = "{\"transactionId\":\"" + ApiClient.newId() + "\",\"serviceCode\":\"RSJ-0007\",\"amountFen\":30000,"
                + "\"person\":{\"idNumber\":\"440203195103152316\",\"name\":\"李秀英\"}}";
        assertThat(doc.problems(doc.requestSchema("POST", QR, "application/json"), ApiClient.JSON.readTree(create))).isEmpty();
        JsonNode order = conforms("POST", QR, kiosk.post("/payments/qr", create), 201);
        JsonNode again = conforms("POST", QR, kiosk.post("/payments/qr", create), 201);
        assertThat(again.get("orderId")).isEqualTo(order.get("orderId"));
        String path = "/payments/" + order.get("orderId").asText();

        assertThat(conforms("GET", ORDER, kiosk.get(path, null), 200).get("status").asText()).isEqualTo("pending");
        assertThat(conforms("DELETE", ORDER, delete(path), 200).get("status").asText()).isEqualTo("cancelled");
        assertThat(conforms("GET", ORDER, kiosk.get(path, null), 200).get("status").asText()).isEqualTo("cancelled");
        conforms("GET", ORDER, kiosk.get("/payments/no-such-order", null), 404);
        conforms("DELETE", ORDER, delete("/payments/no-such-order"), 404);
        conforms("POST", QR, kiosk.post("/payments/qr", create.replace("30000", "-1")), 400);
    }

    @Test
    void a_service_query_answers_a_table_or_404_as_documented() throws Exception {
        kiosk.enroll(CODE);
        String query = "{\"person\":{\"idNumber\":\"440203195103152316\",\"name\":\"李秀英\"},\"data\":{\"year\":\"2026\"}}";
        assertThat(doc.problems(doc.requestSchema("POST", QUERY, "application/json"), ApiClient.JSON.readTree(query))).isEmpty();
        JsonNode table = conforms("POST", QUERY, kiosk.post("/services/RSJ-0024/query", query), 200);
        assertThat(table.get("rows").size()).isPositive();
        assertThat(table.get("verifyCode").asText()).startsWith(backend.url() + "/dev/verify/");
        conforms("POST", QUERY, kiosk.post("/services/RSJ-0022/query", "{\"data\":{}}"), 200);
        conforms("POST", QUERY, kiosk.post("/services/NOPE-0001/query", query), 404);
        conforms("POST", QUERY, kiosk.post("/services/RSJ-0024/query", query.replace("440203195103152316", "11010519491231002X")), 404);
        conforms("POST", QUERY, kiosk.post("/services/RSJ-0024/query", query.replace("\"2026\"", "\"last year\"")), 400);
        conforms("POST", QUERY, kiosk.post("/services/RSJ-0007/query", query), 400);
    }

    @Test
    void without_credentials_every_operation_after_enrollment_is_a_documented_401() throws Exception {
        kiosk.enroll(CODE);
        ApiClient stranger = new ApiClient(backend);
        for (String op : doc.operations()) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            if (doc.requiredHeaders(method, path).contains("Authorization")) {
                conforms(method, path, call(stranger, method, path, "{}"), 401);
            }
        }
    }

    @Test
    void a_malformed_body_is_a_documented_400_problem_for_every_operation_that_takes_one() throws Exception {
        kiosk.enroll(CODE);
        for (String op : doc.operations()) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            if (doc.operation(method, path).has("requestBody")) {
                // Malformed in the operation's own media type: broken JSON, or for a zip upload, bytes that are no zip.
                boolean json = doc.requestSchema(method, path, "application/json") != null;
                HttpResponse<String> r = json ? call(kiosk, method, path, "{\"unterminated\": ")
                        : kiosk.send(kiosk.request(sample(path).substring("/api/v1".length())).setHeader("Content-Type", "application/zip")
                                .method(method, HttpRequest.BodyPublishers.ofString("{\"unterminated\": ")).build());
                conforms(method, path, r, 400);
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void a_body_over_the_limit_is_a_documented_413_for_every_operation_that_takes_one() throws Exception {
        backend.close();
        backend = DevBackend.start(0, dir.resolve("small"), List.of(CODE), FaultSettings.none(), 4096);
        kiosk = new ApiClient(backend).enroll(CODE);
        String big = "{\"pad\":\"" + "x".repeat(5000) + "\"}";
        for (String op : doc.operations()) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            if (doc.operation(method, path).has("requestBody")) {
                conforms(method, path, call(kiosk, method, path, big), 413);
            }
        }
    }

    @Test
    void throttled_and_unavailable_answers_are_documented_problems_with_retry_after() throws Exception {
        kiosk.enroll(CODE);
        for (String fault : List.of("429", "503")) {
            backend.faults().set(fault + "=1,retry-after=7");
            for (String op : doc.operations()) {
                String method = op.substring(0, op.indexOf(' '));
                String path = op.substring(op.indexOf(' ') + 1);
                HttpResponse<String> r = call(kiosk, method, path, "{}");
                conforms(method, path, r, Integer.parseInt(fault));
                assertThat(doc.response(method, path, r.statusCode()).path("headers").has("Retry-After")).as(op).isTrue();
                assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
            }
        }
        // The documented header schema (checked in conforms) takes seconds or an HTTP date, never 0.
        JsonNode retryAfter = doc.response("POST", BATCH, 429).at("/headers/Retry-After/schema");
        assertThat(doc.problems(retryAfter, ApiClient.JSON.getNodeFactory().textNode("Wed, 21 Oct 2026 07:28:00 GMT"))).isEmpty();
        assertThat(doc.problems(retryAfter, ApiClient.JSON.getNodeFactory().textNode("0"))).isNotEmpty();
    }

    @Test
    void household_answers_the_members_person_first_404_and_400_as_documented() throws Exception {
        kiosk.enroll(CODE);
        String ask = "{\"person\":{\"idNumber\":\"441802198503120035\"}}";
        assertThat(doc.problems(doc.requestSchema("POST", HOUSEHOLD, "application/json"), ApiClient.JSON.readTree(ask))).isEmpty();
        assertThat(doc.problems(doc.requestSchema("POST", HOUSEHOLD, "application/json"), ApiClient.JSON.readTree("{}")))
                .isNotEmpty();

        JsonNode household = conforms("POST", HOUSEHOLD, kiosk.post("/household", ask), 200);

        assertThat(household.get("members")).hasSize(3);
        assertThat(household.at("/members/0/relation").asText()).isEqualTo("本人");
        assertThat(household.at("/members/0/idNumber").asText()).isEqualTo("441802198503120035");
        conforms("POST", HOUSEHOLD, kiosk.post("/household", "{\"person\":{\"idNumber\":\"110101199003070011\"}}"), 404);
        conforms("POST", HOUSEHOLD, kiosk.post("/household", "{\"person\":{}}"), 400);
        conforms("POST", HOUSEHOLD, kiosk.post("/household", "{\"person\":\"441802198503120035\"}"), 400);
    }

    @Test
    void diagnostics_takes_a_zip_answers_201_and_keeps_the_bytes_415_for_another_type() throws Exception {
        kiosk.enroll(CODE);
        byte[] zip = DiagnosticsTest.zip("kiosk.log", "2026-11-22 09:30 started");

        JsonNode created = conforms("POST", DIAGNOSTICS, DiagnosticsTest.upload(kiosk, zip, "application/zip"), 201);

        assertThat(created.get("diagnosticsId").asText()).isNotBlank();
        assertThat(backend.diagnosticsBundles()).singleElement()
                .satisfies(f -> assertThat(java.nio.file.Files.readAllBytes(f)).isEqualTo(zip))
                .satisfies(f -> assertThat(f.getFileName().toString()).contains(created.get("diagnosticsId").asText()));
        conforms("POST", DIAGNOSTICS, DiagnosticsTest.upload(kiosk, zip, "application/json"), 415);
    }

    @Test
    void a_v1_1_batch_with_qr_cash_members_and_a_visit_evaluation_fits_the_document_and_is_accepted() throws Exception {
        kiosk.enroll(CODE);
        String qrId = ApiClient.newId();
        JsonNode order = ApiClient.json(kiosk.post("/payments/qr", "{\"transactionId\":\"" + qrId
                + "\",\"serviceCode\":\"RSJ-0007\",\"amountFen\":60000}"));
        backend.payOrder(order.get("orderId").asText());
        String qr = BatchValidationTest.qrPayment(qrId, order.get("orderId").asText(), 60000);
        String cash = BatchValidationTest.cashPayment(ApiClient.newId(), 30000, 40000, 10000);
        String visit = BatchValidationTest.visitEvaluation(ApiClient.newId(), 2);

        JsonNode schema = doc.requestSchema("POST", BATCH, "application/json");
        assertThat(doc.problems(schema, ApiClient.JSON.readTree(kiosk.batch(qr, cash, visit)))).isEmpty();
        assertThat(doc.problems(schema, ApiClient.JSON.readTree(kiosk.batch(qr.replace("\"orderId\"", "\"order\""))))).isNotEmpty();
        assertThat(doc.problems(schema, ApiClient.JSON.readTree(kiosk.batch(visit.replace("\"sessionId\"", "\"session\""))))).isNotEmpty();
        assertThat(doc.problems(schema, ApiClient.JSON.readTree(kiosk.batch(cash.replace("\"insertedFen\"", "\"inserted\""))))).isNotEmpty();

        JsonNode body = conforms("POST", BATCH, kiosk.sendBatch(qr, cash, visit), 200);
        assertThat(body.get("results").findValuesAsText("status")).containsExactly("accepted", "accepted", "accepted");
    }

    @Test
    void a_cash_box_audit_and_an_unpaid_cash_payment_fit_the_document_and_are_accepted_and_broken_ones_neither()
            throws Exception {
        kiosk.enroll(CODE);
        String audit = BatchValidationTest.cashAudit(ApiClient.newId());
        String unpaid = BatchValidationTest.cashPayment(ApiClient.newId(), 0, 20000, 20000);
        JsonNode schema = doc.requestSchema("POST", BATCH, "application/json");
        assertThat(doc.problems(schema, ApiClient.JSON.readTree(kiosk.batch(audit, unpaid)))).isEmpty();

        JsonNode body = conforms("POST", BATCH, kiosk.sendBatch(audit, unpaid), 200);
        assertThat(body.get("results").findValuesAsText("status")).containsExactly("accepted", "accepted");

        // Both ways: what the document refuses, the backend rejects.
        List<String> broken = List.of(
                BatchValidationTest.cashAudit(ApiClient.newId()).replace("\"periodStart\"", "\"since\""),
                BatchValidationTest.cashAudit(ApiClient.newId()).replace("\"cashboxFen\":125000", "\"boxFen\":125000"),
                BatchValidationTest.cashAudit(ApiClient.newId()).replace("\"data\":{},", "\"data\":{},\"amountFen\":125000,"),
                BatchValidationTest.cashAudit(ApiClient.newId()).replace("\"unattributedFen\":5000", "\"unattributedFen\":-5000"));
        for (String t : broken) {
            assertThat(doc.problems(schema, ApiClient.JSON.readTree(kiosk.batch(t)))).as(t).isNotEmpty();
            JsonNode answer = conforms("POST", BATCH, kiosk.sendBatch(t), 200);
            assertThat(answer.at("/results/0/status").asText()).as(t).isEqualTo("rejected");
        }
    }

    @Test
    void a_heartbeat_with_a_malformed_cash_box_is_refused_by_the_document_and_a_documented_400() throws Exception {
        kiosk.enroll(CODE);
        JsonNode schema = doc.requestSchema("POST", HEARTBEAT, "application/json");
        for (String cash : List.of("{\"cashboxFen\":125000,\"notes\":-1,\"capacity\":600}",
                "{\"cashboxFen\":125000,\"capacity\":600}", "{\"cashboxFen\":1250.5,\"notes\":3,\"capacity\":600}")) {
            String beat = "{\"kioskId\":\"" + kiosk.kioskId + "\",\"cash\":" + cash + "}";
            assertThat(doc.problems(schema, ApiClient.JSON.readTree(beat))).as(cash).isNotEmpty();
            conforms("POST", HEARTBEAT, kiosk.post("/heartbeat", beat), 400);
        }
    }

    @Test
    void the_contracts_v1_1_service_example_fits_the_catalogue_schema_and_a_wrong_one_does_not() throws Exception {
        String service = "{\"code\": \"SWJ-0001\", \"department\": \"SWJ\", \"name\": \"城乡居民养老、医疗保险缴费\","
                + " \"theme\": \"social-insurance\", \"identity\": [\"idcard\", \"yss-code\", \"sscard\"], \"kind\": \"payment\","
                + " \"online\": true, \"for\": [\"self\", \"household\", \"other\"], \"pay\": [\"qr\", \"cash\"], \"output\": \"receipt\","
                + " \"devices\": [\"receipt-printer\"], \"keywords\": [\"养老\", \"医保\", \"cxjm\"],"
                + " \"en\": {\"name\": \"Resident pension and medical insurance contribution\"},"
                + " \"form\": [{\"id\": \"members\", \"type\": \"household\", \"label\": \"选择要缴费的家庭成员\", \"required\": true,"
                + "           \"when\": {\"for\": \"household\"}},"
                + "          {\"id\": \"grade\", \"type\": \"choice\", \"label\": \"缴费档次（元）\", \"options\": [\"180\", \"300\", \"500\"], \"required\": true},"
                + "          {\"id\": \"birth\", \"type\": \"date\", \"label\": \"出生日期\", \"min\": \"1900-01-01\", \"max\": \"2026-12-31\"},"
                + "          {\"id\": \"other\", \"type\": \"idnumber\", \"label\": \"身份证号\", \"digits\": 18, \"hint\": \"输入18位\"}],"
                + " \"amountFen\": {\"from\": \"grade\", \"multiplier\": 100, \"perPerson\": true},"
                + " \"bundle\": null, \"evidence\": \"Y\"}";
        String catalog = "{\"version\": \"2026-11-01.3\", \"departments\": [{\"code\": \"SWJ\", \"name\": \"税务局\"}],"
                + " \"themes\": [{\"id\": \"social-insurance\", \"name\": \"社保\", \"hint\": \"养老 医保\", \"en\": {\"name\": \"Social insurance\"}}],"
                + " \"services\": [" + service + ", " + service.replace("\"bundle\": null", "\"bundle\": {\"steps\": [\"RSJ-0101\", \"YBJ-0012\"]}")
                        .replace("{\"from\": \"grade\", \"multiplier\": 100, \"perPerson\": true}", "{\"fixed\": 3800}") + "]}";
        JsonNode schema = doc.response("GET", CATALOG, 200).at("/content/application~1json/schema");

        assertThat(doc.problems(schema, ApiClient.JSON.readTree(catalog))).isEmpty();
        assertThat(doc.problems(schema, ApiClient.JSON.readTree(catalog.replace("\"output\": \"receipt\"", "\"output\": \"fax\""))))
                .isNotEmpty();
        assertThat(doc.problems(schema, ApiClient.JSON.readTree(catalog.replace("{\"fixed\": 3800}", "{\"fixed\": \"38.00\"}"))))
                .isNotEmpty();
        assertThat(doc.problems(schema, ApiClient.JSON.readTree(catalog.replace("\"type\": \"household\"", "\"type\": \"signature\""))))
                .isNotEmpty();
    }

    @Test
    void the_checks_fail_when_the_document_disagrees_with_the_backend() throws Exception {
        kiosk.enroll(CODE);
        HttpResponse<String> beat = kiosk.post("/heartbeat", "{}");
        OpenApiDocument broken = doc.copy();
        ((ObjectNode) broken.root.at("/components/schemas/HeartbeatResponse/properties/commands/items/properties/type"))
                .putArray("enum").add("reboot");
        backend.queueCommand(kiosk.kioskId, "upload-diagnostics");
        JsonNode withCommand = ApiClient.json(kiosk.post("/heartbeat", "{}"));
        JsonNode schema = broken.response("POST", HEARTBEAT, 200).at("/content/application~1json/schema");
        assertThat(broken.problems(schema, withCommand)).isNotEmpty();
        assertThat(doc.problems(schema, withCommand)).isEmpty();

        ((ObjectNode) broken.operation("POST", HEARTBEAT).get("responses")).remove("200");
        doc = broken;
        assertThatThrownBy(() -> conforms("POST", HEARTBEAT, beat, 200)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not list");
    }

    /** Asserts the answer is the expected status, listed for the operation, with a body fitting its schema; returns the body. */
    private JsonNode conforms(String method, String path, HttpResponse<String> r, int expected) throws Exception {
        String what = method + " " + path + " answered " + r.statusCode() + " " + r.body();
        assertThat(r.statusCode()).as(what).isEqualTo(expected);
        JsonNode response = doc.response(method, path, r.statusCode());
        assertThat(response).as("%s, a status the document does not list (it lists %s)", what, doc.statuses(method, path)).isNotNull();
        response.path("headers").fields().forEachRemaining(h -> {
            java.util.Optional<String> value = r.headers().firstValue(h.getKey());
            if (h.getValue().path("required").asBoolean()) {
                assertThat(value).as("%s: header %s", what, h.getKey()).isPresent();
            }
            value.ifPresent(v -> assertThat(doc.problems(h.getValue().get("schema"), ApiClient.JSON.getNodeFactory().textNode(v)))
                    .as("%s: header %s: %s", what, h.getKey(), v).isEmpty());
        });
        JsonNode content = response.get("content");
        if (content == null) {
            assertThat(r.body()).as("%s: the document gives this status no body", what).isEmpty();
            return null;
        }
        String type = OpenApiDocument.mediaType(r.headers().firstValue("Content-Type").orElse(""));
        assertThat(content.has(type)).as("%s: Content-Type %s, the document lists %s", what, type,
                OpenApiDocument.names(content.fieldNames())).isTrue();
        JsonNode body = ApiClient.JSON.readTree(r.body());
        assertThat(doc.problems(content.get(type).get("schema"), body)).as("%s: body against the documented schema", what).isEmpty();
        return body;
    }

    private HttpResponse<String> call(ApiClient client, String method, String path, String body) throws Exception {
        return client.send(client.request(sample(path).substring("/api/v1".length()))
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return kiosk.send(kiosk.request(path).DELETE().build());
    }

    /** A concrete path for a documented template. */
    private static String sample(String template) {
        return template.replace("{orderId}", "no-such-order").replace("{code}", "RSJ-0007");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
