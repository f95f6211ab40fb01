package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The "请放置身份证" flow: waits for a card on the reader, reads it and offers the masked identity;
 * on the way out it reminds the villager to take the card.
 *
 * <p>Not thread-safe: every command must be called on the {@code fx} executor's thread, and
 * results from the reader come back through that executor, the only place where threads change.
 * The reader reads on its own thread, so nothing here blocks.
 */
public final class IdentifyModel {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.identify");

    /** Where the flow stands. */
    public enum Step {
        /** Not on screen; nothing is being read. */
        IDLE,
        /** Waiting for a card and reading it. The driver does not say when a card arrives, so waiting and reading are one step. */
        WAITING,
        /** The card moved or could not be read; a new read is already waiting for it. */
        ERROR,
        /** The reader cannot be used now; only a retry or leaving is possible. */
        UNAVAILABLE,
        /** The card was read; {@link #identityProperty()} holds what may be shown. */
        DONE,
        /** Leaving after a card was on the reader: "请取走您的身份证", then on to where the villager was going. */
        TAKE_CARD
    }

    public static final String PLACE_CARD = "请将身份证放在读卡区";
    public static final String PLACE_AGAIN = "请重新放置身份证";
    public static final String READER_UNAVAILABLE = "读卡器暂时无法使用，请联系村委会工作人员";
    public static final String TAKE_CARD = "请取走您的身份证";
    public static final String READ_OK = "读取成功";

    /** Unreadable cards in a row before the reader is treated as unusable. */
    static final int MAX_CARD_ERRORS = 3;

    /**
     * @param cardWait how long to wait for a card before giving up and going home
     * @param reminder how long "请取走您的身份证" stays before moving on by itself
     * @param idle     how long the identity or the reader problem stays on screen with nobody
     *                 tapping before the kiosk goes home (so that nothing personal is left showing)
     */
    public record Settings(Duration cardWait, Duration reminder, Duration idle) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(60));
        }
    }

    private final IdCardReader reader;
    private final Executor fx;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Settings settings;
    private final PhotoDecoder photos;
    private Runnable onGiveUp = () -> { };

    // Properties //

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(this, "reading", false);
    private final ReadOnlyObjectWrapper<MaskedIdentity> identity = new ReadOnlyObjectWrapper<>(this, "identity");
    private final ReadOnlyObjectWrapper<IdCard> card = new ReadOnlyObjectWrapper<>(this, "card");

    // State //

    private CompletableFuture<IdCard> pending;
    private int cardErrors;
    private Scheduler.Cancellable timer; // the reminder's, or the idle time's
    private Runnable afterReminder;

    public IdentifyModel(IdCardReader reader, Executor fx, Clock clock, Scheduler scheduler, Settings settings,
                         PhotoDecoder photos) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.photos = Objects.requireNonNull(photos, "photos");
    }

    /**
     * What to do when the villager seems to have gone: no card within {@link Settings#cardWait()},
     * or nobody tapped for {@link Settings#idle()} (the kiosk goes home).
     */
    public void setOnGiveUp(Runnable onGiveUp) {
        this.onGiveUp = Objects.requireNonNull(onGiveUp, "onGiveUp");
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** The words to show for the current step, in plain language. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a read is under way (the view shows a progress indicator). */
    public ReadOnlyBooleanProperty readingProperty() {
        return reading.getReadOnlyProperty();
    }

    /** The masked identity once a card was read; null otherwise. The only card data a view may use. */
    public ReadOnlyObjectProperty<MaskedIdentity> identityProperty() {
        return identity.getReadOnlyProperty();
    }

    /** The card itself, for the flows that follow; null when none. Never shown as it is. */
    public ReadOnlyObjectProperty<IdCard> cardProperty() {
        return card.getReadOnlyProperty();
    }

    // Commands //

    /** Starts waiting for a card (again). */
    public void start() {
        stopEverything();
        cardErrors = 0;
        read(Step.WAITING, PLACE_CARD);
    }

    /** After {@link Step#UNAVAILABLE}: tries the reader once more. */
    public void retry() {
        if (step.get() == Step.UNAVAILABLE) {
            start();
        }
    }

    /** True when a card is probably still on the reader, so leaving should remind the villager to take it. */
    public boolean cardMayBeOnReader() {
        return step.get() == Step.DONE || step.get() == Step.ERROR;
    }

    /**
     * Leaves the flow: stops reading, forgets the card, and runs {@code then} (normally: show the
     * next screen) at once, or after the "请取走您的身份证" reminder if a card may be on the reader.
     */
    public void leave(Runnable then) {
        Objects.requireNonNull(then, "then");
        boolean remind = cardMayBeOnReader();
        stopEverything();
        if (!remind) {
            then.run();
            return;
        }
        afterReminder = then;
        step.set(Step.TAKE_CARD);
        message.set(TAKE_CARD);
        timer = scheduler.after(settings.reminder(), this::dismissReminder);
    }

    /** Ends the "请取走您的身份证" reminder now (the villager tapped 好的, or its time ran out). */
    public void dismissReminder() {
        if (step.get() != Step.TAKE_CARD) {
            return;
        }
        Runnable then = afterReminder;
        stopEverything();
        if (then != null) {
            then.run();
        }
    }

    /** Stops at once, with no reminder: nothing is read, nothing is kept. */
    public void cancel() {
        stopEverything();
    }

    // Internals //

    private void read(Step next, String words) {
        step.set(next);
        message.set(words);
        reading.set(true);
        CompletableFuture<IdCard> f = reader.read(settings.cardWait());
        pending = f; // the reader's own future, so that cancelling it stops the reader
        // Masking and photo decoding happen on the reader's thread; the JavaFX thread only shows the result.
        f.thenApply(c -> new Read(c, MaskedIdentity.of(c, LocalDate.now(clock), photos))).whenCompleteAsync((result, error) -> {
            if (pending == f) { // a read we cancelled or replaced reports nothing
                pending = null;
                finished(result, error);
            }
        }, fx);
    }

    private record Read(IdCard card, MaskedIdentity identity) {}

    private void finished(Read result, Throwable error) {
        reading.set(false);
        if (error == null) {
            cardErrors = 0;
            LOG.info(() -> "card read: " + result.card()); // IdCard.toString is masked
            card.set(result.card());
            identity.set(result.identity());
            step.set(Step.DONE);
            message.set(READ_OK);
            timer = scheduler.after(settings.idle(), () -> {
                LOG.info("nobody tapped after the card was read; going home");
                leave(onGiveUp);
            });
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException) {
            return;
        }
        DeviceException.Kind kind = cause instanceof DeviceException d ? d.kind() : null;
        if (kind == DeviceException.Kind.NO_MEDIA) {
            LOG.info(() -> "no card within " + settings.cardWait().toSeconds() + " s; going home");
            stopEverything();
            onGiveUp.run();
        } else if ((kind == DeviceException.Kind.MEDIA_ERROR || kind == DeviceException.Kind.PROTOCOL)
                && ++cardErrors < MAX_CARD_ERRORS) {
            LOG.info(() -> "card not read (" + kind + ": " + cause.getMessage() + "); asking to place it again");
            read(Step.ERROR, PLACE_AGAIN);
        } else {
            LOG.log(Level.WARNING, "ID card reader unusable: {0}: {1}",
                    new Object[] {kind == null ? cause.getClass().getSimpleName() : kind, cause.getMessage()});
            step.set(Step.UNAVAILABLE);
            message.set(READER_UNAVAILABLE);
            timer = scheduler.after(settings.idle(), () -> {
                stopEverything();
                onGiveUp.run();
            });
        }
    }

    private void stopEverything() {
        if (pending != null) {
            CompletableFuture<IdCard> f = pending;
            pending = null;
            f.cancel(true); // the reader notices within one polling interval
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        afterReminder = null;
        reading.set(false);
        card.set(null);
        identity.set(null);
        step.set(Step.IDLE);
        message.set("");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
