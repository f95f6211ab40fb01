package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.Output;
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
     * @param a4            the A4 printer, for a query's or print service's printout
     * @param assistedBy    帮办代办: the staff number of who does the services for the villager, carried by every
     *                      transaction as {@code data.assistedBy}; null when the villager does them alone
     * @param till          the note acceptor's cash desk, for paying in cash ({@link Till#NONE} on a kiosk without one)
     */
    public record Context(Villager villager, String sessionId, County county, ReceiptOut printer, Executor fx,
                          Scheduler scheduler, Clock clock, Supplier<Runnable> holdForMoney, Runnable receiptPrinted,
                          Runnable finished, CardSource cards, A4Out a4, String assistedBy, Till till) {

        /** Without cash. */
        public Context(Villager villager, String sessionId, County county, ReceiptOut printer, Executor fx,
                       Scheduler scheduler, Clock clock, Supplier<Runnable> holdForMoney, Runnable receiptPrinted,
                       Runnable finished, CardSource cards, A4Out a4, String assistedBy) {
            this(villager, sessionId, county, printer, fx, scheduler, clock, holdForMoney, receiptPrinted, finished, cards,
                    a4, assistedBy, Till.NONE);
        }

        /** A villager doing the services alone. */
        public Context(Villager villager, String sessionId, County county, ReceiptOut printer, Executor fx, Scheduler scheduler,
                       Clock clock, Supplier<Runnable> holdForMoney, Runnable receiptPrinted, Runnable finished, CardSource cards,
                       A4Out a4) {
            this(villager, sessionId, county, printer, fx, scheduler, clock, holdForMoney, receiptPrinted, finished, cards, a4, null);
        }

        /** Without an A4 printer. */
        public Context(Villager villager, String sessionId, County county, ReceiptOut printer, Executor fx, Scheduler scheduler,
                       Clock clock, Supplier<Runnable> holdForMoney, Runnable receiptPrinted, Runnable finished, CardSource cards,
                       String assistedBy) {
            this(villager, sessionId, county, printer, fx, scheduler, clock, holdForMoney, receiptPrinted, finished, cards,
                    A4Out.NONE, assistedBy);
        }

        /** Without an A4 printer, a villager doing the services alone. */
        public Context(Villager villager, String sessionId, County county, ReceiptOut printer, Executor fx, Scheduler scheduler,
                       Clock clock, Supplier<Runnable> holdForMoney, Runnable receiptPrinted, Runnable finished, CardSource cards) {
            this(villager, sessionId, county, printer, fx, scheduler, clock, holdForMoney, receiptPrinted, finished, cards,
                    A4Out.NONE, null);
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
            Objects.requireNonNull(a4, "a4");
            Objects.requireNonNull(till, "till");
        }
    }

    private final Plan top;
    /** The service being done: the plan's own, or the bundle's step under way. */
    private Plan plan;
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
    /** How the villager chose to pay at the summary (the plan's first method until then). */
    private cn.yzz.kiosk.cache.catalog.PayMethod method;
    private Transaction committed;
    private boolean ended;
    /** A bundle's steps: null to do, or how each ended. */
    private final PartEnd[] parts;
    private int part = -1;
    private BundleStep list;
    /** Where printouts are laid out: off the JavaFX thread (measuring columns reads fonts); tests lay out at once. */
    private Executor layout = java.util.concurrent.ForkJoinPool.commonPool();

    private enum PartEnd { DONE, SKIPPED }

    public ServiceRun(Plan plan, Context context) {
        this.top = Objects.requireNonNull(plan, "plan");
        this.plan = plan;
        this.parts = new PartEnd[plan.parts().size()];
        this.context = Objects.requireNonNull(context, "context");
        if (plan.needsPerson() && context.villager() == null) {
            throw new IllegalArgumentException("the service needs an identified villager");
        }
        defaultPayer();
    }

    private void defaultPayer() {
        if (!plan.payers().isEmpty()) {
            // A payment only for the household (or only for another person) asks no payer question: it is for them,
            // so their question (when: {for: ...}) is asked and each of them is paid for.
            answers.payer(plan.payers().get(0));
        }
    }

    /** Shows the first step. */
    public void start() {
        LOG.info(() -> "run of " + plan.service().code() + ": " + plan.steps()
                + (top.isBundle() ? " over " + top.parts().stream().map(p -> p.service().code()).toList() : ""));
        show(top.isBundle() ? list() : plan.has(StepKind.PAYER) ? payer() : after(null));
    }

    /** The service being done now: the run's own, or the 一件事 bundle's step under way. */
    public Plan plan() {
        return plan;
    }

    /** The plan the run was made for (a bundle's, when it is one). */
    public Plan bundle() {
        return top;
    }

    /** The bundle's step under way (0-based), or -1 (on its step list, or not a bundle). */
    public int part() {
        return part;
    }

    /** A bundle's steps not done in this visit, by name, with those this kiosk cannot do now; empty otherwise. */
    public List<String> leftUndone() {
        if (!top.isBundle()) {
            return List.of();
        }
        List<String> left = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != PartEnd.DONE) {
                left.add(top.parts().get(i).service().name());
            }
        }
        top.unavailable().forEach(u -> left.add(u.name()));
        return left;
    }

    /** Whether any of a bundle's steps was done in this visit. */
    public boolean anyPartDone() {
        return java.util.Arrays.stream(parts).anyMatch(e -> e == PartEnd.DONE);
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
        if (from instanceof QrPayStep || from instanceof CashPayStep || from instanceof SubmitStep || from instanceof PrintoutStep || next instanceof ReceiptStep
                || next instanceof EvaluateStep || next instanceof BundleStep) {
            history.clear(); // nothing before a commit can be changed once it is done
        }
        show(next);
    }

    /** 确认 at the summary with a way to pay (one of the plan's methods): on to paying that way. */
    void pay(SummaryStep from, cn.yzz.kiosk.cache.catalog.PayMethod how) {
        if (!plan.methods().contains(how)) {
            throw new IllegalArgumentException(how + " is not a way to pay here now: " + plan.methods());
        }
        method = how;
        forward(from);
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

    /** A payment that ends unpaid (cancelled, expired) still offers the evaluation (in a bundle: its step list). */
    void skipToEvaluation(Step from) {
        if (from == current.get()) {
            history.clear();
            show(partEnded(false));
        }
    }

    /** 打印 from a query's answer: the printout, with the table to come back to if the job fails. */
    void print(QueryStep from) {
        if (from != current.get() || ended) {
            return;
        }
        history.push(from);
        // The plan has a printout only where its printer worked: a receipt service prints there, any other on A4.
        show(new PrintoutStep(this, from.answer(), plan.service().output() == Output.RECEIPT ? Output.RECEIPT : Output.A4));
    }

    /** A bundle's step comes next: its index, or -1 when none is left to do. */
    int nextPart() {
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                return i;
            }
        }
        return -1;
    }

    boolean partDone(int i) {
        return parts[i] == PartEnd.DONE;
    }

    void skipPart(int i) {
        if (parts[i] == null) {
            parts[i] = PartEnd.SKIPPED;
            LOG.info(() -> "bundle step " + top.parts().get(i).service().code() + " left for later");
        }
    }

    /** The identified villager as the county knows them, or null. */
    Person person() {
        Villager v = context.villager();
        return v == null ? null : v.person();
    }

    /** The form's answers as a transaction's (or a query's) {@code data}. */
    Map<String, Object> data() {
        return Forms.data(plan.service(), answers, context.villager());
    }

    A4Out a4() {
        return context.a4();
    }

    Executor layout() {
        return layout;
    }

    /** For tests: lay printouts out on the caller's thread. */
    void layOutOn(Executor e) {
        layout = Objects.requireNonNull(e, "layout");
    }

    /** The {@code print} transaction of a finished printout: the service, pages and verify code; never the rows. */
    Transaction printed(java.util.UUID id, int pages, String verifyCode, Output on) {
        Transaction t = transaction("print", null, null, null);
        Map<String, Object> data = new java.util.TreeMap<>(t.data());
        data.put("pages", pages);
        data.put("output", on.wire());
        if (!verifyCode.isEmpty()) {
            data.put("verifyCode", verifyCode);
        }
        return new Transaction(id, t.type(), t.serviceCode(), t.createdAt(), t.sessionId(), t.person(), data,
                null, null, null, null, null);
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

    Till till() {
        return context.till();
    }

    /** The way to pay chosen at the summary, else the plan's first. */
    cn.yzz.kiosk.cache.catalog.PayMethod paidBy() {
        return method != null ? method : plan.methods().isEmpty() ? cn.yzz.kiosk.cache.catalog.PayMethod.QR : plan.methods().get(0);
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
        if (from instanceof BundleStep) {
            part = nextPart();
            if (part < 0) {
                plan = top;
                return new EvaluateStep(this); // the bundle as a whole is rated
            }
            startPart();
            if (plan.has(StepKind.PAYER)) {
                return payer();
            }
            from = null;
        }
        StepKind k = from == null ? StepKind.IDENTIFY : from.kind();
        if (from instanceof FieldStep || from instanceof PayerStep || k == StepKind.IDENTIFY) {
            List<Field> asked = Forms.asked(plan.service(), answers);
            int start = from instanceof FieldStep f ? asked.indexOf(f.field()) + 1 : 0;
            for (int i = start; i < asked.size(); i++) {
                Field f = asked.get(i);
                boolean skip = editing ? answered(f) : sharedAnswer(f) && answers.has(f.id());
                if (!skip) {
                    return field(f);
                }
            }
            editing = false;
            return plan.has(StepKind.QUERY) ? new QueryStep(this) : new SummaryStep(this);
        }
        return switch (k) {
            case SUMMARY -> !plan.has(StepKind.PAY) ? new SubmitStep(this)
                    : paidBy() == cn.yzz.kiosk.cache.catalog.PayMethod.CASH ? new CashPayStep(this) : new QrPayStep(this);
            case PAY, SUBMIT -> committed == null ? partEnded(false) : new ReceiptStep(this);
            case PRINT, PRINTOUT -> partEnded(true);
            case QUERY -> partEnded(true);
            default -> null;
        };
    }

    /**
     * A service's work is over: the evaluation, or in a bundle, back to its step list (the step done or not). A bundle
     * is rated once, at its end.
     */
    private Step partEnded(boolean done) {
        if (!top.isBundle() || part < 0) {
            return new EvaluateStep(this);
        }
        int i = part;
        if (done || committed != null) {
            parts[i] = PartEnd.DONE;
        } else {
            parts[i] = PartEnd.SKIPPED; // an unpaid payment: left for later, listed at the end
        }
        LOG.info(() -> "bundle step " + plan.service().code() + (parts[i] == PartEnd.DONE ? " done" : " not done"));
        part = -1;
        plan = top;
        committed = null;
        return list();
    }

    /** A bundle's step begins: its own questions and payer; answers by field id carry over. */
    private void startPart() {
        plan = top.parts().get(part);
        fields.clear();
        payer = null;
        method = null;
        committed = null;
        answers.members(List.of());
        answers.payer(cn.yzz.kiosk.cache.catalog.Payer.SELF);
        defaultPayer();
        LOG.info(() -> "bundle step " + (part + 1) + "/" + top.parts().size() + ": " + plan.service().code());
    }

    /**
     * In a bundle an answer given in an earlier step is not asked again (the same field id means the same question),
     * except a confirmation, which each application needs of its own.
     */
    private boolean sharedAnswer(Field f) {
        return top.isBundle() && f.type() != cn.yzz.kiosk.cache.catalog.FieldType.CONFIRM;
    }

    private BundleStep list() {
        if (list == null) {
            list = new BundleStep(this);
        }
        return list;
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
