package cn.yzz.kiosk.cache;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One thing a villager finished at the kiosk, as the county backend receives it
 * ({@code POST /api/v1/transactions:batch}, sync-api.md v1.1). The {@code id} is made once, when the
 * transaction is created ({@link UuidV7}), and never changes: it is the idempotency key.
 *
 * <p>Personal data is {@code person} and {@code data.members} ({@value #MEMBERS}): the store keeps both
 * encrypted and purges both after the retention period; everything else is stored in clear.
 *
 * @param type      payment, application, print, evaluation or cash-audit
 * @param person    the identified villager (for a payment: the one who pays); null when the service needs no person
 * @param data      the service's form values (strings, as the contract sends them; {@code members} a list of
 *                  {@code {"idNumber", "name"}} objects, the people paid for, absent when paying for oneself)
 * @param amountFen null when no money is involved; money is always whole fen
 * @param method    how a payment was paid: null, {@value #QR} or {@value #CASH}
 * @param orderId   the QR payment order ({@code POST /payments/qr}); null unless {@code method} is qr. A draft
 *                  (a payment journaled before its order exists) has method qr and no order id yet
 * @param cash      null unless paid in cash: {@code insertedFen} and {@code notes} as in the contract
 * @param receiptNo the kiosk's receipt number, {@code <kioskId>-<yyyyMMdd>-<seq>}; null when there is no receipt
 */
public record Transaction(UUID id, String type, String serviceCode, OffsetDateTime createdAt, String sessionId,
                          Person person, Map<String, Object> data, Long amountFen, String method, String orderId,
                          Map<String, Object> cash, String receiptNo) {

    public static final String QR = "qr";
    public static final String CASH = "cash";
    /** The key in {@code data} of the people paid for: personal data. */
    public static final String MEMBERS = "members";

    public Transaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        if (method != null && !method.equals(QR) && !method.equals(CASH)) {
            throw new IllegalArgumentException("method must be qr or cash, not " + method);
        }
        if (orderId != null && !QR.equals(method)) {
            throw new IllegalArgumentException("an orderId belongs to a qr payment, not to method " + method);
        }
        // Sorted, deep, unmodifiable copies: a transaction re-sent after a restart must be the same JSON,
        // key for key (Map.copyOf iterates in an order that changes from one JVM start to the next).
        data = data == null ? Map.of() : sorted(data);
        cash = cash == null ? null : sorted(cash);
    }

    /** A transaction without a payment method (v1 shape): evaluations, applications, and callers written before v1.1. */
    public Transaction(UUID id, String type, String serviceCode, OffsetDateTime createdAt, String sessionId,
                       Person person, Map<String, Object> data, Long amountFen, Map<String, Object> cash,
                       String receiptNo) {
        this(id, type, serviceCode, createdAt, sessionId, person, data, amountFen, null, null, cash, receiptNo);
    }

    /** This transaction with the receipt number the store gave it. */
    public Transaction withReceiptNo(String no) {
        return new Transaction(id, type, serviceCode, createdAt, sessionId, person, data, amountFen, method, orderId,
                cash, no);
    }

    /** This transaction paid by QR under {@code order}. */
    public Transaction withOrder(String order) {
        return new Transaction(id, type, serviceCode, createdAt, sessionId, person, data, amountFen, QR,
                Objects.requireNonNull(order, "order"), cash, receiptNo);
    }

    /** This transaction without its personal data ({@code person} and {@code data.members}): what is left after the purge. */
    public Transaction withoutPersonalData() {
        Map<String, Object> rest = new TreeMap<>(data);
        rest.remove(MEMBERS);
        return new Transaction(id, type, serviceCode, createdAt, sessionId, null, rest, amountFen, method, orderId,
                cash, receiptNo);
    }

    /** Whether any personal data is in it. */
    public boolean hasPersonalData() {
        return person != null || data.containsKey(MEMBERS);
    }

    private static Map<String, Object> sorted(Map<?, ?> m) {
        Map<String, Object> copy = new TreeMap<>();
        m.forEach((k, v) -> copy.put((String) Objects.requireNonNull(k, "key"),
                deep(Objects.requireNonNull(v, () -> "value of " + k))));
        return Collections.unmodifiableMap(copy);
    }

    private static Object deep(Object v) {
        if (v instanceof Map<?, ?> m) {
            return sorted(m);
        }
        if (v instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(x -> copy.add(deep(Objects.requireNonNull(x, "list element"))));
            return Collections.unmodifiableList(copy);
        }
        return v;
    }
}
