package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A query's answer before it is written: a title, the heading row then the data rows (all as wide), a footer. */
record QueryTable(String title, List<List<String>> rows, String footer) {

    /** Builds the rows, the heading first; every row must be as wide as the heading (a bug otherwise). */
    static final class Rows {
        private final List<List<String>> rows = new ArrayList<>();

        Rows(String... heading) {
            rows.add(List.of(heading));
        }

        Rows add(Object... cells) {
            if (cells.length != rows.get(0).size()) {
                throw new IllegalStateException("a row of " + cells.length + " cells under a heading of " + rows.get(0).size());
            }
            rows.add(Arrays.stream(cells).map(String::valueOf).toList());
            return this;
        }

        /** Data rows so far. */
        int count() {
            return rows.size() - 1;
        }

        QueryTable table(String title, String footer) {
            return new QueryTable(title, List.copyOf(rows), footer);
        }
    }

    /** The years a question asks about: {@code data.year}, or {@code data.fromYear}–{@code data.toYear}, or all. */
    record Years(int from, int to, boolean asked) {
        boolean has(int year) {
            return year >= from && year <= to;
        }

        /** For a title: "（2025年度）", "（2019—2024年）", or nothing when the villager did not choose. */
        String label() {
            if (!asked) {
                return "";
            }
            return from == to ? "（" + from + "年度）" : "（" + from + "—" + to + "年）";
        }
    }

    /** The form's answers as the query's {@code data} carried them; wrong ones are a 400 naming the field. */
    static final class Answers {
        private final JsonNode data;

        Answers(JsonNode data) {
            this.data = data;
        }

        /** A text or number answer, trimmed; null when not given. */
        String text(String field) throws BadRequest {
            JsonNode v = data.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!(v.isTextual() || v.isNumber())) {
                throw new BadRequest("data." + field, "field 'data." + field + "' must be a string or a number");
            }
            String s = v.asText().trim();
            return s.isEmpty() ? null : s;
        }

        /** A required answer, or a 400 naming it. */
        String required(String field) throws BadRequest {
            String s = text(field);
            if (s == null) {
                throw new BadRequest("data." + field, "field 'data." + field + "' is required by this service");
            }
            return s;
        }

        /** The years asked about, within what the records hold when the villager did not choose. */
        Years years(int first, int last) throws BadRequest {
            Integer year = year("year");
            if (year != null) {
                return new Years(year, year, true);
            }
            Integer from = year("fromYear");
            Integer to = year("toYear");
            if (from == null && to == null) {
                return new Years(first, last, false);
            }
            int f = from == null ? first : from;
            int t = to == null ? last : to;
            if (f > t) {
                throw new BadRequest("data.fromYear", "'data.fromYear' (" + f + ") is after 'data.toYear' (" + t + ")");
            }
            return new Years(f, t, true);
        }

        private Integer year(String field) throws BadRequest {
            String s = text(field);
            if (s == null) {
                return null;
            }
            if (!s.matches("(19|20)[0-9]{2}")) {
                throw new BadRequest("data." + field, "field 'data." + field + "' must be a year such as 2025");
            }
            return Integer.parseInt(s);
        }
    }

    /** Fen as yuan with two decimals, e.g. 30000 → "300.00". */
    static String yuan(long fen) {
        String sign = fen < 0 ? "-" : "";
        long f = Math.abs(fen);
        return String.format(Locale.ROOT, "%s%d.%02d", sign, f / 100, f % 100);
    }
}
