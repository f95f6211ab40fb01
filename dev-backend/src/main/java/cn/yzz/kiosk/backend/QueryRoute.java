package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * POST /services/{code}/query with the sandbox county's records ({@link QueryTables}); its {@code verifyCode} is a URL
 * on this backend ({@code /dev/verify/{code}}) whose page says the printout is genuine, as a county's verification
 * site would. Also the dev-only {@code /dev/query-knobs} that make queries slow or broken ({@link QueryKnobs}).
 */
final class QueryRoute {
    static final String VERIFY_PATH = "/dev/verify/";
    /** Sorted keys, so that the same answers in another order make the same verifyCode. */
    private static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    /** The MALFORMED knob's body: a 200 cut off in the middle of a row. */
    static final byte[] CUT_OFF = "{\"title\": \"社会保险参保缴费明细\", \"rows\": [[\"费款所属期\", \"缴费基数(元)\"], [\"2026-01\", \"52"
            .getBytes(StandardCharsets.UTF_8);

    private final Auth auth;
    private final Catalogue catalogue;
    private final BackendStore store;
    private final QueryTables tables;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private volatile QueryKnobs knobs;

    QueryRoute(Auth auth, Catalogue catalogue, BackendStore store, Supplier<String> baseUrl, Clock clock, QueryKnobs knobs) {
        this.auth = auth;
        this.catalogue = catalogue;
        this.store = store;
        this.tables = new QueryTables(catalogue, store::applicationsOf);
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.knobs = knobs;
    }

    QueryKnobs knobs() {
        return knobs;
    }

    void knobs(QueryKnobs k) {
        knobs = java.util.Objects.requireNonNull(k, "knobs");
    }

    Reply query(Request req, String serviceCode) throws Exception {
        ObjectNode body;
        try {
            auth.kioskId(req);
            body = Json.parseObject(req.body());
        } catch (Auth.Unauthorized e) {
            return e.toReply();
        } catch (BadRequest e) {
            return e.toReply();
        }
        QueryKnobs k = knobs;
        if (!k.isNone() && k.appliesTo(serviceCode)) {
            ReplyWriter.sleep(k.delay().toMillis());
            switch (k.answer()) {
                case ERROR -> {
                    return Reply.problem(500, "injected-error", "Internal Server Error", "query knob: answer=error");
                }
                case MALFORMED -> {
                    return new Reply(200, Map.of("Content-Type", "application/json; charset=utf-8"), CUT_OFF.clone());
                }
                case RAGGED -> {
                    return Reply.json(200, "{\"title\": \"社会保险参保缴费明细\", \"rows\": [[\"费款所属期\", \"缴费基数(元)\", \"缴费状态\"],"
                            + " [\"2026-01\", \"5200.00\", \"已实缴\"], [\"2026-02\", \"5200.00\"]], \"footer\": \"\", \"verifyCode\": \"\"}");
                }
                case NORMAL -> {
                    // only the delay
                }
            }
        }
        Optional<Catalogue.Service> found = catalogue.service(serviceCode);
        if (found.isEmpty()) {
            return Reply.problem(404, "unknown-service", "Unknown service", "service '" + serviceCode + "' is not in the catalogue");
        }
        Catalogue.Service service = found.get();
        if (!service.answersQueries()) {
            return Reply.problem(400, "not-queryable", "Not a query service", "service '" + serviceCode + "' is a " + service.kind()
                    + " service: only query and print services answer queries");
        }
        DemoPeople.Profile person;
        JsonNode data = body.get("data");
        QueryTable table;
        try {
            if (data != null && !data.isNull() && !data.isObject()) {
                throw new BadRequest("data", "field 'data' must be an object of the form's answers");
            }
            person = person(body.get("person"), serviceCode);
            table = tables.answer(service, person, new QueryTable.Answers(data == null || data.isNull() ? Json.object() : data));
        } catch (BadRequest e) {
            return e.toReply();
        } catch (UnknownPerson e) {
            // The number is personal data: the problem does not repeat it.
            return Reply.problem(404, "unknown-person", "Unknown person", "the county has no records of this person");
        }
        ObjectNode out = Json.object();
        out.put("title", table.title());
        ArrayNode rows = out.putArray("rows");
        for (List<String> row : table.rows()) {
            ArrayNode a = rows.addArray();
            row.forEach(a::add);
        }
        out.put("footer", table.footer());
        String code = verifyCode(serviceCode, out);
        store.rememberVerification(code, new BackendStore.Verification(serviceCode, service.name(), table.title(),
                person == null ? "—" : person.name().charAt(0) + "**（" + person.maskedId() + "）", table.rows().size() - 1,
                Json.time(clock.instant())));
        out.put("verifyCode", baseUrl.get() + VERIFY_PATH + code);
        return Reply.json(200, out.toString());
    }

    /** Marks a person the county does not know: 404. */
    private static final class UnknownPerson extends Exception {
        private static final long serialVersionUID = 1L;
    }

    private static DemoPeople.Profile person(JsonNode person, String serviceCode) throws BadRequest, UnknownPerson {
        if (person == null || person.isNull()) {
            return null;
        }
        if (!person.isObject()) {
            throw new BadRequest("person", "field 'person' must be an object with 'idNumber'");
        }
        JsonNode id = person.get("idNumber");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new BadRequest("person.idNumber", "field 'person.idNumber' is required and must be a non-empty string");
        }
        Optional<DemoPeople.Profile> p = DemoPeople.find(id.asText().trim().toUpperCase(Locale.ROOT));
        if (p.isEmpty() && !QueryTables.needsNobody(serviceCode)) {
            throw new UnknownPerson();
        }
        return p.orElse(null);
    }

    /** Same service and same table, same code: a hash of both, so a changed record gets a new code. */
    private static String verifyCode(String serviceCode, JsonNode answer) throws JsonProcessingException {
        String canonical = serviceCode + "\n" + SORTED.writeValueAsString(SORTED.treeToValue(answer, Object.class));
        return "YZ" + Catalogue.sha256(canonical.getBytes(StandardCharsets.UTF_8)).substring(0, 24).toUpperCase(Locale.ROOT);
    }

    /**
     * GET /dev/verify/{code}: the page a phone opens from the printout's QR code. 200 "核验通过" with what the document
     * is (never a full name or number); 404 "查无此文书" for a code this backend never gave.
     */
    Reply verifyPage(String code) throws Exception {
        Optional<BackendStore.Verification> v = store.verification(code);
        if (v.isEmpty()) {
            return page(404, "查无此文书", "<p>未查询到该核验码。此文书可能不是本系统出具的，请到出具部门核实。</p>");
        }
        BackendStore.Verification d = v.get();
        return page(200, "核验通过", "<p>该文书由县级政务服务后台（开发沙箱 dev-backend）出具，内容真实有效。</p><dl>"
                + "<dt>文书名称</dt><dd>" + html(d.title()) + "</dd>"
                + "<dt>办理事项</dt><dd>" + html(d.serviceName()) + "（" + html(d.serviceCode()) + "）</dd>"
                + "<dt>当事人</dt><dd>" + html(d.person()) + "</dd>"
                + "<dt>记录条数</dt><dd>" + d.rows() + "</dd>"
                + "<dt>首次出具</dt><dd>" + html(d.firstIssued()) + "</dd>"
                + "<dt>核验码</dt><dd>" + html(code) + "</dd></dl>");
    }

    private static Reply page(int status, String headline, String content) {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + headline + "</title></head>"
                + "<body><h1>" + headline + "</h1>" + content + "</body></html>";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        return new Reply(status, headers, html.getBytes(StandardCharsets.UTF_8));
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** /dev/query-knobs: GET the knobs; PUT {"delayMs", "answer", "service"} (any of them) to set; DELETE to clear. */
    Reply knobsRoute(Request req) {
        switch (req.method()) {
            case "GET" -> {
                return Reply.json(200, knobsJson(knobs));
            }
            case "DELETE" -> {
                knobs = QueryKnobs.none();
                return Reply.json(200, knobsJson(knobs));
            }
            case "PUT" -> {
                try {
                    ObjectNode b = Json.parseObject(req.body());
                    QueryKnobs k = QueryKnobs.none();
                    JsonNode delay = b.get("delayMs");
                    if (delay != null && !delay.isNull()) {
                        if (!delay.canConvertToLong() || !delay.isIntegralNumber()) {
                            throw new BadRequest("delayMs", "field 'delayMs' must be a whole number of milliseconds");
                        }
                        k = k.withDelay(Duration.ofMillis(delay.asLong()));
                    }
                    JsonNode answer = b.get("answer");
                    if (answer != null && !answer.isNull()) {
                        k = k.withAnswer(QueryKnobs.Answer.parse(answer.asText()));
                    }
                    JsonNode service = b.get("service");
                    if (service != null && !service.isNull()) {
                        k = k.onlyFor(service.asText());
                    }
                    knobs = k;
                    return Reply.json(200, knobsJson(k));
                } catch (BadRequest e) {
                    return e.toReply();
                } catch (IllegalArgumentException e) {
                    return Reply.problem(400, "bad-request", "Bad request: query knobs", e.getMessage());
                }
            }
            default -> {
                return Reply.problem(405, "method-not-allowed", "Method Not Allowed", "use GET, PUT, DELETE")
                        .header("Allow", "GET, PUT, DELETE");
            }
        }
    }

    static String knobsJson(QueryKnobs k) {
        ObjectNode o = Json.object();
        o.put("delayMs", k.delay().toMillis());
        o.put("answer", k.answer().word());
        if (k.service() == null) {
            o.putNull("service");
        } else {
            o.put("service", k.service());
        }
        return o.toString();
    }
}
