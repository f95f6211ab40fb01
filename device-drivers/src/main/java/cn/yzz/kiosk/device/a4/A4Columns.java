package cn.yzz.kiosk.device.a4;

import cn.yzz.kiosk.device.CjkFonts;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Column widths and alignment for a table that arrives as text (see {@link A4Document#fitColumns}).
 * Widths are measured in the font the print will use, at the table's size; without a Chinese font
 * (the print will then refuse to go out anyway, saying which font to install) they are estimated
 * from the characters' kinds.
 */
final class A4Columns {

    /** 1,234.50 · -12 · 3.5% · 300: what a county sends as an amount, a count or a share. */
    static final Pattern NUMBER = Pattern.compile("[-+]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?%?");

    /** Room a cell needs around its text, and a little slack so a text exactly as wide does not wrap. */
    static final double CELL_ROOM = 2 * A4Pages.CELL_PAD_X + 2;

    /** No single column, even of unbreakable codes, takes more than this share of the width. */
    static final double MAX_SHARE = 1 / 3.0;

    private A4Columns() {}

    static List<A4Document.Column> fit(List<String> heading, List<List<String>> rows) {
        if (heading.isEmpty()) {
            throw new IllegalArgumentException("表格至少要有一列");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != heading.size()) {
                throw new IllegalArgumentException("表格第 " + (i + 1) + " 行有 " + rows.get(i).size() + " 格，应为 " + heading.size() + " 格");
            }
        }
        Measure m = measure(heading, rows);
        int n = heading.size();
        double total = A4Pages.CONTENT_WIDTH;
        double cap = total * MAX_SHARE;
        double[] min = new double[n];
        double[] want = new double[n];
        A4Document.Align[] align = new A4Document.Align[n];
        for (int c = 0; c < n; c++) {
            double head = m.bold(heading.get(c)) + CELL_ROOM;
            // A heading may take two lines (A4Pages wraps it): the wider half is all a column must hold.
            String[] halves = A4Pages.headingLines(heading.get(c), m::bold);
            double headMin = Math.max(m.bold(halves[0]), halves.length > 1 ? m.bold(halves[1]) : 0) + CELL_ROOM;
            double longest = 0;
            double token = 0;
            boolean allNumbers = true;
            boolean codes = true; // no Chinese, no spaces: dates, amounts, numbers, which must not break
            int sameLength = -1;
            int filled = 0;
            boolean uniform = true;
            for (List<String> row : rows) {
                String cell = row.get(c);
                longest = Math.max(longest, m.plain(cell) + CELL_ROOM);
                token = Math.max(token, m.plain(widestLatinRun(cell)) + CELL_ROOM);
                if (cell.isBlank()) {
                    continue;
                }
                boolean isNumber = NUMBER.matcher(cell.strip()).matches();
                allNumbers &= isNumber;
                codes &= cell.codePoints().noneMatch(cp -> Character.isWhitespace(cp) || wide(cp));
                uniform &= sameLength < 0 || sameLength == cell.length();
                sameLength = cell.length();
                filled++;
            }
            boolean keepWhole = filled > 0 && (allNumbers || codes);
            min[c] = Math.max(headMin, Math.min(keepWhole ? longest : token, cap));
            want[c] = Math.max(head, longest);
            align[c] = filled > 0 && allNumbers ? A4Document.Align.RIGHT
                    : filled >= 2 && uniform ? A4Document.Align.CENTER : A4Document.Align.LEFT;
        }
        double[] weight = weights(min, want, total);
        List<A4Document.Column> out = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            out.add(new A4Document.Column(heading.get(c), weight[c], align[c]));
        }
        return List.copyOf(out);
    }

    /**
     * Everything as wide as it wants when that fits (the page shares out what is left in proportion);
     * otherwise each column its minimum, and what remains of the width shared by how much more each wanted.
     */
    static double[] weights(double[] min, double[] want, double total) {
        double sumWant = 0;
        double sumMin = 0;
        for (int c = 0; c < min.length; c++) {
            sumWant += want[c];
            sumMin += min[c];
        }
        if (sumWant <= total) {
            return want.clone();
        }
        if (sumMin >= total) {
            return min.clone(); // headings alone overflow: the layout says which one does not fit
        }
        double slack = sumWant - sumMin;
        double[] w = new double[min.length];
        for (int c = 0; c < min.length; c++) {
            w[c] = min[c] + (total - sumMin) * (want[c] - min[c]) / slack;
        }
        return w;
    }

    /** The widest stretch of a cell that the layout keeps on one line: letters and digits without a space. */
    static String widestLatinRun(String s) {
        String best = "";
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean latin = i < s.length() && A4Pages.latin(s.charAt(i));
            if (latin && start < 0) {
                start = i;
            } else if (!latin && start >= 0) {
                if (i - start > best.length()) {
                    best = s.substring(start, i);
                }
                start = -1;
            }
        }
        return best;
    }

    /** East Asian wide characters (Chinese, full-width punctuation) take about one em. */
    static boolean wide(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }

    private interface Measure {
        double plain(String s);

        double bold(String s);
    }

    private static Measure measure(List<String> heading, List<List<String>> rows) {
        StringBuilder all = new StringBuilder();
        heading.forEach(all::append);
        rows.forEach(r -> r.forEach(all::append));
        try {
            Font base = CjkFonts.forText(all.toString());
            Font plain = base.deriveFont(A4Pages.TABLE_PT);
            Font bold = base.deriveFont(Font.BOLD, A4Pages.TABLE_PT);
            return new Measure() {
                @Override
                public double plain(String s) {
                    return A4Pages.width(s, plain);
                }

                @Override
                public double bold(String s) {
                    return A4Pages.width(s, bold);
                }
            };
        } catch (CjkFonts.MissingFontException e) {
            return new Measure() {
                @Override
                public double plain(String s) {
                    return s.codePoints().mapToDouble(cp -> wide(cp) ? 1.0 : 0.55).sum() * A4Pages.TABLE_PT;
                }

                @Override
                public double bold(String s) {
                    return plain(s) * 1.05;
                }
            };
        }
    }
}
