package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.app.flow.Villager;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;

/**
 * One service's visit, moving through the steps its {@link Plan} names: whom a payment is for, the
 * form one question at a time, the summary, paying or submitting, the receipt, the evaluation. The
 * next step is worked out from the answers so far (a {@code when} can add or drop questions); 返回
 * walks back the way the villager came. Everything personal is in the run and goes with it.
 *
 * <p>Use on the JavaFX thread.
 */
public final class ServiceRun {

    static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.service");

    /**
     * What a run works with.
     *
     * @param villager      who the visit serves (null when the service needs nobody)
     * @param sessionId     the visit's id, sent with every transaction
     * @param holdForMoney  holds the session open while money is being taken; run the result to let go
     * @param receiptPrinted a receipt came out: the end reminds the villager to take it
     * @param finished      the run is over (after the evaluation): the visit ends
     * @param cards         the ID card reader, for a question whose answer another person's card can give
     * @param assistedBy    帮办代办: the staff number of who does the services for the villager, carried by every
     *                      transaction as {@code data.assistedBy}; null when the villager does them alone
     */
    public record Context(Villager villager, String sessionId, County county, ReceiptOut printer, Executor fx,
                          Scheduler scheduler, Clock clock, Supplier<Runnable> holdForMoney, Runnable receiptPrinted,
                          Runnable finished, CardSource cards, String assistedBy) {

        /** A villager doing the services alone. */
        public Context(Villager villager, String sessionId, County county, ReceiptOut printer, Executor fx, Scheduler scheduler,
                       Clock clock, Supplier<Runnable> holdForMoney, Runnable receiptPrinted, Runnable finished, CardSource cards) {
            this(villager, sessionId, county, printer, fx, scheduler, clock, holdForMoney, receiptPrinted, finished, cards, null);
        }

        /** Without a card reader for the form's questions (numbers are keyed). */
        public Context(Villager villager, String sessionId, County county, ReceiptOut printer, Executor fx, Scheduler scheduler,
                       Clock clock, Supplier<Runnable> holdForMoney, Runnable receiptPrinted, Runnable finished) {
            this(villager, sessionId, county, printer, fx, scheduler, clock, holdForMoney, receiptPrinted, finished, CardSource.NONE);
        }

        public Context {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(county, "county");
            Objects.requireNonNull(printer, "printer");
            Objects.requireNonNull(fx, "fx");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(holdForMoney, "holdForMoney");
            Objects.requireNonNull(receiptPrinted, "receiptPrinted");
            Objects.requireNonNull(finished, "finished");
            Objects.requireNonNull(cards, "cards");
        }
    }

    private final Plan plan;
    private final Context context;
    private final Answers answers = new Answers();
    private final ReadOnlyObjectWrapper<Step> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyObjectWrapper<Prompt> prompt = new ReadOnlyObjectWrapper<>(this, "prompt");
    private final javafx.beans.property.ReadOnlyBooleanWrapper backable =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "backable", false);
    private final ChangeListener<Prompt> follow = (o, was, now) -> prompt.set(now);
    private final Deque<Step> history = new ArrayDeque<>();
    private final Map<String, FieldStep> fields = new HashMap<>();
    private PayerStep payer;
    private boolean editing; // 修改 from the summary: back to it once the answers are complete
    private Transaction committed;
    private boolean ended;

    public ServiceRun(Plan plan, Context context) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.context = Objects.requireNonNull(context, "context");
        if (plan.needsPerson() && context.villager() == null) {
            throw new IllegalArgumentException("the service needs an identified villager");
        }
        if (!plan.payers().isEmpty()) {
            // A payment only for the household (or only for another person) asks no payer question: it is for them,
            // so their question (when: {for: ...}) is asked and each of them is paid for.
            answers.payer(plan.payers().get(0));
        }
    }

    /** Shows the first step. */
    public void start() {
        LOG.info(() -> "run of " + plan.service().code() + ": " + plan.steps());
        show(plan.has(StepKind.PAYER) ? payer() : after(null));
    }

    public Plan plan() {
        return plan;
    }

    public Answers answers() {
        return answers;
    }

    /** The step on screen. */
    public ReadOnlyObjectProperty<Step> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The current step's prompt, following it as it changes. */
    public ReadOnlyObjectProperty<Prompt> promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** 返回 can leave the current step now. */
    public boolean canGoBack() {
        Step s = current.get();
        return s != null && s.canGoBack();
    }

    /** {@link #canGoBack()} as it changes, for the 返回 button (off where what was done cannot be undone). */
    public javafx.beans.property.ReadOnlyBooleanProperty backableProperty() {
        return backable.getReadOnlyProperty();
    }

    /** A step's state changed in a way that may change whether 返回 can leave it. */
    void stepChanged(Step s) {
        if (s == current.get()) {
            backable.set(s.canGoBack());
        }
    }

    /** 首页 can end the visit now (never while a payment is open). */
    public boolean canLeave() {
        Step s = current.get();
        return s == null || s.canLeave();
    }

    /** The transaction this run committed (the payment or the application), or null. */
    public Transaction committed() {
        return committed;
    }

    public boolean ended() {
        return ended;
    }

    // Navigation //

    /** What 返回 did. */
    public enum Back { MOVED, AT_START, REFUSED }

    /**
     * 返回: to the step the villager came from; {@link Back#AT_START} at the first step (the flow then goes
     * back to the services list); {@link Back#REFUSED} when the step holds the villager (money being
     * taken, or already taken).
     */
    public Back back() {
        Step s = current.get();
        if (s == null || !s.canGoBack()) {
            return Back.REFUSED;
        }
        if (history.isEmpty()) {
            return Back.AT_START;
        }
        editing = false;
        show(history.pop(), false);
        return Back.MOVED;
    }

    /** The visit ends around the run (首页, the idle watch, an error). */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        Step s = current.get();
        if (s != null) {
            s.left();
            s.abandoned();
            s.promptProperty().removeListener(follow);
        }
        answers.clear();
        fields.clear();
        history.clear();
    }

    // For the steps //

    void forward(Step from) {
        if (from != current.get() || ended) {
            return;
        }
        Step next = after(from);
        if (next == null) {
            finish();
            return;
        }
        history.push(from);
        if (from instanceof QrPayStep || from instanceof SubmitStep || next instanceof ReceiptStep || next instanceof EvaluateStep) {
            history.clear(); // nothing before a commit can be changed once it is done
        }
        show(next);
    }

    void editPayer() {
        editing = true;
        history.push(current.get());
        show(payer());
    }

    void edit(Field f) {
        editing = true;
        history.push(current.get());
        show(field(f));
    }

    /** A payment that ends unpaid (cancelled, expired) still offers the evaluation. */
    void skipToEvaluation(Step from) {
        if (from == current.get()) {
            history.clear();
            show(new EvaluateStep(this));
        }
    }

    void committed(Transaction t) {
        committed = t;
    }

    void receiptPrinted() {
        context.receiptPrinted().run();
    }

    Runnable holdForMoney() {
        return context.holdForMoney().get();
    }

    County county() {
        return context.county();
    }

    ReceiptOut printer() {
        return context.printer();
    }

    Executor fx() {
        return context.fx();
    }

    Scheduler scheduler() {
        return context.scheduler();
    }

    Clock clock() {
        return context.clock();
    }

    CardSource cards() {
        return context.cards();
    }

    /** Whose household is asked: the identified villager. */
    String payerIdNumber() {
        return context.villager().idNumber();
    }

    /** A new transaction of this run, with a new id made now (the idempotency key, never changed). */
    Transaction transaction(String type, Long amountFen, String method, String orderId) {
        Villager v = context.villager();
        Person person = v == null ? null : v.person();
        return new Transaction(UuidV7.next(), type, plan.service().code(), OffsetDateTime.now(context.clock()),
                context.sessionId(), person, assisted(Forms.data(plan.service(), answers, v)), amountFen, method, orderId,
                null, null);
    }

    /** The evaluation of this visit; without a rated transaction it names the service and the session. */
    Transaction evaluation(Map<String, Object> data) {
        return new Transaction(UuidV7.next(), "evaluation", plan.service().code(), OffsetDateTime.now(context.clock()),
                context.sessionId(), null, assisted(data), null, null, null, null, null);
    }

    /** 帮办代办: a staff member does the services (the evaluation's level is still the villager's). */
    boolean assisted() {
        return context.assistedBy() != null;
    }

    /** {@code data} with the staff number of an assisted visit; only their number, nothing else of theirs. */
    private Map<String, Object> assisted(Map<String, Object> data) {
        if (context.assistedBy() == null) {
            return data;
        }
        Map<String, Object> d = new java.util.LinkedHashMap<>(data);
        d.put("assistedBy", context.assistedBy());
        return d;
    }

    static Throwable cause(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    // Internals //

    /** The step after {@code from} (null: the start), given the answers now; null when the run is over. */
    private Step after(Step from) {
        StepKind k = from == null ? StepKind.IDENTIFY : from.kind();
        if (from instanceof FieldStep || from instanceof PayerStep || k == StepKind.IDENTIFY) {
            List<Field> asked = Forms.asked(plan.service(), answers);
            int start = from instanceof FieldStep f ? asked.indexOf(f.field()) + 1 : 0;
            for (int i = start; i < asked.size(); i++) {
                Field f = asked.get(i);
                if (!editing || !answered(f)) {
                    return field(f);
                }
            }
            editing = false;
            return new SummaryStep(this);
        }
        return switch (k) {
            case SUMMARY -> plan.has(StepKind.PAY) ? new QrPayStep(this) : new SubmitStep(this);
            case PAY, SUBMIT -> committed == null ? new EvaluateStep(this) : new ReceiptStep(this);
            case PRINT -> new EvaluateStep(this);
            default -> null;
        };
    }

    private boolean answered(Field f) {
        return f.type() == cn.yzz.kiosk.cache.catalog.FieldType.HOUSEHOLD ? !answers.members().isEmpty()
                : answers.has(f.id()) || !f.required();
    }

    private PayerStep payer() {
        if (payer == null) {
            payer = new PayerStep(this);
        }
        return payer;
    }

    private FieldStep field(Field f) {
        return fields.computeIfAbsent(f.id(), id -> new FieldStep(this, f));
    }

    private void show(Step s) {
        show(s, true);
    }

    private void show(Step s, boolean forward) {
        Step was = current.get();
        if (was != null) {
            was.promptProperty().removeListener(follow);
            was.left();
        }
        current.set(s);
        s.promptProperty().addListener(follow);
        s.entered();
        backable.set(s.canGoBack());
        prompt.set(s.promptProperty().get());
        LOG.fine(() -> (forward ? "step " : "back to ") + s.kind());
    }

    private void finish() {
        LOG.info(() -> "run of " + plan.service().code() + " finished");
        end();
        context.finished().run();
    }

}
