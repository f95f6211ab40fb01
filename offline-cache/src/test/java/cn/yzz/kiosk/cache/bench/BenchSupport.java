package cn.yzz.kiosk.cache.bench;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Transactions and figure helpers shared by the offline-cache benchmarks. */
final class BenchSupport {

    private static final AtomicLong SEQ = new AtomicLong();

    private BenchSupport() {}

    /** A realistic payment as the kiosk makes it: UUID v7 id, person, service data, cash. */
    static Transaction payment() {
        long n = SEQ.incrementAndGet();
        return new Transaction(UuidV7.next(), "payment", "RSJ-0007",
                OffsetDateTime.now(ZoneOffset.ofHours(8)), "s-" + n,
                new Person("440203195103152316", "李秀英"), Map.of("year", "2026", "grade", "300"), 30000L,
                Map.of("insertedFen", 30000, "notes", Map.of("10000", 3)), "WJ-0042-20261122-" + n);
    }

    /** The q-quantile (0..1) of nanosecond samples, nearest rank. */
    static long quantile(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(q * s.length) - 1;
        return s[Math.max(0, Math.min(i, s.length - 1))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static String verdict(boolean within) {
        return within ? "PASS" : "OVER";
    }

    static String seconds(Duration d) {
        return String.format("%.2f s", d.toMillis() / 1000.0);
    }
}
