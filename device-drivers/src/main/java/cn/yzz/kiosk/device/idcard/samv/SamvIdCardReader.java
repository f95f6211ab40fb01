package cn.yzz.kiosk.device.idcard.samv;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceException.Kind;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.idcard.CardDataException;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import cn.yzz.kiosk.device.idcard.TextBlock;
import cn.yzz.kiosk.device.internal.DeviceCore;
import cn.yzz.kiosk.device.internal.SerialConnection;
import cn.yzz.kiosk.device.serial.LinkLostException;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.SerialLink;
import cn.yzz.kiosk.device.serial.SerialSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ID card reader speaking SAM_V (GA 467) over a serial link.
 *
 * <p>All I/O runs on the device thread {@code kiosk-<name>}. Retry rules follow devices.md §1.13:
 * a corrupt or truncated reply is discarded and the command sent again (at most twice more); a
 * 10/11/21 status gets one resend after flushing; 81/41/31/32/33 restart find → select → read at
 * most twice more; 60/66 put the reader out of service; silence reopens the port, and if the
 * reader still says nothing it is offline and the driver keeps trying to reach it every
 * {@value #RECONNECT_MILLIS} ms.
 */
public final class SamvIdCardReader implements IdCardReader {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.idcard");

    /** Pause between find attempts; readers want more than 300 ms (devices.md §1.12). */
    static final long POLL_MILLIS = 300;
    static final long RECONNECT_MILLIS = 2000;
    static final int COMMAND_RETRIES = 2;
    static final int CYCLE_RETRIES = 2;
    private static final long SHORT_TIMEOUT_MILLIS = 1000;
    private static final long PROBE_TIMEOUT_MILLIS = 500;
    private static final int LONGEST_REPLY = 2321;

    /** How the reader is used. */
    public record Options(boolean readFingerprint, boolean detectBaud) {
        public static Options defaults() {
            return new Options(false, true);
        }
    }

    private final DeviceCore core;
    private final SerialConnection connection;
    private volatile int preferredBaud;
    private final Options options;
    private final SamFrameDecoder decoder = new SamFrameDecoder(SamFrameDecoder.Direction.RESPONSES);
    private final byte[] readBuffer = new byte[4096];

    // Owned by the device thread.
    private int baud;
    private volatile CompletableFuture<?> pendingRead = CompletableFuture.completedFuture(null);

    public SamvIdCardReader(String name, LinkOpener opener, int baud, Options options) {
        SamCommand.BaudCode.of(baud); // fail fast on a speed the module cannot do
        this.core = new DeviceCore(name);
        this.connection = new SerialConnection(core, opener, "读卡器", decoder::reset).reconnectEvery(RECONNECT_MILLIS, this::connect);
        this.preferredBaud = baud;
        this.baud = baud;
        this.options = options;
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public void open() throws DeviceException {
        connection.await(this::connect, 30_000);
    }

    @Override
    public DeviceState state() {
        return core.state();
    }

    /** The line speed the reader answered at (after detection). */
    public int baudRate() {
        return baud;
    }

    @Override
    public Health checkHealth() {
        if (connection.closing()) {
            return connection.closedHealth();
        }
        if (core.state() == DeviceState.BUSY) {
            // A read is waiting for a card, so the reader answered a moment ago; do not queue behind it.
            return SerialConnection.health(Health.Status.OK, "ok", "读卡器正常，正在等待身份证（" + baud + " 波特）");
        }
        try {
            return DeviceCalls.await(core.submit(() -> {
                if (!connection.isOpen()) {
                    connect();
                }
                if (!connection.isOpen()) {
                    return SerialConnection.health(Health.Status.FAILED, "not-answering", connection.problem());
                }
                SamFrame r = command(SamCommand.STATUS.frame(), SHORT_TIMEOUT_MILLIS);
                SamStatus s = SamStatus.of(r.sw3());
                if (s == SamStatus.SUCCESS) {
                    core.moveTo(DeviceState.IDLE, "自检正常");
                    return SerialConnection.health(Health.Status.OK, "ok", "读卡器正常（" + baud + " 波特）");
                }
                if (s != null && s.handling() == SamStatus.Handling.OUT_OF_SERVICE) {
                    failure(r.sw3(), "自检"); // moves to FAILED
                }
                return SerialConnection.health(Health.Status.FAILED, "status-" + hex(r.sw3()), describe(r.sw3()));
            }), 10_000, "读卡器");
        } catch (DeviceException e) {
            return SerialConnection.health(e.kind() == Kind.NOT_ANSWERING ? Health.Status.FAILED : Health.Status.DEGRADED, e);
        }
    }

    @Override
    public CompletableFuture<IdCard> read(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<CompletableFuture<IdCard>> self = new AtomicReference<>();
        self.set(core.submit(() -> readCycle(deadline, () -> self.get() != null && self.get().isDone())));
        pendingRead = self.get();
        return self.get();
    }

    @Override
    public CompletableFuture<Optional<String>> readLatestAddress() {
        return core.submit(() -> {
            SamFrame r = command(SamCommand.READ_LATEST_ADDRESS.frame(), SHORT_TIMEOUT_MILLIS);
            SamStatus s = SamStatus.of(r.sw3());
            if (s == SamStatus.NO_CONTENT) {
                return Optional.empty();
            }
            if (s != SamStatus.SUCCESS) {
                throw failure(r.sw3(), "读追加住址");
            }
            return Optional.of(ucs2(r.responseData()));
        });
    }

    @Override
    public CompletableFuture<String> samId() {
        return core.submit(() -> {
            SamFrame r = command(SamCommand.SAM_ID.frame(), SHORT_TIMEOUT_MILLIS);
            if (SamStatus.of(r.sw3()) != SamStatus.SUCCESS) {
                throw failure(r.sw3(), "读 SAM 编号");
            }
            byte[] id = r.responseData();
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < id.length; i += 4) {
                groups.add(HexFormat.of().withUpperCase().formatHex(id, i, Math.min(id.length, i + 4)));
            }
            return String.join("-", groups);
        });
    }

    /** Resets the security module (复位), e.g. from the administrator's device screen. */
    public CompletableFuture<Void> resetModule() {
        return core.submit(() -> {
            SamFrame r = command(SamCommand.RESET.frame(), SHORT_TIMEOUT_MILLIS);
            if (SamStatus.of(r.sw3()) != SamStatus.SUCCESS) {
                throw failure(r.sw3(), "复位");
            }
            core.count("ResetCount");
            return null;
        });
    }

    /** Switches reader and link to another speed (the reply comes at the old speed). */
    public CompletableFuture<Void> setBaudRate(int newBaud) {
        return core.submit(() -> {
            SamFrame r = command(SamCommand.setBaudFrame(newBaud), SHORT_TIMEOUT_MILLIS);
            if (SamStatus.of(r.sw3()) != SamStatus.SUCCESS) {
                throw failure(r.sw3(), "设置波特率");
            }
            SerialLink link = connection.requireLink();
            link.setBaudRate(newBaud);
            baud = newBaud;
            preferredBaud = newBaud; // reconnect at the new speed even without detection
            Thread.sleep(5); // the module needs ≥ 5 ms to switch (samv.c)
            link.discardInput();
            decoder.reset();
            SamFrame check = command(SamCommand.STATUS.frame(), SHORT_TIMEOUT_MILLIS);
            if (SamStatus.of(check.sw3()) != SamStatus.SUCCESS) {
                throw failure(check.sw3(), "切换波特率后自检");
            }
            return null;
        });
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
        if (connection.closing()) {
            return;
        }
        pendingRead.cancel(false); // a read waiting for a card stops within one poll
        connection.close(() -> { }, () -> { });
    }

    // ---- device thread only ----

    private interface Cancelled {
        boolean now();
    }

    private IdCard readCycle(long deadline, Cancelled cancelled) throws DeviceException, InterruptedException {
        ensureConnected();
        core.count("ReadRequestCount");
        int failedCycles = 0;
        SamStatus lastFailure = null;
        try {
            core.moveTo(DeviceState.BUSY, "等待放置身份证");
            while (true) {
                if (cancelled.now()) {
                    throw new DeviceException(Kind.CLOSED, "读卡已取消");
                }
                SamFrame found = command(SamCommand.FIND_CARD.frame(), SHORT_TIMEOUT_MILLIS);
                SamStatus s = statusOf(found, "寻卡");
                if (s == SamStatus.FIND_FAILED) {
                    if (lastFailure != null) {
                        core.count("CardRemovedCount");
                        throw new DeviceException(Kind.MEDIA_ERROR,
                                "身份证在读取中被移开（" + lastFailure.meaning() + "），请重新放置身份证");
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        core.count("NoCardCount");
                        throw new DeviceException(Kind.NO_MEDIA, "在限定时间内没有放置身份证");
                    }
                    sleepCancellable(Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1), cancelled);
                    continue;
                }
                SamStatus failure = s == SamStatus.FIND_OK ? null : s;
                if (cancelled.now()) {
                    // The villager left while a card was being found: do not read it for nobody.
                    throw new DeviceException(Kind.CLOSED, "读卡已取消");
                }
                if (failure == null) {
                    SamFrame selected = command(SamCommand.SELECT_CARD.frame(), SHORT_TIMEOUT_MILLIS);
                    SamStatus ss = statusOf(selected, "选卡");
                    if (ss == SamStatus.SUCCESS) {
                        SamCommand readCmd = options.readFingerprint() ? SamCommand.READ_WITH_FINGERPRINT : SamCommand.READ_TEXT_PHOTO;
                        SamFrame data = command(readCmd.frame(), readTimeoutMillis());
                        SamStatus rs = statusOf(data, "读卡");
                        if (rs == SamStatus.SUCCESS) {
                            IdCard card = parse(data.responseData(), readCmd == SamCommand.READ_WITH_FINGERPRINT);
                            core.count("GoodReadCount");
                            LOG.log(Level.INFO, "{0}: read {1}", name(), card); // IdCard.toString is masked
                            return card;
                        }
                        failure = rs;
                    } else {
                        failure = ss;
                    }
                }
                // The card moved, or could not be authenticated: start over, a bounded number of times.
                core.count("CardErrorCount");
                if (failure.handling() != SamStatus.Handling.RETRY_CYCLE || ++failedCycles > CYCLE_RETRIES) {
                    throw failure(failure.code(), "读卡");
                }
                lastFailure = failure;
                LOG.log(Level.INFO, "{0}: {1}, retrying find/select/read ({2}/{3})", name(), failure.meaning(), failedCycles, CYCLE_RETRIES);
            }
        } finally {
            if (core.state() == DeviceState.BUSY) {
                core.moveTo(DeviceState.IDLE, "读卡结束");
            }
        }
    }

    private SamStatus statusOf(SamFrame r, String what) throws DeviceException {
        SamStatus s = SamStatus.of(r.sw3());
        if (s == null || !r.swPrefixValid()) {
            core.count("CommunicationErrorCount");
            throw new DeviceException(Kind.PROTOCOL, what + "：读卡器返回了未知状态 " + hex(r.sw3()));
        }
        if (s.handling() == SamStatus.Handling.OUT_OF_SERVICE) {
            throw failure(s.code(), what);
        }
        return s;
    }

    private IdCard parse(byte[] data, boolean withFingerprint) throws DeviceException {
        ByteBuffer b = ByteBuffer.wrap(data);
        int headers = withFingerprint ? 6 : 4;
        if (data.length < headers) {
            throw protocol("读卡返回的数据太短（" + data.length + " 字节）");
        }
        int textLen = b.getShort() & 0xFFFF;
        int photoLen = b.getShort() & 0xFFFF;
        int fpLen = withFingerprint ? b.getShort() & 0xFFFF : 0;
        if (textLen != TextBlock.SIZE || headers + textLen + photoLen + fpLen != data.length) {
            throw protocol(String.format("读卡返回的长度不一致：文字 %d，照片 %d，指纹 %d，共 %d 字节", textLen, photoLen, fpLen, data.length));
        }
        byte[] text = Arrays.copyOfRange(data, headers, headers + textLen);
        byte[] photo = Arrays.copyOfRange(data, headers + textLen, headers + textLen + photoLen);
        byte[] fp = Arrays.copyOfRange(data, headers + textLen + photoLen, data.length);
        try {
            return TextBlock.parse(text, photo, fp);
        } catch (CardDataException e) {
            core.count("CardDataErrorCount");
            throw new DeviceException(Kind.MEDIA_ERROR, "证件信息无法识别：" + e.getMessage(), e);
        }
    }

    private DeviceException protocol(String message) {
        core.count("CommunicationErrorCount");
        return new DeviceException(Kind.PROTOCOL, message);
    }

    /**
     * Sends one command and returns its reply, resending after corrupt, truncated or
     * flagged-as-garbled exchanges. Silence reopens the port once before giving up.
     */
    private SamFrame command(byte[] frame, long timeoutMillis) throws DeviceException, InterruptedException {
        ensureConnected();
        int corrupt = 0;
        boolean resent = false;
        boolean reopened = false;
        while (true) {
            try {
                SamFrame r = transact(frame, timeoutMillis);
                SamStatus s = SamStatus.of(r.sw3());
                if (s != null && s.handling() == SamStatus.Handling.RESEND && !resent) {
                    resent = true;
                    core.count("ResendCount");
                    LOG.log(Level.INFO, "{0}: reader reported {1}, flushing and resending", name(), s.meaning());
                    flush();
                    continue;
                }
                if (s != null && s.handling() == SamStatus.Handling.RESEND) {
                    throw protocol("读卡器两次报告：" + s.meaning());
                }
                return r;
            } catch (CorruptReply e) {
                core.count("CommunicationErrorCount");
                flush();
                if (++corrupt > COMMAND_RETRIES) {
                    throw protocol("读卡器的回复多次损坏（" + e.getMessage() + "）");
                }
                LOG.log(Level.INFO, "{0}: {1}; resending ({2}/{3})", name(), e.getMessage(), corrupt, COMMAND_RETRIES);
            } catch (Silence e) {
                if (reopened) {
                    connection.lost("读卡器没有响应：请检查读卡器的数据线和电源", Kind.NOT_ANSWERING);
                    throw new DeviceException(Kind.NOT_ANSWERING, connection.problem());
                }
                reopened = true;
                LOG.log(Level.INFO, "{0}: no reply, reopening the port", name());
                connection.reopen(baud);
            } catch (IOException e) {
                connection.lost("读卡器连接中断（" + e.getMessage() + "）：请检查数据线", Kind.NOT_ANSWERING);
                throw new DeviceException(Kind.NOT_ANSWERING, connection.problem(), e);
            }
        }
    }

    private static final class CorruptReply extends Exception {
        CorruptReply(String m) {
            super(m, null, false, false);
        }
    }

    private static final class Silence extends Exception {
        Silence() {
            super("no reply", null, false, false);
        }
    }

    /** One write and the reply to it; no retries. */
    private SamFrame transact(byte[] frame, long timeoutMillis) throws IOException, CorruptReply, Silence, InterruptedException {
        SerialLink link = connection.requireLink();
        // A late reply to an earlier command must not be taken as the answer to this one.
        link.discardInput();
        decoder.reset();
        link.write(frame);
        // devices.md §1.13: a frame is partial only when the rest does not come within the command's timeout.
        // GA 467 promises nothing about pauses inside a reply (a reader may send its header, then the data).
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            try {
                Optional<SamFrame> f = decoder.next();
                if (f.isPresent()) {
                    return f.get();
                }
            } catch (SamFrameException e) {
                if (e.problem() == SamFrameException.Problem.BAD_CHECKSUM) {
                    core.count("ChecksumErrorCount");
                    throw new CorruptReply(e.getMessage());
                }
                continue; // an impossible length is line noise: keep hunting
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (decoder.inFrame()) {
                    core.count("TruncatedFrameCount");
                    throw new CorruptReply("reply cut short");
                }
                throw new Silence();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            int n = link.read(readBuffer, 0, readBuffer.length, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (n > 0) {
                decoder.feed(readBuffer, 0, n);
            }
        }
    }

    private void flush() {
        decoder.reset();
        SerialLink link = connection.link();
        if (link != null) {
            try {
                // Let the rest of a bad reply arrive, then drop it.
                Thread.sleep(Math.max(2, SerialSettings.wireNanos(64, baud) / 1_000_000));
                link.discardInput();
            } catch (IOException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private long readTimeoutMillis() {
        // Public drivers allow 3 s; at low speeds the reply alone takes longer.
        return 3000 + SerialSettings.wireNanos(LONGEST_REPLY, baud) / 1_000_000;
    }

    private void ensureConnected() throws DeviceException {
        if (!connection.isOpen()) {
            connect();
        }
        if (!connection.isOpen()) {
            throw core.state() == DeviceState.FAILED
                    ? new DeviceException(Kind.DEVICE_FAULT, connection.problem()) : connection.unreachableError();
        }
    }

    /** Opens the port and finds the speed the reader answers at. */
    private void connect() {
        if (connection.closing()) {
            return;
        }
        List<Integer> speeds = new ArrayList<>();
        int preferred = preferredBaud;
        speeds.add(preferred);
        if (options.detectBaud()) {
            for (int s : SerialSettings.SPEEDS) {
                if (s != preferred) {
                    speeds.add(s);
                }
            }
        }
        boolean garbled = false;
        try {
            for (int speed : speeds) {
                SerialLink link = connection.link();
                if (link == null) {
                    connection.open(speed);
                } else {
                    link.setBaudRate(speed);
                }
                baud = speed;
                flush();
                try {
                    SamFrame r = transact(SamCommand.STATUS.frame(), PROBE_TIMEOUT_MILLIS);
                    SamStatus s = SamStatus.of(r.sw3());
                    if (s != null && s.handling() == SamStatus.Handling.OUT_OF_SERVICE) {
                        connection.failed(describe(r.sw3()));
                        return;
                    }
                    // Any well-framed reply, even a complaint about line noise, means this is the speed.
                    if (speed != preferredBaud) {
                        LOG.log(Level.WARNING, "{0}: reader answers at {1} baud, not the configured {2}", name(), speed, preferredBaud);
                    }
                    connection.online("读卡器已连接（" + speed + " 波特）");
                    return;
                } catch (CorruptReply e) {
                    garbled = true; // a framed reply with a bad checksum: something is there, at this speed
                } catch (Silence e) {
                    // wrong speed or no reader here: try the next speed
                }
            }
            if (garbled) {
                connection.lost("读卡器有回应，但回复一直损坏（校验错误）：请检查数据线是否受干扰或松动，必要时更换读卡器", Kind.PROTOCOL);
            } else {
                connection.lost("读卡器没有响应（已尝试 " + speeds + " 波特）：请检查读卡器的数据线、电源和端口设置", Kind.NOT_ANSWERING);
            }
        } catch (LinkLostException e) {
            connection.lost("读卡器连接中断（" + e.getMessage() + "）：请检查数据线", Kind.NOT_ANSWERING);
        } catch (IOException e) {
            connection.lost("无法打开读卡器端口：" + e.getMessage(), Kind.NOT_ANSWERING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.closeLink();
        }
    }

    private DeviceException failure(int sw3, String what) {
        SamStatus s = SamStatus.of(sw3);
        if (s != null && s.handling() == SamStatus.Handling.OUT_OF_SERVICE) {
            connection.failed(describe(sw3));
            return new DeviceException(Kind.DEVICE_FAULT, connection.problem());
        }
        if (s != null && s.handling() == SamStatus.Handling.RETRY_CYCLE) {
            return new DeviceException(Kind.MEDIA_ERROR, what + "失败（" + s.meaning() + "），请重新放置身份证");
        }
        return protocol(what + "失败：" + describe(sw3));
    }

    private static String describe(int sw3) {
        SamStatus s = SamStatus.of(sw3);
        if (s == null) {
            return "读卡器返回未知状态 " + hex(sw3);
        }
        if (s.handling() == SamStatus.Handling.OUT_OF_SERVICE) {
            return "读卡器安全模块故障（" + hex(sw3) + " " + s.meaning() + "）：读卡器需要维修或更换，请联系运维";
        }
        return s.meaning() + "（" + hex(sw3) + "）";
    }

    private void sleepCancellable(long millis, Cancelled cancelled) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!cancelled.now()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
        }
    }

    private static String ucs2(byte[] b) {
        return new String(b, StandardCharsets.UTF_16LE).strip();
    }

    private static String hex(int b) {
        return String.format("%02X", b & 0xFF);
    }
}
