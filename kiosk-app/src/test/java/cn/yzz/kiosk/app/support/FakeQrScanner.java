package cn.yzz.kiosk.app.support;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.qr.QrScanner;
import cn.yzz.kiosk.device.qr.Scan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A scanner whose waits the test answers by hand: {@link #show} completes the wait under way with a code. */
public final class FakeQrScanner implements QrScanner {

    private final List<CompletableFuture<Scan>> scans = new CopyOnWriteArrayList<>();
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DeviceState state = DeviceState.IDLE;

    /** Every wait asked for so far, oldest first. */
    public List<CompletableFuture<Scan>> scans() {
        return scans;
    }

    /** Whether a wait is under way (the kiosk listens for codes now). */
    public boolean listening() {
        return !scans.isEmpty() && !scans.get(scans.size() - 1).isDone();
    }

    /**
     * A villager holds up a phone with {@code text}: as a presentation-mode scanner does, the wait under
     * way (if any) gets it, and every listener hears of it.
     */
    public void show(String text) {
        Scan scan = new Scan(text, "UTF-8", text.length(), Instant.EPOCH);
        if (listening()) {
            scans.get(scans.size() - 1).complete(scan);
        }
        for (DeviceListener l : listeners) {
            l.onEvent(new Scanned(name(), scan));
        }
    }

    /** The scanner goes away or comes back, as the driver reports it. */
    public void state(DeviceState now) {
        DeviceState was = state;
        state = now;
        for (DeviceListener l : listeners) {
            l.onEvent(new DeviceEvent.StateChanged(name(), was, now, "test"));
        }
        if (now == DeviceState.OFFLINE && listening()) {
            scans.get(scans.size() - 1).completeExceptionally(new DeviceException(DeviceException.Kind.NOT_ANSWERING, "test: gone"));
        }
    }

    @Override
    public CompletableFuture<Scan> scan(Duration timeout) {
        CompletableFuture<Scan> f = new CompletableFuture<>();
        scans.add(f);
        return f;
    }

    @Override
    public String name() {
        return "fake-scanner";
    }

    @Override
    public void open() {
    }

    @Override
    public DeviceState state() {
        return state;
    }

    @Override
    public Health checkHealth() {
        return new Health(Health.Status.OK, "ok", "fake", Instant.EPOCH);
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Map<String, Long> statistics() {
        return Map.of();
    }

    @Override
    public void close() {
    }
}
