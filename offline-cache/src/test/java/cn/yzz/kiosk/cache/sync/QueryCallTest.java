package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.backend.QueryKnobs;
import cn.yzz.kiosk.cache.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * {@link BackendClient#query} over real HTTP: against the dev-backend (its tables, its 404 and its query knobs: a
 * 500, a body cut off, ragged rows, an answer slower than the call timeout) and against a scripted server for every
 * way an answer can be off-contract. Personal data never reaches an exception's message or cause.
 */
class QueryCallTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Person CHEN = new Person("441802198503120035", "陈志强");

    private static BackendException failure(ThrowingSupplier<?> call) {
        return catchThrowableOfType(BackendException.class, call::get);
    }

    /** Every message in the exception and its causes, for privacy checks. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    @Nested
    class AgainstTheDevBackend {
        @TempDir Path dir;

        private BackendClient enrolled(DevBackend backend, Duration callTimeout) throws Exception {
            MutableClock clock = new MutableClock(SyncFixtures.T0);
            Enrollment e = new BackendClient(SyncFixtures.config(backend.url()), clock)
                    .enroll(new EnrollRequest("Q-1", "desktop", "441802101201", "cd".repeat(32), "1.0.0"));
            return new BackendClient(SyncConfig.defaults(backend.url(), e.kioskId(), e.token(), true)
                    .withTimeouts(callTimeout, callTimeout), clock);
        }

        @Test
        void a_query_answers_the_table_with_a_verify_url_and_an_unknown_person_is_a_404_that_does_not_name_them()
                throws Exception {
            try (DevBackend backend = DevBackend.start(0, dir, "Q-1", FaultSettings.none())) {
                BackendClient client = enrolled(backend, Duration.ofSeconds(10));

                QueryAnswer all = client.query("RSJ-0003", CHEN, Map.of());
                QueryAnswer year = client.query("RSJ-0024", CHEN, Map.of("year", "2025"));

                assertThat(all.heading()).startsWith("费款所属期");
                assertThat(all.body()).hasSizeGreaterThan(120).allSatisfy(row -> assertThat(row).hasSameSizeAs(all.heading()));
                assertThat(all.body().get(0).get(0)).isEqualTo("2006-07");
                assertThat(all.verifyCode()).startsWith(backend.url() + "/dev/verify/");
                assertThat(all.toString()).doesNotContain("陈志强").contains((all.rows().size() - 1) + " rows");
                assertThat(year.body()).hasSize(13);
                assertThat(year.title()).contains("2025");
                try (Response page = new OkHttpClient().newCall(new Request.Builder().url(all.verifyCode()).build()).execute()) {
                    assertThat(page.code()).isEqualTo(200);
                    assertThat(page.body().string()).contains("核验通过");
                }
                assertThat(client.query("YBJ-0014", null, null).body()).isNotEmpty();

                BackendException unknown = failure(() -> client.query("RSJ-0003", new Person("11010519491231002X", "张三"), Map.of()));
                assertThat(unknown.kind()).isEqualTo(BackendException.Kind.CLIENT);
                assertThat(unknown.status()).isEqualTo(404);
                assertThat(messages(unknown)).doesNotContain("11010519491231002X").doesNotContain("张三");
                BackendException notAQuery = failure(() -> client.query("RSJ-0007", CHEN, Map.of()));
                assertThat(notAQuery.status()).isEqualTo(400);
                assertThat(failure(() -> client.query("NOPE-0001", CHEN, Map.of())).status()).isEqualTo(404);
            }
        }

        @Test
        void the_query_knobs_come_back_as_server_malformed_and_transport_failures_without_personal_data() throws Exception {
            try (DevBackend backend = DevBackend.start(DevBackend.Settings.defaults().withDataDir(dir)
                    .withEnrollCodes(List.of("Q-1")).withQueryKnobs(QueryKnobs.none().withAnswer(QueryKnobs.Answer.ERROR)))) {
                BackendClient client = enrolled(backend, Duration.ofSeconds(1));

                BackendException error = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));
                assertThat(error.kind()).isEqualTo(BackendException.Kind.SERVER);
                assertThat(error.status()).isEqualTo(500);

                backend.setQueryKnobs(QueryKnobs.none().withAnswer(QueryKnobs.Answer.MALFORMED));
                BackendException cut = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));
                assertThat(cut.kind()).isEqualTo(BackendException.Kind.MALFORMED);

                backend.setQueryKnobs(QueryKnobs.none().withAnswer(QueryKnobs.Answer.RAGGED));
                BackendException ragged = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));
                assertThat(ragged.kind()).isEqualTo(BackendException.Kind.MALFORMED);
                assertThat(ragged).hasMessageContaining("rows[2]");

                // Slower than the call timeout: the call gives up on time, and no retry is sent behind the kiosk's back.
                backend.setQueryKnobs(QueryKnobs.none().withDelay(Duration.ofSeconds(4)).onlyFor("RSJ-0003"));
                int before = backend.requestsSeen("/api/v1/services/RSJ-0003/query");
                long t0 = System.nanoTime();
                BackendException slow = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                assertThat(slow.kind()).isEqualTo(BackendException.Kind.TRANSPORT);
                assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
                assertThat(backend.requestsSeen("/api/v1/services/RSJ-0003/query") - before).isEqualTo(1);
                assertThat(client.query("RSJ-0002", CHEN, Map.of()).body()).as("another service is not slowed").isNotEmpty();

                for (BackendException e : List.of(error, cut, ragged, slow)) {
                    assertThat(messages(e)).doesNotContain(CHEN.idNumber()).doesNotContain(CHEN.name());
                }
            }
        }
    }

    @Nested
    class AgainstAScriptedServer {
        private final MockWebServer server = new MockWebServer();
        private BackendClient client;

        private void reply(int code, String body) throws Exception {
            if (client == null) {
                server.start();
                client = new BackendClient(SyncFixtures.config(server.url("/kiosk").toString()), new MutableClock(SyncFixtures.T0));
            }
            server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type",
                    code >= 400 ? "application/problem+json" : "application/json").body(body).build());
        }

        @org.junit.jupiter.api.AfterEach
        void stop() {
            server.close();
        }

        @Test
        void the_request_carries_the_person_and_the_answers_and_numbers_keep_how_the_county_wrote_them() throws Exception {
            reply(200, "{\"title\": \"缴费\", \"rows\": [[\"年度\", \"金额(元)\", \"月数\"], [\"2025\", 300.50, 12], [2024, 1E+3, 0.10]],"
                    + " \"footer\": null}");

            QueryAnswer a = client.query("SWJ-0008", CHEN, Map.of("year", "2025", "members", List.of()));

            assertThat(a.body()).containsExactly(List.of("2025", "300.50", "12"), List.of("2024", "1000", "0.10"));
            assertThat(a.footer()).isEmpty();
            assertThat(a.verifyCode()).isEmpty();
            RecordedRequest r = server.takeRequest();
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getUrl().encodedPath()).isEqualTo("/kiosk/api/v1/services/SWJ-0008/query");
            JsonNode body = JSON.readTree(r.getBody().toByteArray());
            assertThat(body.at("/person/idNumber").asText()).isEqualTo(CHEN.idNumber());
            assertThat(body.at("/data/year").asText()).isEqualTo("2025");

            reply(200, "{\"title\": \"定点医药机构\", \"rows\": [[\"名称\"]]}");
            assertThat(client.query("YBJ-0014", null, null).body()).isEmpty();
            JsonNode nobody = JSON.readTree(server.takeRequest().getBody().toByteArray());
            assertThat(nobody.has("person")).isFalse();
            assertThat(nobody.get("data").isObject()).isTrue();
        }

        @Test
        void every_off_contract_answer_is_malformed_and_no_message_repeats_what_it_held() throws Exception {
            String name = "陈志强";
            String id = CHEN.idNumber();
            List<String> bad = List.of(
                    "<html><body>请先登录 Wi-Fi " + name + "</body></html>",
                    "{\"title\": \"" + name + "\"}",
                    "{\"title\": \"t\", \"rows\": null}",
                    "{\"title\": \"t\", \"rows\": []}",
                    "{\"title\": \"t\", \"rows\": {\"0\": [\"" + id + "\"]}}",
                    "{\"title\": \"t\", \"rows\": [[\"姓名\", \"号码\"], [\"" + name + "\"]]}",
                    "{\"title\": \"t\", \"rows\": [[\"姓名\", \"号码\"], [\"" + name + "\", {\"id\": \"" + id + "\"}]]}",
                    "{\"title\": \"t\", \"rows\": [[\"姓名\"], [null]]}",
                    "{\"title\": \"t\", \"rows\": [[\"姓名\"], [true]]}",
                    "{\"title\": \"t\", \"rows\": [[\"姓名\"], []]}",
                    "{\"title\": \"t\", \"rows\": [\"" + name + "\"]}",
                    "{\"title\": \"t\", \"rows\": [[\"金额\"], [1e999999999]]}",
                    "{\"title\": \"\", \"rows\": [[\"a\"]]}",
                    "{\"title\": 7, \"rows\": [[\"a\"]]}",
                    "{\"title\": \"t\", \"rows\": [[\"a\"]], \"footer\": {\"name\": \"" + name + "\"}}",
                    "{\"title\": \"t\", \"rows\": [[\"a\"]], \"verifyCode\": \"http://x/" + "v".repeat(2000) + "\"}",
                    "{\"title\": \"t\", \"rows\": [[\"" + name + "\", \"" + id,
                    "[[\"" + name + "\"]]",
                    "");
            for (String body : bad) {
                reply(200, body);
                BackendException e = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));
                assertThat(e).as(body).isNotNull();
                assertThat(e.kind()).as(body).isEqualTo(BackendException.Kind.MALFORMED);
                assertThat(messages(e)).as(body).doesNotContain(name).doesNotContain(id).doesNotContain("44180219");
            }
        }

        @Test
        void a_404_a_500_a_huge_answer_and_a_dead_server_are_told_apart_and_none_names_the_person() throws Exception {
            String id = CHEN.idNumber();
            reply(404, "{\"type\": \"about:blank\", \"title\": \"Unknown person\", \"status\": 404, \"detail\": \"" + id + "\"}");
            reply(500, "{\"type\": \"about:blank\", \"title\": \"Error\", \"status\": 500, \"detail\": \"" + id + "\"}");
            reply(200, "{\"title\": \"t\", \"rows\": [[\"" + "陈".repeat((int) BackendClient.MAX_BODY_BYTES / 3) + "\"]]}");

            BackendException notFound = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));
            BackendException broken = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));
            BackendException huge = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));
            server.close();
            BackendException down = failure(() -> client.query("RSJ-0003", CHEN, Map.of()));

            assertThat(notFound.kind()).isEqualTo(BackendException.Kind.CLIENT);
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(broken.kind()).isEqualTo(BackendException.Kind.SERVER);
            assertThat(huge.kind()).isEqualTo(BackendException.Kind.MALFORMED);
            assertThat(huge).hasMessageContaining("larger than");
            assertThat(down.kind()).isEqualTo(BackendException.Kind.TRANSPORT);
            for (BackendException e : List.of(notFound, broken, huge, down)) {
                assertThat(messages(e)).doesNotContain(id).doesNotContain("陈志强");
            }
        }
    }
}
