package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.qr.QrScanner;
import cn.yzz.kiosk.device.qr.Scan;
import cn.yzz.kiosk.device.sscard.NotSsCardException;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.SsCardEvent;
import cn.yzz.kiosk.device.sscard.SsCardReader;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

/**
 * The identify screen: waits for the villager to prove who they are in any of the ways the service
 * accepts and the kiosk can do now ({@link #methodsProperty()}), all at once: the resident ID card
 * on the reader, a 粤省事码 shown to the QR scanner (resolved by the county), the social security
 * card in its slot (enhanced kiosks). Whichever comes first and is good gives the masked identity.
 * At home it listens for a 粤省事码 only ({@link #watchAtHome}), to identify first.
 * Walking away is not its business: the shell's idle watch ends the whole session.
 *
 * <p>A 粤省事码 is a credential that can be replayed until it expires: its text goes to the county
 * and nowhere else; no field, log line or exception here holds it.
 *
 * <p>Not thread-safe: every command must be called on the {@code fx} executor's thread, and
 * results from the devices and the county come back through that executor, the only place where
 * threads change. Nothing here blocks.
 */
public final class IdentifyModel {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.identify");

    /** Where the flow stands. */
    public enum Step {
        /** Not on screen; nothing is being read. */
        IDLE,
        /** Waiting for a card or a code and reading it. The drivers do not say when a card arrives, so waiting and reading are one step. */
        WAITING,
        /** A 粤省事码 was shown; the county is asked who it stands for. */
        RESOLVING,
        /** The last card or code could not be used ({@link #problemProperty()} says why); the others are waited for again. */
        ERROR,
        /** The ID card reader cannot be used now; only a retry or leaving is possible. */
        UNAVAILABLE,
        /** The villager is identified; {@link #identityProperty()} holds what may be shown. */
        DONE
    }

    /** Why the last card or code could not be used, in the words the screen and the voice give. */
    public enum Problem {
        /** The ID card moved or could not be read: place it again. */
        CARD_AGAIN,
        /** The county knows no such 粤省事码 (404), or it has expired: refresh it on the phone, or use a card. */
        CODE_UNKNOWN,
        /** No network, so a 粤省事码 cannot be checked: use the ID card. */
        CODE_OFFLINE,
        /** The county answered, but not usefully: use the ID card. */
        CODE_FAILED,
        /** The service does not take a 粤省事码. */
        CODE_NOT_ACCEPTED,
        /** The social security card has expired: take it out and use another way. */
        SSCARD_EXPIRED,
        /** The card in the slot is not a social security card. */
        NOT_SSCARD,
        /** The social security card could not be read: take it out and insert it again. */
        SSCARD_AGAIN,
        /** The service does not take the social security card. */
        SSCARD_NOT_ACCEPTED;

        /** The key of its words on screen and in the voice: {@code identify.again} for the ID card, else {@code identify.error.<name>}. */
        public String key() {
            return this == CARD_AGAIN ? "identify.again" : "identify.error." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What else proves who a villager is on this kiosk, besides the ID card reader; each is null when
     * not fitted (the county: when this kiosk has none to ask).
     */
    public record Means(QrScanner scanner, SsCardReader ssCards, County county) {
        public static final Means NONE = new Means(null, null, null);
    }

    /** At home, a 粤省事码 was shown: returns true when the flow starts identifying for it (the code is then resolved). */
    @FunctionalInterface
    public interface CodeAtHome {
        boolean identifyFirst();
    }

    /** Every way this kiosk can identify, in the order the screen offers them: the ID card always first. */
    public static final List<Identity> METHODS = List.of(Identity.IDCARD, Identity.YSS_CODE, Identity.SSCARD);

    /** Unreadable cards in a row before the reader is treated as unusable. */
    static final int MAX_CARD_ERRORS = 3;

    /** How long one read waits for a card before the driver reports none; the model then simply waits again. */
    public static final Duration CARD_WAIT = Duration.ofSeconds(60);

    /**
     * One wait of the scanner; another follows at once. Long, because a scanner that waits at home all day
     * would otherwise log going busy and idle every minute.
     */
    static final Duration CODE_WAIT = Duration.ofMinutes(10);

    /** The longest a 粤省事码 is waited on at the county before the villager is told to use the ID card. */
    static final Duration RESOLVE_WAIT = Duration.ofSeconds(20);

    private final IdCardReader reader;
    private final Executor fx;
    private final Clock clock;
    private final Duration cardWait;
    private final PhotoDecoder photos;
    private final Means means;
    private final CodeWatch codes;

    // Properties //

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.IDLE);
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(this, "reading", false);
    private final ReadOnlyObjectWrapper<MaskedIdentity> identity = new ReadOnlyObjectWrapper<>(this, "identity");
    private final ReadOnlyObjectWrapper<IdCard> card = new ReadOnlyObjectWrapper<>(this, "card");
    private final ReadOnlyObjectWrapper<Villager> villager = new ReadOnlyObjectWrapper<>(this, "villager");
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ReadOnlyListWrapper<Identity> methods =
            new ReadOnlyListWrapper<>(this, "methods", FXCollections.observableArrayList());
    private final ObjectProperty<Abilities> abilities = new SimpleObjectProperty<>(this, "abilities");

    // State //

    private CompletableFuture<IdCard> pending;
    private CompletableFuture<SsCard> ssPending;
    private CompletableFuture<Identified> resolving;
    private List<Identity> accepted = List.of();
    private boolean identifying;       // start() was called and neither cancel() nor DONE since
    private boolean ssAwaitingRemoval; // a card that cannot be used is in the slot: read again once it is out
    private CodeAtHome codeAtHome;
    private int cardErrors;
    private boolean cardSeen;   // since start(): an ID card was (or may still be) on the reader
    private boolean ssCardSeen; // since start(): a social security card was (or may still be) in the slot

    public IdentifyModel(IdCardReader reader, Executor fx, Clock clock, Duration cardWait, PhotoDecoder photos) {
        this(reader, fx, clock, cardWait, photos, Means.NONE);
    }

    public IdentifyModel(IdCardReader reader, Executor fx, Clock clock, Duration cardWait, PhotoDecoder photos, Means means) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cardWait = Objects.requireNonNull(cardWait, "cardWait");
        this.photos = Objects.requireNonNull(photos, "photos");
        this.means = Objects.requireNonNull(means, "means");
        this.codes = means.scanner() == null ? null : new CodeWatch(means.scanner(), fx, CODE_WAIT, this::scanned);
        if (means.ssCards() != null) {
            means.ssCards().addListener(e -> {
                if (e instanceof SsCardEvent.Inserted) {
                    fx.execute(this::ssCardInserted);
                } else if (e instanceof SsCardEvent.Removed) {
                    fx.execute(this::ssCardRemoved);
                }
            });
        }
        abilities.addListener((o, was, now) -> refresh());
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** True while a card is waited for or read, or a code resolved (the view shows a progress indicator). */
    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** The masked identity once identified; null otherwise. The only personal data a view may use. */
    public ReadOnlyObjectProperty<MaskedIdentity> identityProperty() {
        return identity.getReadOnlyProperty();
    }

    /** The ID card itself, when they identified with it; null otherwise. Never shown as it is. */
    public ReadOnlyObjectProperty<IdCard> cardProperty() {
        return card.getReadOnlyProperty();
    }

    /** Who they are and how they proved it, for the flows that follow; null until {@link Step#DONE}. Never shown as it is. */
    public ReadOnlyObjectProperty<Villager> villagerProperty() {
        return villager.getReadOnlyProperty();
    }

    /** Why the last card or code could not be used, at {@link Step#ERROR}; null otherwise. */
    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The ways offered now, in {@link #METHODS} order: what the service accepts and the kiosk can do at this moment. */
    public ReadOnlyListProperty<Identity> methodsProperty() {
        return methods.getReadOnlyProperty();
    }

    /** What the kiosk can do now (the flow binds it to its own); null: every fitted means, online. */
    public ObjectProperty<Abilities> abilitiesProperty() {
        return abilities;
    }

    // Commands //

    /** Starts waiting for any way this kiosk can identify (identify first, before a service is chosen). */
    public void start() {
        start(METHODS);
    }

    /** Starts waiting (again) for the ways {@code accepted} (a service's {@code identity}) that the kiosk can do now. */
    public void start(List<Identity> accepted) {
        stop();
        this.accepted = List.copyOf(accepted);
        identifying = true;
        cardErrors = 0;
        step.set(Step.WAITING);
        refresh();
    }

    /** After {@link Step#UNAVAILABLE}: tries the reader once more. */
    public void retry() {
        if (step.get() == Step.UNAVAILABLE) {
            start(accepted);
        }
    }

    /**
     * At home: a 粤省事码 shown to the scanner asks {@code onCode} to identify first, and is then resolved.
     * Null stops listening at home (identifying goes on listening by itself).
     */
    public void watchAtHome(CodeAtHome onCode) {
        codeAtHome = onCode;
        wantCodes();
    }

    /** True when an ID card was read or seen since the last start, so the villager should be reminded to take it. */
    public boolean cardMayBeOnReader() {
        return cardSeen;
    }

    /** True when a social security card went into the slot since the last start, so the villager should be reminded to take it. */
    public boolean ssCardMayBeInReader() {
        return ssCardSeen;
    }

    /** Stops at once: nothing is read, nothing is kept. */
    public void cancel() {
        stop();
        cardSeen = false;
        ssCardSeen = false;
    }

    // Internals //

    /** Offers what can be done now, and starts a wait for each offered way that has none. */
    private void refresh() {
        List<Identity> now = identifying ? METHODS.stream().filter(accepted::contains).filter(this::possible).toList() : List.of();
        if (!methods.equals(now)) {
            methods.setAll(now);
        }
        boolean waiting = identifying && (step.get() == Step.WAITING || step.get() == Step.ERROR || step.get() == Step.RESOLVING);
        if (waiting && now.contains(Identity.IDCARD) && pending == null) {
            readIdCard();
        } else if (!now.contains(Identity.IDCARD)) {
            stopIdCard();
        }
        if (waiting && now.contains(Identity.SSCARD) && ssPending == null && !ssAwaitingRemoval) {
            readSsCard();
        } else if (!now.contains(Identity.SSCARD)) {
            stopSsCard();
        }
        wantCodes();
        showReading();
    }

    private boolean possible(Identity m) {
        Abilities a = abilities.get();
        return switch (m) {
            // The ID card reader is essential: when it is down the screen says so (UNAVAILABLE) and the kiosk goes out of service.
            case IDCARD -> true;
            case YSS_CODE -> means.scanner() != null && means.county() != null && (a == null || a.allows(m));
            case SSCARD -> means.ssCards() != null && (a == null || a.allows(m));
            case FACE -> false; // no face recognition on this kiosk yet
        };
    }

    private boolean online() {
        Abilities a = abilities.get();
        return a == null || a.online();
    }

    /** The scanner listens while identifying (a code shown for a service that takes none is told so) and at home. */
    private void wantCodes() {
        if (codes != null) {
            boolean identifyingNow = identifying && step.get() != Step.DONE && step.get() != Step.UNAVAILABLE;
            codes.want(identifyingNow || codeAtHome != null);
        }
    }

    private void showReading() {
        reading.set(pending != null || ssPending != null || resolving != null);
    }

    // The ID card //

    private void readIdCard() {
        CompletableFuture<IdCard> f = reader.read(cardWait);
        pending = f; // the reader's own future, so that cancelling it stops the reader
        // Masking and photo decoding happen on the reader's thread; the JavaFX thread only shows the result.
        f.thenApply(c -> new Identified(Villager.of(c), MaskedIdentity.of(c, LocalDate.now(clock), photos))).whenCompleteAsync((result, error) -> {
            if (pending == f) { // a read we cancelled or replaced reports nothing
                pending = null;
                idCardRead(result, error);
                showReading();
            }
        }, fx);
    }

    private record Identified(Villager villager, MaskedIdentity identity) {}

    private void idCardRead(Identified result, Throwable error) {
        if (error == null) {
            cardSeen = true;
            LOG.info(() -> "card read: " + result.villager().card()); // IdCard.toString is masked
            done(result);
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException) {
            return;
        }
        DeviceException.Kind kind = cause instanceof DeviceException d ? d.kind() : null;
        if (kind == DeviceException.Kind.NO_MEDIA) {
            readIdCard(); // nobody placed a card yet: keep waiting; the idle watch decides when the villager has gone
        } else if ((kind == DeviceException.Kind.MEDIA_ERROR || kind == DeviceException.Kind.PROTOCOL)
                && ++cardErrors < MAX_CARD_ERRORS) {
            cardSeen = true;
            LOG.info(() -> "card not read (" + kind + ": " + cause.getMessage() + "); asking to place it again");
            problem(Problem.CARD_AGAIN);
            readIdCard();
        } else {
            LOG.log(Level.WARNING, "ID card reader unusable: {0}: {1}",
                    new Object[] {kind == null ? cause.getClass().getSimpleName() : kind, cause.getMessage()});
            stopSources();
            step.set(Step.UNAVAILABLE);
            wantCodes();
        }
    }

    private void stopIdCard() {
        if (pending != null) {
            CompletableFuture<IdCard> f = pending;
            pending = null;
            f.cancel(true); // the reader notices within one polling interval
        }
    }

    // The social security card //

    private void readSsCard() {
        CompletableFuture<SsCard> f = means.ssCards().read(cardWait);
        ssPending = f;
        f.whenCompleteAsync((c, error) -> {
            if (ssPending == f) {
                ssPending = null;
                ssCardRead(c, error);
                showReading();
            }
        }, fx);
    }

    private void ssCardRead(SsCard c, Throwable error) {
        if (error == null) {
            ssCardSeen = true;
            LocalDate today = LocalDate.now(clock);
            if (c.expiredOn(today)) {
                LOG.info(() -> "social security card expired on " + c.expiryDate() + ": " + c); // masked
                cannotUseSsCard(Problem.SSCARD_EXPIRED);
                return;
            }
            LOG.info(() -> "social security card read: " + c); // SsCard.toString is masked
            Villager v = Villager.of(c);
            done(new Identified(v, MaskedIdentity.of(v, today, photos)));
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException) {
            return;
        }
        DeviceException.Kind kind = cause instanceof DeviceException d ? d.kind() : null;
        if (kind == DeviceException.Kind.NO_MEDIA) {
            refresh();
        } else if (cause instanceof NotSsCardException) {
            ssCardSeen = true;
            LOG.info("the card in the slot is not a social security card");
            cannotUseSsCard(Problem.NOT_SSCARD);
        } else if (kind == DeviceException.Kind.MEDIA_ERROR || kind == DeviceException.Kind.PROTOCOL) {
            ssCardSeen = true;
            LOG.info(() -> "social security card not read (" + kind + ": " + cause.getMessage() + ")");
            cannotUseSsCard(Problem.SSCARD_AGAIN);
        } else {
            // The reader is gone or closed: the device watch takes the way off the screen; its return brings it back.
            LOG.log(Level.WARNING, "social security card reader not usable: {0}: {1}",
                    new Object[] {kind == null ? cause.getClass().getSimpleName() : kind, cause.getMessage()});
        }
    }

    /** The card in the slot cannot be used: say why, and read again once it has been taken out. */
    private void cannotUseSsCard(Problem why) {
        ssAwaitingRemoval = means.ssCards().cardPresent(); // already out: a new card may be read at once
        problem(why);
        refresh();
    }

    private void ssCardInserted() {
        if (!identifying || step.get() == Step.DONE) {
            return;
        }
        ssCardSeen = true;
        if (means.ssCards() != null && !methods.contains(Identity.SSCARD) && !accepted.contains(Identity.SSCARD)
                && step.get() != Step.RESOLVING) {
            problem(Problem.SSCARD_NOT_ACCEPTED);
        }
    }

    private void ssCardRemoved() {
        if (ssAwaitingRemoval) {
            ssAwaitingRemoval = false;
            refresh();
        }
    }

    private void stopSsCard() {
        if (ssPending != null) {
            CompletableFuture<SsCard> f = ssPending;
            ssPending = null;
            f.cancel(true);
        }
    }

    // The 粤省事码 //

    /** A code was shown. Its text goes to the county and is dropped here; nothing keeps or logs it. */
    private void scanned(Scan scan) {
        if (!identifying) {
            if (codeAtHome == null || !codeAtHome.identifyFirst() || !identifying) {
                LOG.info("a code was shown where none is taken; ignored");
                return;
            }
        }
        Step now = step.get();
        if (now == Step.DONE || now == Step.RESOLVING || now == Step.UNAVAILABLE) {
            LOG.info(() -> "a code was shown while " + now + "; ignored");
            return;
        }
        LOG.info(() -> "a code was shown (" + scan.bytes() + " bytes)"); // never its text
        if (!accepted.contains(Identity.YSS_CODE)) {
            problem(Problem.CODE_NOT_ACCEPTED);
        } else if (means.county() == null) {
            problem(Problem.CODE_FAILED);
        } else if (!online()) {
            problem(Problem.CODE_OFFLINE);
        } else {
            resolve(scan.text());
        }
    }

    private void resolve(String code) {
        problem.set(null);
        step.set(Step.RESOLVING);
        CompletableFuture<Identified> f = means.county().resolveCode(code)
                .thenApply(this::identifiedByCode)
                .orTimeout(RESOLVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        resolving = f;
        showReading();
        f.whenCompleteAsync((result, error) -> {
            if (resolving != f) {
                return; // identified another way meanwhile, or left
            }
            resolving = null;
            resolved(result, error);
            showReading();
        }, fx);
    }

    private Identified identifiedByCode(Person p) {
        Villager v = Villager.byCode(p);
        return new Identified(v, MaskedIdentity.of(v, LocalDate.now(clock), photos));
    }

    private void resolved(Identified result, Throwable error) {
        if (error == null) {
            LOG.info(() -> "粤省事码 resolved: " + result.villager()); // Villager.toString is masked
            done(result);
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException) {
            return;
        }
        if (cause instanceof County.NotFound) {
            LOG.info("粤省事码 unknown to the county, or expired");
            problem(Problem.CODE_UNKNOWN);
        } else if (cause instanceof County.Unreachable || cause instanceof TimeoutException) {
            LOG.info(() -> "粤省事码 not checked: the county did not answer (" + cause.getClass().getSimpleName() + ")");
            problem(Problem.CODE_OFFLINE);
        } else {
            LOG.log(Level.WARNING, "粤省事码 not checked: {0}: {1}", new Object[] {cause.getClass().getSimpleName(), cause.getMessage()});
            problem(Problem.CODE_FAILED);
        }
    }

    private void stopResolving() {
        if (resolving != null) {
            CompletableFuture<Identified> f = resolving;
            resolving = null;
            f.cancel(false); // the county's answer, when it comes, goes nowhere
        }
    }

    // Common //

    /** The last card or code could not be used: the screen says why, the other ways go on. */
    private void problem(Problem why) {
        problem.set(why);
        if (step.get() != Step.UNAVAILABLE && step.get() != Step.DONE) {
            step.set(Step.ERROR);
        }
    }

    private void done(Identified result) {
        stopSources();
        cardErrors = 0;
        if (result.villager().how() == Identity.SSCARD) {
            ssCardSeen = true;
        }
        villager.set(result.villager());
        card.set(result.villager().card());
        identity.set(result.identity());
        problem.set(null);
        step.set(Step.DONE);
        wantCodes();
    }

    private void stopSources() {
        stopIdCard();
        stopSsCard();
        stopResolving();
        showReading();
    }

    private void stop() {
        stopSources();
        identifying = false;
        ssAwaitingRemoval = false;
        step.set(Step.IDLE); // first: no observer ever sees DONE without an identity
        reading.set(false);
        problem.set(null);
        card.set(null);
        identity.set(null);
        villager.set(null);
        methods.clear();
        wantCodes();
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
