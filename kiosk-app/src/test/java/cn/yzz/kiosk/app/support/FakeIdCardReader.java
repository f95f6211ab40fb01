package cn.yzz.kiosk.app.support;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reader whose reads the test completes by hand, for flow tests that are about navigation
 * rather than the wire (those use the emulator).
 */
public final class FakeIdCardReader implements IdCardReader {

    private final List<CompletableFuture<IdCard>> reads = new CopyOnWriteArrayList<>();

    /** Every read asked for so far, oldest first. */
    public List<CompletableFuture<IdCard>> reads() {
        return reads;
    }

    public CompletableFuture<IdCard> lastRead() {
        if (reads.isEmpty()) {
            throw new AssertionError("no read was started");
        }
        return reads.get(reads.size() - 1);
    }

    public void fail(DeviceException.Kind kind) {
        lastRead().completeExceptionally(new DeviceException(kind, "test: " + kind));
    }

    @Override
    public CompletableFuture<IdCard> read(Duration timeout) {
        CompletableFuture<IdCard> f = new CompletableFuture<>();
        reads.add(f);
        return f;
    }

    @Override
    public CompletableFuture<Optional<String>> readLatestAddress() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletableFuture<String> samId() {
        return CompletableFuture.completedFuture("00000000");
    }

    @Override
    public String name() {
        return "fake-reader";
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
    }

    @Override
    public void removeListener(DeviceListener listener) {
    }

    @Override
    public Map<String, Long> statistics() {
        return Map.of();
    }

    @Override
    public void close() {
    }
}
