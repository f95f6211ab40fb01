package cn.yzz.kiosk.cache;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * RFC 9562 version-7 UUIDs: 48-bit Unix milliseconds, version 7, variant 10, then random bits.
 * Within one JVM the ids are strictly increasing (as unsigned 128-bit numbers, i.e. as their
 * lower-case strings) even when the clock stands still or steps back: the 12-bit {@code rand_a}
 * field is used as a counter (RFC 9562 §6.2, method 1), and the timestamp is carried forward.
 *
 * <p>{@link #next()} uses one generator on the system clock for the whole JVM. A generator on
 * another clock ({@link #withClock}) keeps its own order, so a test's clock never drags the
 * kiosk's ids into its future.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX_MS = (1L << 48) - 1;
    private static final UuidV7 SYSTEM = new UuidV7(Clock.systemUTC());

    private final Clock clock;
    private long lastMs = -1; // guarded by this
    private int counter; // guarded by this

    private UuidV7(Clock clock) {
        this.clock = clock;
    }

    /** A new id from the JVM's generator on the system clock. */
    public static UUID next() {
        return SYSTEM.nextId();
    }

    /** A separate generator reading {@code clock}; ids are increasing among its own. */
    public static UuidV7 withClock(Clock clock) {
        return new UuidV7(clock);
    }

    public UUID nextId() {
        long now = clock.millis();
        long ms;
        int seq;
        synchronized (this) {
            if (now > lastMs) {
                lastMs = now;
                counter = RANDOM.nextInt(1 << 11); // room for at least 2048 more ids in the same ms
            } else if (++counter > 0xFFF) {
                lastMs++; // the clock stood still or stepped back: borrow the next millisecond
                counter = 0;
            }
            ms = lastMs;
            seq = counter;
        }
        if (ms > MAX_MS) {
            throw new IllegalStateException("clock beyond the UUIDv7 range: " + ms);
        }
        long msb = (ms << 16) | 0x7000L | seq;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    /** The creation time carried in a version-7 id. */
    public static Instant timestampOf(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException("not a version-7 UUID: " + id);
        }
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }
}
