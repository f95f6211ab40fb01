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

/**
 * The "请放置身份证" flow: waits for a card on the reader, reads it and offers the masked identity.
 * Walking away is not its business: the shell's idle watch ends the whole session.
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
        DONE
    }

    /** Unreadable cards in a row before the reader is treated as unusable. */
    static final int MAX_CARD_ERRORS = 3;

    /** How long one read waits for a card before the driver reports none; the model then simply waits again. */
    public static final Duration CARD_WAIT = Duration.ofSeconds(60);

    private final IdCardReader reader;
    private final Executor fx;
    private final Clock clock;
    private final Duration cardWait;
    private final PhotoDecoder photos;

    // Properties //

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(this, "step", Step.IDLE);
    private final ReadOnlyBooleanWrapper reading = new ReadOnlyBooleanWrapper(this, "reading", false);
    private final ReadOnlyObjectWrapper<MaskedIdentity> identity = new ReadOnlyObjectWrapper<>(this, "identity");
    private final ReadOnlyObjectWrapper<IdCard> card = new ReadOnlyObjectWrapper<>(this, "card");

    // State //

    private CompletableFuture<IdCard> pending;
    private int cardErrors;
    private boolean cardSeen; // since start(): a card was (or may still be) on the reader

    public IdentifyModel(IdCardReader reader, Executor fx, Clock clock, Duration cardWait, PhotoDecoder photos) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cardWait = Objects.requireNonNull(cardWait, "cardWait");
        this.photos = Objects.requireNonNull(photos, "photos");
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
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
        stop();
        cardErrors = 0;
        read(Step.WAITING);
    }

    /** After {@link Step#UNAVAILABLE}: tries the reader once more. */
    public void retry() {
        if (step.get() == Step.UNAVAILABLE) {
            start();
        }
    }

    /** True when a card was read or seen since the last start, so the villager should be reminded to take it. */
    public boolean cardMayBeOnReader() {
        return cardSeen || step.get() == Step.DONE || step.get() == Step.ERROR;
    }

    /** Stops at once: nothing is read, nothing is kept. */
    public void cancel() {
        stop();
        cardSeen = false;
    }

    // Internals //

    private void read(Step next) {
        step.set(next);
        reading.set(true);
        CompletableFuture<IdCard> f = reader.read(cardWait);
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
            cardSeen = true;
            LOG.info(() -> "card read: " + result.card()); // IdCard.toString is masked
            card.set(result.card());
            identity.set(result.identity());
            step.set(Step.DONE);
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException) {
            return;
        }
        DeviceException.Kind kind = cause instanceof DeviceException d ? d.kind() : null;
        if (kind == DeviceException.Kind.NO_MEDIA) {
            read(step.get()); // nobody placed a card yet: keep waiting; the idle watch decides when the villager has gone
        } else if ((kind == DeviceException.Kind.MEDIA_ERROR || kind == DeviceException.Kind.PROTOCOL)
                && ++cardErrors < MAX_CARD_ERRORS) {
            cardSeen = true;
            LOG.info(() -> "card not read (" + kind + ": " + cause.getMessage() + "); asking to place it again");
            read(Step.ERROR);
        } else {
            LOG.log(Level.WARNING, "ID card reader unusable: {0}: {1}",
                    new Object[] {kind == null ? cause.getClass().getSimpleName() : kind, cause.getMessage()});
            step.set(Step.UNAVAILABLE);
        }
    }

    private void stop() {
        if (pending != null) {
            CompletableFuture<IdCard> f = pending;
            pending = null;
            f.cancel(true); // the reader notices within one polling interval
        }
        step.set(Step.IDLE); // first: no observer ever sees DONE without an identity
        reading.set(false);
        card.set(null);
        identity.set(null);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
