package cn.yzz.kiosk.device.a4;

import cn.yzz.kiosk.device.CjkFonts;
import cn.yzz.kiosk.device.DeviceException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.print.PageFormat;
import java.awt.print.Pageable;
import java.awt.print.Paper;
import java.awt.print.Printable;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link A4Document} laid out on ISO A4 portrait pages. The layout is computed once, from the
 * font's metrics, when the object is made: the page count is known before anything is sent to the
 * printer, and drawing a page is pure painting. Units are points (1/72 inch); the printer's
 * graphics have their origin at the paper's top-left corner.
 *
 * <p>Every page carries the table's heading row and 第 N 页 共 M 页; the first the title, the header
 * fields and the QR code, the others the title with （续）; the note follows the last row (on a page
 * of its own when the last has no room for it). {@link CupsA4Printer} prints it; anything else that
 * needs the same pages (a stand-in printer, a preview) draws them with {@link #render}.
 */
public final class A4Pages implements Pageable, Printable {

    static final double MM = 72 / 25.4;
    static final double WIDTH = 210 * MM;
    static final double HEIGHT = 297 * MM;
    static final double MARGIN_X = 20 * MM;
    static final double MARGIN_TOP = 18 * MM;
    static final double MARGIN_BOTTOM = 18 * MM;
    static final double CONTENT_WIDTH = WIDTH - 2 * MARGIN_X;

    static final float TITLE_PT = 20;
    /** A long title is set smaller, down to this, before it takes a second line. */
    static final float TITLE_MIN_PT = 14;
    static final float RUNNING_TITLE_PT = 13;
    static final float HEADER_PT = 11;
    static final float TABLE_PT = 10;
    static final float FOOTER_PT = 9;
    static final float NOTE_PT = 10;
    static final float RUNNING_TITLE_MIN_PT = 9;

    static final double QR_SIDE = 30 * MM;
    static final double TITLE_BLOCK = 40;
    static final double RUNNING_BLOCK = 28;
    static final double FIELD_LINE = 19;
    static final double TABLE_HEAD = 24;
    static final double TABLE_LINE = 14;
    static final double CELL_PAD_X = 4;
    static final double CELL_PAD_Y = 5;
    static final double NOTE_GAP = 8;
    static final double NOTE_LINE = 15;
    /** The footer sits in the bottom margin's upper part; the table stops above this line. */
    static final double TABLE_BOTTOM = HEIGHT - MARGIN_BOTTOM - 16;

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) of the table, on page {@code index} (0-based);
     * {@code table}: the page draws the table (heading and those rows); {@code note}: the note follows on this page.
     */
    record Page(int index, int from, int to, double tableTop, boolean table, boolean note) {}

    private final A4Document doc;
    private final Font base;
    private final QrMark qr; // null: no QR code
    private final double[] columnX;
    private final List<String[]> headings; // each column's heading, on one line or two
    private final double tableHead;        // the heading row's height: one line, or two when a heading wraps
    private final List<List<List<String>>> wrapped; // row → cell → lines
    private final float titlePt;
    private final List<String> titleLines;
    private final float runningPt;
    private final List<String> noteLines;
    private final List<Page> pages;

    /**
     * Lays {@code document} out.
     *
     * @throws DeviceException {@code DEVICE_FAULT} when no installed font can draw it (the message says what to
     *                         install); {@code MEDIA_ERROR} when it does not fit on A4 (a heading, header value or
     *                         title too long, a row taller than a page), saying which part
     */
    public static A4Pages of(A4Document document) throws DeviceException {
        Font font;
        try {
            font = CjkFonts.forText(document.allText());
        } catch (CjkFonts.MissingFontException e) {
            throw new DeviceException(DeviceException.Kind.DEVICE_FAULT, e.getMessage());
        }
        try {
            return new A4Pages(document, font);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(DeviceException.Kind.MEDIA_ERROR, "打印内容在 A4 纸上排不下：" + e.getMessage());
        }
    }

    A4Pages(A4Document doc) throws CjkFonts.MissingFontException {
        this(doc, CjkFonts.forText(doc.allText()));
    }

    A4Pages(A4Document doc, Font base) {
        this.doc = doc;
        this.base = base;
        this.qr = doc.hasQr() ? new QrMark(doc.qrText()) : null;
        this.columnX = columnEdges(doc.columns());
        Font bold = base.deriveFont(Font.BOLD, TABLE_PT);
        List<String[]> hs = new ArrayList<>();
        for (int c = 0; c < doc.columns().size(); c++) {
            String h = doc.columns().get(c).heading();
            double room = columnX[c + 1] - columnX[c] - 2 * CELL_PAD_X;
            hs.add(width(h, bold) <= room ? new String[] {h} : headingLines(h, t -> width(t, bold)));
        }
        this.headings = List.copyOf(hs);
        this.tableHead = headings.stream().anyMatch(h -> h.length > 1) ? TABLE_HEAD + TABLE_LINE : TABLE_HEAD;
        Font cell = base.deriveFont(TABLE_PT);
        wrapped = doc.rows().stream().map(r -> {
            List<List<String>> cells = new ArrayList<>();
            for (int c = 0; c < r.size(); c++) {
                cells.add(wrap(r.get(c), cell, columnX[c + 1] - columnX[c] - 2 * CELL_PAD_X));
            }
            return cells;
        }).toList();
        this.titlePt = titleSize(doc.title(), base);
        this.titleLines = wrap(doc.title(), base.deriveFont(Font.BOLD, titlePt), CONTENT_WIDTH);
        if (titleLines.size() > 2) {
            throw new IllegalArgumentException("标题太长，A4 页面上两行也放不下");
        }
        this.runningPt = runningSize(doc.title() + "（续）", base);
        this.noteLines = doc.note().isEmpty() ? List.of() : wrap(doc.note(), base.deriveFont(NOTE_PT), CONTENT_WIDTH);
        requireFits();
        this.pages = paginate();
    }

    /** The largest title size, from {@link #TITLE_PT} down to {@link #TITLE_MIN_PT}, at which it takes one line. */
    private static float titleSize(String title, Font base) {
        for (float pt = TITLE_PT; pt > TITLE_MIN_PT; pt--) {
            if (width(title, base.deriveFont(Font.BOLD, pt)) <= CONTENT_WIDTH) {
                return pt;
            }
        }
        return TITLE_MIN_PT;
    }

    /** The running title is a reminder of the first page's: it is set smaller rather than wrapped. */
    private static float runningSize(String running, Font base) {
        double w = width(running, base.deriveFont(Font.BOLD, RUNNING_TITLE_PT));
        return w <= CONTENT_WIDTH ? RUNNING_TITLE_PT
                : (float) Math.max(RUNNING_TITLE_MIN_PT, Math.floor(RUNNING_TITLE_PT * CONTENT_WIDTH / w * 10) / 10);
    }

    /**
     * A column heading on two lines, split where the wider line is narrowest, preferring a break before an opening
     * bracket ("养老保险" / "(个人)"); one line when it has a single character.
     */
    static String[] headingLines(String heading, java.util.function.ToDoubleFunction<String> width) {
        if (heading.codePointCount(0, heading.length()) < 2) {
            return new String[] {heading};
        }
        int best = -1;
        double bestWidth = Double.MAX_VALUE;
        int bracket = -1;
        double bracketWidth = Double.MAX_VALUE;
        for (int i = heading.offsetByCodePoints(0, 1); i < heading.length(); i = heading.offsetByCodePoints(i, 1)) {
            double w = Math.max(width.applyAsDouble(heading.substring(0, i)), width.applyAsDouble(heading.substring(i)));
            if (w < bestWidth) {
                bestWidth = w;
                best = i;
            }
            char at = heading.charAt(i);
            if ((at == '(' || at == '（') && w < bracketWidth) {
                bracketWidth = w;
                bracket = i;
            }
        }
        // "养老保险" / "(个人)" reads better than "养老保" / "险(个人)", and costs a column a little width at most.
        if (bracket > 0 && bracketWidth <= bestWidth * 1.5) {
            best = bracket;
        }
        return new String[] {heading.substring(0, best), heading.substring(best)};
    }

    /** Text that is not wrapped must fit its place whole: a cut name or period would mislead. */
    private void requireFits() {
        double fieldWidth = qr == null ? CONTENT_WIDTH : CONTENT_WIDTH - QR_SIDE - 12;
        for (A4Document.Field f : doc.header()) {
            requireFit(f.label() + "：" + f.value(), base.deriveFont(HEADER_PT), fieldWidth, "表头「" + f.label() + "」");
        }
        for (int c = 0; c < doc.columns().size(); c++) {
            for (String line : headings.get(c)) {
                requireFit(line, base.deriveFont(Font.BOLD, TABLE_PT),
                        columnX[c + 1] - columnX[c] - 2 * CELL_PAD_X, "列名「" + doc.columns().get(c).heading() + "」");
            }
        }
        requireFit(doc.footnote() + pageLabel(999, 999), base.deriveFont(FOOTER_PT), CONTENT_WIDTH - 16, "页脚说明");
        if (noteHeight() > TABLE_BOTTOM - MARGIN_TOP - RUNNING_BLOCK) {
            throw new IllegalArgumentException("表格下的说明太长，一页放不下");
        }
    }

    private static void requireFit(String s, Font f, double max, String what) {
        if (width(s, f) > max) {
            throw new IllegalArgumentException(what + "太长，A4 页面上放不下（" + Math.round(width(s, f)) + " 点，最多 " + Math.round(max) + " 点）");
        }
    }

    List<Page> pages() {
        return pages;
    }

    Font font() {
        return base;
    }

    double rowHeight(int row) {
        int lines = wrapped.get(row).stream().mapToInt(List::size).max().orElse(1);
        return lines * TABLE_LINE + 2 * CELL_PAD_Y;
    }

    /** The page-number line, e.g. 第 1 页 共 3 页. */
    String pageLabel(int index) {
        return pageLabel(index, pages.size());
    }

    private static String pageLabel(int index, int count) {
        return "第 " + (index + 1) + " 页 共 " + count + " 页";
    }

    /** Below the title: one line, or two for a title too long for one even at {@link #TITLE_MIN_PT}. */
    double titleBlock() {
        return TITLE_BLOCK + (titleLines.size() - 1) * titlePt * 1.3;
    }

    /** Where the first page's table starts: below the title and the header fields (beside the QR code, if any). */
    double firstTableTop() {
        double fields = doc.header().size() * FIELD_LINE;
        double block = qr == null ? fields : Math.max(fields, QR_SIDE + 16);
        return MARGIN_TOP + titleBlock() + block + 10;
    }

    /** The height the note takes under the table; 0 without one. */
    double noteHeight() {
        return noteLines.isEmpty() ? 0 : NOTE_GAP + noteLines.size() * NOTE_LINE;
    }

    /** The "（无记录）" line of an empty table. */
    private static final double EMPTY_TABLE_LINE = TABLE_LINE + 2 * CELL_PAD_Y;

    private List<Page> paginate() {
        List<Page> out = new ArrayList<>();
        int row = 0;
        double y;
        do {
            double top = out.isEmpty() ? firstTableTop() : MARGIN_TOP + RUNNING_BLOCK;
            y = top + tableHead;
            int from = row;
            while (row < wrapped.size() && y + rowHeight(row) <= TABLE_BOTTOM) {
                y += rowHeight(row);
                row++;
            }
            if (row == from && row < wrapped.size()) {
                throw new IllegalArgumentException("表格第 " + (row + 1) + " 行太长，一页放不下");
            }
            out.add(new Page(out.size(), from, row, top, true, false));
        } while (row < wrapped.size());
        if (noteLines.isEmpty()) {
            return List.copyOf(out);
        }
        Page last = out.remove(out.size() - 1);
        if (wrapped.isEmpty()) {
            y += EMPTY_TABLE_LINE;
        }
        if (y + noteHeight() <= TABLE_BOTTOM) {
            out.add(new Page(last.index(), last.from(), last.to(), last.tableTop(), true, true));
        } else {
            out.add(last);
            out.add(new Page(out.size(), last.to(), last.to(), MARGIN_TOP + RUNNING_BLOCK, false, true));
        }
        return List.copyOf(out);
    }

    // ---- Pageable ----

    @Override
    public int getNumberOfPages() {
        return pages.size();
    }

    @Override
    public PageFormat getPageFormat(int pageIndex) {
        return a4();
    }

    @Override
    public Printable getPrintable(int pageIndex) {
        return this;
    }

    /** Portrait ISO A4 whose imageable area is the page inside the margins. */
    static PageFormat a4() {
        Paper paper = new Paper();
        paper.setSize(WIDTH, HEIGHT);
        paper.setImageableArea(MARGIN_X, MARGIN_TOP, CONTENT_WIDTH, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM);
        PageFormat pf = new PageFormat();
        pf.setPaper(paper);
        pf.setOrientation(PageFormat.PORTRAIT);
        return pf;
    }

    // ---- Printable ----

    @Override
    public int print(Graphics graphics, PageFormat pf, int pageIndex) {
        if (pageIndex < 0 || pageIndex >= pages.size()) {
            return NO_SUCH_PAGE;
        }
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.BLACK);
            Page page = pages.get(pageIndex);
            if (pageIndex == 0) {
                drawFirstPageTop(g);
            } else {
                drawRunningTop(g);
            }
            double y = page.table() ? drawTable(g, page) : page.tableTop();
            if (page.note()) {
                drawNote(g, y);
            }
            drawFooter(g, page);
        } finally {
            g.dispose();
        }
        return PAGE_EXISTS;
    }

    private void drawFirstPageTop(Graphics2D g) {
        g.setFont(base.deriveFont(Font.BOLD, titlePt));
        for (int i = 0; i < titleLines.size(); i++) {
            text(g, titleLines.get(i), WIDTH / 2, MARGIN_TOP + titlePt + i * titlePt * 1.3, Align.CENTER);
        }

        double top = MARGIN_TOP + titleBlock();
        Font label = base.deriveFont(HEADER_PT);
        g.setFont(label);
        List<A4Document.Field> fields = doc.header();
        for (int i = 0; i < fields.size(); i++) {
            A4Document.Field f = fields.get(i);
            text(g, f.label() + "：" + f.value(), MARGIN_X, top + i * FIELD_LINE + HEADER_PT, Align.LEFT);
        }
        if (qr != null) {
            double qrX = WIDTH - MARGIN_X - QR_SIDE;
            qr.draw(g, qrX, top - 4, QR_SIDE);
            g.setFont(base.deriveFont(FOOTER_PT));
            g.setColor(Color.BLACK);
            text(g, doc.qrCaption(), qrX + QR_SIDE / 2, top - 4 + QR_SIDE + FOOTER_PT + 2, Align.CENTER);
        }
    }

    private void drawRunningTop(Graphics2D g) {
        g.setFont(base.deriveFont(Font.BOLD, runningPt));
        String running = doc.title() + "（续）";
        while (width(running, g.getFont()) > CONTENT_WIDTH && running.length() > 4) {
            // Even at the smallest size it is too long: shortened, as the first page has it whole.
            running = running.substring(0, running.length() - 5) + "…（续）";
        }
        text(g, running, MARGIN_X, MARGIN_TOP + RUNNING_TITLE_PT, Align.LEFT);
    }

    private void drawNote(Graphics2D g, double tableBottom) {
        g.setColor(Color.BLACK);
        g.setFont(base.deriveFont(NOTE_PT));
        for (int i = 0; i < noteLines.size(); i++) {
            text(g, noteLines.get(i), MARGIN_X, tableBottom + NOTE_GAP + i * NOTE_LINE + NOTE_PT, Align.LEFT);
        }
    }

    /** Draws the page's part of the table and returns where it ends. */
    private double drawTable(Graphics2D g, Page page) {
        double left = MARGIN_X;
        double right = MARGIN_X + CONTENT_WIDTH;
        double y = page.tableTop();
        g.setColor(new Color(0xE6E6E6));
        g.fill(new Rectangle2D.Double(left, y, CONTENT_WIDTH, tableHead));
        g.setColor(Color.BLACK);
        g.setFont(base.deriveFont(Font.BOLD, TABLE_PT));
        List<A4Document.Column> cols = doc.columns();
        for (int c = 0; c < cols.size(); c++) {
            String[] lines = headings.get(c);
            double first = y + tableHead / 2 + TABLE_PT * 0.38 - (lines.length - 1) * TABLE_LINE / 2;
            for (int l = 0; l < lines.length; l++) {
                text(g, lines[l], (columnX[c] + columnX[c + 1]) / 2, first + l * TABLE_LINE, Align.CENTER);
            }
        }
        g.setStroke(new BasicStroke(0.6f));
        double tableTop = y;
        g.draw(new Line2D.Double(left, y, right, y));
        y += tableHead;
        g.draw(new Line2D.Double(left, y, right, y));
        g.setFont(base.deriveFont(TABLE_PT));
        for (int r = page.from(); r < page.to(); r++) {
            List<List<String>> cells = wrapped.get(r);
            for (int c = 0; c < cells.size(); c++) {
                List<String> lines = cells.get(c);
                for (int l = 0; l < lines.size(); l++) {
                    double baseline = y + CELL_PAD_Y + l * TABLE_LINE + TABLE_PT;
                    drawCell(g, lines.get(l), c, baseline, cols.get(c).align());
                }
            }
            y += rowHeight(r);
            g.setStroke(new BasicStroke(r + 1 == page.to() ? 0.6f : 0.3f));
            g.draw(new Line2D.Double(left, y, right, y));
        }
        if (doc.rows().isEmpty()) {
            text(g, "（无记录）", WIDTH / 2, y + CELL_PAD_Y + TABLE_PT, Align.CENTER);
            y += EMPTY_TABLE_LINE;
            g.draw(new Line2D.Double(left, y, right, y));
        }
        g.setStroke(new BasicStroke(0.6f));
        for (int i = 0; i < columnX.length; i++) {
            // An empty table's "（无记录）" line spans the table: only its outer edges are drawn.
            if (!doc.rows().isEmpty() || i == 0 || i == columnX.length - 1) {
                g.draw(new Line2D.Double(columnX[i], tableTop, columnX[i], y));
            } else {
                g.draw(new Line2D.Double(columnX[i], tableTop, columnX[i], tableTop + tableHead));
            }
        }
        return y;
    }

    /**
     * Page {@code index} (0-based) as a grey picture at {@code dpi}, black on white, drawn by the same
     * code that prints it: for a stand-in printer that writes files, and for comparing a print with what was meant.
     */
    public BufferedImage render(int index, double dpi) {
        if (index < 0 || index >= pages.size()) {
            throw new IndexOutOfBoundsException("page " + index + " of " + pages.size());
        }
        double s = dpi / 72.0;
        BufferedImage img = new BufferedImage((int) Math.round(WIDTH * s), (int) Math.round(HEIGHT * s), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.scale(s, s);
            print(g, a4(), index);
        } finally {
            g.dispose();
        }
        return img;
    }

    private void drawCell(Graphics2D g, String s, int c, double baseline, A4Document.Align align) {
        switch (align) {
            case LEFT -> text(g, s, columnX[c] + CELL_PAD_X, baseline, Align.LEFT);
            case CENTER -> text(g, s, (columnX[c] + columnX[c + 1]) / 2, baseline, Align.CENTER);
            case RIGHT -> text(g, s, columnX[c + 1] - CELL_PAD_X, baseline, Align.RIGHT);
        }
    }

    private void drawFooter(Graphics2D g, Page page) {
        double y = HEIGHT - MARGIN_BOTTOM;
        g.setStroke(new BasicStroke(0.4f));
        g.draw(new Line2D.Double(MARGIN_X, y - FOOTER_PT - 6, MARGIN_X + CONTENT_WIDTH, y - FOOTER_PT - 6));
        Font f = base.deriveFont(FOOTER_PT);
        g.setFont(f);
        text(g, doc.footnote(), MARGIN_X, y, Align.LEFT);
        text(g, pageLabel(page.index()), MARGIN_X + CONTENT_WIDTH, y, Align.RIGHT);
    }

    private enum Align { LEFT, CENTER, RIGHT }

    private static void text(Graphics2D g, String s, double x, double baseline, Align align) {
        double w = width(s, g.getFont());
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        g.drawString(s, (float) left, (float) baseline);
    }

    /** Letters, digits and ASCII signs: the layout keeps a run of them on one line when it can. */
    static boolean latin(char c) {
        return c > ' ' && c < 0x7F;
    }

    static double width(String s, Font f) {
        return f.getStringBounds(s, FRC).getWidth();
    }

    /** Column edges from the weights, spanning the content width. */
    private static double[] columnEdges(List<A4Document.Column> cols) {
        double total = cols.stream().mapToDouble(A4Document.Column::weight).sum();
        double[] x = new double[cols.size() + 1];
        x[0] = MARGIN_X;
        for (int i = 0; i < cols.size(); i++) {
            x[i + 1] = x[i] + CONTENT_WIDTH * cols.get(i).weight() / total;
        }
        x[cols.size()] = MARGIN_X + CONTENT_WIDTH; // no rounding gap at the right edge
        return x;
    }

    /**
     * Breaks {@code s} into lines no wider than {@code max}, between any two Chinese characters (Chinese has no
     * spaces to wait for), but not inside a run of letters and digits (a number, a date, a code) when the line has
     * room to break before it; {@code \n} breaks too.
     */
    static List<String> wrap(String s, Font f, double max) {
        if (s.indexOf('\n') >= 0) {
            List<String> lines = new ArrayList<>();
            for (String para : s.split("\n", -1)) {
                lines.addAll(wrap(para, f, max));
            }
            return lines;
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int end = start;
            while (end < s.length()) {
                int next = end + Character.charCount(s.codePointAt(end));
                if (next - start > Character.charCount(s.codePointAt(start)) && width(s.substring(start, next), f) > max) {
                    break;
                }
                end = next;
            }
            if (end < s.length() && latin(s.charAt(end)) && latin(s.charAt(end - 1))) {
                int run = end;
                while (run > start && latin(s.charAt(run - 1))) {
                    run--;
                }
                end = run > start ? run : end; // a run wider than the line is cut after all
            }
            lines.add(s.substring(start, end));
            start = end;
        }
        if (lines.isEmpty()) {
            lines.add("");
        }
        return lines;
    }
}
