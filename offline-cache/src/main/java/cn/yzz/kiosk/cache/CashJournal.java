package cn.yzz.kiosk.cache;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The cash-in journal (CEN/XFS CIM's model, reliability-research.md §5): in DATA/kiosk.db beside the outbox
 * it feeds, one row per cash payment and one row per note event. Every call commits before it returns, and
 * the kiosk acts only after that: a note leaves escrow only after {@link #escrowed} committed, and it counts
 * only at {@link #credited} (the unit's CREDIT).
 *
 * <p>Payment states: {@code OPEN → COLLECTING → PAID | VOUCHER | CANCELLED}. COLLECTING from the first
 * note in escrow. {@link #settle} ends a payment by what was credited, in the same SQLite transaction that
 * queues its transaction: credited ≥ due → PAID (a change voucher for anything over); 0 < credited < due →
 * VOUCHER ({@code amountFen} 0, {@code cash.voucherFen} = inserted); nothing credited → CANCELLED, nothing
 * queued. So every note in the cash box is in exactly one transaction, or listed as unattributed.
 *
 * <p>The cash box counters are the journal's sums over the current box period (since the last cash box
 * replacement); there is no second copy to drift.
 *
 * <p>Voucher numbers are {@code <kioskId>-Z<yyyyMMdd>-<seq>} (the payment's kiosk-local day, seq from 01 each
 * day, at least two digits: {@code WJ-0042-Z20261122-03}), unique in the journal. Refused moves are
 * {@link StoreException.Kind#STATE}: an unknown id, a second unended payment, a second note in escrow, a note on
 * an ended payment, settling while a note is in escrow. After a disk-full or I/O failure {@link #open} and
 * {@link #escrowed} (new work) are refused with that failure's kind; everything for money already taken
 * ({@link #credited}, {@link #returned}, {@link #unattributed}, {@link #settle}, the cash box) is still tried.
 */
public interface CashJournal {

    enum State {
        OPEN, COLLECTING, PAID, VOUCHER, CANCELLED;

        public boolean ended() {
            return this == PAID || this == VOUCHER || this == CANCELLED;
        }
    }

    /** Why a payment ended: recorded with it. */
    enum Ending {
        /** Enough was credited. */
        ENOUGH,
        /** 取消 by the villager. */
        CANCELLED,
        /** Nobody inserted a note or finished in time. */
        TIMED_OUT,
        /** Ended by the start-up reconciliation after a crash or power cut. */
        RECOVERED
    }

    /** The note held in escrow for a payment and not yet credited or handed back. */
    record Escrow(int channel, long valueFen, Instant at) {}

    /**
     * A payment as it stands.
     *
     * @param draft  the payment as journaled ({@code method} cash, {@code amountFen} the amount due)
     * @param queued once ended PAID or VOUCHER, the transaction queued in the outbox; null before and for CANCELLED
     * @param notes  credited notes: value in fen → how many
     * @param escrow the note in escrow, null when none
     */
    record CashPayment(UUID transactionId, State state, long dueFen, long creditedFen, SortedMap<Long, Integer> notes,
                       Escrow escrow, Transaction draft, Transaction queued, String voucherNo, long voucherFen,
                       Ending ending, Instant openedAt, Instant updatedAt) {}

    /**
     * The cash box in its current period.
     *
     * @param notes            value in fen → how many notes credited into the box this period (payments and unattributed)
     * @param unattributedFen  credited this period with no payment to put them in (a power-up clearing into the
     *                         box for a note the journal did not hold in escrow): for the administrator to reconcile
     * @param openPayments     payments not yet ended
     */
    record CashBox(long cashboxFen, SortedMap<Long, Integer> notes, int noteCount, long unattributedFen,
                   int unattributedNotes, int openPayments, Instant periodStart) {}

    /**
     * Journals a cash payment before the acceptor is enabled for it.
     *
     * @param draft a {@code payment} with method cash, {@code amountFen} the amount due, no receipt number
     * @throws IllegalArgumentException for another type or method, an amount due under 1 fen, or a draft that
     *                                  already has a receipt number or cash
     * @throws StoreException STATE when this id is journaled already or another payment is not ended; the
     *                        disk-full or I/O kinds when the store takes no new work
     */
    void open(Transaction draft) throws StoreException;

    /**
     * A note is in escrow for this payment; after this returns the acceptor may take it. The payment becomes
     * COLLECTING.
     *
     * @throws StoreException STATE when the payment is ended or already holds a note in escrow; the disk-full or
     *                        I/O kinds when the store takes no new work (hand the note back)
     */
    void escrowed(UUID transactionId, int channel, long valueFen) throws StoreException;

    /**
     * The note in escrow went back to the villager (rejected by the kiosk or the unit, cleared from the front).
     * With no note in escrow (a repeated report, an ended payment) it changes nothing.
     */
    void returned(UUID transactionId, String why) throws StoreException;

    /**
     * The unit credited a note: the escrow closes, the payment and the cash box count it, one commit.
     * Idempotent per escrow is NOT assumed: each call is one more note.
     *
     * @return the payment after the commit (what the screen shows)
     * @throws StoreException STATE when the payment is ended: the caller records the note with {@link #unattributed}
     */
    CashPayment credited(UUID transactionId, int channel, long valueFen) throws StoreException;

    /**
     * A note went into the cash box with no payment to put it in. It counts in the cash box and stays listed
     * until the next cash box audit.
     */
    void unattributed(int channel, long valueFen, String why) throws StoreException;

    /**
     * Ends the payment by what was credited (see the class comment), queuing its transaction in the same
     * SQLite transaction with a receipt number and, when a voucher is owed, a voucher number. Idempotent: an
     * ended payment returns as it ended and nothing more is queued. The journal's copy of the personal part goes
     * with the queuing (the outbox's is kept); a CANCELLED payment's is purged after the retention period.
     *
     * @throws StoreException STATE while a note is in escrow (record it {@link #returned} or {@link #credited}
     *                        first: nothing ends with a note unaccounted for), or for {@link Ending#ENOUGH} when
     *                        less than the amount due was credited
     */
    CashPayment settle(UUID transactionId, String kioskId, Ending why) throws StoreException;

    /** Payments not ended (OPEN, COLLECTING), oldest first: what the start-up reconciliation ends. */
    List<CashPayment> unfinished() throws StoreException;

    Optional<CashPayment> find(UUID transactionId) throws StoreException;

    CashBox cashBox() throws StoreException;

    /** The unit reported its cash box removed: an event row; the period goes on until it is replaced. */
    void cashboxRemoved() throws StoreException;

    /**
     * The cash box is back (emptied): in one transaction a {@code cash-audit} transaction with the period's
     * counts is queued and a new period starts at zero.
     *
     * @return the audit transaction queued, with a receipt number (the audit receipt) and no amountFen: its
     *         {@code cash} holds {@code cashboxFen}, {@code notes}, {@code unattributedFen}, {@code periodStart},
     *         {@code periodEnd} (RFC 3339) and {@code journalHash} (the hash chain's head, hex SHA-256)
     */
    Transaction cashboxReplaced(String kioskId) throws StoreException;
}
