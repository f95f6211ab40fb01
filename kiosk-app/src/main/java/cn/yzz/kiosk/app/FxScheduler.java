package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.flow.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Timers for the flow models: counted on a timer thread, run on the JavaFX thread. */
final class FxScheduler implements Scheduler {

    private final ScheduledExecutorService timers;
    private final Executor fx;

    FxScheduler(ScheduledExecutorService timers, Executor fx) {
        this.timers = timers;
        this.fx = fx;
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        // A task already handed to the FX queue when cancelled must still not run.
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> f = timers.schedule(() -> fx.execute(() -> {
            if (!cancelled.get()) {
                task.run();
            }
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            cancelled.set(true);
            f.cancel(false);
        };
    }
}
