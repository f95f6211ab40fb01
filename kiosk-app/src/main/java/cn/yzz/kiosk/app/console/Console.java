package cn.yzz.kiosk.app.console;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.flow.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The village administrator's console, as a model: the way in (five presses on the corner, {@link CornerTaps}, or a staff
 * card on the out-of-service screen, {@link StaffCardWatch}, which also names who signs in on the pad), the PIN
 * pad (checked on a thread of its own: PBKDF2 takes about 0.1 s), the pages, and the way out (退出, or by itself after
 * {@link Settings#idle()} without a touch, warned {@link Settings#warning()} before). Everything the administrator does
 * goes to the {@link AuditTrail}: who, what and the result. No digit of the PIN is ever kept beyond the check, logged,
 * recorded or shown (the pad shows dots).
 *
 * <p>Use on the JavaFX thread.
 */
public final class Console {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.console");

    public enum State { CLOSED, PIN, OPEN }

    /** Who signs in when no staff card named them: the console has one PIN, the administrator's. */
    public static final String ADMINISTRATOR = "管理员";

    /** How long the console stays without a touch, and how long before that it warns. */
    public record Settings(Duration idle, Duration warning) {
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(2), Duration.ofSeconds(15));
        }
    }

    /** The kiosk's side: whether the console may open now (never during a villager's visit), and covering the flow. */
    public interface Host {
        /** Home with no visit, or the out-of-service or error screen: nothing of a villager's is on screen. */
        boolean mayOpen();

        /** The console (its PIN pad first) covers the villager's screens; false if it may not now. */
        boolean cover();

        /** The console is gone: home again (or out of service, if the kiosk still is). */
        void uncover();
    }

    private final AdminPin pin;
    private final Executor work;
    private final Executor fx;
    private final Scheduler scheduler;
    private final Clock clock;
    private final AuditTrail trail;
    private final Host host;
    private final Settings settings;
    private final CornerTaps corner = new CornerTaps();
    private List<ConsolePage> pages = List.of();

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.CLOSED);
    private final ReadOnlyIntegerWrapper keyed = new ReadOnlyIntegerWrapper(this, "keyed", 0);
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking", false);
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(this, "locked", false);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper who = new ReadOnlyStringWrapper(this, "who", ADMINISTRATOR);
    private final ReadOnlyObjectWrapper<ConsolePage> page = new ReadOnlyObjectWrapper<>(this, "page");
    private final ReadOnlyBooleanWrapper warning = new ReadOnlyBooleanWrapper(this, "warning", false);

    private char[] digits = new char[AdminPin.MAX_LENGTH];
    private String how = "密码";
    private int attempt; // a check's answer for an older pad is dropped
    private Scheduler.Cancellable idleTimer;
    private Scheduler.Cancellable warnTimer;
    private Scheduler.Cancellable unlockTimer;

    /** The kiosk's clock, which the console reads its times from (a restart builds the next kiosk on the same one). */
    public Clock clock() {
        return clock;
    }

    public Console(AdminPin pin, Executor work, Executor fx, Scheduler scheduler, Clock clock, AuditTrail trail, Host host,
                   Settings settings) {
        this.pin = Objects.requireNonNull(pin, "pin");
        this.work = Objects.requireNonNull(work, "work");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trail = Objects.requireNonNull(trail, "trail");
        this.host = Objects.requireNonNull(host, "host");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The pages in the side bar's order; the first is shown on entry. Set before the console is first opened. */
    public void setPages(List<ConsolePage> pages) {
        this.pages = List.copyOf(pages);
    }

    public List<ConsolePage> pages() {
        return pages;
    }

    /** What the pages record through: who is signed in is added, and it goes to the trail off the JavaFX thread. */
    public ConsoleAudit audit() {
        return (what, result) -> trail.record(who.get(), what, result);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** How many digits are keyed (the pad's dots). */
    public ReadOnlyIntegerProperty keyedProperty() {
        return keyed.getReadOnlyProperty();
    }

    /** A PIN is being checked (正在核对). */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** Too many wrong PINs: the keys are off until the lock ends. */
    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    /** What the pad says is wrong and what to do, in plain words; empty when nothing is. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Who is signed in (or signing in): 管理员, or the staff member a staff card named, masked. */
    public ReadOnlyStringProperty whoProperty() {
        return who.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConsolePage> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** The console leaves by itself within {@link Settings#warning()} unless touched. */
    public ReadOnlyBooleanProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    public Settings settings() {
        return settings;
    }

    // The way in //

    /**
     * A press on the top-left corner at {@code nanos}; the fifth within three seconds opens the PIN pad where the console
     * may open (never during a villager's visit: their data may be on screen). Returns whether it opened.
     */
    public boolean cornerPressed(long nanos) {
        if (state.get() != State.CLOSED || !corner.press(nanos)) {
            return false;
        }
        return openPad(null);
    }

    /** A press anywhere else: the corner's count starts again. */
    public void pressedElsewhere() {
        corner.reset();
    }

    /**
     * Opens the PIN pad, for {@code staff} when an enrolled staff card was placed (masked words, e.g. "工作人员 001 韦**"),
     * or for whoever keys the PIN (null). Returns false when the console may not open now.
     */
    public boolean openPad(String staff) {
        if (state.get() != State.CLOSED || !host.mayOpen() || !host.cover()) {
            return false;
        }
        corner.reset();
        clearDigits();
        notice.set("");
        checking.set(false);
        who.set(staff == null ? ADMINISTRATOR : staff);
        how = staff == null ? "密码" : "工作人员卡和密码";
        state.set(State.PIN);
        LOG.info("console: PIN pad opened" + (staff == null ? "" : " for " + staff));
        restartIdle();
        int mine = ++attempt;
        work.execute(() -> {
            boolean set = pin.isSet();
            Optional<Instant> until = pin.lockedUntil();
            fx.execute(() -> {
                if (mine == attempt && state.get() == State.PIN) {
                    if (!set) {
                        notice.set(notSet());
                    } else {
                        until.ifPresent(this::lockedUntil);
                    }
                }
            });
        });
        return true;
    }

    /** A staff card placed on the PIN pad names who signs in ({@code staff}: masked words). */
    public void staffNamed(String staff) {
        if (state.get() == State.PIN) {
            who.set(staff);
            how = "工作人员卡和密码";
        }
    }

    /**
     * A card placed on the PIN pad named nobody: {@code words} say so and what to do (the PIN still signs in). Not over the
     * lock's words, nor while a PIN is checked; the next digit keyed clears them.
     */
    public void cardRefused(String words) {
        if (state.get() == State.PIN && !locked.get() && !checking.get()) {
            notice.set(words);
        }
    }

    public void key(char digit) {
        if (state.get() != State.PIN || checking.get() || locked.get() || digit < '0' || digit > '9') {
            return;
        }
        touched();
        if (keyed.get() < digits.length) {
            digits[keyed.get()] = digit;
            keyed.set(keyed.get() + 1);
        }
        if (!notice.get().isEmpty() && !locked.get()) {
            notice.set("");
        }
    }

    public void delete() {
        if (state.get() == State.PIN && !checking.get() && keyed.get() > 0) {
            touched();
            keyed.set(keyed.get() - 1);
            digits[keyed.get()] = 0;
        }
    }

    public void clear() {
        if (state.get() == State.PIN && !checking.get()) {
            touched();
            clearDigits();
        }
    }

    /** 确定: checks the keyed PIN off the JavaFX thread. */
    public void confirm() {
        if (state.get() != State.PIN || checking.get() || locked.get()) {
            return;
        }
        touched();
        if (keyed.get() < AdminPin.MIN_LENGTH) {
            notice.set("密码是 " + AdminPin.MIN_LENGTH + " 到 " + AdminPin.MAX_LENGTH + " 位数字，请输完再按确定");
            return;
        }
        char[] keyedPin = Arrays.copyOf(digits, keyed.get());
        clearDigits();
        checking.set(true);
        notice.set("");
        int mine = ++attempt;
        work.execute(() -> {
            AdminPin.Check answer;
            try {
                answer = pin.check(keyedPin);
            } finally {
                Arrays.fill(keyedPin, '\0');
            }
            AdminPin.Check a = answer;
            fx.execute(() -> {
                if (mine == attempt && state.get() == State.PIN) {
                    checking.set(false);
                    answered(a);
                }
            });
        });
    }

    /** 返回 on the pad: back where the console was opened from. */
    public void back() {
        if (state.get() == State.PIN) {
            attempt++;
            clearDigits();
            close();
        }
    }

    private void answered(AdminPin.Check a) {
        if (a instanceof AdminPin.Check.Ok) {
            open();
        } else if (a instanceof AdminPin.Check.Wrong w) {
            trail.record(who.get(), "管理密码输错", "还可以试 " + w.triesLeft() + " 次");
            if (w.triesLeft() > 0) {
                notice.set("密码不对，还可以试 " + w.triesLeft() + " 次");
            } else {
                work.execute(() -> pin.lockedUntil().ifPresent(u -> fx.execute(() -> lockedNow(u))));
            }
        } else if (a instanceof AdminPin.Check.Locked l) {
            lockedNow(l.until());
        } else if (a instanceof AdminPin.Check.NotSet) {
            trail.record(who.get(), "登录管理界面", "没有设置管理密码");
            notice.set(notSet());
        } else {
            trail.record(who.get(), "登录管理界面", "管理密码文件读不了");
            notice.set("管理密码文件损坏，暂时不能登录。请县里的运维人员在终端上运行 kioskctl admin set-pin 重新设置");
        }
    }

    private void lockedNow(Instant until) {
        trail.record(who.get(), "管理密码输错太多次", "锁定到 " + hhmm(until));
        lockedUntil(until);
    }

    private void lockedUntil(Instant until) {
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
            return;
        }
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        locked.set(true);
        notice.set("输错太多次，已锁定。请 " + minutes + " 分钟后再试（" + hhmm(until) + " 以后）");
        if (unlockTimer != null) {
            unlockTimer.cancel();
        }
        unlockTimer = scheduler.after(left, () -> {
            unlockTimer = null;
            locked.set(false);
            notice.set("");
        });
    }

    private static String notSet() {
        return "这台终端还没有设置管理密码。请县里的运维人员在终端上运行 kioskctl admin set-pin 设置后再来";
    }

    private String hhmm(Instant at) {
        return DateTimeFormatter.ofPattern("HH:mm").withZone(zone()).format(at);
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private void clearDigits() {
        Arrays.fill(digits, '\0');
        keyed.set(0);
    }

    private void open() {
        state.set(State.OPEN);
        notice.set("");
        trail.record(who.get(), "进入管理界面", "用" + how);
        LOG.info(() -> "console opened by " + how);
        if (!pages.isEmpty()) {
            show(pages.get(0));
        }
        restartIdle();
    }

    // The console //

    /** Shows {@code p} (one of {@link #pages()}); the one before is told it is hidden. */
    public void show(ConsolePage p) {
        if (state.get() != State.OPEN || !pages.contains(p)) {
            return;
        }
        touched();
        ConsolePage before = page.get();
        if (before == p) {
            return;
        }
        if (before != null) {
            before.hidden();
        }
        page.set(p);
        p.shown();
    }

    /** Any touch while the console is up (the shell's touch feed): it stays another {@link Settings#idle()}. */
    public void touched() {
        if (state.get() != State.CLOSED) {
            restartIdle();
        }
    }

    /** 退出. */
    public void leave() {
        if (state.get() == State.OPEN) {
            trail.record(who.get(), "退出管理界面", "手动退出");
            close();
        } else {
            back();
        }
    }

    /**
     * Something else took the screen (the kiosk's error screen): the console goes without covering anything back.
     * Recorded when it was open.
     */
    public void interrupted(String why) {
        if (state.get() == State.OPEN) {
            trail.record(who.get(), "退出管理界面", why);
        }
        if (state.get() != State.CLOSED) {
            attempt++;
            clearDigits();
            end();
        }
    }

    private void restartIdle() {
        cancelTimers();
        warning.set(false);
        Duration quiet = settings.idle().minus(settings.warning());
        warnTimer = scheduler.after(quiet, () -> {
            warnTimer = null;
            warning.set(true);
        });
        idleTimer = scheduler.after(settings.idle(), this::timedOut);
    }

    private void timedOut() {
        idleTimer = null;
        if (state.get() == State.OPEN) {
            trail.record(who.get(), "退出管理界面", settings.idle().toMinutes() + " 分钟没有操作，自动退出");
        }
        LOG.info("console left after " + settings.idle().toSeconds() + " s without a touch");
        attempt++;
        clearDigits();
        close();
    }

    private void close() {
        end();
        host.uncover();
    }

    private void end() {
        cancelTimers();
        if (unlockTimer != null) {
            unlockTimer.cancel();
            unlockTimer = null;
        }
        ConsolePage p = page.get();
        page.set(null);
        if (p != null) {
            p.hidden();
        }
        warning.set(false);
        checking.set(false);
        locked.set(false);
        notice.set("");
        who.set(ADMINISTRATOR);
        state.set(State.CLOSED);
    }

    private void cancelTimers() {
        if (idleTimer != null) {
            idleTimer.cancel();
            idleTimer = null;
        }
        if (warnTimer != null) {
            warnTimer.cancel();
            warnTimer = null;
        }
    }
}
