package cn.yzz.kiosk.backend;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which faults the backend injects, immutable. Rates are probabilities in [0, 1] drawn per request.
 *
 * <p>Spec syntax (comma-separated {@code key=value}, see {@link #parse}):
 * {@code delay=200ms, error-rate=0.2, 429=0.1, 503=0.1, retry-after=2, drop-before-commit=0.1,
 * drop-after-commit=0.3, malformed=0.1, slow-body=0.1, slow-body-time=2s, seed=42,
 * only=transactions:batch|heartbeat, max-rps=50}. {@code max-rps} is not random: it admits at most
 * that many requests per second (fixed one-second windows) and answers the rest 429 with
 * Retry-After, like a county backend with a fixed capacity.
 */
public record FaultSettings(
        Duration delay,
        double errorRate,
        double rate429,
        double rate503,
        int retryAfterSec,
        double dropBeforeCommit,
        double dropAfterCommit,
        double malformed,
        double slowBody,
        Duration slowBodyTime,
        Long seed,
        Set<String> only,
        int maxRps) {

    public FaultSettings {
        if (delay.isNegative() || slowBodyTime.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (retryAfterSec < 1) {
            throw new IllegalArgumentException("retry-after must be at least 1 second (the contract forbids 0)");
        }
        for (double r : new double[] {errorRate, rate429, rate503, dropBeforeCommit, dropAfterCommit, malformed, slowBody}) {
            if (!(r >= 0 && r <= 1)) {
                throw new IllegalArgumentException("rates must be between 0 and 1, got " + r);
            }
        }
        if (maxRps < 0) {
            throw new IllegalArgumentException("max-rps must not be negative");
        }
        only = Set.copyOf(only);
    }

    /** No faults at all. */
    public static FaultSettings none() {
        return new FaultSettings(Duration.ZERO, 0, 0, 0, 1, 0, 0, 0, 0, Duration.ofSeconds(2), null, Set.of(), 0);
    }

    public FaultSettings withDelay(Duration d) {
        return new FaultSettings(d, errorRate, rate429, rate503, retryAfterSec, dropBeforeCommit, dropAfterCommit, malformed, slowBody, slowBodyTime, seed, only, maxRps);
    }

    public FaultSettings withErrorRate(double r) {
        return new FaultSettings(delay, r, rate429, rate503, retryAfterSec, dropBeforeCommit, dropAfterCommit, malformed, slowBody, slowBodyTime, seed, only, maxRps);
    }

    public FaultSettings withDropAfterCommit(double r) {
        return new FaultSettings(delay, errorRate, rate429, rate503, retryAfterSec, dropBeforeCommit, r, malformed, slowBody, slowBodyTime, seed, only, maxRps);
    }

    public FaultSettings withDropBeforeCommit(double r) {
        return new FaultSettings(delay, errorRate, rate429, rate503, retryAfterSec, r, dropAfterCommit, malformed, slowBody, slowBodyTime, seed, only, maxRps);
    }

    /** True when the faults apply to this path ({@code only} empty: every path). */
    boolean appliesTo(String path) {
        return only.isEmpty() || only.stream().anyMatch(path::endsWith);
    }

    /**
     * Parses a spec such as {@code "delay=200ms,error-rate=0.2,drop-after-commit=0.3"}. An empty or
     * blank spec means no faults. Unknown keys and bad values raise IllegalArgumentException naming
     * the offending entry.
     */
    public static FaultSettings parse(String spec) {
        Duration delay = Duration.ZERO;
        Duration slowTime = Duration.ofSeconds(2);
        double error = 0, r429 = 0, r503 = 0, before = 0, after = 0, malformed = 0, slow = 0;
        int retryAfter = 1;
        int maxRps = 0;
        Long seed = null;
        Set<String> only = new TreeSet<>();
        if (spec == null || spec.isBlank()) {
            return none();
        }
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("fault '" + e + "' is not key=value");
            }
            String key = e.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = e.substring(eq + 1).trim();
            try {
                switch (key) {
                    case "delay" -> delay = duration(value);
                    case "error-rate" -> error = rate(value);
                    case "429" -> r429 = rate(value);
                    case "503" -> r503 = rate(value);
                    case "retry-after" -> retryAfter = Integer.parseInt(value);
                    case "drop-before-commit" -> before = rate(value);
                    case "drop-after-commit" -> after = rate(value);
                    case "malformed" -> malformed = rate(value);
                    case "slow-body" -> slow = rate(value);
                    case "slow-body-time" -> slowTime = duration(value);
                    case "seed" -> seed = Long.parseLong(value);
                    case "max-rps" -> maxRps = Integer.parseInt(value);
                    case "only" -> only.addAll(java.util.List.of(value.split("\\|")));
                    default -> throw new IllegalArgumentException("unknown fault '" + key + "' (known: delay, error-rate, 429, 503, "
                            + "retry-after, drop-before-commit, drop-after-commit, malformed, slow-body, slow-body-time, seed, only, max-rps)");
                }
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("fault '" + e + "': '" + value + "' is not a number", ex);
            }
        }
        try {
            return new FaultSettings(delay, error, r429, r503, retryAfter, before, after, malformed, slow, slowTime, seed, only, maxRps);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("faults '" + spec + "': " + ex.getMessage(), ex);
        }
    }

    private static double rate(String v) {
        double r = Double.parseDouble(v);
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException("rate " + v + " is not between 0 and 1");
        }
        return r;
    }

    /** "200ms", "2s", or a bare number of milliseconds. */
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
}
