package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.app.assist.StaffMember;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.assist.StaffStore.SignIn;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.service.CardSource;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.Sex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * 帮办代办 (assisted mode): a village committee staff member signs in on the staff screen ({@link Screen#STAFF}, opened by
 * holding the title at home), the villager consents by placing their own ID card ({@link Screen#CONSENT}, 帮办授权, shown
 * and spoken), and the visit goes on as that villager's: the staff member is named on every screen and every transaction
 * carries their staff number ({@code data.assistedBy}); the evaluation is still the villager's. The mode belongs to the visit
 * ({@link Session#assistant()}): whatever ends the visit (首页, the idle watch, the end of a service) ends it.
 *
 * <p><b>Signing in.</b> A 6-digit PIN (it alone says who), or the staff card: the staff member's own ID card, enrolled in
 * the staff list, placed on the reader while the staff screen is open. Only there: a staff member placing their card at home
 * is a villager doing their own business. The PIN is checked when its sixth digit is keyed, on {@code staffThread} (PBKDF2
 * takes a moment); it is kept in a char array cleared as soon as it is handed over, shown as dots, never spoken or logged.
 * The keypad is not shuffled: in a village committee's room the risk is someone watching, and a shuffled pad with 96 px keys
 * shows the digits just as plainly while staff who learnt the pad by hand mistype more (each mistype counts towards the
 * lockout); the dots, the silence of the keys and the lockout ({@link StaffStore}) are what protect the PIN.
 *
 * <p><b>Consent.</b> The card placed must not be the staff member's own (when they enrolled one): a helper never becomes the
 * villager the visit serves. Log lines (masked) say when the mode starts and ends, and how the staff member signed in.
 *
 * <p>Use on the JavaFX thread; results come back through {@code fx}.
 */
public final class AssistModel {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.assist");

    /** One wait of the reader for a staff card; then it simply waits again. */
    static final Duration CARD_WAIT = Duration.ofSeconds(30);
    /** How soon the reader is looked at again after a card that cannot be used, or none. */
    static final Duration CARD_AGAIN = Duration.ofMillis(1500);

    /** What the staff screen tells: a wrong PIN ({@code count}: tries left), locked ({@code count}: minutes), or why not. */
    public record Notice(Problem problem, int count) {}

    public enum Problem { WRONG, LOCKED, NOT_STAFF, NO_STAFF, UNUSABLE }

    /** Where the consent stands, once a staff member signed in. */
    public enum Consent {
        /** Waiting for the villager's ID card (the identify model says how the reader is doing). */
        WAITING,
        /** A card was read; checking it is not the staff member's own. */
        CHECKING,
        /** The staff member's own card: they take it away, the villager places theirs. */
        STAFF_CARD,
        /** The villager consented: 开始办理 goes on as them. */
        GIVEN,
        /** The card cannot be used (expired, unreadable fields): the visit cannot go on with it. */
        CANNOT
    }

    private final KioskFlowModel flow;
    private final StaffStore store;
    private final Executor staffThread;
    private final Executor fx;
    private final Scheduler scheduler;
    private final CardSource cards;
    private final Clock clock;

    // Properties //

    private final ReadOnlyIntegerWrapper keyed = new ReadOnlyIntegerWrapper(this, "keyed", 0);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking", false);
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(this, "locked", false);
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>(this, "notice");
    private final ReadOnlyObjectWrapper<Consent> consent = new ReadOnlyObjectWrapper<>(this, "consent", Consent.WAITING);
    private final ObjectBinding<Prompt> prompt;

    // State //

    private final char[] pin = new char[StaffStore.PIN_LENGTH];
    private int length;
    /** Changes whenever the staff or consent screen opens or closes: answers for a screen no longer there are dropped. */
    private int generation;
    private CompletableFuture<IdCard> cardRead;
    private Scheduler.Cancellable cardRetry;
    private Scheduler.Cancellable unlock;
    private Scheduler.Cancellable consentRetry;
    private Instant lockedUntil;

    /**
     * @param staffThread where the staff list is read and PINs are hashed (never the JavaFX thread)
     * @param cards       the ID card reader, for the staff card
     */
    public AssistModel(KioskFlowModel flow, StaffStore store, Executor staffThread, Executor fx, Scheduler scheduler,
                       CardSource cards, Clock clock) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.store = Objects.requireNonNull(store, "store");
        this.staffThread = Objects.requireNonNull(staffThread, "staffThread");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.clock = Objects.requireNonNull(clock, "clock");
        flow.screenProperty().addListener((o, was, now) -> screenChanged(was, now));
        flow.identify().stepProperty().addListener((o, was, now) -> identifyChanged(now));
        IdentifyModel id = flow.identify();
        prompt = Bindings.createObjectBinding(this::currentPrompt, flow.screenProperty(), notice, consent, id.stepProperty(),
                id.identityProperty(), flow.session().assistantProperty());
    }

    public KioskFlowModel flow() {
        return flow;
    }

    /** Digits keyed so far (the screen shows as many dots). */
    public ReadOnlyIntegerProperty keyedProperty() {
        return keyed.getReadOnlyProperty();
    }

    /** True while a PIN or a card is being checked. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** True while PIN entry is locked after too many wrong PINs: the keys do nothing. */
    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    /** What went wrong on the staff screen; null when nothing did. */
    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Consent> consentProperty() {
        return consent.getReadOnlyProperty();
    }

    /** What the kiosk says on the staff and consent screens (null elsewhere); never a digit of the PIN. */
    public ObjectBinding<Prompt> promptProperty() {
        return prompt;
    }

    // Commands //

    /** A digit of the PIN; the sixth checks it. */
    public void key(char digit) {
        if (digit < '0' || digit > '9' || flow.screenProperty().get() != Screen.STAFF || checking.get() || locked.get()
                || length >= pin.length) {
            return;
        }
        pin[length++] = digit;
        keyed.set(length);
        if (notice.get() != null && notice.get().problem() != Problem.LOCKED) {
            notice.set(null);
        }
        if (length == pin.length) {
            checkPin();
        }
    }

    /** 删除: the last digit. */
    public void delete() {
        if (length > 0 && !checking.get()) {
            pin[--length] = '\0';
            keyed.set(length);
        }
    }

    /** 清空: every digit. */
    public void clear() {
        if (!checking.get()) {
            clearPin();
        }
    }

    /** The consent screen's 开始办理: the visit goes on as the villager who consented. */
    public void startServices() {
        if (flow.screenProperty().get() == Screen.CONSENT && consent.get() == Consent.GIVEN) {
            flow.useIdentity();
        }
    }

    // Internals: the staff screen //

    private void screenChanged(Screen was, Screen now) {
        if (was == now) {
            return;
        }
        generation++;
        if (was == Screen.STAFF) {
            stopCard();
            clearPin();
            checking.set(false);
            notice.set(null);
        }
        if (was == Screen.CONSENT && consentRetry != null) {
            consentRetry.cancel();
            consentRetry = null;
        }
        if (now == Screen.STAFF) {
            clearPin();
            notice.set(null);
            if (unlock != null) { // still locked from an earlier visit to the screen: say so again
                notice.set(new Notice(Problem.LOCKED, minutesLeft(lockedUntil)));
            }
            readStaffCard();
        } else if (now == Screen.CONSENT) {
            consent.set(Consent.WAITING);
        }
    }

    private void checkPin() {
        char[] keyedPin = Arrays.copyOf(pin, length);
        Arrays.fill(pin, '\0');
        length = 0; // the dots stay (keyed) until the answer comes
        check(() -> {
            try {
                return store.pin(keyedPin);
            } finally {
                Arrays.fill(keyedPin, '\0');
            }
        }, "PIN");
    }

    private void check(java.util.function.Supplier<SignIn> work, String how) {
        checking.set(true);
        int gen = generation;
        CompletableFuture.supplyAsync(work, staffThread).whenCompleteAsync((result, error) -> {
            if (gen != generation) {
                return; // the screen was left meanwhile
            }
            checking.set(false);
            keyed.set(length);
            if (error != null) {
                LOG.log(Level.WARNING, "staff sign-in could not be checked", cause(error));
                notice.set(new Notice(Problem.UNUSABLE, 0));
            } else {
                signIn(result, how);
            }
            if (!(result instanceof SignIn.Ok) && flow.screenProperty().get() == Screen.STAFF && "card".equals(how)) {
                cardRetry = scheduler.after(CARD_AGAIN, this::readStaffCard);
            }
        }, fx);
    }

    private void signIn(SignIn result, String how) {
        if (result instanceof SignIn.Ok ok) {
            StaffMember staff = ok.staff();
            LOG.info(() -> "assisted mode: " + staff + " signed in by " + how); // StaffMember.toString is masked
            stopCard(); // before the consent's read starts on the same reader
            notice.set(null);
            flow.session().assistedBy(staff);
            flow.askConsent();
        } else if (result instanceof SignIn.Wrong w) {
            LOG.info(() -> "wrong staff PIN; " + w.triesLeft() + " tries left before PIN entry is locked");
            notice.set(new Notice(Problem.WRONG, w.triesLeft()));
        } else if (result instanceof SignIn.Locked l) {
            lock(l.until());
        } else if (result instanceof SignIn.NotStaff) {
            LOG.info("a card that is no staff member's was placed on the staff screen");
            notice.set(new Notice(Problem.NOT_STAFF, 0));
        } else if (result instanceof SignIn.NoStaff) {
            notice.set(new Notice(Problem.NO_STAFF, 0));
        } else {
            notice.set(new Notice(Problem.UNUSABLE, 0));
        }
    }

    /** Keys do nothing until {@code until}; the store refuses PINs until then anyway. */
    private void lock(Instant until) {
        lockedUntil = until;
        locked.set(true);
        notice.set(new Notice(Problem.LOCKED, minutesLeft(until)));
        if (unlock != null) {
            unlock.cancel();
        }
        Duration left = Duration.between(clock.instant(), until);
        unlock = scheduler.after(left.isNegative() ? Duration.ZERO : left, () -> {
            unlock = null;
            locked.set(false);
            if (notice.get() != null && notice.get().problem() == Problem.LOCKED) {
                notice.set(null);
            }
        });
    }

    private int minutesLeft(Instant until) {
        long seconds = Math.max(0, Duration.between(clock.instant(), until).getSeconds());
        return (int) Math.max(1, (seconds + 59) / 60);
    }

    /** The staff card: any card placed while the staff screen is open is looked up in the staff list. */
    private void readStaffCard() {
        stopCard();
        CompletableFuture<IdCard> f = cards.read(CARD_WAIT);
        cardRead = f;
        f.whenCompleteAsync((card, error) -> {
            if (cardRead != f) {
                return; // stopped, or replaced
            }
            cardRead = null;
            if (error != null) {
                Throwable c = cause(error);
                if (!(c instanceof CancellationException) && !(c instanceof IllegalStateException)) {
                    cardRetry = scheduler.after(CARD_AGAIN, this::readStaffCard); // no card yet, or a bad read: wait on
                }
                return;
            }
            flow.session().cardPlaced(); // the end reminds whoever placed it to take it
            if (checking.get()) {
                cardRetry = scheduler.after(CARD_AGAIN, this::readStaffCard);
                return;
            }
            String number = card.idNumber();
            check(() -> store.card(number), "card");
        }, fx);
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

    private void clearPin() {
        Arrays.fill(pin, '\0');
        length = 0;
        keyed.set(0);
    }

    // Internals: consent //

    private void identifyChanged(IdentifyModel.Step step) {
        if (flow.screenProperty().get() != Screen.CONSENT) {
            return;
        }
        switch (step) {
            case DONE -> checkConsentCard();
            case ERROR, UNAVAILABLE -> consent.set(Consent.WAITING);
            case IDLE, WAITING -> {
                if (consent.get() != Consent.STAFF_CARD) { // looking again while the staff member's card is still there
                    consent.set(Consent.WAITING);
                }
            }
        }
    }

    private void checkConsentCard() {
        MaskedIdentity person = flow.identify().identityProperty().get();
        IdCard card = flow.identify().cardProperty().get();
        StaffMember staff = flow.session().assistant();
        if (person == null || card == null || staff == null) {
            return;
        }
        if (!person.canContinue()) {
            consent.set(Consent.CANNOT);
            return;
        }
        consent.set(Consent.CHECKING);
        int gen = generation;
        String number = card.idNumber();
        CompletableFuture.supplyAsync(() -> store.isCardOf(staff, number), staffThread).whenCompleteAsync((own, error) -> {
            if (gen != generation || flow.identify().cardProperty().get() != card) {
                return;
            }
            if (error != null) {
                LOG.log(Level.WARNING, "the consent card could not be checked against the staff card", cause(error));
            }
            if (Boolean.TRUE.equals(own)) {
                LOG.info(() -> "assisted mode: " + staff + " placed their own card for the villager's consent; refused");
                consent.set(Consent.STAFF_CARD);
                consentRetry = scheduler.after(CARD_AGAIN, () -> flow.identify().start());
                return;
            }
            LOG.info(() -> "assisted mode: the villager consented with their own ID card (" + person.name() + ")"); // masked
            consent.set(Consent.GIVEN);
        }, fx);
    }

    private Prompt currentPrompt() {
        StaffMember staff = flow.session().assistant();
        return switch (flow.screenProperty().get()) {
            case STAFF -> staffPrompt(notice.get());
            case CONSENT -> switch (consent.get()) {
                case WAITING, CHECKING -> switch (flow.identify().stepProperty().get()) {
                    case ERROR -> Prompt.of("identify.again");
                    case UNAVAILABLE -> Prompt.of("identify.unavailable");
                    default -> Prompt.of("consent.place", spokenStaff(staff));
                };
                case STAFF_CARD -> Prompt.of("consent.staff.card");
                case CANNOT -> Prompt.of("identify.problem");
                case GIVEN -> {
                    MaskedIdentity person = flow.identify().identityProperty().get();
                    yield Prompt.of("consent.given", person == null ? Spoken.text("", "")
                            : Spoken.honorific(person.name(), person.sex() == Sex.FEMALE), spokenStaff(staff));
                }
            };
            default -> null;
        };
    }

    private static Prompt staffPrompt(Notice n) {
        if (n == null) {
            return Prompt.of("staff.pin");
        }
        return switch (n.problem()) {
            case WRONG -> Prompt.of("staff.pin.wrong", Spoken.count(n.count()));
            case LOCKED -> Prompt.of("staff.pin.locked", Spoken.count(n.count()));
            case NOT_STAFF -> Prompt.of("staff.card.unknown");
            case NO_STAFF -> Prompt.of("staff.none");
            case UNUSABLE -> Prompt.of("staff.unusable");
        };
    }

    /** 韦某 in Mandarin and Cantonese; nothing in Hakka and English, whose bundles say 工作人员 in their own words. */
    private static Spoken spokenStaff(StaffMember staff) {
        return Spoken.text(staff == null ? "" : staff.spokenName(), "");
    }

    private static Throwable cause(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
