package cn.yzz.kiosk.device.internal;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every driver needs besides its protocol: one named daemon thread that does all the
 * device's I/O, the current state, listeners and statistics. Drivers hold one of these rather
 * than extend a base class.
 */
public final class DeviceCore {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device");

    private final String name;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicReference<DeviceState> state = new AtomicReference<>(DeviceState.CLOSED);
    private final CopyOnWriteArrayList<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public DeviceCore(String name) {
        this.name = name;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kiosk-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    public String name() {
        return name;
    }

    /** Runs {@code task} on the device thread; the future carries its result or exception. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                if (result.isDone()) {
                    return; // cancelled while queued
                }
                try {
                    result.complete(task.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new DeviceException(DeviceException.Kind.CLOSED, name + " 已关闭"));
        }
        return result;
    }

    /** Runs {@code task} on the device thread after {@code delayMillis}; empty once the device is shut down. */
    public Optional<ScheduledFuture<?>> schedule(Runnable task, long delayMillis) {
        try {
            return Optional.of(thread.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, name + ": scheduled task failed", e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
    }

    public DeviceState state() {
        return state.get();
    }

    /** Moves to {@code to}; tells listeners only when the state really changed. */
    public void moveTo(DeviceState to, String detail) {
        DeviceState from = state.getAndSet(to);
        if (from != to) {
            LOG.log(to.usable() ? Level.INFO : Level.WARNING, "{0}: {1} -> {2} ({3})", name, from, to, detail);
            publish(new DeviceEvent.StateChanged(name, from, to, detail));
        }
    }

    public void publish(DeviceEvent event) {
        for (DeviceListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, name + ": listener failed on " + event.getClass().getSimpleName(), e);
            }
        }
    }

    public void addListener(DeviceListener l) {
        listeners.add(l);
    }

    public void removeListener(DeviceListener l) {
        listeners.remove(l);
    }

    public void count(String counter) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).increment();
    }

    public Map<String, Long> statistics() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    /** Stops the device thread, waiting briefly for the current task. */
    public void shutdown() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
