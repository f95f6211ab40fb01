package cn.yzz.kiosk.cache;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/** Valid transactions for tests, made the way the kiosk makes them. */
public final class Transactions {

    public static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZoneOffset.ofHours(8));
    public static final Person LI = new Person("440203195103152316", "李秀英");

    private Transactions() {}

    /** A cash payment made {@code secondsAfterT0} after T0. */
    public static Transaction payment(long secondsAfterT0, int n) {
        OffsetDateTime at = T0.plus(Duration.ofSeconds(secondsAfterT0));
        return new Transaction(UuidV7.next(), "payment", "RSJ-0007", at, "session-" + n, LI,
                Map.of("year", "2026", "grade", "300"), 30000L,
                Map.of("insertedFen", 30000, "notes", Map.of("10000", 3)), "WJ-0042-20261122-" + String.format("%04d", n));
    }

    public static Transaction evaluation(long secondsAfterT0, int n) {
        return new Transaction(UuidV7.next(), "evaluation", "RSJ-0007", T0.plus(Duration.ofSeconds(secondsAfterT0)),
                "session-" + n, null, Map.of("level", "5"), null, null, null);
    }
}
