package cn.yzz.kiosk.app.search;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Service;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The 搜索 index over the bundled catalogue: what letters find, in what order, and the readings behind them. */
class SearchIndexTest {

    private static Catalog catalogue;
    private static SearchIndex index;

    @BeforeAll
    static void build() {
        catalogue = CatalogParser.bundled();
        index = SearchIndex.of(catalogue);
    }

    private static List<String> codes(String typed) {
        return index.find(typed).stream().map(Service::code).toList();
    }

    /** Letters → the codes that must come first, in this order (then possibly more). */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sbcx    | RSJ-0002                            | 社保查询: all of the initials
            SBCX    | RSJ-0002                            | capitals are the same letters
            shebao  | RSJ-0002 SWJ-0009 SWJ-0005          | the start of the name's whole pinyin, shorter names first
            shbzk   | RSJ-0009 RSJ-0011 RSJ-0013 RSJ-0010 | 社会保障卡…, shorter names first
            ylbx    | YBJ-0013 RSJ-0005 RSJ-0007          | a run inside the initials: 医疗保险 and 养老保险 alike, shorter names first
            cxjm    | YBJ-0002 SWJ-0008 RSJ-0005          | 城乡居民… from the start
            yanglao | RSJ-0008 RSJ-0005 RSJ-0007 RSJ-0001 | a keyword's whole pinyin (养老) finds services whose names start otherwise
            zdcj    | MZJ-0007                            | 重度残疾人: 重 read zhong
            rmtj    | SFJ-0004                            | 人民调解: 调 read tiao
            jszxsz  | GAJ-0023                            | 驾驶证、行驶证: 行 read xing, punctuation skipped
            wfzjlzmck | GAJ-0002                          | 无犯罪记录证明查看: 查 read cha
            sbk     | MZJ-0016                            | 社保卡（老年人优待专用）: the part in brackets counts too
            rxsqtj  | ZSJ-0004                            | 12345热线诉求提交: digits are not letters
            """)
    void lettersFindServicesBestFirst(String typed, String expected, String why) {
        List<String> first = List.of(expected.trim().split("\\s+"));
        assertThat(codes(typed)).as(why).startsWith(first.toArray(String[]::new));
    }

    @Test
    void ylbxFindsTheOldAgeInsurances() {
        List<String> names = index.find("ylbx").stream().map(Service::name).toList();
        assertThat(names).contains("城乡居民养老保险待遇领取资格认证", "城乡居民基本养老保险参保登记", "企业职工基本养老保险领取待遇资格认证",
                "城乡居民养老、医疗保险缴费（本人）");
        assertThat(names).allSatisfy(n -> assertThat(SearchIndex.initialsOf(n)).contains("ylbx"));
    }

    @Test
    void aRunInsideTheInitialsRanksAfterNamesThatStartWithTheLetters() {
        // 学生资助查询 starts with xszz…; 驾驶证、行驶证… has xsz inside.
        assertThat(codes("xsz")).containsExactly("JYJ-0002", "GAJ-0023");
    }

    @Test
    void oneLetterFindsOnlyNamesAndKeywordsStartingWithIt() {
        List<Service> found = index.find("y");
        assertThat(found).isNotEmpty().allSatisfy(s -> assertThat(SearchIndex.initialsOf(s.name()).startsWith("y")
                || s.keywords().stream().anyMatch(k -> SearchIndex.initialsOf(k).startsWith("y"))).as(s.name()).isTrue());
        assertThat(found).extracting(Service::code).as("医保… has y only inside: not for one letter").doesNotContain("RSJ-0002");
    }

    @Test
    void aKeywordWrittenInLettersIsFoundByItsStart() {
        // 社保卡（老年人优待专用）申领 has the keyword "sbksl", which its name's initials (sbklnryddzysl) do not hold.
        assertThat(SearchIndex.initialsOf("社保卡（老年人优待专用）申领")).doesNotContain("sbksl");
        assertThat(codes("sbksl")).containsExactly("MZJ-0016");
        // "cxjmyl" is the keyword of the four 城乡居民养老… services: all of it is an exact match, shorter names first.
        assertThat(codes("cxjmyl")).startsWith("RSJ-0001", "SWJ-0001", "SWJ-0002", "SWJ-0003");
    }

    @Test
    void nothingIsFoundForLettersNoServiceHasOrForNoLetters() {
        assertThat(index.find("qqq")).isEmpty();
        assertThat(index.find("")).isEmpty();
        assertThat(index.find("123 ？")).as("only letters count").isEmpty();
    }

    @Test
    void everyServiceOfTheCatalogueIsIndexedAndFoundByItsOwnInitials() {
        assertThat(index.size()).isEqualTo(catalogue.services().size());
        for (Service s : catalogue.services()) {
            assertThat(index.find(SearchIndex.initialsOf(s.name()))).as(s.name()).contains(s);
        }
    }

    @Test
    void polyphonesAreReadAsTheWordTheyStandIn() {
        assertThat(Pinyin.initials("银行")).isEqualTo("yh");
        assertThat(Pinyin.initials("行驶证")).isEqualTo("xsz");
        assertThat(Pinyin.initials("长辈模式")).isEqualTo("zbms");
        assertThat(Pinyin.initials("长期")).isEqualTo("cq");
        assertThat(Pinyin.initials("重新")).isEqualTo("cx");
        assertThat(Pinyin.initials("重度")).isEqualTo("zd");
        assertThat(Pinyin.full("养老")).isEqualTo("yanglao");
        assertThat(Pinyin.full("法律")).as("ü as v, as pinyin keyboards type it").isEqualTo("falv");
        assertThat(Pinyin.letters("ＡＢｃ-12")).isEqualTo("abc");
    }
}
