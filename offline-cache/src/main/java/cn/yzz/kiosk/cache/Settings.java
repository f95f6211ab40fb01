package cn.yzz.kiosk.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the kiosk store behaves.
 *
 * @param maxAttempts       uploads tried before an entry is blocked for the administrator
 * @param personalRetention how long the personal part of an acknowledged entry is kept (PIPL Art. 19)
 * @param busyTimeout       how long a statement waits for a lock held by another connection
 * @param clock             the time the store stamps on rows (acknowledged at, blocked at, damaged copy names)
 */
public record Settings(int maxAttempts, Duration personalRetention, Duration busyTimeout, Clock clock) {

    public static final int DEFAULT_MAX_ATTEMPTS = 50;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public Settings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        Objects.requireNonNull(personalRetention, "personalRetention");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(clock, "clock");
        if (personalRetention.isNegative()) {
            throw new IllegalArgumentException("personalRetention is negative");
        }
    }

    public static Settings defaults() {
        return new Settings(DEFAULT_MAX_ATTEMPTS, DEFAULT_RETENTION, Duration.ofSeconds(5), Clock.systemUTC());
    }

    public Settings withMaxAttempts(int n) {
        return new Settings(n, personalRetention, busyTimeout, clock);
    }

    public Settings withClock(Clock c) {
        return new Settings(maxAttempts, personalRetention, busyTimeout, c);
    }
}
