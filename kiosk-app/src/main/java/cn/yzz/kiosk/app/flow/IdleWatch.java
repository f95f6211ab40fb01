package cn.yzz.kiosk.app.flow;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Notices a villager who walked away. After {@link Settings#idle()} without a touch it warns (the
 * shell shows and says it), counts down {@link Settings#grace()} during which one tap continues,
 * then expires and the shell wipes the session. Extensions are unlimited (WCAG 2.2.1 asks for at
 * least ten). While money is being taken it never warns nor expires: it looks again later.
 *
 * <p>Use on the scheduler's thread (the JavaFX thread in the kiosk).
 */
public final class IdleWatch {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.idle");
    private static final Duration TICK = Duration.ofSeconds(1);

    public enum State { OFF, WATCHING, WARNING }

    /**
     * @param idle  quiet time before the warning (60 s: BRIEF)
     * @param grace time the warning gives to continue; 30 s, above the 20 s minimum, because an
     *              elderly villager may need a moment to find the button and read the words
     */
    public record Settings(Duration idle, Duration grace) {
        public Settings {
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(grace, "grace");
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(60), Duration.ofSeconds(30));
        }
    }

    private final Scheduler scheduler;
    private final Settings settings;
    private final BooleanSupplier takingMoney;
    private Runnable onWarn = () -> { };
    private Runnable onExpire = () -> { };

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.OFF);
    private final ReadOnlyIntegerWrapper secondsLeft = new ReadOnlyIntegerWrapper(this, "secondsLeft", 0);
    private Scheduler.Cancellable timer;
    private int extensions;

    public IdleWatch(Scheduler scheduler, Settings settings, BooleanSupplier takingMoney) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.takingMoney = Objects.requireNonNull(takingMoney, "takingMoney");
    }

    public void setOnWarn(Runnable r) {
        onWarn = Objects.requireNonNull(r);
    }

    public void setOnExpire(Runnable r) {
        onExpire = Objects.requireNonNull(r);
    }

    public Settings settings() {
        return settings;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Whole seconds left to continue while warning. */
    public ReadOnlyIntegerProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    /** Times the villager continued after a warning in this session. */
    public int extensions() {
        return extensions;
    }

    /** Starts watching (a session began); a watch already running is restarted. */
    public void start() {
        extensions = 0;
        watch();
    }

    /** Stops watching (the session ended). */
    public void stop() {
        cancelTimer();
        state.set(State.OFF);
        secondsLeft.set(0);
    }

    /** Any touch: the villager is here. During a warning this is the one tap that continues. */
    public void touched() {
        switch (state.get()) {
            case OFF -> { }
            case WATCHING -> watch();
            case WARNING -> {
                extensions++;
                LOG.info(() -> "villager continued after the idle warning (" + extensions + ")");
                watch();
            }
        }
    }

    /** Warns now, as if the idle time had passed (the demo's "walk away"). */
    public void walkAway() {
        if (state.get() == State.WATCHING) {
            cancelTimer();
            idleTimeUp();
        }
    }

    private void watch() {
        cancelTimer();
        state.set(State.WATCHING);
        secondsLeft.set(0);
        timer = scheduler.after(settings.idle(), this::idleTimeUp);
    }

    private void idleTimeUp() {
        timer = null;
        if (takingMoney.getAsBoolean()) {
            watch(); // never interrupt a payment; look again later
            return;
        }
        state.set(State.WARNING);
        secondsLeft.set((int) Math.max(1, settings.grace().toSeconds()));
        LOG.info("no touch for " + settings.idle().toSeconds() + " s; warning");
        onWarn.run();
        tick();
    }

    private void tick() {
        Duration step = settings.grace().compareTo(TICK) < 0 ? settings.grace() : TICK;
        timer = scheduler.after(step, () -> {
            timer = null;
            if (state.get() != State.WARNING) {
                return;
            }
            if (takingMoney.getAsBoolean()) {
                watch();
                return;
            }
            secondsLeft.set(secondsLeft.get() - 1);
            if (secondsLeft.get() > 0) {
                tick();
            } else {
                LOG.info("nobody continued; the session ends");
                stop();
                onExpire.run();
            }
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
