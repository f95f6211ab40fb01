package cn.yzz.kiosk.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The payment journal: one row per payment attempt, in the same database as the outbox, so that a payment
 * taken at the backend is queued exactly once whatever happens to the kiosk. Implementations: the SQLite
 * store and an in-memory one (tests, demo), held to one contract test.
 *
 * <p>The kiosk's flow: make the payment's transaction (its id is the order's {@code transactionId}),
 * {@link #open(Transaction)} it, only then create the order at the backend and show the QR code,
 * {@link #orderCreated}, poll; on {@code paid}, {@link #paid(UUID, String)} (only then 缴费成功); on
 * 取消支付 or expiry, {@link #close(UUID, State)}. At start, {@link #open()} lists what a crash left open:
 * paid at the backend → {@link #paid}; not paid → cancel the order at the backend, then {@link #close}.
 *
 * <p>States: {@code OPEN → PAID | CANCELLED | EXPIRED}. A PAID row never changes again. A closed row becomes
 * PAID when the backend says the order was paid after all (a cancel that lost the race with the villager's
 * phone): money taken is always queued.
 *
 * <p>Personal data ({@code person}, {@code data.members}) of a journaled draft is encrypted like the
 * outbox's. When the row becomes PAID the journal's copy is erased in the same transaction (the outbox's
 * copy is the one kept, and purged with the outbox); a cancelled or expired row's copy is purged
 * {@link #purgePersonal(Instant, Duration) the retention period} after it closed.
 */
public interface Payments {

    enum State {
        OPEN, PAID, CANCELLED, EXPIRED;

        public boolean closed() {
            return this == CANCELLED || this == EXPIRED;
        }
    }

    /**
     * A row still OPEN, for start-up recovery.
     *
     * @param draft     the transaction that will be queued when paid (method set; no order id, no receipt number)
     * @param orderId   the backend's order, null when the kiosk stopped before it heard of one (the backend
     *                  returns the same order for the same transaction id: ask again, or cancel by asking first)
     * @param payUrl    null until the order was created
     * @param expiresAt null until the order was created
     */
    record OpenPayment(Transaction draft, String orderId, String payUrl, Instant expiresAt, Instant openedAt) {}

    /**
     * A row as it stands.
     *
     * @param transaction once PAID, the queued transaction (with its receipt number and order id; its personal
     *                    part as the outbox still holds it); before, the draft as journaled
     */
    record Payment(UUID transactionId, String method, State state, String orderId, String payUrl, Instant expiresAt,
                   Transaction transaction, Instant openedAt, Instant updatedAt) {}

    /**
     * Journals a payment attempt durably; the kiosk creates the order and shows the QR code only after this
     * returns.
     *
     * @param draft a {@code payment} with {@code method} qr or cash, no order id and no receipt number yet
     * @throws StoreException {@link StoreException.Kind#STATE} when this id is already journaled; the disk-full
     *                        or I/O kinds when the store takes no new work
     */
    void open(Transaction draft) throws StoreException;

    /**
     * Notes the backend's order for an OPEN (or already closed) qr payment. The same order again is harmless;
     * a different order for the same transaction is refused ({@link StoreException.Kind#STATE}).
     *
     * @return the row's state: when it is CANCELLED or EXPIRED (the villager cancelled while the order was being
     *         created), the caller cancels the order at the backend
     */
    State orderCreated(UUID transactionId, String orderId, String payUrl, Instant expiresAt) throws StoreException;

    /**
     * The backend says paid: in ONE database transaction the row becomes PAID and its draft is queued in the
     * outbox ({@code method} qr with its {@code orderId}) with its receipt number. Idempotent: when the row is
     * already PAID, returns the transaction queued then and queues nothing.
     *
     * @return the queued transaction, with its receipt number
     * @throws StoreException {@link StoreException.Kind#STATE} for an unknown id or a qr payment without an order
     */
    Transaction paid(UUID transactionId, String kioskId) throws StoreException;

    /**
     * 取消支付 or expiry: an OPEN row becomes {@code how}. A row already PAID or closed stays as it is.
     *
     * @param how CANCELLED or EXPIRED
     * @return the row's state after the call: PAID tells the caller the payment went through after all
     */
    State close(UUID transactionId, State how) throws StoreException;

    /** The rows still OPEN, oldest first, with their drafts decrypted (start-up recovery). */
    List<OpenPayment> open() throws StoreException;

    Optional<Payment> find(UUID transactionId) throws StoreException;

    /** The paid payment whose receipt carries {@code receiptNo} (an administrator's reprint). */
    Optional<Payment> findByReceiptNo(String receiptNo) throws StoreException;

    /** Erases the personal part of rows closed (cancelled, expired) before {@code now - retention}; returns how many. */
    int purgePersonal(Instant now, Duration retention) throws StoreException;
}
