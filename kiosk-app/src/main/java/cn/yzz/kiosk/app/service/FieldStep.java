package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.device.idcard.IdCard;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * One question of the form on its own screen: a choice of big buttons, the numeric keypad (numbers,
 * phone, date, ID number), a statement to confirm, or the household's members to tick. The villager
 * never types Chinese. The answer is checked in plain words before the visit goes on.
 */
public final class FieldStep extends Step {

    /** One wait of the card reader for another person's card; then it simply waits again. */
    static final java.time.Duration CARD_WAIT = java.time.Duration.ofSeconds(30);
    /** How soon the pad is looked at again after the villager's own card, or nothing, was found. */
    static final java.time.Duration CARD_AGAIN = java.time.Duration.ofMillis(1500);

    /** Longest keyed value: an ID number (18), a date (8), a phone (11), a number (12). */
    static final int MAX_KEYED = 18;

    public enum Loading { IDLE, LOADING, LOADED, NOT_FOUND, UNREACHABLE }

    private final Field field;
    private final ReadOnlyStringWrapper keyed = new ReadOnlyStringWrapper(this, "keyed", "");
    private final ReadOnlyObjectWrapper<Forms.Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ReadOnlyObjectWrapper<Loading> loading = new ReadOnlyObjectWrapper<>(this, "loading", Loading.IDLE);
    private final ObservableList<Member> members = FXCollections.observableArrayList();
    private final ObservableSet<Member> ticked = FXCollections.observableSet();
    // One read-only view of each, kept: a view made per call listens to its list only weakly, so a screen's
    // listeners on it stopped hearing anything after the next garbage collection (a ticked member never showed).
    private final ObservableList<Member> membersView = FXCollections.unmodifiableObservableList(members);
    private final ObservableSet<Member> tickedView = FXCollections.unmodifiableObservableSet(ticked);
    private final ReadOnlyBooleanWrapper keypad = new ReadOnlyBooleanWrapper(this, "keypad");
    /** An ID number question: the card read says so (its own card on the pad, or the other person's masked name). */
    private final ReadOnlyStringWrapper cardNote = new ReadOnlyStringWrapper(this, "cardNote", "");
    private CompletableFuture<IdCard> cardRead;
    private Scheduler.Cancellable cardRetry;

    FieldStep(ServiceRun run, Field field) {
        super(run);
        this.field = field;
        keypad.set(switch (field.type()) {
            case NUMBER, PHONE, DATE, IDNUMBER -> true;
            default -> false;
        });
        String v = run.answers().get(field.id());
        keyed.set(v == null ? "" : v);
        say(Prompt.of("step.field." + field.type().wire(), Spoken.text(field.label(), null)));
    }

    @Override
    public StepKind kind() {
        return StepKind.FORM;
    }

    public Field field() {
        return field;
    }

    /** Position among the questions asked now ("第 2 题 / 共 3 题"), 1-based. */
    public int number() {
        return Forms.asked(run.plan().service(), run.answers()).indexOf(field) + 1;
    }

    public int count() {
        return Forms.asked(run.plan().service(), run.answers()).size();
    }

    public ReadOnlyBooleanProperty keypadProperty() {
        return keypad.getReadOnlyProperty();
    }

    /** What was keyed so far (digits, and X last for an ID number). */
    public ReadOnlyStringProperty keyedProperty() {
        return keyed.getReadOnlyProperty();
    }

    /** Why the answer was not taken; null when there is nothing to say. */
    public ReadOnlyObjectProperty<Forms.Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Loading> loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The household's members (the villager first), once loaded. */
    public ObservableList<Member> members() {
        return membersView;
    }

    public ObservableSet<Member> ticked() {
        return tickedView;
    }

    /** The chosen option of a choice field, or null. */
    public String chosen() {
        return run.answers().get(field.id());
    }

    @Override
    protected void entered() {
        problem.set(null);
        if (field.type() == FieldType.HOUSEHOLD && loading.get() != Loading.LOADED && loading.get() != Loading.LOADING) {
            load();
        }
        if (field.type() == FieldType.IDNUMBER) {
            readCard();
        }
    }

    @Override
    protected void left() {
        stopCard();
    }

    /**
     * What the card reader found for an ID number question: empty, "own" (the villager's own card is still
     * on the pad) or the other person's masked name once their card was read.
     */
    public ReadOnlyStringProperty cardNoteProperty() {
        return cardNote.getReadOnlyProperty();
    }

    // Commands //

    /** A choice's big button: taken and on to the next question. */
    public void choose(String option) {
        if (field.type() == FieldType.CHOICE && accept(option)) {
            run.answers().put(field.id(), option);
            run.forward(this);
        }
    }

    /** 确认 of a statement. */
    public void confirm() {
        if (field.type() == FieldType.CONFIRM) {
            run.answers().put(field.id(), "true");
            run.forward(this);
        }
    }

    /** A key of the keypad: 0–9, or X (the last character of an ID number). */
    public void key(char c) {
        boolean digit = c >= '0' && c <= '9';
        boolean x = c == 'X' && field.type() == FieldType.IDNUMBER && keyed.get().length() == 17;
        if ((digit || x) && keyed.get().length() < maxLength()) {
            keyed.set(keyed.get() + c);
            problem.set(null);
        }
    }

    /** 删除: the last key. */
    public void delete() {
        String k = keyed.get();
        if (!k.isEmpty()) {
            keyed.set(k.substring(0, k.length() - 1));
        }
        problem.set(null);
    }

    /** 清空. */
    public void clearKeyed() {
        keyed.set("");
        problem.set(null);
    }

    /** 确定 under the keypad, 下一步 under the household list, 跳过 of an optional question. */
    public void ok() {
        switch (field.type()) {
            case HOUSEHOLD -> {
                List<Member> chosen = members.stream().filter(ticked::contains).toList();
                if (chosen.isEmpty()) {
                    problem.set(Forms.Problem.of("form.error.household"));
                    return;
                }
                run.answers().members(chosen);
                run.answers().put(field.id(), Integer.toString(chosen.size()));
                run.forward(this);
            }
            case CHOICE, CONFIRM -> {
                if (!field.required()) {
                    run.answers().put(field.id(), null);
                    run.forward(this);
                } else {
                    problem.set(Forms.Problem.of(field.type() == FieldType.CONFIRM ? "form.error.confirm" : "form.error.required"));
                }
            }
            default -> {
                String v = keyed.get();
                if (!accept(v)) {
                    return;
                }
                run.answers().put(field.id(), v);
                if (field.type() == FieldType.IDNUMBER && run.answers().payer() == Payer.OTHER) {
                    run.answers().members(v.isEmpty() ? List.of() : List.of(new Member("", v, "")));
                }
                run.forward(this);
            }
        }
    }

    /** Ticks or unticks a household member. */
    public void toggle(Member m) {
        if (!members.contains(m)) {
            return;
        }
        if (!ticked.remove(m)) {
            ticked.add(m);
        }
        problem.set(null);
    }

    /** After the county did not answer: ask again. */
    public void retry() {
        if (field.type() == FieldType.HOUSEHOLD && loading.get() == Loading.UNREACHABLE) {
            load();
        }
    }

    // Internals //

    private boolean accept(String value) {
        Optional<Forms.Problem> p = Forms.check(field, value, LocalDate.now(run.clock()));
        problem.set(p.orElse(null));
        if (p.isPresent()) {
            say(Prompt.of("step.field.problem"));
        }
        return p.isEmpty();
    }

    /** Another person's card placed on the pad fills the number (and their name, for the receipt). */
    private void readCard() {
        stopCard();
        CompletableFuture<IdCard> f = run.cards().read(CARD_WAIT);
        cardRead = f;
        f.whenCompleteAsync((card, error) -> {
            if (cardRead != f || run.ended()) {
                return; // stopped, or replaced
            }
            cardRead = null;
            if (error != null) {
                Throwable cause = ServiceRun.cause(error);
                if (cause instanceof java.util.concurrent.CancellationException || cause instanceof IllegalStateException) {
                    return; // stopped, or no reader: the keypad it is
                }
                cardRetry = run.scheduler().after(CARD_AGAIN, this::readCard); // no card yet, or a bad read: wait on
                return;
            }
            if (card.idNumber().equals(run.payerIdNumber())) {
                // The villager's own card is still on the pad: ask for the other person's, and look again shortly.
                cardNote.set("own");
                say(Prompt.of("step.field.card.own"));
                cardRetry = run.scheduler().after(CARD_AGAIN, this::readCard);
                return;
            }
            ServiceRun.LOG.info(() -> "another person's card read for " + field.id() + ": " + card); // IdCard.toString is masked
            cardNote.set(cn.yzz.kiosk.device.Mask.name(card.displayName()));
            keyed.set(card.idNumber());
            run.answers().put(field.id(), card.idNumber());
            if (run.answers().payer() == Payer.OTHER) {
                run.answers().members(List.of(new Member(card.name(), card.idNumber(), "")));
            }
            problem.set(null);
            run.forward(this);
        }, run.fx());
    }

    private void stopCard() {
        if (cardRetry != null) {
            cardRetry.cancel();
            cardRetry = null;
        }
        if (cardRead != null) {
            CompletableFuture<IdCard> f = cardRead;
            cardRead = null;
            f.cancel(true);
        }
    }

    private int maxLength() {
        return switch (field.type()) {
            case PHONE -> 11;
            case DATE -> 8;
            case IDNUMBER -> 18;
            case NUMBER -> field.digits() != null ? field.digits() : 12;
            default -> 0;
        };
    }

    private void load() {
        String number = run.payerIdNumber();
        loading.set(Loading.LOADING);
        run.county().household(number).whenCompleteAsync((list, error) -> {
            if (run.ended()) {
                return;
            }
            if (error != null) {
                Throwable cause = ServiceRun.cause(error);
                loading.set(cause instanceof County.NotFound ? Loading.NOT_FOUND : Loading.UNREACHABLE);
                say(Prompt.of(cause instanceof County.NotFound ? "step.household.notfound" : "step.household.unreachable"));
                return;
            }
            List<Member> previous = new ArrayList<>(run.answers().members());
            members.setAll(list);
            ticked.clear();
            for (Member m : list) {
                if (previous.stream().anyMatch(p -> p.idNumber().equals(m.idNumber()))) {
                    ticked.add(m);
                }
            }
            loading.set(Loading.LOADED);
            say(Prompt.of("step.household", Spoken.count(list.size())));
        }, run.fx());
    }
}
