package cn.yzz.kiosk.cache.sync;

import java.util.List;
import java.util.Objects;

/**
 * What {@code POST /services/{code}/query} answered: a table to show and print. The first row is the
 * table's heading; every row has as many cells as the heading. It is the villager's own data: nothing
 * here is logged, and a {@code print} transaction records only what was printed, never the rows.
 *
 * @param footer     printed under the table; may be empty
 * @param verifyCode drawn as a QR code on the printout; may be empty when the county gives none
 */
public record QueryAnswer(String title, List<List<String>> rows, String footer, String verifyCode) {

    public QueryAnswer {
        Objects.requireNonNull(title, "title");
        rows = rows.stream().map(List::copyOf).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a query answer needs at least its heading row");
        }
        footer = Objects.requireNonNullElse(footer, "");
        verifyCode = Objects.requireNonNullElse(verifyCode, "");
    }

    /** The heading row. */
    public List<String> heading() {
        return rows.get(0);
    }

    /** The data rows, without the heading. */
    public List<List<String>> body() {
        return rows.subList(1, rows.size());
    }

    @Override
    public String toString() {
        return "QueryAnswer[" + title + ", " + (rows.size() - 1) + " rows]"; // the rows are personal
    }
}
