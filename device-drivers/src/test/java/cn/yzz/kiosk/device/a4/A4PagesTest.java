package cn.yzz.kiosk.device.a4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.CjkFonts;
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

    /** 社保缴费明细 as a county sends it: seven columns whose headings alone are wider than A4 on one line. */
    @Test
    void headingsWiderThanThePageTakeTwoLinesAndEveryLineFitsItsColumn() throws Exception {
        List<String> heading = List.of("费款所属期", "缴费基数(元)", "养老保险(个人)", "养老保险(单位)", "医疗保险(个人)", "失业保险(个人)", "缴费状态");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            rows.add(List.of(String.format("20%02d-%02d", 10 + i / 12, i % 12 + 1), "4,588.00", "367.04", "733.08", "91.76", "9.18", "已到账"));
        }
        Font wide = CjkFonts.forText(String.join("", heading) + "已到账费款所属期第页共");
        A4Document doc = new A4Document("社会保险参保缴费明细", List.of(new A4Document.Field("姓名", "陈**")),
                A4Document.fitColumns(heading, rows), rows, "http://127.0.0.1/verify/V1", "扫码核验", "仅供参考");
        A4Pages p = new A4Pages(doc, wide);
        assertThat(p.getNumberOfPages()).isGreaterThan(1);
        assertThat(A4Pages.headingLines("养老保险(个人)", String::length)).containsExactly("养老保险", "(个人)");
        BufferedImage page = p.render(0, 100);
        java.nio.file.Path out = java.nio.file.Path.of("target", "a4-pages", "two-line-headings.png");
        java.nio.file.Files.createDirectories(out.getParent());
        javax.imageio.ImageIO.write(page, "png", out.toFile()); // to look at
        assertThat(page.getWidth()).isPositive();
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
        assertThat(List.of(p.pageLabel(0), p.pageLabel(1), p.pageLabel(2))).containsExactly("第 1 页 共 3 页", "第 2 页 共 3 页", "第 3 页 共 3 页");
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
    void withoutAVerifyCodeThereIsNoQrCodeAndTheFieldsTakeTheWholeWidth() {
        A4Document base = Samples.record(5);
        A4Document none = new A4Document(base.title(), base.header(), base.columns(), base.rows(), "", null, base.footnote());
        assertThat(none.hasQr()).isFalse();
        assertThat(none.qrCaption()).isEmpty();
        A4Pages withQr = new A4Pages(base, font);
        A4Pages without = new A4Pages(none, font);
        BufferedImage first = PageImages.drawn(without, 0, 150);
        assertThat(PageImages.qr(first)).isNull();
        Rectangle qrPlace = PageImages.region(A4Pages.WIDTH - A4Pages.MARGIN_X - A4Pages.QR_SIDE, A4Pages.MARGIN_TOP + A4Pages.TITLE_BLOCK - 4,
                A4Pages.QR_SIDE, A4Pages.QR_SIDE, 150);
        assertThat(PageImages.dark(first, qrPlace)).as("nothing where the QR code would be").isZero();
        assertThat(PageImages.dark(PageImages.drawn(withQr, 0, 150), qrPlace)).isGreaterThan(1000);
        // Five header fields (95 pt) are shorter than the QR code's block (101 pt): the table moves up.
        assertThat(without.firstTableTop()).isLessThan(withQr.firstTableTop());
        // A header value too wide beside a QR code fits across the page without one.
        List<A4Document.Field> wide = List.of(new A4Document.Field("经办机构", "广东省清远市连南瑶族自治县社会保险基金管理局三江镇人力资源和社会保障服务所"));
        assertThatThrownBy(() -> new A4Pages(new A4Document("记录", wide, base.columns(), base.rows(), "x", "扫码", ""), font))
                .hasMessageStartingWith("表头「经办机构」太长");
        assertThat(new A4Pages(new A4Document("记录", wide, base.columns(), base.rows(), "", "", ""), font).getNumberOfPages()).isEqualTo(1);
    }

    @Test
    void theHeadingRowIsOnEveryPageAndEachPageSaysWhichOfHowMany() {
        A4Pages p = new A4Pages(Samples.record(120), font);
        int dpi = 100;
        BufferedImage first = headingText(p, 0, dpi);
        assertThat(PageImages.dark(first, new Rectangle(0, 0, first.getWidth(), first.getHeight()))).as("ink in the heading row").isGreaterThan(300);
        for (int i = 1; i < p.getNumberOfPages(); i++) {
            assertThat(PageImages.mismatch(first, headingText(p, i, dpi), new Rectangle(0, 0, first.getWidth(), first.getHeight())))
                    .as("page %d's heading row", i + 1).isLessThan(0.01);
        }
        A4Document base = Samples.record(120);
        List<A4Document.Column> renamed = new ArrayList<>(base.columns());
        renamed.set(2, new A4Document.Column("缴费险种", renamed.get(2).weight(), renamed.get(2).align()));
        A4Pages other = new A4Pages(new A4Document(base.title(), base.header(), renamed, base.rows(), base.qrText(), base.qrCaption(), base.footnote()), font);
        assertThat(PageImages.mismatch(first, headingText(other, 1, dpi), new Rectangle(0, 0, first.getWidth(), first.getHeight())))
                .as("one other heading does not pass").isGreaterThan(0.02);
        assertThat(p.pageLabel(4)).isEqualTo("第 5 页 共 5 页");
    }

    @Test
    void theNoteFollowsTheLastRowOrTakesAPageOfItsOwn() {
        A4Document base = Samples.record(49); // fills the second page but for one row
        String note = "以上记录截至打印之日，如有疑问请携带身份证到镇人力资源和社会保障服务所查询。";
        A4Pages roomy = new A4Pages(withNote(Samples.record(30), note), font);
        A4Pages.Page last = roomy.pages().get(roomy.getNumberOfPages() - 1);
        assertThat(roomy.getNumberOfPages()).isEqualTo(2);
        assertThat(last.note()).isTrue();
        assertThat(last.table()).isTrue();

        A4Pages full = new A4Pages(withNote(base, note.repeat(4)), font);
        A4Pages.Page notePage = full.pages().get(full.getNumberOfPages() - 1);
        assertThat(full.getNumberOfPages()).as("no room under row 49: the note goes on").isEqualTo(3);
        assertThat(notePage.table()).isFalse();
        assertThat(notePage.from()).isEqualTo(notePage.to()).isEqualTo(49);
        assertThat(full.pages().stream().filter(A4Pages.Page::note).count()).isEqualTo(1);
        BufferedImage img = PageImages.drawn(full, 2, 100);
        Rectangle noteBand = PageImages.region(A4Pages.MARGIN_X, notePage.tableTop(), A4Pages.CONTENT_WIDTH, full.noteHeight(), 100);
        assertThat(PageImages.dark(img, noteBand)).as("the note is drawn").isGreaterThan(500);

        assertThatThrownBy(() -> new A4Pages(withNote(base, note.repeat(80)), font)).hasMessage("表格下的说明太长，一页放不下");
        assertThat(new A4Pages(withNote(withRows(List.of()), note), font).pages()).singleElement()
                .satisfies(p -> assertThat(p.note()).isTrue());
    }

    @Test
    void aLongTitleIsSetSmallerThenOnTwoLinesThenRefused() {
        A4Document base = Samples.record(3);
        A4Pages normal = new A4Pages(base, font);
        A4Pages longer = new A4Pages(titled(base, "广东省城乡居民基本养老保险个人权益记录及缴费明细（二〇二六年度）"), font);
        A4Pages twoLines = new A4Pages(titled(base, "广东省城乡居民基本养老保险个人权益记录及缴费明细（二〇一六年一月至二〇二六年十月）核验版"), font);
        assertThat(longer.firstTableTop()).isEqualTo(normal.firstTableTop());
        assertThat(twoLines.firstTableTop()).isGreaterThan(normal.firstTableTop());
        assertThatThrownBy(() -> new A4Pages(titled(base, "社会保险".repeat(30)), font)).hasMessage("标题太长，A4 页面上两行也放不下");
    }

    @Test
    void aNumberOrDateIsNotCutAcrossLinesWhenTheLineCanBreakBeforeIt() {
        Font f = font.deriveFont(A4Pages.TABLE_PT);
        double max = A4Pages.width("缴费所属期自", f) + 1;
        List<String> lines = A4Pages.wrap("缴费所属期自2016-01至2026-10", f, max);
        assertThat(String.join("", lines)).isEqualTo("缴费所属期自2016-01至2026-10");
        assertThat(lines).contains("2016-01至").allSatisfy(l -> assertThat(A4Pages.width(l, f)).isLessThanOrEqualTo(max));
        // A run wider than the line is cut after all rather than overflow.
        assertThat(A4Pages.wrap("12345678901234567890", f, A4Pages.width("12345", f) + 1)).hasSize(4);
        assertThat(A4Pages.wrap("第一行\n第二行", f, 200)).containsExactly("第一行", "第二行");
    }

    @Test
    void columnsFittedToTheirTextAlignNumbersRightAndKeepThemWhole() {
        List<String> heading = List.of("年度", "险种", "月数", "缴费金额(元)", "到账状态");
        List<List<String>> rows = List.of(
                List.of("2024", "城乡居民基本养老保险", "12", "3,600.00", "已到账"),
                List.of("2025", "城乡居民基本医疗保险（含大病保险）", "9", "380.00", "已到账"));
        List<A4Document.Column> cols = A4Document.fitColumns(heading, rows);
        assertThat(cols).extracting(A4Document.Column::align).containsExactly(
                A4Document.Align.RIGHT, A4Document.Align.LEFT, A4Document.Align.RIGHT, A4Document.Align.RIGHT, A4Document.Align.CENTER);
        double total = cols.stream().mapToDouble(A4Document.Column::weight).sum();
        A4Pages p = new A4Pages(new A4Document("记录", List.of(), cols, rows, "", "", ""), font);
        for (int r = 0; r < rows.size(); r++) {
            assertThat(p.rowHeight(r)).as("row %d fits on one line: the table is narrower than the page", r).isEqualTo(A4Pages.TABLE_LINE + 2 * A4Pages.CELL_PAD_Y);
        }
        assertThat(cols.get(1).weight() / total).as("the long text gets the most room").isGreaterThan(0.35);

        // Too wide for the page: the text column wraps, the amounts do not.
        List<String> many = List.of("序号", "缴费年月", "单位名称", "险种", "缴费基数", "个人缴费", "单位缴费", "备注");
        String unit = "广东省清远市连南瑶族自治县三江镇金坑村民委员会便民服务站";
        List<List<String>> wide = List.of(List.of("1", "2024-01", unit, "企业职工基本养老保险", "12,345.00", "987.60", "1,975.20", "补缴，含滞纳金及利息，经办机构审核通过"));
        List<A4Document.Column> fitted = A4Document.fitColumns(many, wide);
        double[] edges = new double[fitted.size() + 1];
        double sum = fitted.stream().mapToDouble(A4Document.Column::weight).sum();
        for (int c = 0; c < fitted.size(); c++) {
            edges[c + 1] = edges[c] + A4Pages.CONTENT_WIDTH * fitted.get(c).weight() / sum;
        }
        Font cell = font.deriveFont(A4Pages.TABLE_PT);
        for (int c : new int[] {0, 1, 4, 5, 6}) {
            assertThat(A4Pages.wrap(wide.get(0).get(c), cell, edges[c + 1] - edges[c] - 2 * A4Pages.CELL_PAD_X)).as("column %s", many.get(c)).hasSize(1);
        }
        assertThat(A4Pages.wrap(unit, cell, edges[3] - edges[2] - 2 * A4Pages.CELL_PAD_X)).hasSizeGreaterThan(1);
        assertThat(new A4Pages(new A4Document("记录", List.of(), fitted, wide, "", "", ""), font).getNumberOfPages()).isEqualTo(1);
        assertThatThrownBy(() -> A4Document.fitColumns(List.of("a", "b"), List.of(List.of("1")))).hasMessage("表格第 1 行有 1 格，应为 2 格");
    }

    @Test
    void ofSaysInPlainWordsWhyADocumentCannotBeLaidOut() throws Exception {
        A4Document base = Samples.record(1);
        assertThat(A4Pages.of(base).getNumberOfPages()).isEqualTo(1);
        A4Document tooWide = withRows(List.of(List.of("1", "2020-01", "保".repeat(2000), "1.00", "2.00", "3.00", "已到账")));
        assertThatThrownBy(() -> A4Pages.of(tooWide)).isInstanceOf(cn.yzz.kiosk.device.DeviceException.class)
                .hasMessage("打印内容在 A4 纸上排不下：表格第 1 行太长，一页放不下")
                .extracting(e -> ((cn.yzz.kiosk.device.DeviceException) e).kind()).isEqualTo(cn.yzz.kiosk.device.DeviceException.Kind.MEDIA_ERROR);
    }

    @Test
    void renderDrawsThePageAsPrinted() {
        A4Pages p = new A4Pages(Samples.record(50), font);
        BufferedImage img = p.render(1, 150);
        BufferedImage drawn = PageImages.drawn(p, 1, 150);
        assertThat(img.getWidth()).isEqualTo(1240);
        assertThat(PageImages.mismatch(img, drawn, new Rectangle(0, 0, img.getWidth(), img.getHeight()))).isZero();
        assertThatThrownBy(() -> p.render(3, 150)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** The heading row's words on page {@code index}: inside its rules, drawn with its top at the picture's top. */
    private static BufferedImage headingText(A4Pages p, int index, int dpi) {
        double s = dpi / 72.0;
        BufferedImage out = new BufferedImage((int) (A4Pages.CONTENT_WIDTH * s), (int) ((A4Pages.TABLE_HEAD - 4) * s), BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.scale(s, s);
        g.translate(-A4Pages.MARGIN_X - 1, -p.pages().get(index).tableTop() - 2);
        g.clip(new java.awt.geom.Rectangle2D.Double(A4Pages.MARGIN_X + 1, p.pages().get(index).tableTop() + 2, A4Pages.CONTENT_WIDTH - 2, A4Pages.TABLE_HEAD - 4));
        p.print(g, A4Pages.a4(), index);
        g.dispose();
        return out;
    }

    private static A4Document withNote(A4Document d, String note) {
        return new A4Document(d.title(), d.header(), d.columns(), d.rows(), d.qrText(), d.qrCaption(), d.footnote(), note);
    }

    private static A4Document titled(A4Document d, String title) {
        return new A4Document(title, d.header(), d.columns(), d.rows(), d.qrText(), d.qrCaption(), d.footnote());
    }

    private static A4Document withRows(List<List<String>> rows) {
        A4Document base = Samples.record(1);
        return new A4Document(base.title(), base.header(), base.columns(), rows, base.qrText(), base.qrCaption(), base.footnote());
    }
}
