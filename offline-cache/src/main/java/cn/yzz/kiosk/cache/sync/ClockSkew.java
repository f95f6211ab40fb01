package cn.yzz.kiosk.cache.sync;

import java.time.Duration;
import java.time.Instant;

/** Compares the backend's clock with ours; over 5 minutes is worth a warning because receipts carry times. */
record ClockSkew(Duration skew) {

    static final Duration LIMIT = Duration.ofMinutes(5);

    /** Uses the midpoint of the round trip as "our time when the server stamped its answer". */
    static ClockSkew measure(Instant sent, Instant received, Instant serverTime) {
        Instant mid = sent.plus(Duration.between(sent, received).dividedBy(2));
        return new ClockSkew(Duration.between(mid, serverTime));
    }

    boolean worthWarning() {
        return skew.abs().compareTo(LIMIT) > 0;
    }
}
