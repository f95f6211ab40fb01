package cn.yzz.kiosk.cashin;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.Transaction;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Cash payments on an enhanced kiosk: the one place that joins the note acceptor to the cash-in journal, used
 * by the kiosk's cash step and by {@code kioskctl cash}. It enables the acceptor for a payment, commits each
 * note in escrow before the unit may take it, counts it at CREDIT, disables the unit as soon as enough is in,
 * and ends the payment through the journal (paid, change voucher, or cancelled). At start {@link #recover()}
 * ends what a crash or power cut left open. Methods that talk to the unit or the database block: never call
 * them on the JavaFX thread. Listeners hear on the desk's own thread.
 */
public interface CashDesk extends AutoCloseable {

    /** What a payment tells its listener, in order. */
    sealed interface Progress {
        /** A note is being read or is in escrow (show "正在识别"). */
        record Reading(long valueFen) implements Progress {}
        /** A note was credited and committed: what is in and what is still due. */
        record Credited(long valueFen, long insertedFen, long leftFen) implements Progress {}
        /** A note was handed back, with plain words why (inhibited value, not recognised, too much). */
        record Returned(long valueFen, String why) implements Progress {}
        /** The acceptor is not usable any more for this payment (jam, cash box removed, link lost): plain words. */
        record Trouble(String why) implements Progress {}
        /** The payment ended; nothing more follows. */
        record Ended(Result result) implements Progress {}
    }

    interface Listener {
        void on(Progress progress);
    }

    /**
     * How a payment ended: {@code status} is {@code paid}, {@code voucher} or {@code cancelled} (as kioskctl prints).
     *
     * @param queued the transaction queued in the outbox (null when cancelled with nothing credited)
     */
    record Result(String status, UUID transactionId, long dueFen, long insertedFen, SortedMap<Long, Integer> notes,
                  long voucherFen, String voucherNo, Transaction queued) {}

    /** One payment being collected. */
    interface Payment {
        UUID transactionId();

        long dueFen();

        long insertedFen();

        /** The note values this payment takes now (the rest are inhibited). */
        Set<Long> acceptsFen();

        /**
         * 取消 / timed out: a note in escrow is handed back; the payment ends by what was credited (a change
         * voucher when anything was). Idempotent; blocks until ended.
         */
        Result cancel(CashJournal.Ending why);
    }

    /**
     * Journals {@code draft} (a payment, method cash, amountFen due) and enables the acceptor for it.
     *
     * @throws CashException when the acceptor or the store cannot take cash now (plain words for the villager)
     */
    Payment start(Transaction draft, Listener listener) throws CashException;

    /**
     * The start-up reconciliation: reads the unit's power-up events and the journal, and ends every open
     * payment (paid when enough was credited; otherwise a change voucher for what was; nothing when nothing).
     */
    Recovery recover() throws CashException;

    /** What {@link #recover()} found and did. */
    record Recovery(List<Result> ended, int clearedFromFront, int clearedToCashbox, long unattributedFen) {}

    /** The cash box now (the journal's sums) with the acceptor's fill limit. */
    CashJournal.CashBox cashBox() throws CashException;

    /** Whether cash can be offered now: the acceptor usable, the box in and not near full, the store taking work. */
    boolean canTakeCash();

    /** What this desk takes and how long it waits (the cash box's capacity among it). */
    CashPolicy policy();

    /**
     * Hears about the cash box, on the desk's thread: the kiosk prints the audit receipt on replacement and takes
     * cash out of the service lists when the box is out or near full.
     */
    interface BoxListener {
        /** The unit reported the box out (journaled); no cash is offered until it is back. */
        default void removed() {}

        /** The box is back, emptied: {@code audit} is the {@code cash-audit} transaction queued with the period's counts. */
        default void replaced(Transaction audit) {}

        /** The box reached the policy's near-full count (told once per box period). */
        default void nearFull(CashJournal.CashBox box) {}
    }

    void addBoxListener(BoxListener listener);

    /**
     * A bill test (the administrator's console, never while a payment is under way): enables the acceptor with no payment
     * for up to {@code time}, and every note read into escrow is handed back (nothing goes to the cash box, nothing is
     * credited or journaled). Ends once {@code enough} notes were read and handed back. Returns their values in fen.
     *
     * @throws CashException when a payment is under way, the box is out, the journal needs reconciling, or the unit does
     *                       not answer (plain words)
     */
    default java.util.List<Long> billTest(java.time.Duration time, int enough) throws CashException {
        throw new CashException("这台收钞机不能做验钞测试");
    }

    @Override
    void close();
}
