package cn.yzz.kiosk.cashin;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.device.cash.NoteAcceptor;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Makes the kiosk's cash desk. */
public final class CashDesks {

    private CashDesks() {}

    /** A desk over {@code acceptor} and the store's cash-in journal: see {@link #open(NoteAcceptor, CashJournal, String, BooleanSupplier, CashPolicy)}. */
    public static CashDesk open(NoteAcceptor acceptor, KioskStore store, String kioskId, CashPolicy policy)
            throws CashException {
        return open(acceptor, store.cash(), kioskId, store::acceptingWork, policy);
    }

    /**
     * A desk over {@code acceptor} and {@code journal}; it becomes the acceptor's one handler at once, so that
     * the unit's power-up events are journaled from the first poll on. Run {@link CashDesk#recover()} before the
     * first payment. The caller still owns (and closes) the acceptor and the store.
     *
     * @param kioskId        the kiosk's id, for receipt and voucher numbers
     * @param storeAccepting whether the store takes new work now (false after a disk-full or I/O error)
     * @throws CashException when the journal cannot be read
     */
    public static CashDesk open(NoteAcceptor acceptor, CashJournal journal, String kioskId,
                                BooleanSupplier storeAccepting, CashPolicy policy) throws CashException {
        JournaledCashDesk desk = new JournaledCashDesk(Objects.requireNonNull(acceptor, "acceptor"),
                Objects.requireNonNull(journal, "journal"), Objects.requireNonNull(kioskId, "kioskId"),
                Objects.requireNonNull(storeAccepting, "storeAccepting"), Objects.requireNonNull(policy, "policy"));
        acceptor.setHandler(desk);
        return desk;
    }
}
