package cn.yzz.kiosk.app.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
