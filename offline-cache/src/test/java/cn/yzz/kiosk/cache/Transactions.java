package cn.yzz.kiosk.cache;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    public static final Person MING = new Person("440203198003150017", "李明");
    public static final Person FANG = new Person("440203200501010028", "李芳");

    /** The people paid for, as {@code data.members} carries them. */
    public static List<Map<String, Object>> members(Person... people) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Person p : people) {
            out.add(Map.of("idNumber", p.idNumber(), "name", p.name()));
        }
        return out;
    }

    /**
     * A household payment by QR, made at {@code at}: LI pays for MING and FANG. No receipt number (the store makes it)
     * and no order yet when {@code orderId} is null (a draft).
     */
    public static Transaction householdQr(OffsetDateTime at, String orderId) {
        return new Transaction(UuidV7.next(), "payment", "SWJ-0001", at, "session-h", LI,
                Map.of("grade", "300", "for", "household", Transaction.MEMBERS, members(MING, FANG)), 60000L,
                Transaction.QR, orderId, null, null);
    }

    public static Transaction householdQr(long secondsAfterT0, String orderId) {
        return householdQr(T0.plus(Duration.ofSeconds(secondsAfterT0)), orderId);
    }

    /**
     * A cash payment's draft as the kiosk journals it, made {@code secondsAfterT0} after T0: LI pays {@code dueFen}
     * for MING and FANG; no receipt number and no cash yet (the journal adds both when it settles).
     */
    public static Transaction cashDraft(long secondsAfterT0, long dueFen) {
        return new Transaction(UuidV7.next(), "payment", "SWJ-0001", T0.plus(Duration.ofSeconds(secondsAfterT0)),
                "session-c", LI, Map.of("grade", "300", "for", "household", Transaction.MEMBERS, members(MING, FANG)),
                dueFen, Transaction.CASH, null, null, null);
    }

    public static Transaction evaluation(long secondsAfterT0, int n) {
        return new Transaction(UuidV7.next(), "evaluation", "RSJ-0007", T0.plus(Duration.ofSeconds(secondsAfterT0)),
                "session-" + n, null, Map.of("level", "5"), null, null, null);
    }
}
