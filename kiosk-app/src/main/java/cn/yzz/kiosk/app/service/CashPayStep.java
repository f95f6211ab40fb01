package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cashin.CashDesk;
import cn.yzz.kiosk.cashin.CashException;
import cn.yzz.kiosk.device.DeviceException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Paying in cash on an enhanced kiosk, through the {@link CashDesk}: the amount due, the note values the
 * acceptor takes (the rest are inhibited), each credit shown and spoken with what is still due. The desk
 * journals every note before the unit may keep it and ends the payment through the journal, which queues
 * its transaction in the same SQLite transaction; only after that (its {@code Ended}) does the screen say
 * 缴费成功. The kiosk gives no change: an overpayment is paid with a change voucher for the difference, and
 * 取消 after notes went in ends with a voucher for all of them; either voucher is printed as a slip of its
 * own at once (it is money), and shown on screen if the printer cannot. Nobody there for the desk's
 * inactivity time (its policy) ends the payment as timed out, likewise. The session holds money from the
 * start until the payment has ended and any voucher is in the villager's hand: the idle watch never wipes
 * it and 返回 / 首页 wait. The desk's blocking calls run on the till's thread; its news comes back through
 * the run's executor.
 */
public final class CashPayStep extends Step {

    public enum State {
        /** Journaling the payment and enabling the acceptor. */
        STARTING,
        /** Waiting for notes. */
        INSERTING,
        /** A note is being read (正在识别). */
        READING,
        /** The acceptor cannot go on (jam, cash box out, link lost): plain words; 取消 gives a voucher for what is in. */
        TROUBLE,
        /** 取消 was tapped: the villager is asked to confirm (notes may still come in meanwhile). */
        CONFIRM_CANCEL,
        /** Enough is in, or the payment is being cancelled: the desk ends it. */
        ENDING,
        /** 缴费成功, committed; with a change voucher when more went in than was due. */
        PAID,
        /** Ended unpaid after notes went in: a change voucher for all of them. */
        VOUCHER,
        /** Ended with nothing in. */
        CANCELLED,
        /** Cash cannot be taken now: plain words. */
        FAILED
    }

    /** The change voucher's slip. */
    public enum Slip { NONE, PRINTING, PRINTED, ON_SCREEN }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.STARTING);
    private final ReadOnlyLongWrapper insertedFen = new ReadOnlyLongWrapper(this, "insertedFen", 0);
    private final ReadOnlyLongWrapper leftFen = new ReadOnlyLongWrapper(this, "leftFen");
    private final ReadOnlyLongWrapper lastNoteFen = new ReadOnlyLongWrapper(this, "lastNoteFen", 0);
    private final ReadOnlyStringWrapper returned = new ReadOnlyStringWrapper(this, "returned", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<List<Long>> accepts = new ReadOnlyObjectWrapper<>(this, "accepts", List.of());
    private final ReadOnlyObjectWrapper<CashDesk.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Slip> slip = new ReadOnlyObjectWrapper<>(this, "slip", Slip.NONE);
    private final ReadOnlyStringWrapper slipProblem = new ReadOnlyStringWrapper(this, "slipProblem", "");
    private final long dueFen;
    private CashDesk.Payment payment;
    private UUID transactionId;
    private Transaction stored;
    private CashSlips.Voucher voucher;
    private Runnable moneyHold;
    /** Each start is one attempt; news of an earlier one (a late event) is not this screen's. */
    private int attempt;

    CashPayStep(ServiceRun run) {
        super(run);
        this.dueFen = Forms.amountFen(run.plan().service(), run.answers()).orElseThrow();
        leftFen.set(dueFen);
        say(Prompt.of("step.cash.opening"));
    }

    @Override
    public StepKind kind() {
        return StepKind.PAY;
    }

    public long dueFen() {
        return dueFen;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Credited so far. */
    public ReadOnlyLongProperty insertedFenProperty() {
        return insertedFen.getReadOnlyProperty();
    }

    /** Still due (0 once enough is in). */
    public ReadOnlyLongProperty leftFenProperty() {
        return leftFen.getReadOnlyProperty();
    }

    /** The value of the last note credited, 0 before the first. */
    public ReadOnlyLongProperty lastNoteFenProperty() {
        return lastNoteFen.getReadOnlyProperty();
    }

    /** Why the last note was handed back, in the desk's plain words; empty once a note is credited. */
    public ReadOnlyStringProperty returnedProperty() {
        return returned.getReadOnlyProperty();
    }

    /** The trouble or the failure, in plain words; empty when there is none. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The note values taken now, largest first (the others are inhibited). */
    public ReadOnlyObjectProperty<List<Long>> acceptsProperty() {
        return accepts.getReadOnlyProperty();
    }

    /** How the payment ended; null until it has. */
    public ReadOnlyObjectProperty<CashDesk.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Slip> slipProperty() {
        return slip.getReadOnlyProperty();
    }

    /** Why the voucher is on screen and not on paper, in the printer's words; empty otherwise. */
    public ReadOnlyStringProperty slipProblemProperty() {
        return slipProblem.getReadOnlyProperty();
    }

    /** The change voucher, once one is owed; null otherwise. */
    public CashSlips.Voucher voucher() {
        return voucher;
    }

    /** The committed payment, once paid. */
    public Transaction stored() {
        return stored;
    }

    @Override
    protected void entered() {
        if (state.get() == State.STARTING && transactionId == null) {
            start();
        }
    }

    @Override
    public boolean canGoBack() {
        return moneyHold == null && (state.get() == State.FAILED || state.get() == State.CANCELLED);
    }

    @Override
    public boolean canLeave() {
        return moneyHold == null;
    }

    // Commands //

    /** 取消: asks first (what is in comes back as a voucher, not as cash). */
    public void cancel() {
        State s = state.get();
        if (s == State.INSERTING || s == State.READING || s == State.TROUBLE) {
            state.set(State.CONFIRM_CANCEL);
            say(insertedFen.get() > 0 ? Prompt.of("step.cash.confirm.cancel", Money.spoken(insertedFen.get()))
                    : Prompt.of("step.cash.confirm.cancel.none"));
        }
    }

    /** 继续投币 from the question. */
    public void keepPaying() {
        if (state.get() == State.CONFIRM_CANCEL) {
            if (!problem.get().isEmpty()) {
                state.set(State.TROUBLE);
                say(Prompt.of("step.cash.trouble"));
            } else {
                state.set(State.INSERTING);
                sayInsert();
            }
        }
    }

    /** 确定取消: a note in escrow is handed back, and what was credited becomes a change voucher. */
    public void confirmCancel() {
        if (state.get() == State.CONFIRM_CANCEL) {
            ServiceRun.LOG.info(() -> "cash payment " + transactionId + ": the villager cancels with " + insertedFen.get() + " fen in");
            end(CashJournal.Ending.CANCELLED);
        }
    }

    /** 重新投币 after a payment ended with nothing in, or after a failure. */
    public void again() {
        if (state.get() == State.CANCELLED || state.get() == State.FAILED) {
            start();
        }
    }

    /** 不缴了 after a payment ended with nothing in, or after a failure: on to the evaluation. */
    public void giveUp() {
        if (state.get() == State.CANCELLED || state.get() == State.FAILED) {
            release();
            run.skipToEvaluation(this);
        }
    }

    /** 下一步 once paid (to the receipt) or once the voucher is in hand (to the evaluation). */
    public void next() {
        if (slip.get() == Slip.PRINTING) {
            return;
        }
        if (state.get() == State.PAID) {
            release();
            run.forward(this);
        } else if (state.get() == State.VOUCHER) {
            release();
            run.skipToEvaluation(this);
        }
    }

    @Override
    protected void abandoned() {
        CashDesk.Payment p = payment;
        if (p != null && result.get() == null) {
            // Only an unexpected error ends a visit while cash is being taken (首页, 返回 and the idle watch wait):
            // the payment is ended here and now, and a voucher owed is printed for whoever comes to the kiosk.
            ServiceRun.LOG.warning(() -> "cash payment " + transactionId + ": the visit ended while taking cash");
            endAfterTheVisit(p);
        }
        payment = null;
        release();
    }

    // Internals //

    /** Ends a payment whose visit is over, on the till; a voucher owed is printed for whoever comes to the kiosk. */
    private void endAfterTheVisit(CashDesk.Payment p) {
        Till till = run.till();
        till.work().execute(() -> {
            CashDesk.Result r = p.cancel(CashJournal.Ending.CANCELLED);
            till.queued().run();
            ServiceRun.LOG.info(() -> "cash payment " + r.transactionId() + " ended " + r.status() + " after the visit ended");
            if (r.voucherFen() > 0 && run.printer().ready()) {
                run.printer().print(CashSlips.voucher(voucherOf(r), run.printer().paper()));
            }
        });
    }

    private void start() {
        int mine = ++attempt;
        payment = null;
        result.set(null);
        insertedFen.set(0);
        leftFen.set(dueFen);
        lastNoteFen.set(0);
        returned.set("");
        problem.set("");
        accepts.set(List.of());
        state.set(State.STARTING);
        say(Prompt.of("step.cash.opening"));
        hold();
        CashDesk desk = run.till().desk().get();
        if (desk == null) {
            fail("本机现在不能收现金");
            return;
        }
        Transaction draft = run.transaction("payment", dueFen, Transaction.CASH, null);
        transactionId = draft.id();
        ServiceRun.LOG.info(() -> "cash payment " + draft.id() + ": " + dueFen + " fen for " + run.plan().service().code()
                + ", " + run.answers().payer().wire() + ", " + Forms.persons(run.answers()) + " person(s)");
        java.util.concurrent.atomic.AtomicReference<CashDesk.Payment> started = new java.util.concurrent.atomic.AtomicReference<>();
        CashDesk.Listener heard = p -> {
            // After a credit the desk may take fewer values (a note that would overpay by too much is inhibited): read
            // here, on the desk's thread, not on the JavaFX thread, which must never wait for the desk's lock.
            CashDesk.Payment live = started.get();
            java.util.Set<Long> takes = p instanceof CashDesk.Progress.Credited && live != null ? live.acceptsFen() : null;
            run.fx().execute(() -> {
                if (mine == attempt && !run.ended()) {
                    progress(p);
                    if (takes != null && !takes.isEmpty()) {
                        accepts.set(takes.stream().sorted(Comparator.reverseOrder()).toList());
                    }
                }
            });
        };
        run.till().work().execute(() -> {
            try {
                CashDesk.Payment p = desk.start(draft, heard);
                started.set(p);
                java.util.Set<Long> takes = p.acceptsFen(); // the desk's lock: here, never on the JavaFX thread
                run.fx().execute(() -> started(mine, p, takes));
            } catch (CashException | RuntimeException e) {
                ServiceRun.LOG.log(e instanceof CashException ? Level.WARNING : Level.SEVERE,
                        "cash payment " + draft.id() + " not started: " + e.getMessage(), e instanceof CashException ? null : e);
                run.fx().execute(() -> {
                    if (mine == attempt) {
                        fail(e instanceof CashException ? e.getMessage() : "");
                    }
                });
            }
        });
    }

    private void started(int mine, CashDesk.Payment p, java.util.Set<Long> takes) {
        if (mine != attempt || run.ended()) {
            // The visit ended while the desk was starting it (abandoned() saw no payment): ended here, or the acceptor
            // would stay enabled for a payment nobody is making and the next villager's notes would go into it.
            ServiceRun.LOG.warning(() -> "cash payment " + p.transactionId() + ": started after its visit ended");
            endAfterTheVisit(p);
            return;
        }
        payment = p;
        accepts.set(takes.stream().sorted(Comparator.reverseOrder()).toList());
        if (state.get() == State.STARTING) {
            state.set(State.INSERTING);
            sayInsert();
        }
    }

    private void progress(CashDesk.Progress p) {
        if (result.get() != null) {
            return;
        }
        if (p instanceof CashDesk.Progress.Reading) {
            if (state.get() == State.INSERTING) {
                state.set(State.READING);
                say(Prompt.of("step.cash.reading"));
            }
        } else if (p instanceof CashDesk.Progress.Credited c) {
            credited(c);
        } else if (p instanceof CashDesk.Progress.Returned r) {
            ServiceRun.LOG.info(() -> "cash payment " + transactionId + ": a note handed back (" + r.why() + ")");
            returned.set(r.why());
            if (state.get() == State.READING) {
                state.set(State.INSERTING);
            }
            say(Prompt.of("step.cash.returned"));
        } else if (p instanceof CashDesk.Progress.Trouble t) {
            if (t.why().equals(problem.get())) {
                return; // the unit says it again at every poll (a cash box out): said once, not restarted every 250 ms
            }
            ServiceRun.LOG.warning(() -> "cash payment " + transactionId + ": " + t.why());
            problem.set(t.why());
            if (state.get() != State.ENDING && state.get() != State.CONFIRM_CANCEL) {
                state.set(State.TROUBLE);
                say(Prompt.of("step.cash.trouble"));
            }
        } else if (p instanceof CashDesk.Progress.Ended e) {
            ended(e.result());
        }
    }

    private void credited(CashDesk.Progress.Credited c) {
        ServiceRun.LOG.info(() -> "cash payment " + transactionId + ": " + c.valueFen() + " fen credited, "
                + c.insertedFen() + " in, " + c.leftFen() + " left");
        insertedFen.set(c.insertedFen());
        leftFen.set(Math.max(0, c.leftFen()));
        lastNoteFen.set(c.valueFen());
        returned.set("");
        if (c.leftFen() <= 0) {
            state.set(State.ENDING); // the desk disables the acceptor and ends the payment
            say(Prompt.of("step.cash.enough", Money.spoken(c.valueFen())));
            return;
        }
        if (state.get() == State.READING) {
            state.set(State.INSERTING);
        }
        say(Prompt.of("step.cash.credited", Money.spoken(c.valueFen()), Money.spoken(c.leftFen())));
    }

    /** 确定取消, or nobody there any more: the desk hands back a note in escrow and ends by what was credited. */
    private void end(CashJournal.Ending why) {
        CashDesk.Payment p = payment;
        if (p == null) {
            return;
        }
        state.set(State.ENDING);
        say(Prompt.of("step.cash.ending"));
        int mine = attempt;
        run.till().work().execute(() -> {
            try {
                CashDesk.Result r = p.cancel(why);
                run.fx().execute(() -> {
                    if (mine == attempt) {
                        ended(r);
                    }
                });
            } catch (RuntimeException e) {
                // Not ended: the journal still holds it open, so nothing is lost; the villager is told and may try again.
                ServiceRun.LOG.log(Level.SEVERE, "cash payment " + p.transactionId() + " could not be ended", e);
                run.fx().execute(() -> {
                    if (mine == attempt && result.get() == null) {
                        problem.set("暂时不能结束收款，请点取消再试一次，或者找村委会工作人员");
                        state.set(State.TROUBLE);
                        say(Prompt.of("step.cash.trouble"));
                    }
                });
            }
        });
    }

    private void ended(CashDesk.Result r) {
        if (result.get() != null) {
            return; // the listener's Ended and cancel()'s answer are the same ending
        }
        payment = null;
        result.set(r);
        insertedFen.set(r.insertedFen());
        run.till().queued().run();
        ServiceRun.LOG.info(() -> "cash payment " + r.transactionId() + " ended " + r.status() + ": " + r.insertedFen()
                + " fen in of " + r.dueFen() + ", notes " + r.notes() + (r.voucherFen() > 0 ? ", voucher " + r.voucherNo()
                + " for " + r.voucherFen() + " fen" : "") + (r.queued() != null ? ", receipt " + r.queued().receiptNo() : ""));
        switch (r.status()) {
            case "paid" -> {
                stored = r.queued();
                run.committed(stored);
                leftFen.set(0);
                state.set(State.PAID);
                Spoken number = Receipts.spokenNumber(stored.receiptNo());
                if (r.voucherFen() > 0) {
                    say(Prompt.of("step.cash.paid.voucher", Money.spoken(r.dueFen()), Money.spoken(r.voucherFen())));
                    printVoucher(r);
                } else {
                    release();
                    say(Prompt.of("step.pay.paid", Money.spoken(r.dueFen()), number));
                }
            }
            case "voucher" -> {
                state.set(State.VOUCHER);
                say(Prompt.of("step.cash.voucher", Money.spoken(r.voucherFen())));
                printVoucher(r);
            }
            default -> {
                release();
                state.set(State.CANCELLED);
                say(Prompt.of("step.pay.cancelled"));
            }
        }
    }

    private CashSlips.Voucher voucherOf(CashDesk.Result r) {
        Transaction t = r.queued();
        return new CashSlips.Voucher(r.voucherNo(), r.voucherFen(), r.insertedFen(), t == null ? "" : nameOf(t),
                run.county().kioskId(), OffsetDateTime.now(run.clock()), "paid".equals(r.status()) && t != null ? t.receiptNo() : null);
    }

    private static String nameOf(Transaction t) {
        return t.person() == null ? "" : cn.yzz.kiosk.device.Mask.name(t.person().name());
    }

    /** The voucher is money owed: it is printed at once, not offered; a printer that cannot shows it on screen. */
    private void printVoucher(CashDesk.Result r) {
        voucher = voucherOf(r);
        if (!run.printer().ready()) {
            slipProblem.set(run.printer().why());
            slip.set(Slip.ON_SCREEN);
            say(Prompt.of("step.cash.voucher.screen"));
            return;
        }
        slip.set(Slip.PRINTING);
        run.printer().print(CashSlips.voucher(voucher, run.printer().paper())).whenCompleteAsync((job, error) -> {
            if (error != null) {
                Throwable cause = ServiceRun.cause(error);
                ServiceRun.LOG.warning(() -> "change voucher " + voucher.number() + " not printed: " + cause.getMessage());
                slipProblem.set(cause instanceof DeviceException d ? d.getMessage() : "");
                slip.set(Slip.ON_SCREEN);
                say(Prompt.of("step.cash.voucher.screen"));
                return;
            }
            ServiceRun.LOG.info(() -> "change voucher " + voucher.number() + " printed");
            run.receiptPrinted();
            slip.set(Slip.PRINTED);
            release(); // the voucher is in the villager's hand
        }, run.fx());
    }

    private void fail(String why) {
        release();
        problem.set(why == null ? "" : why);
        state.set(State.FAILED);
        say(Prompt.of("step.cash.failed"));
    }

    private void sayInsert() {
        List<BigDecimal> notes = accepts.get().stream().map(Money::yuan).toList();
        say(notes.isEmpty() ? Prompt.of("step.cash.insert.any", Money.spoken(leftFen.get()))
                : Prompt.of("step.cash.insert", Money.spoken(leftFen.get()), Spoken.amounts(notes)));
    }

    private void hold() {
        if (moneyHold == null) {
            moneyHold = run.holdForMoney();
        }
    }

    private void release() {
        if (moneyHold != null) {
            moneyHold.run();
            moneyHold = null;
            run.stepChanged(this);
        }
    }
}
