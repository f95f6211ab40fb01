package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Paying by phone. The payment's transaction id is made here once; the open order is journaled in
 * SQLite before the QR code is shown; the order is polled at most once a second; on {@code paid} the
 * payment transaction and its receipt record are committed in one SQLite transaction and only then
 * does the screen say 缴费成功. While an order is open the session holds money (the idle watch never
 * wipes it, 返回 and 首页 wait), and a line that drops does not lose it: polling goes on and resumes
 * when the line is back, with the villager told in plain words. 取消支付 cancels at the county (an
 * order paid at the last moment is honoured); an expired order offers a new one.
 */
public final class QrPayStep extends Step {

    /** At most one poll a second (sync-api.md). */
    static final Duration POLL = Duration.ofSeconds(1);

    public enum State {
        /** Journaling the payment and creating the order. */
        OPENING,
        /** The QR code is on screen; waiting for the phone. */
        SHOWING,
        /** The county stopped answering while the order is open: still polling. */
        LINE_DOWN,
        /** Paid; the transaction is being committed. */
        COMMITTING,
        /** 缴费成功: committed, with its receipt number. */
        PAID,
        /** The order ran out of time: a new one is offered. */
        EXPIRED,
        /** Cancelled by the villager. */
        CANCELLED,
        /** The order could not be created (the line, the store): plain words and 重试. */
        FAILED
    }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.OPENING);
    private final ReadOnlyObjectWrapper<County.QrOrder> order = new ReadOnlyObjectWrapper<>(this, "order");
    private final ReadOnlyIntegerWrapper secondsLeft = new ReadOnlyIntegerWrapper(this, "secondsLeft", 0);
    private final long amountFen;
    private UUID transactionId;
    private Transaction stored;
    private Runnable moneyHold;
    private Scheduler.Cancellable timer;
    private boolean polling;

    QrPayStep(ServiceRun run) {
        super(run);
        this.amountFen = Forms.amountFen(run.plan().service(), run.answers()).orElseThrow();
        say(Prompt.of("step.pay.opening"));
    }

    @Override
    public StepKind kind() {
        return StepKind.PAY;
    }

    public long amountFen() {
        return amountFen;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The open order (its {@code payUrl} is drawn as the QR code); null before it is created. */
    public ReadOnlyObjectProperty<County.QrOrder> orderProperty() {
        return order.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    /** The committed payment, once paid. */
    public Transaction stored() {
        return stored;
    }

    @Override
    protected void entered() {
        if (state.get() == State.OPENING && transactionId == null) {
            open();
        }
    }

    @Override
    public boolean canGoBack() {
        return state.get() == State.FAILED || state.get() == State.CANCELLED || state.get() == State.EXPIRED;
    }

    @Override
    public boolean canLeave() {
        return moneyHold == null;
    }

    // Commands //

    /** 取消支付. */
    public void cancel() {
        if (state.get() != State.SHOWING && state.get() != State.LINE_DOWN) {
            return;
        }
        County.QrOrder o = order.get();
        ServiceRun.LOG.info(() -> "payment " + transactionId + ": the villager cancels order " + o.orderId());
        stopTimer();
        state.set(State.OPENING); // nothing to tap while the county answers
        run.county().cancelOrder(transactionId, o.orderId()).whenCompleteAsync((s, error) -> {
            if (run.ended() && moneyHold == null) {
                return;
            }
            if (error != null) {
                // Not known whether the county cancelled it: the order stays open and is polled on;
                // the villager is told the line is down, and may cancel again.
                ServiceRun.LOG.log(Level.WARNING, "cancelling order {0}: {1}", new Object[] {o.orderId(), ServiceRun.cause(error)});
                lineDown();
                poll();
                return;
            }
            settle(s == County.OrderState.PENDING ? County.OrderState.CANCELLED : s);
        }, run.fx());
    }

    /** After expiry, cancelling or a failure: a new order (a new transaction id: the old one is closed). */
    public void again() {
        if (state.get() == State.EXPIRED || state.get() == State.CANCELLED || state.get() == State.FAILED) {
            open();
        }
    }

    /** 不缴了 after expiry, cancelling or a failure: no payment, on to the evaluation. */
    public void giveUp() {
        if (state.get() == State.EXPIRED || state.get() == State.CANCELLED || state.get() == State.FAILED) {
            run.skipToEvaluation(this);
        }
    }

    /** 下一步 after 缴费成功. */
    public void next() {
        if (state.get() == State.PAID) {
            run.forward(this);
        }
    }

    @Override
    protected void abandoned() {
        stopTimer();
        County.QrOrder o = order.get();
        if (moneyHold != null && o != null && state.get() != State.COMMITTING) {
            // Only an unexpected error ends a visit with an order open (首页, 返回 and the idle watch wait): the
            // county is asked to cancel it, and a payment made meanwhile is still committed.
            ServiceRun.LOG.warning(() -> "payment " + transactionId + ": the visit ended with order " + o.orderId() + " open");
            run.county().abandonOrder(transactionId, o.orderId());
        }
        release();
    }

    // Internals //

    private void open() {
        Transaction draft = run.transaction("payment", amountFen, "qr", null);
        transactionId = draft.id();
        order.set(null);
        state.set(State.OPENING);
        say(Prompt.of("step.pay.opening"));
        hold();
        ServiceRun.LOG.info(() -> "payment " + draft.id() + ": " + amountFen + " fen for " + run.plan().service().code()
                + ", " + run.answers().payer().wire() + ", " + Forms.persons(run.answers()) + " person(s)");
        run.county().openQrOrder(draft).whenCompleteAsync((o, error) -> {
            if (error != null) {
                Throwable cause = ServiceRun.cause(error);
                ServiceRun.LOG.warning(() -> "payment " + draft.id() + ": no order (" + cause + ")");
                release();
                state.set(State.FAILED);
                say(Prompt.of(cause instanceof County.Unreachable ? "step.pay.unreachable" : "step.pay.failed"));
                return;
            }
            ServiceRun.LOG.info(() -> "payment " + draft.id() + ": order " + o.orderId() + " until " + o.expiresAt());
            order.set(o);
            state.set(State.SHOWING);
            tick();
            say(Prompt.of("step.pay.scan", Money.spoken(amountFen)));
            schedule();
        }, run.fx());
    }

    private void schedule() {
        schedule(POLL);
    }

    private void schedule(Duration delay) {
        stopTimer();
        timer = run.scheduler().after(delay.compareTo(POLL) > 0 ? delay : POLL, this::poll);
    }

    private void poll() {
        timer = null;
        County.QrOrder o = order.get();
        if (o == null || polling || (state.get() != State.SHOWING && state.get() != State.LINE_DOWN)) {
            return;
        }
        tick();
        polling = true;
        run.county().orderState(o.orderId()).whenCompleteAsync((s, error) -> {
            polling = false;
            if (state.get() != State.SHOWING && state.get() != State.LINE_DOWN) {
                return; // cancelled or settled meanwhile
            }
            if (error != null) {
                lineDown();
                // sync-api.md: a 429/503 Retry-After is waited out ("the client waits at least that long"), not polled
                // through once a second.
                schedule(ServiceRun.cause(error) instanceof County.Unreachable u ? u.retryAfter().orElse(POLL) : POLL);
                return;
            }
            if (state.get() == State.LINE_DOWN) {
                ServiceRun.LOG.info(() -> "payment " + transactionId + ": the county answers again");
                state.set(State.SHOWING);
                say(Prompt.of("step.pay.line.back"));
            }
            if (s == County.OrderState.PENDING) {
                schedule(); // past its time too: the county's word (expired) ends an order, not the kiosk's clock
                return;
            }
            settle(s);
        }, run.fx());
    }

    private void settle(County.OrderState s) {
        stopTimer();
        switch (s) {
            case PAID -> commit();
            case EXPIRED, CANCELLED -> {
                ServiceRun.LOG.info(() -> "payment " + transactionId + ": " + s);
                run.county().closeOrder(transactionId, s).whenComplete((v, error) -> {
                    if (error != null) {
                        ServiceRun.LOG.log(Level.WARNING, "closing the journal of " + transactionId, error);
                    }
                });
                release();
                state.set(s == County.OrderState.EXPIRED ? State.EXPIRED : State.CANCELLED);
                say(Prompt.of(s == County.OrderState.EXPIRED ? "step.pay.expired" : "step.pay.cancelled"));
            }
            case PENDING -> schedule();
        }
    }

    private void commit() {
        state.set(State.COMMITTING);
        UUID id = transactionId;
        run.county().commitPaid(id).whenCompleteAsync((t, error) -> {
            if (error != null) {
                // Paid at the county but not on disk here: the journal still holds it open, and the
                // start-up recovery (or the next try) queues it. Keep trying; never say 成功 before the commit.
                ServiceRun.LOG.log(Level.SEVERE, "payment " + id + " is paid but could not be committed; retrying", ServiceRun.cause(error));
                timer = run.scheduler().after(POLL, this::commit);
                return;
            }
            stored = t;
            release();
            run.committed(t);
            state.set(State.PAID);
            say(Prompt.of("step.pay.paid", Money.spoken(amountFen), Receipts.spokenNumber(t.receiptNo())));
            ServiceRun.LOG.info(() -> "payment " + id + " paid and committed as receipt " + t.receiptNo());
        }, run.fx());
    }

    private void lineDown() {
        if (state.get() != State.LINE_DOWN) {
            ServiceRun.LOG.info(() -> "payment " + transactionId + ": the county does not answer; polling on");
            state.set(State.LINE_DOWN);
            say(Prompt.of("step.pay.line.down"));
        }
    }

    private void tick() {
        County.QrOrder o = order.get();
        if (o != null) {
            long left = Duration.between(Instant.now(run.clock()), o.expiresAt()).toSeconds();
            secondsLeft.set((int) Math.max(0, Math.min(Integer.MAX_VALUE, left)));
        }
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
        }
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
