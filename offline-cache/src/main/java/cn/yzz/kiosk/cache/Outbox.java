package cn.yzz.kiosk.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The queue of everything a villager finished, on its way to the county backend exactly once.
 * Implementations: the SQLite store (the kiosk) and an in-memory one (tests, demo); one contract
 * test runs against both.
 *
 * <p>The sync engine peeks due entries, sends them outside any database transaction, then marks
 * each one: acknowledged, rejected, or back to pending with its next attempt time.
 */
public interface Outbox {

    /**
     * Stores the transaction durably (and its receipt record, in the same database transaction)
     * before returning; only then may the kiosk tell the villager it is done.
     *
     * @throws StoreException when it could not be stored (disk full, I/O error): nothing was kept
     */
    void enqueue(Transaction t) throws StoreException;

    /**
     * As {@link #enqueue(Transaction)}, giving the transaction its receipt number in the same database
     * transaction: {@code <kioskId>-<yyyyMMdd>-<seq>}, the day being {@code t.createdAt()}'s local date in its
     * own offset, {@code seq} counting from 0001 each day for that kiosk (at least 4 digits). A number is never
     * given twice. An enqueue that fails takes no number: the counter is in the same transaction, and nothing
     * outside it (the screen, the printer) has seen the number before the commit, so the numbers a county
     * auditor sees have no gaps to explain.
     *
     * @param t the transaction, without a receipt number
     * @return the stored transaction, with its receipt number
     * @throws IllegalArgumentException when {@code t} already has a receipt number
     */
    Transaction enqueueReceipted(Transaction t, String kioskId) throws StoreException;

    /** The entry with this transaction id, if the outbox holds it. */
    java.util.Optional<OutboxEntry> find(UUID id) throws StoreException;

    /** The entry whose receipt carries {@code receiptNo} (an administrator's reprint), if any. */
    java.util.Optional<OutboxEntry> findByReceiptNo(String receiptNo) throws StoreException;

    /** Pending entries due at {@code now}, oldest first, at most {@code max}. */
    List<OutboxEntry> peekDue(Instant now, int max) throws StoreException;

    /**
     * As {@link #peekDue(Instant, int)}, leaving out the ids in {@code skip} (batches still under way). The
     * SQLite store does not even decrypt those, which matters when several batches are in flight.
     */
    default List<OutboxEntry> peekDue(Instant now, int max, java.util.Set<UUID> skip) throws StoreException {
        List<OutboxEntry> out = new java.util.ArrayList<>(max);
        for (OutboxEntry e : peekDue(now, max + skip.size())) {
            if (out.size() < max && !skip.contains(e.transaction().id())) {
                out.add(e);
            }
        }
        return out;
    }

    void acknowledge(UUID id, String backendRef) throws StoreException;

    /**
     * Acknowledges a whole batch's answers. The SQLite store does it in one database transaction
     * (one fsync per batch instead of one per entry: ten times faster on a kiosk's eMMC, and less wear).
     */
    default void acknowledgeAll(java.util.Map<UUID, String> backendRefs) throws StoreException {
        for (var e : backendRefs.entrySet()) {
            acknowledge(e.getKey(), e.getValue());
        }
    }

    /** Permanently refused by the backend: kept for the administrator, never retried. */
    void reject(UUID id, String reason) throws StoreException;

    /** Not known to have arrived: tries again at {@code next}; blocked after the configured number of attempts. */
    void retryLater(UUID id, Instant next, String error) throws StoreException;

    /** An administrator's decision: a blocked entry is pending again, due now. */
    boolean unblock(UUID id) throws StoreException;

    QueueStatus status(Instant now) throws StoreException;

    /** Every entry, newest first, at most {@code max}. */
    List<OutboxEntry> list(int max) throws StoreException;

    /**
     * The last {@code days} local days in {@code zone}, oldest first, today (the day of {@code now}) last: per day the
     * transactions made and, of those, how many the backend acknowledged and rejected (the console's 7-day chart).
     * Days without a transaction are there with zeros.
     *
     * @throws IllegalArgumentException when {@code days} is not 1..366
     */
    List<QueueDay> days(int days, java.time.ZoneId zone, Instant now) throws StoreException;

    /**
     * The rejected and blocked entries, newest first, at most {@code max}: what the administrator must look at, with
     * the backend's reason, and no personal data (the store does not even decrypt it).
     */
    List<QueueProblem> problems(int max) throws StoreException;

    /**
     * Removes the personal part ({@code person} and {@code data.members}) of acknowledged entries acknowledged before
     * {@code now - retention}; returns how many.
     */
    int purgePersonal(Instant now, Duration retention) throws StoreException;
}
