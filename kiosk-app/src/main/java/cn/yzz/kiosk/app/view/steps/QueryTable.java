package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.service.QueryStep;
import cn.yzz.kiosk.app.view.Ui;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A page of a query's answer, and the county's note under it, in the room the screen gives it. Each column is as wide
 * as its words need, measured over the whole answer so that it keeps its width from page to page; when the words do
 * not fit the width on one line, the columns share the room by what they need (a heading wraps, a number or a date
 * never breaks). Every row is as tall as the answer's tallest, and as many rows as fit the height make a page (no more
 * than the step's cap): that number is given to the step, which pages by it. Numbers are right-aligned.
 */
final class QueryTable extends Region {

    /** A cell that is a number (amounts, counts, 12.5%): right-aligned, never broken. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9][0-9,]*(\\.[0-9]+)?%?");
    /** The run of Chinese a wrapped line keeps where there is room: a heading of four characters is not cut up. */
    private static final int CJK_RUN = 4;
    /** A column is "mostly" on one line when this share of its rows is. */
    private static final double MOSTLY = 0.9;
    /** Between the table and the county's note. */
    private static final double NOTE_GAP = 16;
    /** Rounding in text measurement must never make a label cut its words short. */
    private static final double SLACK = 2;

    private final QueryStep step;
    private final IntSupplier cap;
    private final Sheet sheet = new Sheet();
    private final Label note;
    private final List<Label> heads = new ArrayList<>();
    private final List<List<Label>> rows = new ArrayList<>();
    private final Text probe = new Text();

    // What was measured, and for what: the answer and the fonts (elder mode changes them) and the width.
    private Measure measure;

    QueryTable(QueryStep step, IntSupplier cap) {
        this.step = step;
        this.cap = cap;
        setId("query-area");
        sheet.setId("query-table");
        sheet.getStyleClass().add("query-table");
        note = Ui.label("", "lead");
        note.setId("query-footer");
        getChildren().addAll(sheet, note);
        step.answerProperty().addListener((o, was, now) -> fill());
        step.pageProperty().addListener((o, was, now) -> fill());
        step.rowsPerPageProperty().addListener((o, was, now) -> fill());
        fill();
    }

    /** The page's cells; the heading row on top. */
    private void fill() {
        sheet.cells().clear();
        heads.clear();
        rows.clear();
        QueryAnswer a = step.answerProperty().get();
        note.setText(a == null ? "" : a.footer());
        note.setVisible(!note.getText().isEmpty());
        if (a == null) {
            return;
        }
        boolean[] numeric = numericColumns(a);
        for (int c = 0; c < a.heading().size(); c++) {
            Label h = cell(a.heading().get(c), numeric[c], "query-head");
            h.setId("query-head-" + c);
            heads.add(h);
        }
        List<List<String>> page = step.pageRows();
        for (int r = 0; r < page.size(); r++) {
            List<Label> row = new ArrayList<>();
            for (int c = 0; c < page.get(r).size(); c++) {
                Label l = cell(page.get(r).get(c), numeric[c], "query-cell", r % 2 == 0 ? "query-even" : "query-odd");
                l.setId("query-cell-" + r + "-" + c);
                row.add(l);
            }
            rows.add(row);
        }
        sheet.cells().addAll(heads);
        rows.forEach(sheet.cells()::addAll);
        requestLayout();
    }

    private static Label cell(String text, boolean number, String... styleClasses) {
        Label l = Ui.label(text, styleClasses);
        l.setAlignment(number ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        l.setTextAlignment(number ? TextAlignment.RIGHT : TextAlignment.LEFT);
        l.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        return l;
    }

    @Override
    protected double computePrefWidth(double height) {
        return measure == null ? 0 : measure.preferredWidth() + sheetInsetsWidth();
    }

    @Override
    protected double computePrefHeight(double width) {
        return 0; // it takes the room it is given, and fits the rows to it
    }

    @Override
    protected double computeMinHeight(double width) {
        return 0;
    }

    @Override
    protected void layoutChildren() {
        QueryAnswer a = step.answerProperty().get();
        if (a == null || heads.isEmpty() || rows.isEmpty() || getWidth() <= 0) {
            sheet.resizeRelocate(0, 0, 0, 0);
            return;
        }
        Insets in = sheet.getInsets();
        double width = getWidth() - in.getLeft() - in.getRight();
        Label cellStyle = rows.get(0).get(0);
        Font headFont = heads.get(0).getFont();
        Font cellFont = cellStyle.getFont();
        if (measure == null || !measure.isFor(a, headFont, cellFont, width)) {
            measure = new Measure(a, headFont, cellFont, heads.get(0).getInsets(), cellStyle.getInsets(), width);
        }
        double noteHeight = note.isVisible() ? note.prefHeight(getWidth()) + NOTE_GAP : 0;
        double room = getHeight() - noteHeight - in.getTop() - in.getBottom() - measure.headHeight;
        int perPage = measure.perPage(room, Math.max(1, cap.getAsInt()));
        if (step.rowsPerPageProperty().get() != perPage) {
            step.rowsPerPageProperty().set(perPage); // the step pages again, and the cells are made anew at once
        }
        double x0 = 0;
        double[] w = measure.widths;
        for (int c = 0; c < heads.size(); c++) {
            heads.get(c).resizeRelocate(in.getLeft() + x0, in.getTop(), w[c], measure.headHeight);
            x0 += w[c];
        }
        double y = measure.headHeight;
        int first = step.pageProperty().get() * step.rowsPerPageProperty().get();
        for (int r = 0; r < rows.size(); r++) {
            double h = measure.rowHeights[Math.min(first + r, measure.rowHeights.length - 1)];
            double x = 0;
            List<Label> row = rows.get(r);
            for (int c = 0; c < row.size() && c < w.length; c++) {
                row.get(c).resizeRelocate(in.getLeft() + x, in.getTop() + y, w[c], h);
                x += w[c];
            }
            y += h;
        }
        double sheetWidth = x0 + in.getLeft() + in.getRight();
        double sheetHeight = y + in.getTop() + in.getBottom();
        double left = Math.max(0, (getWidth() - sheetWidth) / 2);
        sheet.resizeRelocate(left, 0, sheetWidth, sheetHeight);
        if (note.isVisible()) {
            note.resizeRelocate(0, sheetHeight + NOTE_GAP, getWidth(), note.prefHeight(getWidth()));
        }
    }

    private double sheetInsetsWidth() {
        Insets in = sheet.getInsets();
        return in.getLeft() + in.getRight();
    }

    /** A column is a number when every cell under its heading is (blank cells aside). */
    private static boolean[] numericColumns(QueryAnswer a) {
        boolean[] numeric = new boolean[a.heading().size()];
        for (int c = 0; c < numeric.length; c++) {
            boolean any = false;
            boolean all = true;
            for (List<String> row : a.body()) {
                String s = row.get(c).strip();
                if (!s.isEmpty() && !s.equals("—") && !s.equals("-")) {
                    any = true;
                    all &= NUMBER.matcher(s).matches();
                }
            }
            numeric[c] = any && all;
        }
        return numeric;
    }

    /** The columns' widths and the rows' heights for one answer, its fonts and the width there is. */
    private final class Measure {
        private final QueryAnswer answer;
        private final Font headFont;
        private final Font cellFont;
        private final double width;
        private final double preferred;
        final double[] widths;
        final double headHeight;
        /** Each row of the answer, as tall as its cells need at these widths. */
        final double[] rowHeights;

        Measure(QueryAnswer answer, Font headFont, Font cellFont, Insets headPad, Insets cellPad, double width) {
            this.answer = answer;
            this.headFont = headFont;
            this.cellFont = cellFont;
            this.width = width;
            int n = answer.heading().size();
            List<List<String>> body = answer.body();
            double headSides = headPad.getLeft() + headPad.getRight() + SLACK;
            double cellSides = cellPad.getLeft() + cellPad.getRight() + SLACK;
            double[] head = new double[n];
            double[] rowsAll = new double[n];
            double[] rowsMostly = new double[n];
            for (int c = 0; c < n; c++) {
                double[] cells = new double[body.size()];
                for (int r = 0; r < cells.length; r++) {
                    cells[r] = textWidth(body.get(r).get(c), cellFont) + cellSides;
                }
                java.util.Arrays.sort(cells);
                head[c] = textWidth(answer.heading().get(c), headFont) + headSides;
                rowsAll[c] = cells.length == 0 ? 0 : cells[cells.length - 1];
                rowsMostly[c] = cells.length == 0 ? 0 : cells[(int) Math.ceil(cells.length * MOSTLY) - 1];
            }
            // From the most room wanted to the least: everything on one line; then the headings wrapped (in runs of four
            // characters, then fewer) with every row, or nine in ten, on one line; last, everything wrapped.
            List<double[]> wants = new ArrayList<>();
            double[] most = new double[n];
            for (int c = 0; c < n; c++) {
                most[c] = Math.max(head[c], rowsAll[c]);
            }
            wants.add(most);
            // What a line break must not split, by the run of Chinese kept together: headings, and the rows.
            double[][] headPiece = new double[CJK_RUN + 1][n];
            double[][] rowsPiece = new double[CJK_RUN + 1][n];
            for (int run = CJK_RUN; run >= 1; run--) {
                for (int c = 0; c < n; c++) {
                    headPiece[run][c] = unbreakable(answer.heading().get(c), headFont, run) + headSides;
                    for (List<String> row : body) {
                        rowsPiece[run][c] = Math.max(rowsPiece[run][c], unbreakable(row.get(c), cellFont, run) + cellSides);
                    }
                }
            }
            for (int run = CJK_RUN; run >= 1; run--) {
                double[] all = new double[n];
                double[] mostly = new double[n];
                for (int c = 0; c < n; c++) {
                    all[c] = Math.max(headPiece[run][c], rowsAll[c]);
                    mostly[c] = Math.max(headPiece[run][c], Math.max(rowsMostly[c], rowsPiece[run][c]));
                }
                wants.add(all);
                wants.add(mostly); // a rare long cell wraps on its own row rather than every heading being cut up
            }
            for (int run = CJK_RUN; run >= 1; run--) {
                double[] w = new double[n];
                for (int c = 0; c < n; c++) {
                    w[c] = Math.max(headPiece[run][c], rowsPiece[run][c]);
                }
                wants.add(w);
            }
            preferred = sum(most);
            widths = share(width, wants);
            // Heights where the labels will wrap: their width less their padding (the slack is in the width).
            double tallest = 0;
            for (int c = 0; c < n; c++) {
                tallest = Math.max(tallest, textHeight(answer.heading().get(c), headFont, widths[c] - headSides + SLACK));
            }
            headHeight = Math.ceil(tallest + headPad.getTop() + headPad.getBottom() + SLACK);
            double line = textHeight("", cellFont, 0);
            rowHeights = new double[body.size()];
            for (int r = 0; r < body.size(); r++) {
                double h = line;
                for (int c = 0; c < n; c++) {
                    h = Math.max(h, textHeight(body.get(r).get(c), cellFont, widths[c] - cellSides + SLACK));
                }
                rowHeights[r] = Math.ceil(h + cellPad.getTop() + cellPad.getBottom() + SLACK);
            }
        }

        boolean isFor(QueryAnswer a, Font head, Font cell, double w) {
            return answer == a && headFont.equals(head) && cellFont.equals(cell) && Math.abs(width - w) < 0.5;
        }

        double preferredWidth() {
            return preferred;
        }

        /** The most rows a page, up to {@code cap}, such that every page's rows fit {@code room}. */
        int perPage(double room, int cap) {
            for (int p = cap; p > 1; p--) {
                if (everyPageFits(p, room)) {
                    return p;
                }
            }
            return 1;
        }

        private boolean everyPageFits(int p, double room) {
            for (int first = 0; first < rowHeights.length; first += p) {
                double h = 0;
                for (int r = first; r < Math.min(rowHeights.length, first + p); r++) {
                    h += rowHeights[r];
                }
                if (h > room) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The first of {@code wants} (most room first) that fits {@code room}, each column given a share of what is left by
     * how much more the one before would give it; everything on one line spreads over the whole width.
     */
    private static double[] share(double room, List<double[]> wants) {
        double[] most = wants.get(0);
        int n = most.length;
        double[] w = new double[n];
        double sumMost = sum(most);
        if (sumMost <= room) {
            for (int c = 0; c < n; c++) {
                w[c] = Math.floor(most[c] + (room - sumMost) * most[c] / sumMost);
            }
            return w;
        }
        for (int i = 1; i < wants.size(); i++) {
            double[] floor = wants.get(i);
            if (sum(floor) <= room || i == wants.size() - 1) {
                double[] better = wants.get(i - 1);
                double wanted = 0;
                for (int c = 0; c < n; c++) {
                    wanted += Math.max(0, better[c] - floor[c]);
                }
                double spare = Math.max(0, room - sum(floor)); // nothing to spare when even the least is too wide
                double share = wanted <= 0 ? 0 : Math.min(1, spare / wanted);
                for (int c = 0; c < n; c++) {
                    w[c] = Math.floor(floor[c] + Math.max(0, better[c] - floor[c]) * share);
                }
                return w;
            }
        }
        return w;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private double textWidth(String s, Font f) {
        probe.setFont(f);
        probe.setWrappingWidth(0);
        probe.setText(s);
        return probe.getLayoutBounds().getWidth();
    }

    private double textHeight(String s, Font f, double wrap) {
        probe.setFont(f);
        probe.setWrappingWidth(Math.max(0, wrap));
        probe.setText(s.isEmpty() ? " " : s);
        double h = probe.getLayoutBounds().getHeight();
        probe.setWrappingWidth(0);
        return h;
    }

    /** The widest piece a line break must not split: a number, a date or a Latin word whole, Chinese in runs of {@code run}. */
    private double unbreakable(String s, Font f, int run) {
        double widest = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            if (isCjk(s.charAt(i))) {
                while (i < s.length() && isCjk(s.charAt(i)) && i - start < run) {
                    i++;
                }
            } else if (Character.isWhitespace(s.charAt(i))) {
                i++;
                continue;
            } else {
                while (i < s.length() && !isCjk(s.charAt(i)) && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
            }
            widest = Math.max(widest, textWidth(s.substring(start, i), f));
        }
        return widest;
    }

    private static boolean isCjk(char ch) {
        Character.UnicodeScript script = Character.UnicodeScript.of(ch);
        return script == Character.UnicodeScript.HAN || Character.UnicodeBlock.of(ch) == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || Character.UnicodeBlock.of(ch) == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }

    /** The bordered sheet the cells are drawn on; the table places them. */
    private static final class Sheet extends Region {
        List<javafx.scene.Node> cells() {
            return getChildren();
        }

        @Override
        protected void layoutChildren() {
            // placed by QueryTable
        }
    }

    @Override
    public String toString() {
        return "QueryTable[" + Objects.toString(step.answerProperty().get() == null ? null : step.answerProperty().get().title()) + "]";
    }
}
