package cn.yzz.kiosk.cache.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Full-jitter exponential backoff (AWS "Exponential Backoff And Jitter"): the delay before retry n is
 * uniform in [0, min(cap, base * 2^n)], never below {@link #minimum()}. Jitter is what keeps thousands of
 * kiosks that failed together from retrying together.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final Random random;

    public Backoff(Duration base, Duration cap, Random random) {
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The floor of every delay: even a jittered 0 must not turn into a tight retry loop. */
    public Duration minimum() {
        return Duration.ofSeconds(1);
    }

    /** Upper bound for the retry after {@code attempts} failed attempts. */
    public Duration ceiling(int attempts) {
        int shift = Math.min(Math.max(attempts, 0), 30);
        long ms = base.toMillis() << shift;
        return ms <= 0 || ms > cap.toMillis() ? cap : Duration.ofMillis(ms);
    }

    public Duration next(int attempts) {
        long ceilingMs = ceiling(attempts).toMillis();
        long ms = (long) (random.nextDouble() * ceilingMs);
        return Duration.ofMillis(Math.max(ms, minimum().toMillis()));
    }

    /**
     * The delay when the server said {@code Retry-After}: never less than it says, never less than the base
     * (the contract forbids 0, and OkHttp itself treats 0 as "re-send now"), plus jitter up to the base so
     * that kiosks told the same time do not all return in the same second.
     */
    public Duration afterServerSaid(Duration retryAfter) {
        Duration floor = retryAfter.compareTo(base) < 0 ? base : retryAfter;
        return floor.plusMillis((long) (random.nextDouble() * base.toMillis()));
    }

    /** A first delay uniform over {@code window}: spreads a reconnect storm (reliability-research §4.6). */
    public Duration spread(Duration window) {
        return Duration.ofMillis((long) (random.nextDouble() * window.toMillis()));
    }
}
