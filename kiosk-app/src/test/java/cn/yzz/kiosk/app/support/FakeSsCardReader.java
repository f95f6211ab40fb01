package cn.yzz.kiosk.app.support;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.sscard.SsCard;
import cn.yzz.kiosk.device.sscard.SsCardEvent;
import cn.yzz.kiosk.device.sscard.SsCardReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A social security card reader the test plays by hand: {@link #insert} reports the card in the slot
 * and completes the read under way with it (or with the failure given); {@link #remove} takes it out.
 */
public final class FakeSsCardReader implements SsCardReader {

    private final List<CompletableFuture<SsCard>> reads = new CopyOnWriteArrayList<>();
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean present;

    public List<CompletableFuture<SsCard>> reads() {
        return reads;
    }

    /** Whether a read is under way. */
    public boolean reading() {
        return !reads.isEmpty() && !reads.get(reads.size() - 1).isDone();
    }

    public void insert(SsCard card) {
        inserted();
        if (reading()) {
            reads.get(reads.size() - 1).complete(card);
        }
    }

    /** A card the read fails on: not a social security card, or one it could not read. */
    public void insert(DeviceException failure) {
        inserted();
        if (reading()) {
            reads.get(reads.size() - 1).completeExceptionally(failure);
        }
    }

    private void inserted() {
        present = true;
        for (DeviceListener l : listeners) {
            l.onEvent(new SsCardEvent.Inserted(name()));
        }
    }

    public void remove() {
        present = false;
        for (DeviceListener l : listeners) {
            l.onEvent(new SsCardEvent.Removed(name()));
        }
    }

    @Override
    public CompletableFuture<SsCard> read(Duration timeout) {
        CompletableFuture<SsCard> f = new CompletableFuture<>();
        reads.add(f);
        return f;
    }

    @Override
    public boolean cardPresent() {
        return present;
    }

    @Override
    public String name() {
        return "fake-ss-reader";
    }

    @Override
    public void open() {
    }

    @Override
    public DeviceState state() {
        return DeviceState.IDLE;
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
