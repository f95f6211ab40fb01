package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cashin.CashDesk;
import cn.yzz.kiosk.cashin.CashException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A cash desk for the step's tests, on the test's thread: the test inserts notes and causes trouble; the desk
 * ends payments by the contract's rules (credited ≥ due: paid, with a voucher for anything over; something in:
 * a voucher for all of it; nothing: cancelled) and queues what the journal would.
 */
public final class FakeCashDesk implements CashDesk {

    public final List<Transaction> queued = new ArrayList<>();
    final List<CashJournal.Ending> endings = new ArrayList<>();
    public Set<Long> accepts = new TreeSet<>(List.of(2000L, 5000L, 10000L));
    public String refuse; // plain words: start() throws
    boolean canTake = true;
    private int vouchers;
    private FakePayment open;

    @Override
    public Payment start(Transaction draft, Listener listener) throws CashException {
        if (refuse != null) {
            throw new CashException(refuse);
        }
        if (open != null && open.result == null) {
            throw new IllegalStateException("a payment is open already");
        }
        open = new FakePayment(draft, listener);
        return open;
    }

    /** The villager puts in a note that is read and credited. */
    public void insert(long fen) {
        FakePayment p = open;
        p.listener.on(new Progress.Reading(fen));
        p.notes.merge(fen, 1, Integer::sum);
        p.inserted += fen;
        long left = p.draft.amountFen() - p.inserted;
        p.listener.on(new Progress.Credited(fen, p.inserted, Math.max(0, left)));
        if (left <= 0) {
            p.end(CashJournal.Ending.ENOUGH);
        }
    }

    /** A note of a value not taken, handed back. */
    public void handBack(long fen, String why) {
        open.listener.on(new Progress.Reading(fen));
        open.listener.on(new Progress.Returned(fen, why));
    }

    public void trouble(String why) {
        open.listener.on(new Progress.Trouble(why));
    }

    /** Only a note being read: no credit yet. */
    public void reading(long fen) {
        open.listener.on(new Progress.Reading(fen));
    }

    public FakePayment payment() {
        return open;
    }

    @Override
    public Recovery recover() {
        return new Recovery(List.of(), 0, 0, 0);
    }

    @Override
    public CashJournal.CashBox cashBox() {
        return new CashJournal.CashBox(0, new TreeMap<>(), 0, 0, 0, 0, java.time.Instant.EPOCH);
    }

    @Override
    public boolean canTakeCash() {
        return canTake;
    }

    @Override
    public cn.yzz.kiosk.cashin.CashPolicy policy() {
        return cn.yzz.kiosk.cashin.CashPolicy.defaults();
    }

    @Override
    public void addBoxListener(BoxListener listener) {
    }

    @Override
    public void close() {
    }

    public final class FakePayment implements Payment {
        final Transaction draft;
        final Listener listener;
        final SortedMap<Long, Integer> notes = new TreeMap<>();
        long inserted;
        Result result;

        FakePayment(Transaction draft, Listener listener) {
            this.draft = draft;
            this.listener = listener;
        }

        @Override
        public UUID transactionId() {
            return draft.id();
        }

        @Override
        public long dueFen() {
            return draft.amountFen();
        }

        @Override
        public long insertedFen() {
            return inserted;
        }

        @Override
        public Set<Long> acceptsFen() {
            return accepts;
        }

        @Override
        public Result cancel(CashJournal.Ending why) {
            if (result == null) {
                end(why);
            }
            return result;
        }

        private void end(CashJournal.Ending why) {
            endings.add(why);
            long due = draft.amountFen();
            String status = inserted >= due ? "paid" : inserted > 0 ? "voucher" : "cancelled";
            long voucherFen = "paid".equals(status) ? inserted - due : "voucher".equals(status) ? inserted : 0;
            String voucherNo = voucherFen > 0 ? String.format("WJ-0042-V%04d", ++vouchers) : null;
            Transaction t = null;
            if (!"cancelled".equals(status)) {
                Map<String, Object> cash = new LinkedHashMap<>();
                cash.put("insertedFen", inserted);
                Map<String, Object> n = new LinkedHashMap<>();
                notes.forEach((k, v) -> n.put(Long.toString(k), v));
                cash.put("notes", n);
                if (voucherFen > 0) {
                    cash.put("voucherFen", voucherFen);
                    cash.put("voucherNo", voucherNo);
                }
                t = new Transaction(draft.id(), draft.type(), draft.serviceCode(), draft.createdAt(), draft.sessionId(),
                        draft.person(), draft.data(), "paid".equals(status) ? due : 0L, Transaction.CASH, null, cash,
                        "WJ-0042-20261206-" + String.format("%04d", queued.size() + 1));
                queued.add(t);
            }
            result = new Result(status, draft.id(), due, inserted, new TreeMap<>(notes), voucherFen, voucherNo, t);
            listener.on(new Progress.Ended(result));
        }
    }
}
