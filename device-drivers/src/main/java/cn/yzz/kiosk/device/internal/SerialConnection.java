package cn.yzz.kiosk.device.internal;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceException.Kind;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.serial.LinkLostException;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The port of one serial driver and what happens to it: opened when the driver asks, lost on a
 * pulled cable, an I/O error or a device that stopped answering ({@link DeviceState#OFFLINE}, with
 * words an administrator can act on, and a reconnect attempt scheduled when the driver asked for
 * them), and given back on close even when the device thread is stuck.
 *
 * <p>Every method runs on the device thread of the {@link DeviceCore}, except {@link #close},
 * {@link #closing()}, {@link #problem()} and {@link #unreachable()}.
 */
public final class SerialConnection {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device");
    private static final long CLOSE_WAIT_SECONDS = 3;

    private final DeviceCore core;
    private final LinkOpener opener;
    private final String device;
    private final Runnable onLinkClosed;
    private long reconnectMillis;
    private Runnable reconnectAttempt;

    private volatile SerialLink link;
    private volatile boolean closing;
    private volatile String problem = "尚未连接";
    /** What a request gets while the device cannot be reached: silence is NOT_ANSWERING, replies that stay broken PROTOCOL. */
    private volatile Kind unreachable = Kind.NOT_ANSWERING;
    private ScheduledFuture<?> reconnect;
    private long lastFailure = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    /**
     * @param device       the device in the villager's and the administrator's words, e.g. 读卡器
     * @param onLinkClosed forgets what was read from the closed link (decoders, half frames); device thread
     */
    public SerialConnection(DeviceCore core, LinkOpener opener, String device, Runnable onLinkClosed) {
        this.core = Objects.requireNonNull(core, "core");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.device = device;
        this.onLinkClosed = onLinkClosed;
    }

    /**
     * After the device is lost, runs {@code attempt} on the device thread every {@code millis} until it
     * opens a link or the driver closes; each attempt counts {@code ReconnectAttemptCount}. Without this
     * the driver's own loop (a heartbeat, a poll) reconnects.
     */
    public SerialConnection reconnectEvery(long millis, Runnable attempt) {
        this.reconnectMillis = millis;
        this.reconnectAttempt = Objects.requireNonNull(attempt, "attempt");
        return this;
    }

    /** Runs {@code task} (a first connect, say) on the device thread and waits at most {@code millis} for it. */
    public void await(Runnable task, long millis) throws DeviceException {
        DeviceCalls.await(core.submit(() -> {
            task.run();
            return null;
        }), millis, device);
    }

    /** The open link, or null. */
    public SerialLink link() {
        return link;
    }

    public boolean isOpen() {
        return link != null;
    }

    /** The open link; {@link LinkLostException} when there is none (it was lost under a request). */
    public SerialLink requireLink() throws LinkLostException {
        SerialLink l = link;
        if (l == null) {
            throw new LinkLostException("not connected");
        }
        return l;
    }

    /** The open link, or a new one at {@code baud}. */
    public SerialLink open(int baud) throws IOException {
        if (link == null) {
            link = opener.open(baud);
        }
        return link;
    }

    /** Closes the port and opens it again at {@code baud}; no link when it will not open (the next request finds out). */
    public void reopen(int baud) {
        closeLink();
        try {
            link = opener.open(baud);
        } catch (IOException e) {
            link = null;
        }
    }

    public void closeLink() {
        SerialLink l = link;
        if (l != null) {
            l.close();
            link = null;
        }
        if (onLinkClosed != null) {
            onLinkClosed.run();
        }
    }

    /** The device answers: reconnecting stops, and the device is {@link DeviceState#IDLE}. */
    public void online(String detail) {
        cancelReconnect();
        core.moveTo(DeviceState.IDLE, detail);
    }

    /** The port failed or the device went silent for good: the port is closed and the device OFFLINE. */
    public void lost(String why, Kind kind) {
        closeLink();
        unanswered(why, kind);
    }

    /**
     * The device stopped answering but the port stays open (it may answer again on it): OFFLINE, and a
     * reconnect attempt scheduled. Nothing while closing: a link that fails because the driver closes is no fault.
     */
    public void unanswered(String why, Kind kind) {
        if (closing) {
            return;
        }
        problem = why;
        unreachable = kind;
        lastFailure = System.nanoTime();
        core.moveTo(DeviceState.OFFLINE, why);
        if (reconnectAttempt != null && (reconnect == null || reconnect.isDone())) {
            reconnect = core.schedule(this::reconnect, reconnectMillis).orElse(null);
        }
    }

    /** The device answers that it is broken: the port is closed, no reconnecting, the device FAILED. */
    public void failed(String why) {
        problem = why;
        cancelReconnect();
        closeLink();
        core.moveTo(DeviceState.FAILED, why);
    }

    /** True within one reconnect interval of the last failure, when the scheduled attempt owns retrying. */
    public boolean retryingSoon() {
        return System.nanoTime() - lastFailure <= TimeUnit.MILLISECONDS.toNanos(reconnectMillis);
    }

    private void reconnect() {
        reconnect = null;
        if (link != null || closing) {
            return;
        }
        core.count("ReconnectAttemptCount");
        reconnectAttempt.run();
    }

    private void cancelReconnect() {
        if (reconnect != null) {
            reconnect.cancel(false);
            reconnect = null;
        }
    }

    /** Why the device cannot be used now, in words for the administrator. */
    public String problem() {
        return problem;
    }

    public void problem(String why) {
        problem = why;
    }

    public Kind unreachable() {
        return unreachable;
    }

    /** What a request gets while the device cannot be reached. */
    public DeviceException unreachableError() {
        return new DeviceException(unreachable, problem);
    }

    public boolean closing() {
        return closing;
    }

    public DeviceException closedError() {
        return new DeviceException(Kind.CLOSED, device + "已关闭");
    }

    public Health closedHealth() {
        return health(Health.Status.FAILED, "closed", device + "已关闭");
    }

    /**
     * Closes the driver once: {@code onDeviceThread} and closing the port run on the device thread
     * (waiting at most 3 s for what it is doing); then the thread stops, {@code afterThread} runs, the
     * port is closed from here if the thread could not, and the device is CLOSED.
     *
     * @return false when the driver was closed already
     */
    public boolean close(Runnable onDeviceThread, Runnable afterThread) {
        if (closing) {
            return false;
        }
        closing = true;
        try {
            core.submit(() -> {
                cancelReconnect();
                onDeviceThread.run();
                closeLink();
                return null;
            }).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "{0}: the device thread did not finish in time; closing the port from here", core.name());
        }
        core.shutdown();
        afterThread.run();
        SerialLink l = link;
        if (l != null) {
            l.close(); // the device thread is gone or stuck: never leave the port open
            link = null;
        }
        core.moveTo(DeviceState.CLOSED, "已关闭");
        return true;
    }

    public static Health health(Health.Status status, String code, String detail) {
        return new Health(status, code, detail, Instant.now());
    }

    /** A check that could not ask the device: the exception's kind is the code ({@code not-answering}), its words the detail. */
    public static Health health(Health.Status status, DeviceException e) {
        return health(status, e.kind().name().toLowerCase().replace('_', '-'), e.getMessage());
    }
}
