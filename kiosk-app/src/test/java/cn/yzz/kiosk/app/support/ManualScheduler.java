package cn.yzz.kiosk.app.support;

import cn.yzz.kiosk.app.flow.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose timers fire only when the test says so. Use it on one thread. */
public final class ManualScheduler implements Scheduler {

    private record Entry(Duration delay, Runnable task, boolean[] cancelled) {}

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        Entry e = new Entry(delay, task, new boolean[1]);
        entries.add(e);
        return () -> e.cancelled()[0] = true;
    }

    /** Timers set and not cancelled or fired. */
    public List<Duration> pending() {
        return entries.stream().filter(e -> !e.cancelled()[0]).map(Entry::delay).toList();
    }

    /** Fires every pending timer, as if its time had come. */
    public void fireAll() {
        List<Entry> due = new ArrayList<>(entries);
        entries.clear();
        for (Entry e : due) {
            if (!e.cancelled()[0]) {
                e.task().run();
            }
        }
    }

    /** Fires the pending timers set for exactly {@code delay}, as if that much time had passed for them. */
    public void fire(Duration delay) {
        List<Entry> due = entries.stream().filter(e -> e.delay().equals(delay)).toList();
        entries.removeAll(due);
        for (Entry e : due) {
            if (!e.cancelled()[0]) {
                e.task().run();
            }
        }
    }
}
