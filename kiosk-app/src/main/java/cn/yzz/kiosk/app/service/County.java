package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What a service run asks of the county and of the kiosk's own records. Every call returns at once;
 * the work (SQLite, HTTP) runs on other threads and the futures complete there, so callers hop back
 * to the JavaFX thread themselves. A future that fails with {@link Unreachable} means the county did
 * not answer (the line is down); any other failure is an answer that says no.
 */
public interface County {

    /** The county did not answer: try again when the line is back. */
    final class Unreachable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Why, for the words a villager is told: the line, a county too slow to answer, or a county in trouble (5xx). */
        public enum Why { LINE, SLOW, SERVER }

        private final Why why;
        private final transient java.time.Duration retryAfter;

        public Unreachable(String message, Throwable cause) {
            this(message, cause, Why.LINE);
        }

        public Unreachable(String message, Throwable cause, Why why) {
            this(message, cause, why, null);
        }

        /** @param retryAfter how long the county asked not to be asked again (429/503 {@code Retry-After}), or null */
        public Unreachable(String message, Throwable cause, Why why, java.time.Duration retryAfter) {
            super(message, cause);
            this.why = java.util.Objects.requireNonNull(why, "why");
            this.retryAfter = retryAfter;
        }

        public Why why() {
            return why;
        }

        /** The county's {@code Retry-After}, when it gave one: nothing is asked of it again before then. */
        public java.util.Optional<java.time.Duration> retryAfter() {
            return java.util.Optional.ofNullable(retryAfter);
        }
    }

    /** The county answered "no such person / order" (404). */
    final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }

    /** An order to pay by phone. */
    record QrOrder(String orderId, String payUrl, Instant expiresAt) {}

    enum OrderState { PENDING, PAID, EXPIRED, CANCELLED }

    /** {@code POST /household}: the members of the person's household, the person first. */
    CompletableFuture<List<Member>> household(String idNumber);

    /**
     * Journals the payment (its whole transaction, to be queued when paid) durably, and only then creates
     * the order at the county. A crash after the journal is found at the next start.
     */
    CompletableFuture<QrOrder> openQrOrder(Transaction draft);

    CompletableFuture<OrderState> orderState(String orderId);

    /** {@code DELETE}: the answer may be PAID (the villager paid at the last moment), which the caller must honour. */
    CompletableFuture<OrderState> cancelOrder(UUID transactionId, String orderId);

    /** The order ended unpaid (expired, cancelled): the journal closes it. */
    CompletableFuture<Void> closeOrder(UUID transactionId, OrderState state);

    /**
     * The order is paid: the payment transaction (with {@code method: qr}, {@code orderId}) and its receipt
     * record are committed in one SQLite transaction with the journal. Idempotent: the stored transaction,
     * with its receipt number, comes back however often it is called.
     */
    CompletableFuture<Transaction> commitPaid(UUID transactionId);

    /**
     * The visit ended by force (an unexpected error) with the order open: cancels it at the county in the
     * background, and if the villager had paid after all, commits it; if the county cannot be asked, the
     * journal keeps it open for the recovery that runs when the county is reachable again.
     */
    void abandonOrder(UUID transactionId, String orderId);

    /** Commits a finished service (an application) with its receipt number; done only when this completes. */
    CompletableFuture<Transaction> commit(Transaction t);

    /**
     * {@code POST /services/{code}/query}: the villager's data for a query or print service. {@link NotFound} when
     * the county has none; {@link Unreachable} when it did not answer in time; any other failure is an answer the
     * kiosk cannot use (a 5xx, a malformed body).
     */
    CompletableFuture<QueryAnswer> query(String serviceCode, Person person, Map<String, Object> data);

    /**
     * {@code POST /identity/resolve}: the person a scanned 粤省事码 stands for; {@link NotFound} for an unknown or
     * expired code. The code is a credential: it is never logged or stored.
     */
    CompletableFuture<Person> resolveCode(String code);

    /** Queues a transaction that carries no receipt (an evaluation). */
    CompletableFuture<Void> queue(Transaction t);

    /** The kiosk's id as enrolled (receipt numbers begin with it); "" when not enrolled. */
    String kioskId();
}
