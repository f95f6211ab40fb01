package cn.yzz.kiosk.app.console;

import cn.yzz.kiosk.app.assist.StaffMember;
import cn.yzz.kiosk.app.assist.StaffStore.SignIn;
import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.service.CardSource;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.IdCard;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The staff card's way into the console (issue 14: "five taps on the corner … or a staff card, opens a PIN pad"). A staff
 * card is the staff member's own ID card, enrolled in the staff list ({@code StaffStore}); the ID card reader waits for one
 * in two places only:
 * <ul>
 *   <li><b>the out-of-service screen</b>, where no villager is doing business: an enrolled card opens the console's PIN pad
 *       naming the staff member ({@link Console#openPad}); any other card is told so briefly in plain words
 *       ({@link #noticeProperty()}, shown on that screen for {@link #NOTICE});</li>
 *   <li><b>the PIN pad</b>, however it was opened (the corner or a card): an enrolled card names who signs in
 *       ({@link Console#staffNamed}), so the audit's "who" is the staff member (staff number and masked name); the PIN is
 *       still required. Any other card is told on the pad. When the pad closes (signed in, 返回, or left by itself) the reader
 *       stops waiting.</li>
 * </ul>
 * <b>Never at home.</b> A card placed at home is a villager's own, placed to do their own business (帮办代办's rule too: a
 * staff member placing their card at home is a villager like any other). Reading it for the console would look a
 * villager's ID number up in the staff list without being asked, and would take the reader away from their visit. So the
 * reader is not read here at home; the console opens from home by the corner only.
 *
 * <p><b>A card left on the reader</b> is looked up once. The reader does not say when a card is taken away; it simply does
 * not find a card it has read until it is lifted and placed again (SAM_V's find, and the emulator's), so the next read,
 * asked {@link #CARD_AGAIN} later as 帮办代办's staff screen does, waits for the next card placed without looking the same
 * card up again, and its words go after {@link #NOTICE}.
 *
 * <p><b>The reader down.</b> The out-of-service screen usually shows because the ID card reader is down; when the reader is
 * the broken device the card way simply does not work (its reads fail, and are tried again every {@link #READER_AGAIN}
 * while the screen stays) and the corner does. No card is ever looked up on the JavaFX thread: the lookup hashes
 * (PBKDF2) on {@code staffThread}. No ID number or name is ever logged, recorded or shown: only the staff member's number
 * and masked name.
 *
 * <p>Use on the JavaFX thread; reads and lookups come back through {@code fx}.
 */
public final class StaffCardWatch {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.console");

    /** One wait of the reader; then it simply waits again. Long: a reader waiting all day would log BUSY and IDLE each time. */
    static final Duration CARD_WAIT = Duration.ofMinutes(10);
    /** How soon the reader is asked again after a card was looked up, or could not be read. */
    static final Duration CARD_AGAIN = Duration.ofMillis(1500);
    /** How soon a reader that failed (not answering, broken) is asked again while the card way is wanted. */
    static final Duration READER_AGAIN = Duration.ofSeconds(10);
    /** How long the out-of-service screen says a card is no staff card. */
    public static final Duration NOTICE = Duration.ofSeconds(5);

    /** On the out-of-service screen: a card that is no staff card (or none is enrolled); the villager takes it back. */
    static final String NOT_STAFF = "这张卡不是工作人员卡。终端暂停服务，现在不能办事，请取回您的卡";
    /** On the out-of-service screen: the staff list cannot be read. */
    static final String CANNOT_TELL = "现在认不出工作人员卡（工作人员名单读不了），请取回您的卡";
    /** On the PIN pad: a card that is no staff card. */
    static final String PAD_NOT_STAFF = "这张卡不是本机登记的工作人员卡，请取走。管理员请直接输入管理密码";
    /** On the PIN pad: nobody has a staff card here. */
    static final String PAD_NO_STAFF = "本机还没有登记工作人员，认不出这张卡，请取走。管理员请直接输入管理密码";
    /** On the PIN pad: the staff list cannot be read. */
    static final String PAD_CANNOT_TELL = "工作人员名单读不了，认不出这张卡，请取走。管理员请直接输入管理密码";

    /** Where the reader waits for a staff card: nowhere, the out-of-service screen, or the PIN pad. */
    private enum Place { NONE, OUT_OF_SERVICE, PAD }

    private final Console console;
    private final ObservableBooleanValue outOfService;
    private final CardSource cards;
    private final Function<String, SignIn> staff;
    private final Executor staffThread;
    private final Executor fx;
    private final Scheduler scheduler;

    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    private Place place = Place.NONE;
    /** Changes whenever the place does: a read or lookup for a place no longer there is dropped. */
    private int generation;
    private CompletableFuture<IdCard> read;
    private Scheduler.Cancellable again;
    private Scheduler.Cancellable noticeTimer;

    /**
     * @param outOfService true while the out-of-service screen shows (nothing covering it, not even the console)
     * @param cards        the ID card reader
     * @param staff        the staff list's {@code card(idNumber)}: blocking (PBKDF2), called on {@code staffThread} only
     * @param staffThread  where cards are looked up (never the JavaFX thread)
     */
    public StaffCardWatch(Console console, ObservableBooleanValue outOfService, CardSource cards, Function<String, SignIn> staff,
                          Executor staffThread, Executor fx, Scheduler scheduler) {
        this.console = Objects.requireNonNull(console, "console");
        this.outOfService = Objects.requireNonNull(outOfService, "outOfService");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.staffThread = Objects.requireNonNull(staffThread, "staffThread");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        console.stateProperty().addListener((o, was, now) -> placeChanged());
        outOfService.addListener((o, was, now) -> placeChanged());
        placeChanged();
    }

    /** What the out-of-service screen says about the card just placed, in plain words; empty when nothing. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** How the console names a staff member: their staff number and masked name (工作人员 001 韦**), never an ID number. */
    public static String words(StaffMember member) {
        return "工作人员 " + member.id() + " " + member.maskedName();
    }

    private Place now() {
        Console.State s = console.stateProperty().get();
        if (s == Console.State.PIN) {
            return Place.PAD;
        }
        // At home the reader is the villager's: see the class comment. Only out of service does it wait with the console shut.
        return s == Console.State.CLOSED && outOfService.get() ? Place.OUT_OF_SERVICE : Place.NONE;
    }

    private void placeChanged() {
        Place p = now();
        if (p == place) {
            return;
        }
        stop();
        place = p;
        if (p != Place.NONE) {
            LOG.fine(() -> "console: the ID card reader waits for a staff card on the " + (p == Place.PAD ? "PIN pad" : "out-of-service screen"));
            readCard();
        }
    }

    private void stop() {
        generation++;
        if (again != null) {
            again.cancel();
            again = null;
        }
        if (read != null) {
            CompletableFuture<IdCard> f = read;
            read = null;
            f.cancel(true); // the reader stops waiting within one poll
        }
        clearNotice();
    }

    private void readCard() {
        again = null;
        CompletableFuture<IdCard> f = cards.read(CARD_WAIT);
        read = f;
        f.whenCompleteAsync((card, error) -> {
            if (read != f) {
                return; // stopped, or replaced
            }
            read = null;
            if (error == null) {
                lookUp(card);
            } else {
                readFailed(cause(error));
            }
        }, fx);
    }

    private void readFailed(Throwable c) {
        DeviceException.Kind kind = c instanceof DeviceException d ? d.kind() : null;
        if (c instanceof CancellationException || kind == DeviceException.Kind.CLOSED) {
            return; // cancelled, or the reader closed with the kiosk
        }
        if (c instanceof IllegalStateException) {
            LOG.fine(() -> "console: no ID card reader for staff cards: " + c.getMessage());
            return;
        }
        if (kind == DeviceException.Kind.NO_MEDIA) {
            readCard(); // nobody placed a card in the wait: wait again
        } else if (kind == DeviceException.Kind.MEDIA_ERROR || kind == DeviceException.Kind.PROTOCOL) {
            again = scheduler.after(CARD_AGAIN, this::readCard); // the card moved: it is found again once placed well
        } else {
            LOG.fine(() -> "console: the ID card reader cannot read staff cards now (" + (kind == null ? c.getClass().getSimpleName() : kind)
                    + "); the corner still opens the console");
            again = scheduler.after(READER_AGAIN, this::readCard);
        }
    }

    private void lookUp(IdCard card) {
        int gen = generation;
        Place where = place;
        String number = card.idNumber();
        CompletableFuture.supplyAsync(() -> staff.apply(number), staffThread).whenCompleteAsync((result, error) -> {
            if (gen != generation) {
                return; // the screen changed meanwhile: the card belongs to a screen no longer there
            }
            if (error != null) {
                LOG.log(Level.WARNING, "console: a staff card could not be looked up", cause(error));
            }
            answered(where, error == null ? result : new SignIn.Unusable());
            if (gen == generation) { // still the same place (an opened pad reads for itself)
                again = scheduler.after(CARD_AGAIN, this::readCard);
            }
        }, fx);
    }

    private void answered(Place where, SignIn result) {
        if (result instanceof SignIn.Ok ok) {
            String who = words(ok.staff());
            LOG.info(() -> "console: " + ok.staff() + " placed their staff card on the " + (where == Place.PAD ? "PIN pad" : "out-of-service screen"));
            if (where == Place.PAD) {
                console.staffNamed(who);
            } else {
                console.openPad(who);
            }
            return;
        }
        boolean unusable = !(result instanceof SignIn.NotStaff) && !(result instanceof SignIn.NoStaff);
        LOG.info(() -> "console: a card that is no staff member's was placed on the " + (where == Place.PAD ? "PIN pad" : "out-of-service screen")
                + (unusable ? " (the staff list cannot be read)" : ""));
        if (where == Place.PAD) {
            console.cardRefused(unusable ? PAD_CANNOT_TELL : result instanceof SignIn.NoStaff ? PAD_NO_STAFF : PAD_NOT_STAFF);
        } else {
            say(unusable ? CANNOT_TELL : NOT_STAFF);
        }
    }

    private void say(String words) {
        clearNotice();
        notice.set(words);
        noticeTimer = scheduler.after(NOTICE, () -> {
            noticeTimer = null;
            notice.set("");
        });
    }

    private void clearNotice() {
        if (noticeTimer != null) {
            noticeTimer.cancel();
            noticeTimer = null;
        }
        notice.set("");
    }

    private static Throwable cause(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
