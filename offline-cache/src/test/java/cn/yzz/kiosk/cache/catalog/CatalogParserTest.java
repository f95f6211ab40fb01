package cn.yzz.kiosk.cache.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogParserTest {

    /** A valid payment; each row below breaks one thing of a copy of it. */
    private static final String GOOD = """
            {"code": "SWJ-0001", "department": "SWJ", "name": "城乡居民养老、医疗保险缴费", "theme": "social-insurance",
             "identity": ["idcard", "yss-code", "sscard"], "kind": "payment", "online": true,
             "for": ["self", "household", "other"], "pay": ["qr", "cash"], "output": "receipt",
             "devices": ["receipt-printer"], "keywords": ["养老", "医保", "cxjm"],
             "en": {"name": "Resident pension and medical insurance contribution"},
             "form": [{"id": "members", "type": "household", "label": "选择要缴费的家庭成员", "required": true,
                       "when": {"for": "household"}},
                      {"id": "grade", "type": "choice", "label": "缴费档次（元）", "options": ["180", "300", "500"], "required": true}],
             "amountFen": {"from": "grade", "multiplier": 100, "perPerson": true},
             "bundle": null, "evidence": "Y"}""";

    private static final String APPLICATION = """
            {"code": "RSJ-0001", "department": "RSJ", "name": "失业登记", "theme": "social-insurance", "kind": "application",
             "form": [%s]}""";

    /** Services that parse, for the property test to mutate. */
    static String parseable() {
        return GOOD + ", " + application("{\"id\": \"d\", \"type\": \"date\", \"label\": \"日期\", \"min\": \"2026-01-01\"}, "
                + "{\"id\": \"name\", \"type\": \"idcard-field\", \"label\": \"姓名\", \"when\": {\"d\": \"x\"}}");
    }

    static Catalog parse(String servicesJson) throws CatalogException {
        String doc = "{\"version\": \"t1\", \"departments\": [{\"code\": \"SWJ\", \"name\": \"税务局\"}, "
                + "{\"code\": \"RSJ\", \"name\": \"人社局\"}], \"services\": [" + servicesJson + "]}";
        return CatalogParser.parse(doc.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    private static String good(String from, String to) {
        if (!GOOD.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return GOOD.replace(from, to);
    }

    private static String application(String form) {
        return APPLICATION.formatted(form);
    }

    static Stream<Arguments> leftOut() {
        return Stream.of(
                Arguments.of("unknown kind", good("\"kind\": \"payment\"", "\"kind\": \"donation\""),
                        "SWJ-0001", "services[0].kind", "unknown kind 'donation'"),
                Arguments.of("unknown field type", good("\"type\": \"choice\"", "\"type\": \"slider\""),
                        "SWJ-0001", "services[0].form[1].type", "unknown field type 'slider'"),
                Arguments.of("when names no field", application(
                        "{\"id\": \"a\", \"type\": \"phone\", \"label\": \"电话\", \"when\": {\"b\": \"x\"}}"),
                        "RSJ-0001", "services[0].form[0].when.b", "when names no other field"),
                Arguments.of("when for an unknown payer", good("\"when\": {\"for\": \"household\"}", "\"when\": {\"for\": \"neighbour\"}"),
                        "SWJ-0001", "services[0].form[0].when.for", "self, household or other"),
                Arguments.of("from names no field", good("\"from\": \"grade\"", "\"from\": \"level\""),
                        "SWJ-0001", "services[0].amountFen.from", "names no field"),
                Arguments.of("from names a field with a when", good("\"from\": \"grade\"", "\"from\": \"members\""),
                        "SWJ-0001", "services[0].amountFen.from", "asked of everyone"),
                Arguments.of("from names a choice with a non-number option", good("\"500\"]", "\"五百\"]"),
                        "SWJ-0001", "services[0].amountFen.from", "'五百' is not a whole number"),
                Arguments.of("amount without a number", good("\"from\": \"grade\", \"multiplier\": 100,", ""),
                        "SWJ-0001", "services[0].amountFen", "no number"),
                Arguments.of("negative fixed amount", good("\"from\": \"grade\", \"multiplier\": 100,", "\"fixed\": -5,"),
                        "SWJ-0001", "services[0].amountFen.fixed", "0 or more"),
                Arguments.of("negative multiplier", good("\"multiplier\": 100", "\"multiplier\": -100"),
                        "SWJ-0001", "services[0].amountFen.multiplier", "1 or more"),
                Arguments.of("fractional fixed amount", good("\"from\": \"grade\", \"multiplier\": 100,", "\"fixed\": 3.5,"),
                        "SWJ-0001", "services[0].amountFen.fixed", "whole number"),
                Arguments.of("payment without amountFen", good("\"amountFen\": {\"from\": \"grade\", \"multiplier\": 100, \"perPerson\": true},", ""),
                        "SWJ-0001", "services[0].amountFen", "a payment without amountFen"),
                Arguments.of("choice without options", good("\"options\": [\"180\", \"300\", \"500\"], ", "\"options\": [], "),
                        "SWJ-0001", "services[0].form[1].options", "a choice without options"),
                Arguments.of("duplicate field ids", good("\"id\": \"members\"", "\"id\": \"grade\""),
                        "SWJ-0001", "services[0].form[1].id", "duplicate field id 'grade'"),
                Arguments.of("missing code", good("\"code\": \"SWJ-0001\", ", ""),
                        null, "services[0].code", "missing code"),
                Arguments.of("blank name", good("\"name\": \"城乡居民养老、医疗保险缴费\"", "\"name\": \" \""),
                        "SWJ-0001", "services[0].name", "missing name"),
                Arguments.of("missing department", good("\"department\": \"SWJ\", ", ""),
                        "SWJ-0001", "services[0].department", "missing department"),
                Arguments.of("missing theme", good("\"theme\": \"social-insurance\",", ""),
                        "SWJ-0001", "services[0].theme", "missing theme"),
                Arguments.of("missing kind", good("\"kind\": \"payment\",", ""),
                        "SWJ-0001", "services[0].kind", "missing kind"),
                Arguments.of("household field without household payers", good("\"for\": [\"self\", \"household\", \"other\"]", "\"for\": [\"self\"]"),
                        "SWJ-0001", "services[0].form[0].type", "household"),
                Arguments.of("department not listed", good("\"department\": \"SWJ\"", "\"department\": \"XYZ\""),
                        "SWJ-0001", "services[0].department", "'XYZ' is not in the catalogue's departments"),
                Arguments.of("unknown identity", good("\"sscard\"]", "\"iris\"]"),
                        "SWJ-0001", "services[0].identity[2]", "unknown identity 'iris'"),
                Arguments.of("unknown pay method", good("\"pay\": [\"qr\", \"cash\"]", "\"pay\": [\"qr\", \"cheque\"]"),
                        "SWJ-0001", "services[0].pay[1]", "unknown pay method 'cheque'"),
                Arguments.of("unknown device", good("\"devices\": [\"receipt-printer\"]", "\"devices\": [\"fax\"]"),
                        "SWJ-0001", "services[0].devices[0]", "unknown device 'fax'"),
                Arguments.of("unknown payer", good("\"other\"]", "\"neighbour\"]"),
                        "SWJ-0001", "services[0].for[2]", "unknown for 'neighbour'"),
                Arguments.of("unknown model", good("\"online\": true,", "\"online\": true, \"models\": [\"tower\"],"),
                        "SWJ-0001", "services[0].models[0]", "unknown model 'tower'"),
                Arguments.of("unknown output", good("\"output\": \"receipt\"", "\"output\": \"fax\""),
                        "SWJ-0001", "services[0].output", "unknown output 'fax'"),
                Arguments.of("online not a boolean", good("\"online\": true", "\"online\": \"yes\""),
                        "SWJ-0001", "services[0].online", "true or false"),
                Arguments.of("service not an object", "42", null, "services[0]", "expected an object"),
                Arguments.of("idcard-field naming no card attribute", application(
                        "{\"id\": \"bloodType\", \"type\": \"idcard-field\", \"label\": \"血型\"}"),
                        "RSJ-0001", "services[0].form[0].id", "card attribute"),
                Arguments.of("date bound not a date", application(
                        "{\"id\": \"d\", \"type\": \"date\", \"label\": \"日期\", \"min\": \"2026-13-01\"}"),
                        "RSJ-0001", "services[0].form[0].min", "yyyy-MM-dd"),
                Arguments.of("digits on a phone", application(
                        "{\"id\": \"p\", \"type\": \"phone\", \"label\": \"电话\", \"digits\": 11}"),
                        "RSJ-0001", "services[0].form[0].digits", "number field only"),
                Arguments.of("bundle of one step", application("").replace("\"form\": []",
                        "\"form\": [], \"bundle\": {\"steps\": [\"SWJ-0001\"]}"),
                        "RSJ-0001", "services[0].bundle.steps", "at least 2 steps"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void leftOut(String what, String service, String code, String path, String reason) throws Exception {
        Catalog c = parse(service + ", " + application("{\"id\": \"phone\", \"type\": \"phone\", \"label\": \"电话\"}")
                .replace("RSJ-0001", "RSJ-0099"));

        assertThat(c.leftOut()).as(what).hasSize(1);
        Catalog.LeftOut l = c.leftOut().get(0);
        assertThat(l.code()).isEqualTo(code);
        assertThat(l.path()).isEqualTo(path);
        assertThat(l.reason()).contains(reason);
        assertThat(c.services()).as("the rest is offered").extracting(Service::code).containsExactly("RSJ-0099");
    }

    @Test
    void theContractsV11ExampleParsesWithEverythingItSays() throws Exception {
        Catalog c = parse(GOOD);

        assertThat(c.leftOut()).isEmpty();
        Service s = c.service("SWJ-0001").orElseThrow();
        assertThat(s.identity()).containsExactly(Identity.IDCARD, Identity.YSS_CODE, Identity.SSCARD);
        assertThat(s.kind()).isEqualTo(Kind.PAYMENT);
        assertThat(s.online()).isTrue();
        assertThat(s.payers()).containsExactly(Payer.SELF, Payer.HOUSEHOLD, Payer.OTHER);
        assertThat(s.pay()).containsExactly(PayMethod.QR, PayMethod.CASH);
        assertThat(s.output()).isEqualTo(Output.RECEIPT);
        assertThat(s.devices()).containsExactly(DeviceUse.RECEIPT_PRINTER);
        assertThat(s.keywords()).containsExactly("养老", "医保", "cxjm");
        assertThat(s.englishName()).isEqualTo("Resident pension and medical insurance contribution");
        assertThat(s.amount()).isEqualTo(new Amount.From("grade", 100, true));
        assertThat(s.field("members").orElseThrow().when()).isEqualTo(Map.of("for", "household"));
        assertThat(s.field("grade").orElseThrow().options()).containsExactly("180", "300", "500");
        assertThat(s.isBundle()).isFalse();
        assertThat(s.evidence()).isEqualTo("Y");
        assertThat(c.departments()).extracting(Department::code).containsExactly("SWJ", "RSJ");
        assertThat(c.themes()).as("a theme named only by a service is added, named by its id")
                .containsExactly(new Theme("social-insurance", "social-insurance", "", null, null));
    }

    @Test
    void theContractsV1ExampleParsesWithTheDefaults() throws Exception {
        Catalog c = parse("""
                {"code": "RSJ-0007", "department": "RSJ", "name": "城乡居民养老保险缴费",
                   "theme": "social-insurance", "identity": ["idcard", "yss-code", "sscard"],
                   "kind": "payment", "online": false, "models": ["enhanced"],
                   "form": [{"id": "year", "type": "choice", "label": "缴费年度",
                             "options": ["2026", "2027"], "required": true},
                            {"id": "grade", "type": "choice", "label": "缴费档次",
                             "options": ["180", "300", "500"], "required": true}],
                   "amountFen": {"from": "grade", "multiplier": 100}, "someFutureKey": {"x": 1}}""");

        Service s = c.services().get(0);
        assertThat(s.payers()).containsExactly(Payer.SELF);
        assertThat(s.pay()).as("a payment that says nothing is paid by phone").containsExactly(PayMethod.QR);
        assertThat(s.output()).isEqualTo(Output.NONE);
        assertThat(s.models()).containsExactly("enhanced");
        assertThat(s.amount()).isEqualTo(new Amount.From("grade", 100, false));
        assertThat(s.evidence()).isEmpty();
    }

    @Test
    void defaultsOfAnApplicationAndItsFields() throws Exception {
        Service s = parse(application("""
                {"id": "phone", "type": "phone", "label": "电话"},
                {"id": "other", "type": "idnumber", "label": "身份证号"},
                {"id": "n", "type": "number", "label": "户号", "digits": 10, "min": 1, "max": "99"},
                {"id": "name", "type": "idcard-field", "label": "姓名"},
                {"id": "d", "type": "date", "label": "日期", "min": "2026-01-01", "max": "2027-12-31", "hint": "选日子"},
                {"id": "ok", "type": "confirm", "label": "确认", "when": {"phone": "x"}}""")).services().get(0);

        assertThat(s.identity()).as("needs no person").isEmpty();
        assertThat(s.online()).isFalse();
        assertThat(s.models()).as("all models").isEmpty();
        assertThat(s.pay()).isEmpty();
        assertThat(s.payers()).containsExactly(Payer.SELF);
        assertThat(s.output()).isEqualTo(Output.NONE);
        assertThat(s.devices()).isEmpty();
        assertThat(s.amount()).isNull();
        assertThat(s.form()).extracting(Field::required).containsExactly(false, true, false, false, false, false);
        Field n = s.field("n").orElseThrow();
        assertThat(List.of(n.min(), n.max(), n.digits().toString())).containsExactly("1", "99", "10");
        assertThat(s.field("d").orElseThrow().hint()).isEqualTo("选日子");
    }

    @Test
    void aDuplicateCodeLeavesTheSecondOut() throws Exception {
        Catalog c = parse(GOOD + ", " + GOOD);
        assertThat(c.services()).hasSize(1);
        assertThat(c.leftOut()).containsExactly(new Catalog.LeftOut("SWJ-0001", "services[1].code",
                "duplicate service code 'SWJ-0001' (only the first one counts)"));
    }

    @Test
    void bundleStepsMustBeOfferedServicesThatAreNotBundles() throws Exception {
        String two = application("{\"id\": \"p\", \"type\": \"phone\", \"label\": \"电话\"}").replace("RSJ-0001", "RSJ-0002");
        String bundle = application("").replace("RSJ-0001", "MULTI-1").replace("\"department\": \"RSJ\"", "\"department\": \"RSJ\", \"bundle\": {\"steps\": [\"SWJ-0001\", \"RSJ-0002\"]}");
        String unknown = bundle.replace("MULTI-1", "MULTI-2").replace("RSJ-0002\"]", "RSJ-0404\"]");
        String nested = bundle.replace("MULTI-1", "MULTI-3").replace("\"SWJ-0001\", \"RSJ-0002\"", "\"MULTI-1\", \"RSJ-0002\"");

        Catalog c = parse(String.join(", ", GOOD, two, bundle, unknown, nested));

        assertThat(c.service("MULTI-1").orElseThrow().bundleSteps()).containsExactly("SWJ-0001", "RSJ-0002");
        assertThat(c.leftOut()).containsExactly(
                new Catalog.LeftOut("MULTI-2", "services[3].bundle.steps[1]", "bundle step 'RSJ-0404' is not a service the kiosk offers"),
                new Catalog.LeftOut("MULTI-3", "services[4].bundle.steps[0]", "bundle step 'MULTI-1' is itself a bundle"));
    }

    @Test
    void listedThemesComeFirstInTheirOrder() throws Exception {
        String doc = """
                {"version": "v", "themes": [{"id": "tax", "name": "税务", "hint": "纳税记录、完税证明", "en": {"name": "Taxation", "hint": "Tax"}},
                                            {"id": "social-insurance", "name": "社保"}],
                 "services": [%s, %s]}""".formatted(application("").replace("social-insurance", "misc"), application("").replace("RSJ-0001", "RSJ-2"));
        Catalog c = CatalogParser.parse(doc.getBytes(StandardCharsets.UTF_8), "t");
        assertThat(c.themes()).containsExactly(new Theme("tax", "税务", "纳税记录、完税证明", "Taxation", "Tax"),
                new Theme("social-insurance", "社保", "", null, null), new Theme("misc", "misc", "", null, null));
        assertThat(c.departments()).as("no list: any department").isEmpty();
        assertThat(c.leftOut()).isEmpty();
    }

    static Stream<Arguments> unusable() {
        return Stream.of(
                Arguments.of("", "t.json: the file is empty"),
                Arguments.of("<html>portal</html>", "t.json: not valid JSON (line 1, column 1)"),
                Arguments.of("[1]", "t.json: (top level): expected an object, found [ (line 1, column 1)"),
                Arguments.of("{\"services\": []}", "t.json: version: missing"),
                Arguments.of("{\"version\": \" \", \"services\": []}", "t.json: version: expected a non-blank text, found text ' ' (line 1, column 13)"),
                Arguments.of("{\"version\": \"v\",\n \"services\": {}}", "t.json: services: expected a list, found an object (line 2, column 14)"),
                Arguments.of("{\"version\": \"v\"}", "t.json: services: missing"),
                Arguments.of("{\"version\": \"v\", \"services\": [],\n \"version\": \"w\"}", "t.json: not valid JSON (line 2"),
                Arguments.of("{\"version\": \"v\", \"services\": []} {}", "t.json: unexpected content after the catalogue (line 1, column 34)"),
                Arguments.of("{\"version\": \"v\", \"services\": [], \"departments\": [{\"code\": \"A\"}]}",
                        "t.json: departments[0].name: missing name"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void unusable(String json, String message) {
        assertThatThrownBy(() -> CatalogParser.parse(json.getBytes(StandardCharsets.UTF_8), "t.json"))
                .isInstanceOf(CatalogException.class).hasMessageStartingWith(message);
    }

    @Test
    void aDuplicateKeyIsNamed() {
        assertThatThrownBy(() -> CatalogParser.parse("{\"version\": \"v\", \"services\": [], \"version\": \"w\"}"
                .getBytes(StandardCharsets.UTF_8), "t.json")).hasMessageContaining("Duplicate field 'version'");
    }
}
