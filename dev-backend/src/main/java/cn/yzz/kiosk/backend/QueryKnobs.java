package cn.yzz.kiosk.backend;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How {@code POST /services/{code}/query} misbehaves, for the kiosk's error tests: it waits {@code delay} first, then
 * answers as {@code answer} says. Apart from the general faults ({@link FaultSettings}), so that a test can spoil the
 * county's query system while uploads and payments work. Set at start ({@link DevBackend.Settings#withQueryKnobs}),
 * while running ({@link DevBackend#setQueryKnobs}), over HTTP ({@code PUT /dev/query-knobs}) or on the command line
 * ({@code --query-knobs delay=8s,answer=error,service=RSJ-0003}).
 *
 * @param delay   how long every affected query waits before it is answered (after authentication)
 * @param answer  what it then answers
 * @param service the one service code affected, or null for every service
 */
public record QueryKnobs(Duration delay, Answer answer, String service) {

    /** What an affected query answers. */
    public enum Answer {
        /** The table, as without knobs. */
        NORMAL,
        /** 500, a problem document. */
        ERROR,
        /** 200 {@code application/json} whose body is cut off mid-JSON. */
        MALFORMED,
        /** 200 with well-formed JSON whose rows are not all as wide as the heading. */
        RAGGED;

        /** The spelling of the HTTP route and the spec: normal, error, malformed, ragged. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Answer parse(String word) {
            for (Answer a : values()) {
                if (a.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new IllegalArgumentException("answer '" + word + "' is not one of normal, error, malformed, ragged");
        }
    }

    public QueryKnobs {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(answer, "answer");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        if (delay.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("delay is at most 10 minutes, got " + delay);
        }
        if (service != null && service.isBlank()) {
            service = null;
        }
    }

    /** Queries answered at once and normally. */
    public static QueryKnobs none() {
        return new QueryKnobs(Duration.ZERO, Answer.NORMAL, null);
    }

    public QueryKnobs withDelay(Duration d) {
        return new QueryKnobs(d, answer, service);
    }

    public QueryKnobs withAnswer(Answer a) {
        return new QueryKnobs(delay, a, service);
    }

    /** Only this service's queries are affected (null: every service). */
    public QueryKnobs onlyFor(String serviceCode) {
        return new QueryKnobs(delay, answer, serviceCode);
    }

    boolean appliesTo(String serviceCode) {
        return service == null || service.equals(serviceCode);
    }

    boolean isNone() {
        return delay.isZero() && answer == Answer.NORMAL;
    }

    /**
     * Parses {@code "delay=8s,answer=error,service=RSJ-0003"} (any subset; durations as {@code 500ms}, {@code 8s} or
     * bare milliseconds); blank is {@link #none()}. IllegalArgumentException names the entry that is wrong.
     */
    public static QueryKnobs parse(String spec) {
        QueryKnobs k = none();
        if (spec == null || spec.isBlank()) {
            return k;
        }
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("query knob '" + e + "' is not key=value");
            }
            String key = e.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = e.substring(eq + 1).trim();
            try {
                k = switch (key) {
                    case "delay" -> k.withDelay(duration(value));
                    case "answer" -> k.withAnswer(Answer.parse(value));
                    case "service" -> k.onlyFor(value);
                    default -> throw new IllegalArgumentException("unknown query knob '" + key + "' (known: delay, answer, service)");
                };
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("query knob '" + e + "': '" + value + "' is not a duration", ex);
            }
        }
        return k;
    }

    private static Duration duration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
        }
        if (s.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
        }
        return Duration.ofMillis(Long.parseLong(s));
    }

    @Override
    public String toString() {
        return "delay=" + delay.toMillis() + "ms,answer=" + answer.word() + (service == null ? "" : ",service=" + service);
    }
}
