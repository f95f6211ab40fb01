package cn.yzz.kiosk.app.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogueLoaderTest {

    private static Catalogue parse(String json) throws CatalogueException {
        return CatalogueLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private static String service(String extra) {
        return "{\"id\":\"s1\",\"name\":\"社保查询\",\"department\":\"人社局\",\"kind\":\"query\",\"identity\":[\"idcard\"],"
                + "\"devices\":[\"idcard-reader\"],\"needsNetwork\":true" + extra + "}";
    }

    private static String catalogue(String service) {
        return "{\"version\":1,\"themes\":[{\"id\":\"shebao\",\"name\":\"社保\",\"hint\":\"养老\",\"services\":[" + service + "]}]}";
    }

    @Test
    void theBundledCatalogueHasTheNineLifeThemesInOrder() throws Exception {
        Catalogue c = CatalogueLoader.loadBundled();
        assertThat(c.themes()).extracting(Theme::name)
                .containsExactly("社保", "医保", "户籍", "民政", "税务", "不动产", "农业", "证明打印", "一件事");
        for (Theme t : c.themes()) {
            assertThat(t.services()).as(t.name()).isNotEmpty();
            assertThat(t.hint()).as(t.name() + " hint fits a tile").hasSizeLessThanOrEqualTo(9);
            for (Service s : t.services()) {
                // Until other identity methods exist on this kiosk, every service must take the ID card.
                assertThat(s.accepts(IdentityMethod.IDCARD)).as(s.id()).isTrue();
                assertThat(s.devices()).as(s.id()).contains(DeviceNeed.IDCARD_READER);
            }
        }
        assertThat(c.service("rsj-cxjm-yanglao-renzheng")).get().extracting(Service::kind).isEqualTo(ServiceKind.APPLICATION);
    }

    @Test
    void everyBundledThemeAndServiceHasEnglish() throws Exception {
        Catalogue c = CatalogueLoader.loadBundled();
        for (Theme t : c.themes()) {
            assertThat(t.english()).as(t.id() + " has \"en\"").isNotNull();
            assertThat(t.english().name()).as(t.id() + " English name fits a tile").hasSizeLessThanOrEqualTo(20);
            assertThat(t.english().hint()).as(t.id() + " English hint fits a tile").hasSizeLessThanOrEqualTo(32);
            assertNoChinese(t.id(), t.english().name(), t.english().hint());
            for (Service s : t.services()) {
                assertThat(s.english()).as(s.id() + " has \"en\"").isNotNull();
                assertThat(s.english().name()).as(s.id() + " English name fits a button").hasSizeLessThanOrEqualTo(80);
                assertNoChinese(s.id(), s.english().name(), s.english().department());
            }
        }
        assertThat(c.service("swj-cxjm-qingjiao-self")).get().extracting(s -> s.department(Locale.ENGLISH)).isEqualTo("Tax Bureau");
    }

    private static void assertNoChinese(String id, String... texts) {
        for (String text : texts) {
            assertThat(text.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                    || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef)))
                    .as(id + ": English without Chinese characters or full-width punctuation: " + text).isTrue();
        }
    }

    private static final String THEME_EN = ",\"en\":{\"name\":\"Social Security\",\"hint\":\"Pensions\"}";
    private static final String SERVICE_EN = ",\"en\":{\"name\":\"Social insurance inquiry\",\"department\":\"HR and Social Security Bureau\"}";

    /** A catalogue whose theme and service both have English. */
    private static String english() {
        return catalogue(service(SERVICE_EN)).replace("\"hint\":\"养老\"", "\"hint\":\"养老\"" + THEME_EN);
    }

    @Test
    void englishIsShownForAnEnglishLocale() throws Exception {
        Theme t = parse(english()).themes().get(0);
        Service s = t.services().get(0);
        assertThat(t.english()).isEqualTo(new Theme.English("Social Security", "Pensions"));
        assertThat(s.english()).isEqualTo(new Service.English("Social insurance inquiry", "HR and Social Security Bureau"));
        for (Locale en : new Locale[] {Locale.ENGLISH, Locale.UK, Locale.forLanguageTag("en-US")}) {
            assertThat(t.name(en)).as(en.toString()).isEqualTo("Social Security");
            assertThat(t.hint(en)).as(en.toString()).isEqualTo("Pensions");
            assertThat(s.name(en)).as(en.toString()).isEqualTo("Social insurance inquiry");
            assertThat(s.department(en)).as(en.toString()).isEqualTo("HR and Social Security Bureau");
        }
        assertThat(t.name(Locale.SIMPLIFIED_CHINESE)).isEqualTo("社保");
        assertThat(t.hint(Locale.SIMPLIFIED_CHINESE)).isEqualTo("养老");
        assertThat(s.name(Locale.forLanguageTag("yue"))).isEqualTo("社保查询");
        assertThat(s.department(Locale.SIMPLIFIED_CHINESE)).isEqualTo("人社局");
        assertThat(s.name()).as("the plain accessors stay Chinese").isEqualTo("社保查询");
        assertThat(t.hint()).isEqualTo("养老");
    }

    @Test
    void withoutEnglishAnEnglishLocaleGetsTheChinese() throws Exception {
        Theme t = parse(catalogue(service(""))).themes().get(0);
        Service s = t.services().get(0);
        assertThat(t.english()).isNull();
        assertThat(s.english()).isNull();
        assertThat(t.name(Locale.ENGLISH)).isEqualTo("社保");
        assertThat(t.hint(Locale.ENGLISH)).isEqualTo("养老");
        assertThat(s.name(Locale.ENGLISH)).isEqualTo("社保查询");
        assertThat(s.department(Locale.ENGLISH)).isEqualTo("人社局");
        assertThat(parse(catalogue(service(",\"en\":null"))).themes().get(0).services().get(0).english())
                .as("null is the same as missing, as for devices").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key in service en | "department":"HR and      | "fr":"x","department":"HR  | themes[0].services[0].en.fr: unknown field (expected one of: name, department)
            unknown key in theme en   | "hint":"Pensions"         | "hint":"Pensions","tip":"x" | themes[0].en.tip: unknown field (expected one of: name, hint)
            en not an object          | "en":{"name":"Social Security","hint":"Pensions"} | "en":"Social Security" | themes[0].en: expected an object, found text 'Social Security'
            en a list                 | "en":{"name":"Social insurance inquiry","department":"HR and Social Security Bureau"} | "en":[] | themes[0].services[0].en: expected an object, found a list
            wrong type                | "name":"Social insurance inquiry" | "name":3         | themes[0].services[0].en.name: expected text, found long 3
            blank name                | "name":"Social insurance inquiry" | "name":" "       | themes[0].services[0].en: name is missing or empty
            blank hint                | "hint":"Pensions"         | "hint":""                   | themes[0].en: hint is missing or empty
            missing department        | ,"department":"HR and Social Security Bureau" | ''     | themes[0].services[0].en.department: missing
            """)
    void aBrokenEnglishEntryNamesWhereAndWhat(String what, String from, String to, String message) {
        String json = english().replace(from, to);
        assertThat(json).as("the case changes the file").isNotEqualTo(english());
        assertThatThrownBy(() -> parse(json)).isInstanceOf(CatalogueException.class)
                .hasMessageStartingWith("test.json: ").hasMessageContaining(message);
    }

    @Test
    void aGoodFileGivesRecords() throws Exception {
        Catalogue c = parse(catalogue(service("")));
        Service s = c.themes().get(0).services().get(0);
        assertThat(s.kind()).isEqualTo(ServiceKind.QUERY);
        assertThat(s.identity()).containsExactly(IdentityMethod.IDCARD);
        assertThat(s.needsNetwork()).isTrue();
        assertThat(c.version()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad kind           | "kind":"query"          | "kind":"pay"                 | themes[0].services[0].kind: unknown value 'pay' (expected one of: payment, print, application, query)
            bad identity       | ["idcard"]              | ["idcard","iris"]            | themes[0].services[0].identity[1]: unknown value 'iris'
            missing name       | "name":"社保查询",       | ''                           | themes[0].services[0].name: missing
            empty name         | "name":"社保查询"        | "name":" "                   | themes[0].services[0]: name is missing or empty
            unknown field      | "needsNetwork":true     | "needsNetwork":true,"fee":3  | themes[0].services[0].fee: unknown field
            wrong type         | "needsNetwork":true     | "needsNetwork":"yes"         | themes[0].services[0].needsNetwork: expected true or false, found text 'yes'
            no identity        | ["idcard"]              | []                           | themes[0].services[0]: identity is missing or empty
            """)
    void aBrokenServiceNamesWhereAndWhat(String what, String from, String to, String message) {
        String json = catalogue(service("")).replace(from, to);
        assertThat(json).as("the case changes the file").isNotEqualTo(catalogue(service("")));
        assertThatThrownBy(() -> parse(json)).isInstanceOf(CatalogueException.class)
                .hasMessageStartingWith("test.json: ").hasMessageContaining(message);
    }

    @Test
    void badJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\"version\":1,\n\"themes\":[}"))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("line 2");
    }

    @Test
    void duplicateIdsAreRefused() {
        String json = catalogue(service("") + "," + service(""));
        assertThatThrownBy(() -> parse(json)).hasMessageContaining("themes[0].services[1].id: duplicate id 's1'");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> parse("{\"version\":1,\"version\":2,\"themes\":[]}")).hasMessageContaining("Duplicate field 'version'");
    }

    @Test
    void moreThemesThanTilesAreRefused() {
        StringBuilder themes = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            themes.append(i == 0 ? "" : ",").append("{\"id\":\"t").append(i).append("\",\"name\":\"主题\",\"hint\":\"提示\",\"services\":[")
                    .append(service("").replace("\"s1\"", "\"s" + i + "\"")).append("]}");
        }
        assertThatThrownBy(() -> parse("{\"version\":1,\"themes\":[" + themes + "]}"))
                .hasMessageContaining("10 themes, but the home screen has room for 9");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("(top level): expected an object");
    }
}
