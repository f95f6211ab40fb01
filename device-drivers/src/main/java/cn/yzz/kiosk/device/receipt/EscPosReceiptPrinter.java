package cn.yzz.kiosk.device.receipt;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceException.Kind;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.internal.DeviceCore;
import cn.yzz.kiosk.device.internal.SerialConnection;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.SerialLink;
import cn.yzz.kiosk.device.serial.SerialSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An ESC/POS receipt printer on a serial link (KP-628E class, devices.md §4).
 *
 * <p>All I/O runs on the device thread {@code kiosk-<name>}. While idle it asks the printer for
 * its status every {@value #HEARTBEAT_MILLIS} ms (DLE EOT is answered at once, even mid-print),
 * so a pulled cable, a silent printer or an emptied roll shows up as a state change within
 * seconds, and a printer that comes back is taken into use again on its own. Jobs are written in
 * chunks paced to the line speed, so the operating system's buffer and a USB adapter's small
 * FIFO never overflow (§4.6).
 */
public final class EscPosReceiptPrinter implements ReceiptPrinter {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.receipt");

    static final long HEARTBEAT_MILLIS = 1000;
    static final long STATUS_TIMEOUT_MILLIS = 500;
    static final int GARBAGE_RETRIES = 2;
    /** Bytes written ahead of the line's own pace: small enough for a 256-byte USB FIFO. */
    static final int BACKLOG_BYTES = 256;
    static final int CHUNK_BYTES = 128;
    private static final String PRINTER = "打印机";
    private static final byte[] STATUS_REQUESTS = requests();

    private final DeviceCore core;
    /** Reconnected by the heartbeat, not by a timer of its own. */
    private final SerialConnection connection;
    private final int baud;
    private final byte[] replies = new byte[4];

    private volatile PrinterStatus lastStatus;

    public EscPosReceiptPrinter(String name, LinkOpener opener, int baud) {
        if (baud <= 0) {
            throw new IllegalArgumentException("baud rate must be positive: " + baud);
        }
        this.core = new DeviceCore(name);
        this.connection = new SerialConnection(core, opener, PRINTER, null);
        this.baud = baud;
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public void open() throws DeviceException {
        connection.await(this::heartbeat, 10_000);
    }

    @Override
    public DeviceState state() {
        return core.state();
    }

    @Override
    public Health checkHealth() {
        if (connection.closing()) {
            return connection.closedHealth();
        }
        try {
            PrinterStatus s = DeviceCalls.await(status(), 10_000, PRINTER);
            if (s.ready()) {
                return SerialConnection.health(s.paperNearEnd() ? Health.Status.DEGRADED : Health.Status.OK,
                        s.paperNearEnd() ? "paper-near-end" : "ok", s.detail());
            }
            return SerialConnection.health(Health.Status.FAILED, code(s), s.detail());
        } catch (DeviceException e) {
            return SerialConnection.health(Health.Status.FAILED, e);
        }
    }

    @Override
    public CompletableFuture<PrinterStatus> status() {
        return core.submit(this::freshStatus);
    }

    @Override
    public CompletableFuture<PrintJob> print(Receipt receipt) {
        EscPos.Job job = EscPos.job(receipt); // a receipt that cannot be encoded fails here, in the caller
        return core.submit(() -> printJob(job));
    }

    @Override
    public PrinterStatus lastStatus() {
        return lastStatus;
    }

    @Override
    public void addListener(DeviceListener listener) {
        core.addListener(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        core.removeListener(listener);
    }

    @Override
    public Map<String, Long> statistics() {
        return core.statistics();
    }

    @Override
    public void close() {
        connection.close(() -> { }, () -> { });
    }

    // ---- device thread only ----

    private PrintJob printJob(EscPos.Job job) throws DeviceException, InterruptedException {
        core.count("PrintRequestCount");
        long start = System.nanoTime();
        PrinterStatus before = freshStatus();
        if (!before.ready()) {
            core.count("RefusedJobCount");
            throw new DeviceException(kindOf(before), "没有打印：" + before.detail());
        }
        core.moveTo(DeviceState.BUSY, "正在打印");
        try {
            try {
                sendPaced(job.bytes());
            } catch (IOException e) {
                connection.lost("打印中连接中断（" + e.getMessage() + "）：请检查打印机数据线", Kind.NOT_ANSWERING);
                core.count("FailedJobCount");
                throw new DeviceException(Kind.NOT_ANSWERING, "凭条可能没有打印完整：" + connection.problem(), e);
            }
            PrinterStatus after;
            try {
                // A printer may read the status request only after printing the job ahead of it
                // ("On serial it may be answered only between bytes of other data", devices.md §4.5;
                // emulators take bytes at print speed, §4.8): give it the job's print time, and half
                // as much again for a printer slower than rated, to answer. A bound, not a pause.
                after = freshStatus(STATUS_TIMEOUT_MILLIS + job.printMillis() * 3 / 2);
            } catch (DeviceException e) {
                core.count("FailedJobCount");
                throw new DeviceException(e.kind(), "打印后打印机没有回应状态，凭条可能没有打印完整：" + e.getMessage(), e);
            }
            if (!after.ready()) {
                core.count("FailedJobCount");
                throw new DeviceException(kindOf(after), "凭条没有打印完整：" + after.detail());
            }
            core.count("GoodPrintCount");
            return new PrintJob(job.bytes().length, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), after);
        } finally {
            if (core.state() == DeviceState.BUSY) {
                core.moveTo(DeviceState.IDLE, "打印结束");
            }
        }
    }

    /**
     * Writes {@code job} keeping at most {@link #BACKLOG_BYTES} ahead of the line, then waits
     * until the last byte is on the wire, so that the next status reflects the whole job.
     */
    private void sendPaced(byte[] job) throws IOException, InterruptedException {
        SerialLink link = connection.requireLink();
        long start = System.nanoTime();
        for (int sent = 0; sent < job.length; ) {
            long due = start + SerialSettings.wireNanos(Math.max(0, sent - BACKLOG_BYTES), baud);
            sleepUntil(due);
            int n = Math.min(CHUNK_BYTES, job.length - sent);
            link.write(job, sent, n);
            sent += n;
        }
        sleepUntil(start + SerialSettings.wireNanos(job.length, baud));
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long left = due - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** Asks for all four status bytes; reopens the port once if the printer says nothing. */
    private PrinterStatus freshStatus() throws DeviceException, InterruptedException {
        return freshStatus(STATUS_TIMEOUT_MILLIS);
    }

    /** As {@link #freshStatus()}, waiting up to {@code firstTimeoutMillis} for the first answer. */
    private PrinterStatus freshStatus(long firstTimeoutMillis) throws DeviceException, InterruptedException {
        if (connection.closing()) {
            throw connection.closedError();
        }
        if (!connection.isOpen()) {
            connectQuietly();
        }
        if (!connection.isOpen()) {
            throw connection.unreachableError();
        }
        for (int attempt = 0; ; attempt++) {
            try {
                PrinterStatus s = query(attempt == 0 ? firstTimeoutMillis : STATUS_TIMEOUT_MILLIS);
                noteStatus(s);
                return s;
            } catch (Silence e) {
                if (attempt > 0) {
                    connection.lost("打印机没有响应：请检查打印机的数据线、电源和端口设置", Kind.NOT_ANSWERING);
                    throw connection.unreachableError();
                }
                LOG.log(Level.INFO, "{0}: no status reply, reopening the port", name());
                connection.closeLink();
                connectQuietly();
                if (!connection.isOpen()) {
                    throw connection.unreachableError();
                }
            } catch (IOException e) {
                connection.lost("打印机连接中断（" + e.getMessage() + "）：请检查打印机数据线", Kind.NOT_ANSWERING);
                throw new DeviceException(Kind.NOT_ANSWERING, connection.problem(), e);
            }
        }
    }

    private static final class Silence extends Exception {
        Silence() {
            super("no reply", null, false, false);
        }
    }

    /**
     * DLE EOT 1, 2, 3 and 4 in one write, answered in order, one byte each: one round trip
     * instead of four. Replies that break the status pattern are noise: dropped, and the requests
     * sent again a bounded number of times.
     */
    private PrinterStatus query(long timeoutMillis) throws IOException, Silence, DeviceException, InterruptedException {
        SerialLink link = connection.requireLink();
        for (int attempt = 0; attempt <= GARBAGE_RETRIES; attempt++) {
            link.discardInput(); // a late or stray byte must not be taken as this answer
            link.write(STATUS_REQUESTS);
            int got = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(attempt == 0 ? timeoutMillis : STATUS_TIMEOUT_MILLIS);
            while (got < replies.length) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                int n = left > 0 ? link.read(replies, got, replies.length - got, left) : 0;
                if (n == 0) {
                    break;
                }
                got += n;
            }
            if (got == 0) {
                throw new Silence();
            }
            if (got == replies.length) {
                try {
                    return RealTimeStatus.decode(replies[0], replies[1], replies[2], replies[3]);
                } catch (RealTimeStatus.StatusReplyException e) {
                    LOG.log(Level.DEBUG, "{0}: {1}", name(), e.getMessage());
                }
            }
            core.count("GarbledStatusCount");
            // Let the rest of the noise arrive before dropping it.
            TimeUnit.MILLISECONDS.sleep(Math.max(2, SerialSettings.wireNanos(32, baud) / 1_000_000));
        }
        core.count("CommunicationErrorCount");
        throw new DeviceException(Kind.PROTOCOL, "打印机的状态回复一直无法识别：请检查数据线是否受干扰、波特率（" + baud + "）是否与打印机一致");
    }

    private void noteStatus(PrinterStatus s) {
        lastStatus = s;
        if (s.ready()) {
            core.moveTo(core.state() == DeviceState.BUSY ? DeviceState.BUSY : DeviceState.IDLE, s.detail());
        } else {
            connection.problem(s.detail());
            core.moveTo(DeviceState.FAILED, s.detail());
        }
    }

    /** Runs on the device thread every {@link #HEARTBEAT_MILLIS} until closed. */
    private void heartbeat() {
        if (connection.closing()) {
            return;
        }
        try {
            freshStatus();
        } catch (DeviceException e) {
            LOG.log(Level.DEBUG, "{0}: heartbeat: {1}", name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name() + ": heartbeat failed", e);
        }
        core.schedule(this::heartbeat, HEARTBEAT_MILLIS);
    }

    private void connectQuietly() {
        try {
            connection.open(baud);
        } catch (IOException e) {
            connection.lost("无法打开打印机端口：" + e.getMessage() + "。请检查打印机数据线和电源", Kind.NOT_ANSWERING);
        }
    }

    private static byte[] requests() {
        byte[] all = new byte[12];
        for (int n = RealTimeStatus.PRINTER; n <= RealTimeStatus.PAPER_SENSOR; n++) {
            System.arraycopy(RealTimeStatus.request(n), 0, all, 3 * (n - 1), 3);
        }
        return all;
    }

    private static Kind kindOf(PrinterStatus s) {
        return s.cutterError() || s.otherError() ? Kind.DEVICE_FAULT : Kind.MEDIA_ERROR;
    }

    private static String code(PrinterStatus s) {
        if (s.coverOpen()) {
            return "cover-open";
        }
        if (s.paperEnd()) {
            return "paper-end";
        }
        if (s.cutterError()) {
            return "cutter-error";
        }
        return s.otherError() ? "error" : "offline";
    }
}
