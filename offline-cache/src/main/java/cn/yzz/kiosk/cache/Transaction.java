package cn.yzz.kiosk.cache;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing a villager finished at the kiosk, as the county backend receives it
 * ({@code POST /api/v1/transactions:batch}, sync-api.md). The {@code id} is made once, when the
 * transaction is created ({@link UuidV7}), and never changes: it is the idempotency key.
 *
 * @param type      payment, application, print, evaluation or cash-audit
 * @param person    null when the service needs no person
 * @param data      the service's form values (strings, as the contract sends them)
 * @param amountFen null when no money is involved; money is always whole fen
 * @param cash      null unless paid in cash: {@code insertedFen} and {@code notes} as in the contract
 */
public record Transaction(UUID id, String type, String serviceCode, OffsetDateTime createdAt, String sessionId,
                          Person person, Map<String, Object> data, Long amountFen, Map<String, Object> cash,
                          String receiptNo) {

    public Transaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        // Sorted copies: a transaction re-sent after a restart must be the same JSON, key for key
        // (Map.copyOf iterates in an order that changes from one JVM start to the next).
        data = data == null ? Map.of() : sorted(data);
        cash = cash == null ? null : sorted(cash);
    }

    private static Map<String, Object> sorted(Map<String, Object> m) {
        Map<String, Object> copy = new java.util.TreeMap<>();
        m.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, () -> "value of " + k)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
