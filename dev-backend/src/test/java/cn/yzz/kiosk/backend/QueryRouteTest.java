package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /services/{code}/query over HTTP: the sandbox county's tables, their verification pages and the query knobs. */
class QueryRouteTest {
    static final String CHEN = "441802198503120035";
    static final String PAN = "441826195008010020";
    static final String WEI = "441825197211300050";
    static final String LI = "440203195103152316";
    static final List<String> PEOPLE = List.of(CHEN, PAN, WEI, LI);
    /** A full citizen ID number anywhere in an answer (as the kiosk's log masking finds them: not inside longer numbers). */
    static final Pattern FULL_ID = Pattern.compile("(?<![0-9])[1-9][0-9]{16}[0-9X](?![0-9])");

    @TempDir Path dir;
    DevBackend backend;
    ApiClient kiosk;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, "Q-0001", FaultSettings.none());
        kiosk = new ApiClient(backend).enroll("Q-0001");
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    static String ask(String idNumber, String data) {
        return "{\"person\":{\"idNumber\":\"" + idNumber + "\",\"name\":\"x\"},\"data\":" + data + "}";
    }

    HttpResponse<String> query(String code, String body) throws Exception {
        return kiosk.post("/services/" + code + "/query", body);
    }

    JsonNode table(String code, String idNumber, String data) throws Exception {
        HttpResponse<String> r = query(code, ask(idNumber, data));
        assertThat(r.statusCode()).as("%s for %s %s: %s", code, idNumber, data, r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }

    /** The query and print services of the bundled catalogue, with the form answers each needs. */
    static List<String[]> queryServices() throws Exception {
        List<String[]> out = new ArrayList<>();
        for (JsonNode s : Json.MAPPER.readTree(Catalogue.bundled().json()).get("services")) {
            String kind = s.get("kind").asText();
            if (kind.equals("query") || kind.equals("print")) {
                StringBuilder data = new StringBuilder("{");
                for (JsonNode f : s.path("form")) {
                    if (f.path("required").asBoolean() && f.has("options")) {
                        data.append(data.length() > 1 ? "," : "").append('"').append(f.get("id").asText()).append("\":\"")
                                .append(f.get("options").get(0).asText()).append('"');
                    }
                }
                out.add(new String[] {s.get("code").asText(), data.append('}').toString()});
            }
        }
        return out;
    }

    @Test
    void every_query_and_print_service_answers_every_demo_person_with_a_well_formed_table_and_no_full_id_number()
            throws Exception {
        List<String[]> services = queryServices();
        assertThat(services).hasSizeGreaterThanOrEqualTo(40);
        int withRows = 0;
        for (String[] s : services) {
            for (String person : PEOPLE) {
                HttpResponse<String> r = query(s[0], ask(person, s[1]));
                assertThat(r.statusCode()).as("%s for %s: %s", s[0], person, r.body()).isEqualTo(200);
                JsonNode t = ApiClient.json(r);
                assertThat(t.get("title").asText()).as(s[0]).isNotBlank();
                assertThat(t.get("footer").asText()).as(s[0]).isNotBlank();
                JsonNode rows = t.get("rows");
                int width = rows.get(0).size();
                assertThat(width).as("%s heading", s[0]).isBetween(2, 8);
                rows.forEach(row -> {
                    assertThat(row.size()).as("%s: every row as wide as the heading", s[0]).isEqualTo(width);
                    row.forEach(cell -> assertThat(cell.isTextual()).as("%s: cells are strings", s[0]).isTrue());
                });
                withRows += rows.size() > 1 ? 1 : 0;
                assertThat(t.get("verifyCode").asText()).startsWith(backend.url() + "/dev/verify/YZ");
                assertThat(FULL_ID.matcher(r.body()).find()).as("%s for %s: a full ID number in %s", s[0], person, r.body()).isFalse();
            }
        }
        assertThat(withRows).as("most answers have records").isGreaterThan(services.size() * PEOPLE.size() / 2);
    }

    @Test
    void contributions_month_by_month_fill_several_a4_pages_and_a_year_range_narrows_them() throws Exception {
        JsonNode all = table("RSJ-0003", CHEN, "{}");
        List<String> heading = texts(all.get("rows").get(0));
        assertThat(heading).startsWith("费款所属期", "缴费基数(元)");
        // An A4 page holds about 40 rows of a table in 10.5 pt; a villager's whole history is many pages.
        assertThat(all.get("rows").size() - 1).isGreaterThan(3 * 40);
        assertThat(all.at("/rows/1/0").asText()).isEqualTo("2006-07");
        assertThat(all.get("footer").asText()).contains("陈志强").contains("441***********0035").contains("个人缴费合计");

        JsonNode range = table("RSJ-0003", CHEN, "{\"fromYear\":\"2019\",\"toYear\":\"2021\"}");
        assertThat(range.get("rows").size() - 1).isEqualTo(36);
        assertThat(range.get("title").asText()).contains("2019—2021");
        range.get("rows").forEach(row -> {
            if (!row.get(0).asText().equals("费款所属期")) {
                assertThat(row.get(0).asText()).matches("20(19|20|21)-[01][0-9]");
            }
        });
        // The years he changed jobs show the gap.
        assertThat(table("RSJ-0003", CHEN, "{\"year\":\"2013\"}").get("rows").size() - 1).isEqualTo(9);

        JsonNode year = table("RSJ-0024", CHEN, "{\"year\":\"2025\"}");
        assertThat(year.get("rows").size() - 1).isEqualTo(13);
        assertThat(year.at("/rows/13/0").asText()).isEqualTo("合计");
        assertThat(year.get("title").asText()).contains("2025年度");
    }

    @Test
    void each_person_gets_the_table_their_records_make() throws Exception {
        // A retired employee: contributions until retirement, then a pension every month since.
        JsonNode li = table("RSJ-0008", LI, "{}");
        assertThat(li.get("rows").size() - 1).isEqualTo(308);
        assertThat(li.at("/rows/1/0").asText()).isEqualTo("2001-04");
        assertThat(table("RSJ-0003", LI, "{}").get("footer").asText()).contains("已退休");
        // A resident pensioner who never paid: a pension and no contributions.
        assertThat(table("RSJ-0008", PAN, "{}").get("rows").size() - 1).isEqualTo(195);
        JsonNode none = table("RSJ-0003", PAN, "{}");
        assertThat(none.get("rows")).hasSize(1);
        assertThat(none.get("footer").asText()).contains("无个人缴费记录");
        // Not retired: the heading alone, and a footer that says why.
        JsonNode notYet = table("RSJ-0008", WEI, "{}");
        assertThat(notYet.get("rows")).hasSize(1);
        assertThat(notYet.get("footer").asText()).contains("尚未办理退休");
        // A resident pays yearly.
        assertThat(texts(table("SWJ-0008", WEI, "{\"year\":\"2025\"}").get("rows").get(1))).contains("城乡居民基本养老保险费", "2025", "300.00");
        // Property, a certificate with its purpose, a household book with masked numbers.
        assertThat(table("ZRJ-0001", CHEN, "{}").toString()).contains("凤城华庭3栋1204房");
        JsonNode cert = table("GAJ-0009", PAN, "{\"purpose\":\"入学\"}");
        assertThat(cert.toString()).contains("入学").contains("连南瑶族自治县公安局三江派出所");
        assertThat(table("GAJ-0008", LI, "{}").get("rows")).hasSize(4);
    }

    @Test
    void the_same_question_gets_the_same_answer_and_another_year_another() throws Exception {
        String first = query("YBJ-0005", ask(CHEN, "{\"year\":\"2025\"}")).body();
        String again = query("YBJ-0005", ask(CHEN, "{\"year\":\"2025\"}")).body();
        backend.close();
        backend = DevBackend.start(0, dir, List.of(), FaultSettings.none(), DevBackend.DEFAULT_MAX_BODY_BYTES);
        ApiClient other = new ApiClient(backend);
        other.kioskId = kiosk.kioskId;
        other.token = kiosk.token;
        kiosk = other;
        JsonNode later = ApiClient.json(query("YBJ-0005", ask(CHEN, "{\"year\":\"2025\"}")));
        JsonNode before = Json.MAPPER.readTree(first);

        assertThat(again).isEqualTo(first);
        assertThat(later.get("rows")).isEqualTo(before.get("rows"));
        assertThat(later.get("footer")).isEqualTo(before.get("footer"));
        assertThat(later.get("verifyCode").asText().replaceAll("^http://[^/]+", ""))
                .isEqualTo(before.get("verifyCode").asText().replaceAll("^http://[^/]+", ""));
        assertThat(table("YBJ-0005", CHEN, "{\"year\":\"2024\"}").get("rows")).isNotEqualTo(before.get("rows"));
    }

    @Test
    void the_verify_code_opens_a_page_that_says_the_printout_is_genuine_and_an_invented_one_does_not() throws Exception {
        JsonNode t = table("GAJ-0002", WEI, "{}");
        HttpClient phone = HttpClient.newHttpClient();
        HttpResponse<String> page = phone.send(HttpRequest.newBuilder(URI.create(t.get("verifyCode").asText())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("核验通过").contains("无犯罪记录证明").contains("GAJ-0002").contains("韦**")
                .doesNotContain("韦国华").doesNotContain(WEI);

        HttpResponse<String> fake = phone.send(HttpRequest.newBuilder(URI.create(backend.url() + "/dev/verify/YZ0000FAKE")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(fake.statusCode()).isEqualTo(404);
        assertThat(fake.body()).contains("查无此文书");
    }

    @Test
    void unknown_people_services_and_bad_answers_are_refused_with_what_is_wrong() throws Exception {
        HttpResponse<String> stranger = query("RSJ-0003", ask("11010519491231002X", "{}"));
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(stranger.body()).contains("unknown-person").doesNotContain("11010519491231002X");
        assertThat(query("NOPE-0001", ask(CHEN, "{}")).statusCode()).isEqualTo(404);
        assertThat(query("RSJ-0007", ask(CHEN, "{}")).body()).contains("not-queryable");
        assertThat(query("RSJ-0003", "{\"data\":{}}").body()).contains("person");
        assertThat(query("RSJ-0003", "{\"person\":\"" + CHEN + "\"}").statusCode()).isEqualTo(400);
        assertThat(query("RSJ-0003", ask(CHEN, "[]")).body()).contains("Bad request: data");
        assertThat(query("RSJ-0024", ask(CHEN, "{\"year\":\"去年\"}")).body()).contains("data.year");
        assertThat(query("RSJ-0003", ask(CHEN, "{\"fromYear\":\"2024\",\"toYear\":\"2020\"}")).statusCode()).isEqualTo(400);
        assertThat(query("RSJ-0024", ask(CHEN, "{\"year\":{\"a\":1}}")).statusCode()).isEqualTo(400);
        assertThat(query("GAJ-0009", ask(CHEN, "{}")).body()).contains("data.purpose");
        assertThat(new ApiClient(backend).post("/services/RSJ-0003/query", ask(CHEN, "{}")).statusCode()).isEqualTo(401);
        // Services that need nobody answer without a person, and whoever asks.
        assertThat(ApiClient.json(query("YBJ-0014", "{}")).get("rows").size()).isGreaterThan(3);
        assertThat(query("RSJ-0022", ask("11010519491231002X", "{}")).statusCode()).isEqualTo(200);
        // A year with no records yet is an empty table, not an error.
        assertThat(table("RSJ-0024", CHEN, "{\"year\":\"2030\"}").get("rows")).hasSize(1);
    }

    @Test
    void the_knobs_make_queries_slow_failing_or_malformed_from_settings_the_api_and_http() throws Exception {
        backend.close();
        backend = DevBackend.start(DevBackend.Settings.defaults().withDataDir(dir.resolve("knobs")).withEnrollCodes(List.of("K-1"))
                .withQueryKnobs(QueryKnobs.parse("delay=600ms,service=RSJ-0003")));
        kiosk = new ApiClient(backend).enroll("K-1");

        long t0 = System.nanoTime();
        assertThat(query("RSJ-0003", ask(CHEN, "{}")).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        long t1 = System.nanoTime();
        assertThat(query("RSJ-0002", ask(CHEN, "{}")).statusCode()).as("another service is not slowed").isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofMillis(600));

        backend.setQueryKnobs(QueryKnobs.none().withAnswer(QueryKnobs.Answer.ERROR));
        HttpResponse<String> error = query("RSJ-0002", ask(CHEN, "{}"));
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

        HttpClient http = HttpClient.newHttpClient();
        URI knobs = URI.create(backend.url() + "/dev/query-knobs");
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(knobs).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"answer\":\"malformed\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(set).get("answer").asText()).isEqualTo("malformed");
        assertThat(backend.queryKnobs().answer()).isEqualTo(QueryKnobs.Answer.MALFORMED);
        HttpResponse<String> cut = query("RSJ-0002", ask(CHEN, "{}"));
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).startsWith("{\"title\"");
        assertThat(catchJson(cut.body())).as("not JSON").isTrue();

        http.send(HttpRequest.newBuilder(knobs).PUT(HttpRequest.BodyPublishers.ofString("{\"answer\":\"ragged\",\"delayMs\":50}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode ragged = ApiClient.json(query("RSJ-0002", ask(CHEN, "{}")));
        assertThat(ragged.at("/rows/0").size()).isNotEqualTo(ragged.at("/rows/2").size());

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(knobs).PUT(HttpRequest.BodyPublishers.ofString(
                "{\"answer\":\"sometimes\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("normal, error, malformed, ragged");
        HttpResponse<String> cleared = http.send(HttpRequest.newBuilder(knobs).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ApiClient.json(cleared).get("answer").asText()).isEqualTo("normal");
        HttpResponse<String> now = http.send(HttpRequest.newBuilder(knobs).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ApiClient.json(now).get("delayMs").asLong()).isZero();
        assertThat(query("RSJ-0002", ask(CHEN, "{}")).statusCode()).isEqualTo(200);
    }

    @Test
    void the_knob_spec_is_parsed_and_a_wrong_one_is_refused_by_name() {
        QueryKnobs k = QueryKnobs.parse("delay=2.5s, answer=ragged, service=YBJ-0004");
        assertThat(k.delay()).isEqualTo(Duration.ofMillis(2500));
        assertThat(k.answer()).isEqualTo(QueryKnobs.Answer.RAGGED);
        assertThat(k.appliesTo("YBJ-0004")).isTrue();
        assertThat(k.appliesTo("YBJ-0005")).isFalse();
        assertThat(QueryKnobs.parse("")).isEqualTo(QueryKnobs.none());
        for (String bad : List.of("delay=soon", "answer=maybe", "speed=1", "delay")) {
            try {
                QueryKnobs.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as(bad).containsAnyOf("delay", "answer", "speed");
            }
        }
    }

    private static boolean catchJson(String body) {
        try {
            Json.MAPPER.readTree(body);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static List<String> texts(JsonNode row) {
        List<String> out = new ArrayList<>();
        row.forEach(c -> out.add(c.asText()));
        return out;
    }
}
