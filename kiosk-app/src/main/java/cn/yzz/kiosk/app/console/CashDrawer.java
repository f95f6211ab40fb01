package cn.yzz.kiosk.app.console;

import cn.yzz.kiosk.cache.CashJournal;
import java.time.Duration;
import java.util.List;

/**
 * The cash desk as the console reaches it (enhanced kiosks): the box by the journal, the bill test, and the box being
 * changed. The kiosk's cash desk owns the note acceptor; the console never drives it itself. Blocking methods are
 * called off the JavaFX thread.
 */
public interface CashDrawer {

    /** Hears the box; called on the cash desk's threads. */
    interface BoxWatcher {
        /** The unit reported the box taken out (journaled). */
        void removed();

        /**
         * A box is back in: the journal queued the {@code cash-audit} with the period's counts, and the reconciliation
         * slip was printed ({@code printed}) or could not be ({@code why}, plain words).
         */
        void replaced(ReconciliationReport report, boolean printed, String why);
    }

    /** What a box change comes to: the period, notes by value, total (the journal's), unattributed, hash. */
    record ReconciliationReport(String kioskId, java.util.SortedMap<Long, Integer> notes, long totalFen, long unattributedFen,
                                String from, String to, String journalHash, java.util.UUID auditId) {
        public int noteCount() {
            return notes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The box now, by the journal. Blocks. */
    CashJournal.CashBox box() throws Exception;

    /** How many notes the box holds (the profile's {@code capacity} option, or the cash policy's default). */
    int capacityNotes();

    /** Whether a cash payment is under way (an unfinished one in the journal). Blocks. */
    boolean paymentUnderWay() throws Exception;

    /** No cash is offered ({@code true}) while the box is changed; the acceptor is disabled. Returns at once. */
    void stopTaking(boolean stop);

    /** The bill test: notes read into escrow and handed back, never credited. Blocks up to {@code time}. */
    List<Long> billTest(Duration time) throws Exception;

    void watch(BoxWatcher watcher);
}
