package cn.yzz.kiosk.device.a4;

import cn.yzz.kiosk.device.Mask;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What goes on an A4 print: a title, header fields, one table that may run over many pages (its
 * heading repeated on each), a verification QR code, a note under the table and a footnote. Values
 * are printed as given, so personal data must already be masked ({@link #contributionRecord} does it).
 *
 * @param qrText    what the QR code holds, e.g. a verification address, printed on the first page; empty: no QR code
 *                  (the header fields then take the whole width)
 * @param qrCaption the words under the QR code; ignored without one
 * @param footnote  printed at the foot of every page, left of the page number
 * @param note      printed under the table after its last row, wrapped to the page's width; may be empty
 */
public record A4Document(String title, List<Field> header, List<Column> columns, List<List<String>> rows,
                         String qrText, String qrCaption, String footnote, String note) {

    /** One "label: value" pair in the header block. */
    public record Field(String label, String value) {
        public Field {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A table column; {@code weight} is its share of the table width. */
    public record Column(String heading, double weight, Align align) {
        public Column {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(align, "align");
            if (!(weight > 0)) {
                throw new IllegalArgumentException("列「" + heading + "」的宽度必须大于 0");
            }
        }
    }

    public enum Align { LEFT, CENTER, RIGHT }

    /** One month of a contribution record (参保缴费记录). Amounts are printed as given, e.g. {@code 412.80}. */
    public record Contribution(String month, String insurance, String base, String personal, String employer, String status) {}

    public A4Document {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A4 文档缺少标题");
        }
        header = List.copyOf(header);
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("表格至少要有一列");
        }
        rows = rows.stream().map(List::copyOf).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != columns.size()) {
                throw new IllegalArgumentException("表格第 " + (i + 1) + " 行有 " + rows.get(i).size() + " 格，应为 " + columns.size() + " 格");
            }
        }
        Objects.requireNonNull(qrText, "qrText");
        qrCaption = qrText.isEmpty() ? "" : Objects.requireNonNull(qrCaption, "qrCaption");
        Objects.requireNonNull(footnote, "footnote");
        Objects.requireNonNull(note, "note");
    }

    /** Without a note under the table. */
    public A4Document(String title, List<Field> header, List<Column> columns, List<List<String>> rows,
                      String qrText, String qrCaption, String footnote) {
        this(title, header, columns, rows, qrText, qrCaption, footnote, "");
    }

    /** Whether the first page carries a QR code. */
    public boolean hasQr() {
        return !qrText.isEmpty();
    }

    /**
     * Columns for a table whose heading and rows come as text (a county's answer): each as wide as its
     * text needs, measured in the font the print uses; when the table is wider than the page, the text
     * columns give way (their cells wrap) while numbers, dates and codes keep their width, as they must
     * not break. Numbers are right-aligned, columns whose cells are all as wide (dates, statuses)
     * centred, other text left-aligned. Not for the JavaFX thread: the first call reads the installed fonts.
     *
     * @param rows the body rows, without the heading
     */
    public static List<Column> fitColumns(List<String> heading, List<List<String>> rows) {
        return A4Columns.fit(heading, rows);
    }

    /**
     * A 参保缴费记录 for one person. The name and ID number are masked here (surname only; first 3
     * and last 4 characters), so the unmasked values never reach the print spool.
     */
    public static A4Document contributionRecord(String name, String idNumber, String period, String printedAt,
                                                 List<Contribution> months, String verifyUrl) {
        return new A4Document("社会保险参保缴费记录",
                List.of(new Field("姓名", Mask.name(name)), new Field("公民身份号码", Mask.number(idNumber)),
                        new Field("缴费期间", period), new Field("打印时间", printedAt),
                        new Field("记录条数", months.size() + " 条（金额单位：元）")),
                List.of(new Column("序号", 34, Align.CENTER), new Column("费款所属期", 66, Align.CENTER),
                        new Column("险种", 150, Align.LEFT), new Column("缴费基数", 66, Align.RIGHT),
                        new Column("个人缴费", 62, Align.RIGHT), new Column("单位缴费", 62, Align.RIGHT),
                        new Column("到账状态", 56, Align.CENTER)),
                Stream.iterate(0, i -> i < months.size(), i -> i + 1).map(i -> {
                    Contribution c = months.get(i);
                    return List.of(String.valueOf(i + 1), c.month(), c.insurance(), c.base(), c.personal(), c.employer(), c.status());
                }).toList(),
                verifyUrl, "扫码核验本记录",
                "本记录由粤智助自助终端打印，仅供参考；以社保经办机构系统数据为准。");
    }

    /** Every character the print will show, to check a font can draw them all. */
    String allText() {
        StringBuilder sb = new StringBuilder(title).append(qrCaption).append(footnote).append(note).append("第页共续（）：0123456789无记录");
        header.forEach(f -> sb.append(f.label()).append(f.value()));
        columns.forEach(c -> sb.append(c.heading()));
        rows.forEach(r -> r.forEach(sb::append));
        return sb.toString();
    }
}
