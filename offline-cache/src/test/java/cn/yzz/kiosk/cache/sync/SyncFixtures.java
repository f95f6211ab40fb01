package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Transactions and configurations for the sync tests. */
final class SyncFixtures {

    static final Instant T0 = Instant.parse("2026-11-22T01:30:00Z");
    private static final AtomicLong SEQ = new AtomicLong();

    private SyncFixtures() {}

    static Transaction payment() {
        return payment("RSJ-0007", Map.of("year", "2026", "grade", "300"));
    }

    static Transaction payment(String serviceCode, Map<String, Object> data) {
        long n = SEQ.incrementAndGet();
        // createdAt increases with n, so "oldest first" is the creation order.
        return new Transaction(UUID.randomUUID(), "payment", serviceCode,
                OffsetDateTime.ofInstant(T0.minusSeconds(100_000 - n), ZoneOffset.ofHours(8)), "s-" + n,
                new Person("440203195103152316", "李秀英"), data, 30000L,
                Map.of("insertedFen", 30000, "notes", Map.of("10000", 3)), "WJ-0042-20261122-" + n);
    }

    static SyncConfig config(String baseUrl) {
        return SyncConfig.defaults(baseUrl, "WJ-0042", "tok-1", true)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }
}
