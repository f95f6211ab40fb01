package cn.yzz.kiosk.device.qr;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceException.Kind;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.internal.DeviceCore;
import cn.yzz.kiosk.device.internal.SerialConnection;
import cn.yzz.kiosk.device.serial.LinkLostException;
import cn.yzz.kiosk.device.serial.LinkOpener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A QR / barcode scanner on a serial link (USB-CDC or RS-232) of any {@link ScannerFamily}.
 *
 * <p>All I/O runs on the device thread {@code kiosk-<name>}, which keeps reading between requests
 * so that a presentation-mode code is delivered the moment its suffix arrives, and a pulled cable
 * is noticed within one read (jSerialComm polls every 100 ms). A code that stalls mid-way for
 * longer than {@link Options#gap()} is dropped with the rest of it (see {@link SuffixFramer});
 * bytes that are neither UTF-8 nor GBK are dropped as line noise. Commands get a reply within
 * {@value #REPLY_MILLIS} ms or are sent again, at most {@value #RESENDS} more times; an SSI NAK
 * asking for a resend is honoured the same way, and SSI packets from the scanner with a bad
 * checksum are NAKed so the scanner sends them again. When the link is lost or the scanner stops
 * answering it is {@link DeviceState#OFFLINE} and the driver tries to reconnect every
 * {@value #RECONNECT_MILLIS} ms, restoring the mode when it is back.
 */
public final class SerialQrScanner implements QrScanner {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.qr");

    static final long REPLY_MILLIS = 500;
    static final int RESENDS = 2;
    static final long RECONNECT_MILLIS = 1000;
    /** Longest wait of one read between requests; bounds how late a queued request starts. */
    private static final long PUMP_MILLIS = 20;
    /** After a stall, silence this many gaps long means the broken code is over. */
    static final int QUIET_GAPS = 10;
    /** SSI: longer than a scanner's resends of one packet; segments older than this belong to an abandoned code. */
    static final long SEGMENT_MILLIS = 2000;

    /** How the kiosk uses the scanner. */
    public enum Mode {
        /** The kiosk switches the scanner on only while a screen asks for a code. */
        HOST_TRIGGER,
        /** The scanner reads whatever is shown to it; codes arrive as events at any time. */
        PRESENTATION
    }

    /**
     * @param gap       longest pause inside one code (devices.md §3.1: ≥ 50 ms, about 5 character times)
     * @param maxLength longest code accepted, in bytes
     */
    public record Options(ScannerFamily family, Mode mode, Suffix suffix, Duration gap, int maxLength) {
        public Options {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(suffix, "suffix");
            Objects.requireNonNull(gap, "gap");
            if (gap.isNegative() || gap.isZero() || maxLength <= 0) {
                throw new IllegalArgumentException("gap and maxLength must be positive");
            }
        }

        /** CR suffix, 50 ms gap, codes up to 4 KB. */
        public static Options of(ScannerFamily family, Mode mode) {
            return new Options(family, mode, Suffix.CR, Duration.ofMillis(50), 4096);
        }
    }

    private final DeviceCore core;
    private final SerialConnection connection;
    private final int baud;
    private final Options options;
    private final long gapNanos;
    /**
     * A generic scanner in presentation mode that answered no command at connect: no command is sent to it until the
     * next connect. Set and read on the device thread.
     */
    private volatile boolean commandless;
    private final SuffixFramer framer;
    private final SsiDecoder ssi = new SsiDecoder(SsiPacket.FROM_DECODER);
    private final byte[] readBuffer = new byte[4096];

    // Device thread only.
    private boolean pumping;
    private long lastByte = System.nanoTime();
    private final ArrayDeque<Object> replies = new ArrayDeque<>();
    private final ByteArrayOutputStream ssiSegments = new ByteArrayOutputStream();
    private SsiPacket lastDecodePacket;
    private long lastSegment;
    private CompletableFuture<Scan> waiting;
    private ScheduledFuture<?> waitTimeout;

    public SerialQrScanner(String name, LinkOpener opener, int baud, Options options) {
        this.core = new DeviceCore(name);
        this.connection = new SerialConnection(core, opener, "扫码器", this::forgetInput).reconnectEvery(RECONNECT_MILLIS, this::connect);
        this.baud = baud;
        this.options = options;
        this.gapNanos = options.gap().toNanos();
        this.framer = new SuffixFramer(options.suffix(), options.maxLength(), switch (options.family()) {
            case GENERIC -> SuffixFramer.Replies.GM65;
            case NEWLAND -> SuffixFramer.Replies.NEWLAND;
            case SSI -> SuffixFramer.Replies.NONE;
        });
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public void open() throws DeviceException {
        connection.await(this::connect, 10_000);
    }

    @Override
    public DeviceState state() {
        return core.state();
    }

    public Options options() {
        return options;
    }

    @Override
    public Health checkHealth() {
        if (connection.closing()) {
            return connection.closedHealth();
        }
        if (core.state() == DeviceState.BUSY) {
            return SerialConnection.health(Health.Status.OK, "ok", "扫码器正常，正在等待扫码");
        }
        try {
            return DeviceCalls.await(core.submit(() -> {
                if (!connection.isOpen()) {
                    connect();
                }
                if (!connection.isOpen()) {
                    return SerialConnection.health(Health.Status.FAILED, "not-answering", connection.problem());
                }
                try {
                    probe();
                } catch (IOException e) {
                    linkFailure(e);
                    return SerialConnection.health(Health.Status.FAILED, "not-answering", connection.problem());
                }
                if (commandless) {
                    return SerialConnection.health(Health.Status.OK, "ok",
                            "扫码器端口已打开（generic，不回应命令，按它自己的设置读码）：请扫一个码确认它在工作");
                }
                return SerialConnection.health(Health.Status.OK, "ok", "扫码器正常（" + options.family().id() + "，"
                        + (options.mode() == Mode.PRESENTATION ? "感应模式" : "主机触发模式") + "）");
            }), 10_000, "扫码器");
        } catch (DeviceException e) {
            return SerialConnection.health(Health.Status.FAILED, e);
        }
    }

    @Override
    public CompletableFuture<Scan> scan(Duration timeout) {
        CompletableFuture<Scan> result = new CompletableFuture<>();
        core.submit(() -> {
            startWaiting(result, timeout);
            return null;
        }).whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            }
        });
        result.whenComplete((s, e) -> {
            if (result.isCancelled()) {
                core.submit(() -> {
                    endWaiting(result);
                    return null;
                });
            }
        });
        return result;
    }

    /**
     * Sends a configuration command of the scanner's family (built with {@link ScannerCommands})
     * and completes when the scanner acknowledges it; {@code PROTOCOL} when it refuses it.
     */
    public CompletableFuture<Void> configure(byte[] command) {
        byte[] frame = command.clone();
        return core.submit(() -> {
            ensureConnected();
            try {
                command(frame, "设置");
            } catch (IOException e) {
                throw linkFailure(e);
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
        connection.close(() -> {
            if (waiting != null) {
                waiting.completeExceptionally(connection.closedError());
            }
        }, () -> { });
    }

    // ---- device thread only ----

    private void startWaiting(CompletableFuture<Scan> result, Duration timeout) throws DeviceException {
        if (result.isDone()) {
            return;
        }
        ensureConnected();
        if (waiting != null && !waiting.isDone()) {
            waiting.completeExceptionally(new DeviceException(Kind.CLOSED, "被新的扫码请求取代"));
        }
        cancel(waitTimeout);
        waiting = result;
        core.count("ScanRequestCount");
        core.moveTo(DeviceState.BUSY, "等待扫码");
        if (options.mode() == Mode.HOST_TRIGGER) {
            try {
                command(ScannerCommands.trigger(options.family(), true), "开始扫码");
            } catch (DeviceException e) {
                waiting = null;
                if (core.state() == DeviceState.BUSY) {
                    core.moveTo(DeviceState.IDLE, "扫码没有开始");
                }
                throw e;
            } catch (IOException e) {
                waiting = null;
                throw linkFailure(e);
            }
        }
        if (result.isDone()) {
            return; // a code came in while the trigger was acknowledged
        }
        waitTimeout = core.schedule(() -> {
            if (waiting == result) {
                core.count("NoScanCount");
                endWaiting(result);
                result.completeExceptionally(new DeviceException(Kind.NO_MEDIA, "在限定时间内没有扫到码"));
            }
        }, timeout.toMillis()).orElse(null);
    }

    /** Ends a wait that did not get a code: the scanner is switched off again in host-trigger mode. */
    private void endWaiting(CompletableFuture<Scan> result) {
        if (waiting != result) {
            return;
        }
        waiting = null;
        cancel(waitTimeout);
        if (options.mode() == Mode.HOST_TRIGGER && connection.isOpen()) {
            try {
                command(ScannerCommands.trigger(options.family(), false), "停止扫码");
            } catch (DeviceException | IOException e) {
                LOG.log(Level.INFO, "{0}: stop scan not acknowledged: {1}", name(), e.getMessage());
            }
        }
        if (core.state() == DeviceState.BUSY) {
            core.moveTo(DeviceState.IDLE, "扫码结束");
        }
    }

    /** Reads and handles whatever arrives between requests, then queues itself again. */
    private void pump() {
        if (!connection.isOpen() || connection.closing()) {
            pumping = false;
            return;
        }
        try {
            readOnce(PUMP_MILLIS);
        } catch (IOException e) {
            lost(e);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name() + ": unexpected error while reading", e);
        }
        if (!connection.isOpen() || connection.closing() || core.schedule(this::pump, 0).isEmpty()) {
            pumping = false;
        }
    }

    private void startPump() {
        if (!pumping) {
            pumping = true;
            core.schedule(this::pump, 0);
        }
    }

    /** One read of at most {@code waitMillis}; codes go to {@link #deliver}, replies to {@link #replies}. */
    private void readOnce(long waitMillis) throws IOException {
        boolean partial = options.family() == ScannerFamily.SSI ? ssi.inFrame() : framer.inFrame();
        long wait = waitMillis;
        if (partial) {
            wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(gapNanos - (System.nanoTime() - lastByte)) + 1));
        }
        int n = connection.requireLink().read(readBuffer, 0, readBuffer.length, wait);
        long now = System.nanoTime();
        // The gap is judged by when bytes arrive, not by when this thread got round to looking.
        if (now - lastByte > gapNanos) {
            stallIfPartial();
        }
        if (framer.discarding() && now - lastByte > QUIET_GAPS * gapNanos) {
            Optional<SuffixFramer.Data> unsuffixed = framer.quiet();
            if (unsuffixed.isPresent()) {
                core.count("UnsuffixedCodeCount");
                LOG.log(Level.INFO, "{0}: a code came without its suffix and the line stayed quiet; taken whole", name());
                deliver(unsuffixed.get().payload());
            }
        }
        if (n <= 0) {
            return;
        }
        lastByte = now;
        if (options.family() == ScannerFamily.SSI) {
            ssi.feed(readBuffer, 0, n);
            drainSsi();
        } else {
            framer.feed(readBuffer, 0, n);
            drainFramer();
        }
    }

    private void stallIfPartial() throws IOException {
        if (options.family() == ScannerFamily.SSI) {
            if (ssi.inFrame()) {
                ssi.reset();
                core.count("StalledFrameCount");
                nak(); // whatever it was, ask for it again
            }
        } else if (framer.inFrame()) {
            framer.stall();
            core.count("StalledFrameCount");
            LOG.log(Level.INFO, "{0}: a code stopped half way for more than {1} ms; dropped unless the line stays quiet",
                    name(), options.gap().toMillis());
        }
    }

    private void drainFramer() {
        while (true) {
            Optional<SuffixFramer.Item> item;
            try {
                item = framer.next();
            } catch (ScanFrameException e) {
                core.count("OverlongFrameCount");
                LOG.log(Level.INFO, "{0}: {1}; dropped", name(), e.getMessage());
                continue;
            }
            if (item.isEmpty()) {
                return;
            }
            if (item.get() instanceof SuffixFramer.Reply r) {
                replies.add(r.raw());
            } else if (item.get() instanceof SuffixFramer.Data d) {
                deliver(d.payload());
            }
        }
    }

    private void drainSsi() throws IOException {
        while (true) {
            Optional<SsiPacket> p;
            try {
                p = ssi.next();
            } catch (ScanFrameException e) {
                core.count("ChecksumErrorCount");
                ssi.reset(); // the rest is suspect too; the resend brings it again
                nak();
                return;
            }
            if (p.isEmpty()) {
                return;
            }
            SsiPacket packet = p.get();
            if (packet.opcode() == SsiPacket.ACK || packet.opcode() == SsiPacket.NAK) {
                replies.add(packet);
                continue;
            }
            connection.requireLink().write(SsiPacket.fromHost(SsiPacket.ACK).encode()); // every other packet from the scanner is acknowledged
            if (packet.opcode() != SsiPacket.DECODE_DATA) {
                replies.add(packet);
                continue;
            }
            SsiPacket original = packet.without(SsiPacket.RETRANSMIT);
            if (packet.is(SsiPacket.RETRANSMIT) && original.equals(lastDecodePacket)) {
                core.count("DuplicatePacketCount"); // our ACK was lost; the scanner sent it again
                continue;
            }
            lastDecodePacket = original;
            long now = System.nanoTime();
            if (ssiSegments.size() > 0 && now - lastSegment > TimeUnit.MILLISECONDS.toNanos(SEGMENT_MILLIS)) {
                core.count("AbandonedCodeCount"); // the scanner gave up on a multi-packet code: never glue it to this one
                ssiSegments.reset();
            }
            lastSegment = now;
            byte[] data = packet.data();
            if (data.length > 1) {
                ssiSegments.write(data, 1, data.length - 1); // the first byte is the symbology
            }
            if (!packet.is(SsiPacket.CONTINUATION)) {
                byte[] code = ssiSegments.toByteArray();
                ssiSegments.reset();
                if (code.length > options.maxLength()) {
                    core.count("OverlongFrameCount");
                } else if (code.length > 0) {
                    deliver(code);
                }
            }
        }
    }

    private void nak() throws IOException {
        core.count("NakSentCount");
        lastDecodePacket = null; // what comes back with the retransmit bit was never accepted
        connection.requireLink().write(SsiPacket.fromHost(SsiPacket.NAK, (byte) SsiPacket.NAK_RESEND).encode());
    }

    private void deliver(byte[] payload) {
        ScanText.Decoded text = ScanText.decode(payload);
        if (text.charset().equals("GBK?")) {
            core.count("GarbledFrameCount"); // neither UTF-8 nor GBK: line noise, not a code
            LOG.log(Level.INFO, "{0}: {1} bytes that are not text; dropped", name(), payload.length);
            return;
        }
        Scan scan = new Scan(text.text(), text.charset(), payload.length, Instant.now());
        CompletableFuture<Scan> w = waiting;
        if (options.mode() == Mode.HOST_TRIGGER && (w == null || w.isDone())) {
            core.count("UnsolicitedScanCount"); // outside a scanning window: nobody asked for it
            return;
        }
        core.count("GoodScanCount");
        if (w != null && !w.isDone()) {
            waiting = null;
            cancel(waitTimeout);
            if (core.state() == DeviceState.BUSY) {
                core.moveTo(DeviceState.IDLE, "扫码完成");
            }
            w.complete(scan);
        }
        core.publish(new Scanned(name(), scan));
        // Logged after the code is handed on: a slow log sink must not delay the villager.
        LOG.log(Level.INFO, "{0}: scanned {1}", name(), scan); // Scan.toString is masked
    }

    /**
     * Sends {@code frame} and waits for the scanner's acknowledgement, resending on silence or a
     * NAK asking for it. Codes that arrive meanwhile are handled as usual.
     *
     * @return the reply: GM65 register data, an SSI packet, or a Newland reply
     */
    private Object command(byte[] frame, String what) throws DeviceException, IOException {
        return command(frame, what, true);
    }

    /** @param silenceIsLost false when a scanner that answers nothing may still be well (see {@link #commandless}) */
    private Object command(byte[] frame, String what, boolean silenceIsLost) throws DeviceException, IOException {
        byte[] out = frame;
        boolean answered = false;
        for (int attempt = 0; attempt <= RESENDS; attempt++) {
            if (connection.closing()) {
                throw connection.closedError();
            }
            if (attempt > 0) {
                core.count("ResendCount");
                out = options.family() == ScannerFamily.SSI ? ssiRetransmit(frame) : frame;
            }
            replies.clear();
            connection.requireLink().write(out);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_MILLIS);
            while (replies.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                readOnce(Math.max(1, Math.min(PUMP_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            Object reply = replies.poll();
            if (reply == null) {
                core.count("NoReplyCount");
                continue;
            }
            answered = true;
            switch (options.family()) {
                case GENERIC -> {
                    byte[] data = ScannerCommands.gm65ReplyData((byte[]) reply);
                    if (data != null) {
                        return data;
                    }
                    core.count("BadReplyCount");
                }
                case NEWLAND -> {
                    int status = ScannerCommands.newlandReplyStatus((byte[]) reply);
                    if (status == 0x06) {
                        return reply;
                    }
                    if (status == 0x05) {
                        throw new DeviceException(Kind.PROTOCOL, "扫码器不认识" + what + "命令（回复 ENQ）：请确认扫码器型号设置");
                    }
                    core.count(status == 0x15 ? "NakReceivedCount" : "BadReplyCount");
                }
                case SSI -> {
                    SsiPacket p = (SsiPacket) reply;
                    if (p.opcode() != SsiPacket.NAK) {
                        return p;
                    }
                    core.count("NakReceivedCount");
                    byte[] reason = p.data();
                    if (reason.length > 0 && reason[0] != SsiPacket.NAK_RESEND) {
                        throw new DeviceException(Kind.PROTOCOL, String.format("扫码器拒绝了%s命令（NAK %02X）", what, reason[0]));
                    }
                }
            }
        }
        if (answered) {
            throw new DeviceException(Kind.PROTOCOL, "扫码器对" + what + "命令的回复重发 " + RESENDS
                    + " 次后仍是拒绝或损坏的：请检查型号（generic、newland、ssi）是否选对，以及数据线是否受干扰");
        }
        String why = "扫码器没有响应（" + what + "命令重发 " + RESENDS + " 次仍无回应）：请检查扫码器的数据线、电源和端口设置，以及型号（generic、newland、ssi）是否选对";
        if (silenceIsLost) {
            lost(why, Kind.NOT_ANSWERING);
        }
        throw new DeviceException(Kind.NOT_ANSWERING, why);
    }

    private static byte[] ssiRetransmit(byte[] frame) {
        byte[] out = frame.clone();
        int len = out[0] & 0xFF;
        out[3] |= SsiPacket.RETRANSMIT;
        int sum = SsiPacket.checksum(out, 0, len);
        out[len] = (byte) (sum >> 8);
        out[len + 1] = (byte) sum;
        return out;
    }

    /** Asks the scanner something harmless; throws when it does not answer. */
    private void probe() throws DeviceException, IOException {
        if (commandless) {
            return; // it answers no command: an open port is all that can be known until it reads a code
        }
        switch (options.family()) {
            case GENERIC -> command(ScannerCommands.gm65Read(ScannerCommands.GM65_MODE_REGISTER, 1), "查询");
            // The mode it already has, again: devices.md §3.4 documents no query (a '*' value is [U]), and a module
            // that answers an undocumented one ENQ or NAK is well, not broken.
            case NEWLAND -> command(ScannerCommands.newlandMode(options.mode() == Mode.PRESENTATION), "查询");
            case SSI -> command(SsiPacket.fromHost(SsiPacket.REQUEST_REVISION).encode(), "查询");
        }
    }

    /** Puts the scanner in the configured mode; GM65 keeps its other settings (read, change two bits, write). */
    private void applyMode() throws DeviceException, IOException {
        boolean presentation = options.mode() == Mode.PRESENTATION;
        switch (options.family()) {
            case GENERIC -> {
                byte[] current;
                try {
                    current = (byte[]) command(ScannerCommands.gm65Read(ScannerCommands.GM65_MODE_REGISTER, 1), "查询", !presentation);
                } catch (DeviceException e) {
                    if (!presentation || e.kind() != Kind.NOT_ANSWERING) {
                        throw e;
                    }
                    // devices.md §3.7's plain CDC scanner, or a GM65-class module set up by configuration barcodes to
                    // answer nothing: in presentation mode it reads by itself, so the kiosk takes its codes as they come.
                    commandless = true;
                    LOG.log(Level.WARNING, "{0}: answers no GM65 command; taking codes as it sends them (presentation)", name());
                    return;
                }
                int value = current.length > 0 ? current[0] & 0xFF : 0;
                command(ScannerCommands.gm65Write(ScannerCommands.GM65_MODE_REGISTER,
                        ScannerCommands.gm65ModeValue(value, presentation)), "模式设置");
            }
            case NEWLAND -> command(ScannerCommands.newlandMode(presentation), "模式设置");
            case SSI -> command(ScannerCommands.ssiMode(presentation), "模式设置");
        }
    }

    private void ensureConnected() throws DeviceException {
        if (connection.closing()) {
            throw connection.closedError();
        }
        // Right after a failed attempt the reconnect timer owns retrying; asking again at once would only double the wait.
        if (!connection.isOpen() && !connection.retryingSoon()) {
            connect();
        }
        if (!connection.isOpen()) {
            throw connection.unreachableError();
        }
    }

    private void connect() {
        if (connection.closing()) {
            return;
        }
        try {
            connection.open(baud).discardInput();
            framer.reset();
            ssi.reset();
            commandless = false;
            applyMode();
            connection.online(commandless ? "扫码器已连接（generic，不回应设置命令：按扫码器自己的设置读码）"
                    : "扫码器已连接（" + options.family().id() + "）");
            startPump();
        } catch (LinkLostException e) {
            lost("扫码器连接断开：请检查扫码器的数据线是否插好", Kind.NOT_ANSWERING);
        } catch (DeviceException e) {
            lost(e.getMessage(), e.kind());
        } catch (IOException e) {
            lost("无法打开扫码器端口：" + e.getMessage(), Kind.NOT_ANSWERING);
        }
    }

    /** The link failed under a request: offline, and the request fails as not answering. */
    private DeviceException linkFailure(IOException e) {
        lost(e);
        return new DeviceException(Kind.NOT_ANSWERING, connection.problem(), e);
    }

    private void lost(Exception e) {
        LOG.log(Level.WARNING, "{0}: link lost: {1}", name(), e.getMessage());
        lost(e instanceof LinkLostException
                ? "扫码器连接断开：请检查扫码器的数据线是否插好"
                : "扫码器连接出错（" + e.getMessage() + "）：请检查数据线", Kind.NOT_ANSWERING);
    }

    /** Offline, and a scan waiting for a code is told why. */
    private void lost(String why, Kind kind) {
        connection.lost(why, kind);
        CompletableFuture<Scan> w = waiting;
        if (w != null && !connection.closing()) {
            waiting = null;
            cancel(waitTimeout);
            w.completeExceptionally(new DeviceException(Kind.NOT_ANSWERING, why));
        }
    }

    /** What was read from a closed link belongs to nothing any more. */
    private void forgetInput() {
        framer.reset();
        ssi.reset();
        ssiSegments.reset();
        replies.clear();
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "SerialQrScanner[" + name() + ", " + options.family().id() + ", " + options.mode() + ", " + options.suffix() + "]";
    }
}
