package cn.yzz.kiosk.app.flow;

import java.time.Duration;

/**
 * Runs a task later on the thread the flow models live on (the JavaFX thread in the kiosk).
 * Injected so that tests can fire timers themselves instead of waiting.
 */
@FunctionalInterface
public interface Scheduler {

    /** Stops a scheduled task if it has not run yet. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    Cancellable after(Duration delay, Runnable task);
}
