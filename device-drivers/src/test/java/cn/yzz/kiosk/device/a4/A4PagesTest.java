package cn.yzz.kiosk.device.a4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Layout and pagination of A4 documents, without a printer. */
class A4PagesTest {

    static Font font;

    @BeforeAll
    static void font() throws Exception {
        font = CjkFonts.forText(Samples.record(1).allText());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 21, 22, 23, 49, 50, 120})
    void everyRowIsOnExactlyOnePageInOrderAndEachPageIsFilled(int months) {
        A4Pages p = new A4Pages(Samples.record(months), font);
        List<A4Pages.Page> pages = p.pages();

        assertThat(pages.get(0).from()).isZero();
        assertThat(pages.get(pages.size() - 1).to()).isEqualTo(months);
        for (int i = 0; i < pages.size(); i++) {
            A4Pages.Page page = pages.get(i);
            assertThat(page.index()).isEqualTo(i);
            if (i > 0) {
                assertThat(page.from()).as("page %d continues where %d stopped", i + 1, i).isEqualTo(pages.get(i - 1).to());
            }
            double bottom = page.tableTop() + A4Pages.TABLE_HEAD;
            for (int r = page.from(); r < page.to(); r++) {
                bottom += p.rowHeight(r);
            }
            assertThat(bottom).as("page %d table bottom", i + 1).isLessThanOrEqualTo(A4Pages.TABLE_BOTTOM);
            if (i < pages.size() - 1) {
                assertThat(bottom + p.rowHeight(page.to())).as("page %d could not take one more row", i + 1)
                        .isGreaterThan(A4Pages.TABLE_BOTTOM);
            }
        }
        assertThat(p.getNumberOfPages()).isEqualTo(pages.size());
    }

    @Test
    void theFirstPageHoldsFewerRowsThanTheNextBecauseOfTheHeader() {
        A4Pages p = new A4Pages(Samples.record(120), font);
        A4Pages.Page first = p.pages().get(0);
        A4Pages.Page second = p.pages().get(1);
        assertThat(first.to() - first.from()).isEqualTo(22);
        assertThat(second.to() - second.from()).isEqualTo(27);
        assertThat(p.getNumberOfPages()).isEqualTo(5);
    }

    @Test
    void pageNumbersCountAllPages() {
        A4Pages p = new A4Pages(Samples.record(50), font);
        assertThat(List.of(p.pageLabel(0), p.pageLabel(1), p.pageLabel(2))).containsExactly("第 1 页 / 共 3 页", "第 2 页 / 共 3 页", "第 3 页 / 共 3 页");
    }

    @Test
    void pagesAreIsoA4PortraitWithTheMarginsAsImageableArea() {
        A4Pages p = new A4Pages(Samples.record(1), font);
        var pf = p.getPageFormat(0);
        assertThat(pf.getWidth()).isCloseTo(595.28, org.assertj.core.data.Offset.offset(0.01));
        assertThat(pf.getHeight()).isCloseTo(841.89, org.assertj.core.data.Offset.offset(0.01));
        assertThat(pf.getImageableX()).isCloseTo(20 * A4Pages.MM, org.assertj.core.data.Offset.offset(0.01));
        assertThat(pf.getImageableY()).isCloseTo(18 * A4Pages.MM, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.print(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY).createGraphics(), pf, 1)).isEqualTo(A4Pages.NO_SUCH_PAGE);
    }

    @Test
    void nothingIsDrawnInTheMargins() {
        A4Pages p = new A4Pages(Samples.record(50), font);
        int dpi = 72;
        Rectangle content = PageImages.region(A4Pages.MARGIN_X - 1, A4Pages.MARGIN_TOP - 1, A4Pages.CONTENT_WIDTH + 2,
                A4Pages.HEIGHT - A4Pages.MARGIN_TOP - A4Pages.MARGIN_BOTTOM + 6, dpi);
        for (int i = 0; i < p.getNumberOfPages(); i++) {
            BufferedImage img = PageImages.drawn(p, i, dpi);
            Rectangle all = new Rectangle(0, 0, img.getWidth(), img.getHeight());
            int inside = PageImages.dark(img, content);
            assertThat(PageImages.dark(img, all)).as("page %d: ink outside the margins", i + 1).isEqualTo(inside);
            assertThat(inside).isPositive();
        }
    }

    @Test
    void theQrCodeDrawnOnTheFirstPageDecodes() {
        BufferedImage first = PageImages.drawn(new A4Pages(Samples.record(5), font), 0, 150);
        assertThat(PageImages.qr(first)).isEqualTo(Samples.VERIFY_URL);
    }

    @Test
    void longCellsWrapWithoutLosingAnyCharacter() {
        String long1 = "城乡居民基本养老保险（含个人账户补记、政府补贴及集体补助）";
        A4Document d = withRows(List.of(List.of("1", "2020-01", long1, "1.00", "2.00", "3.00", "已到账")));
        A4Pages p = new A4Pages(d, font);
        List<String> lines = A4Pages.wrap(long1, font.deriveFont(A4Pages.TABLE_PT), 142);
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(String.join("", lines)).isEqualTo(long1);
        lines.forEach(l -> assertThat(A4Pages.width(l, font.deriveFont(A4Pages.TABLE_PT))).isLessThanOrEqualTo(142));
        assertThat(p.rowHeight(0)).isGreaterThan(A4Pages.TABLE_LINE + 2 * A4Pages.CELL_PAD_Y);
    }

    @Test
    void aRowTallerThanAPageIsRefusedClearly() {
        A4Document d = withRows(List.of(List.of("1", "2020-01", "保".repeat(2000), "1.00", "2.00", "3.00", "已到账")));
        assertThatThrownBy(() -> new A4Pages(d, font)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("表格第 1 行太长，一页放不下");
    }

    @Test
    void aHeaderValueThatDoesNotFitIsRefusedRatherThanCut() {
        A4Document base = Samples.record(1);
        List<A4Document.Field> header = new ArrayList<>(base.header());
        header.add(new A4Document.Field("经办机构", "广东省清远市连南瑶族自治县社会保险基金管理局三江镇人力资源和社会保障服务所"));
        A4Document d = new A4Document(base.title(), header, base.columns(), base.rows(), base.qrText(), base.qrCaption(), base.footnote());
        assertThatThrownBy(() -> new A4Pages(d, font)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("表头「经办机构」太长，A4 页面上放不下");
    }

    @Test
    void rowsWithTheWrongNumberOfCellsAreRefused() {
        A4Document base = Samples.record(1);
        assertThatThrownBy(() -> new A4Document(base.title(), base.header(), base.columns(), List.of(List.of("1", "2")),
                base.qrText(), base.qrCaption(), base.footnote()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("表格第 1 行有 2 格，应为 7 格");
    }

    @Test
    void theContributionRecordMasksNameAndIdNumber() {
        A4Document d = Samples.record(2);
        assertThat(d.header()).extracting(A4Document.Field::value).contains("陈**", "440***********1526");
        assertThat(d.allText()).doesNotContain(Samples.NAME, Samples.ID_NUMBER);
    }

    @Test
    void theKiosksChineseFontIsChosen() throws Exception {
        assertThat(font.getFamily()).isEqualTo("WenQuanYi Micro Hei");
        assertThat(font.canDisplayUpTo(Samples.record(3).allText())).isEqualTo(-1);
    }

    @Test
    void withoutAChineseFontTheErrorSaysWhatToInstall() {
        assertThatThrownBy(() -> CjkFonts.pick(Samples.record(1).allText(), List.of("DejaVu Sans", "Dialog", "SansSerif")))
                .isInstanceOf(CjkFonts.MissingFontException.class)
                .hasMessage("没有能显示打印内容的中文字体：请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei）");
    }

    private static A4Document withRows(List<List<String>> rows) {
        A4Document base = Samples.record(1);
        return new A4Document(base.title(), base.header(), base.columns(), rows, base.qrText(), base.qrCaption(), base.footnote());
    }
}
