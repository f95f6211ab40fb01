package cn.yzz.kiosk.device.qr.emu;

import cn.yzz.kiosk.device.qr.ScanFrameException;
import cn.yzz.kiosk.device.qr.ScannerCommands;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.SsiDecoder;
import cn.yzz.kiosk.device.qr.SsiPacket;
import cn.yzz.kiosk.device.qr.Suffix;
import cn.yzz.kiosk.device.serial.LinkLostException;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The device side of a serial QR scanner, for tests, the demo and training. It parses the host's
 * commands as the module of its {@link ScannerFamily} does and answers them (GM65 register
 * replies, Newland ACK/NAK/ENQ framing, SSI ACK/NAK with checksums), emits the codes it is
 * {@link #present shown} at once in presentation mode or when triggered in host mode, and can be
 * told to misbehave ({@link ScannerFault}). Pulling the cable is done by closing the pty pair.
 *
 * <p>It starts in host-trigger mode, as the driver expects to set the mode itself. Runs on its own
 * thread; public methods are thread-safe.
 */
public final class ScannerEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.qr.emu");

    /** How long a {@link ScannerFault#SPLIT_WITH_GAP} code pauses: well over the driver's 50 ms gap. */
    public static final long SPLIT_GAP_MILLIS = 200;
    /** Silence after {@link ScannerFault#GARBAGE_BEFORE_CODE} noise on suffix-framed links, as when a villager scans a moment after a glitch. */
    public static final long GARBAGE_PAUSE_MILLIS = 700;
    /** SSI: how long to wait for the host's ACK of a decode packet before sending it again. */
    static final long ACK_WAIT_MILLIS = 300;
    static final int SSI_SENDS = 4;
    /** SSI symbology byte for QR Code [U]. */
    static final int SSI_QR = 0x1C;
    /** Newland default read timeout after SCNTRG1 when ORTSET was not sent [U]. */
    static final long NEWLAND_DEFAULT_READ_MILLIS = 5000;

    private final ScannerFamily family;
    private final LinkOpener opener;
    private final int baud;
    private volatile SerialLink link;
    private final Thread thread;
    private final Random random = new Random(7);
    private final Map<ScannerFault, Integer> faults = new EnumMap<>(ScannerFault.class);
    private final ArrayDeque<byte[]> shown = new ArrayDeque<>();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong codesSent = new AtomicLong();
    private long sendChances;
    private final SsiDecoder ssi = new SsiDecoder(SsiPacket.FROM_HOST);
    private final ByteArrayOutputStream in = new ByteArrayOutputStream();

    private volatile Suffix suffix = Suffix.CR;
    private volatile long lastCodeWrittenAt;
    private volatile boolean running = true;
    /** What the thread is doing, for {@link #diagnostics()}. */
    private volatile String phase = "starting";
    private volatile String lastProblem = "none";
    private volatile int reopenAttempts;
    private boolean presentation;
    private boolean triggered;
    private long triggeredUntil;
    private long readMillis = NEWLAND_DEFAULT_READ_MILLIS;
    /** GM65 zone 0x0000: the mode in bits 1..0 (01 command-triggered), other bits settings the driver must keep. */
    private int gm65ModeRegister = 0xD1;

    /** Answers on {@code deviceSide} until that link goes away. */
    public ScannerEmulator(SerialLink deviceSide, ScannerFamily family) {
        this(null, deviceSide, deviceSide.baudRate(), family);
    }

    /** Opens the device side with {@code opener}; when the cable is pulled it keeps trying to open it again. */
    public ScannerEmulator(LinkOpener opener, int baud, ScannerFamily family) throws IOException {
        this(opener, opener.open(baud), baud, family);
    }

    private ScannerEmulator(LinkOpener opener, SerialLink first, int baud, ScannerFamily family) {
        this.opener = opener;
        this.link = first;
        this.baud = baud;
        this.family = family;
        this.thread = new Thread(this::runAndReconnect, "emu-scanner-" + family.id());
        thread.setDaemon(true);
        thread.start();
    }

    // ---- controls ----

    /** Shows a code to the scanner (UTF-8 bytes of {@code text}). */
    public void present(String text) {
        present(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Shows a code with exactly these payload bytes (e.g. GBK output). */
    public synchronized void present(byte[] payload) {
        shown.add(payload.clone());
    }

    /** Makes the next {@code times} occasions misbehave ({@code Integer.MAX_VALUE}: until cleared). */
    public synchronized void inject(ScannerFault fault, int times) {
        faults.put(fault, times);
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    public void setSuffix(Suffix suffix) {
        this.suffix = suffix;
    }

    /** Changes the mode behind the host's back, as scanning a configuration barcode does. */
    public synchronized void setPresentationMode(boolean on) {
        presentation = on;
    }

    public synchronized boolean presentationMode() {
        return presentation;
    }

    public synchronized boolean triggered() {
        return triggered;
    }

    public synchronized int gm65ModeRegister() {
        return gm65ModeRegister;
    }

    /** Codes shown but not sent yet. */
    public synchronized int waitingCodes() {
        return shown.size();
    }

    public long commandsReceived() {
        return commands.get();
    }

    /**
     * Times the scanner looked whether to send a code shown to it (once a pass of its loop, at least every
     * 10 ms): a test that asserts a code was not sent waits until the scanner has looked after it was shown.
     */
    public synchronized long sendChances() {
        return sendChances;
    }

    /** {@link System#nanoTime()} just after the last byte of the last code left (the suffix, or an SSI packet's checksum). */
    public long lastCodeWrittenAt() {
        return lastCodeWrittenAt;
    }

    /** Codes sent to the host (an SSI code counts once, however often it was resent). */
    public long codesSent() {
        return codesSent.get();
    }

    /**
     * One paragraph on the emulator's insides, for a test failure to explain itself: the thread's
     * state and where it is, whether it is waiting for the cable, the last problem it met.
     */
    public String diagnostics() {
        StringBuilder b = new StringBuilder("emulator ").append(family.id()).append(": ").append(phase)
                .append("; link ").append(link.port())
                .append("; presentation ").append(presentationMode()).append(", triggered ").append(triggered())
                .append(", codes waiting ").append(waitingCodes()).append(", sent ").append(codesSent())
                .append(", commands ").append(commandsReceived())
                .append("; reopen attempts ").append(reopenAttempts).append("; last problem: ").append(lastProblem)
                .append("; thread ").append(thread.getState());
        StackTraceElement[] stack = thread.getStackTrace();
        for (int k = 0; k < Math.min(12, stack.length); k++) {
            b.append("\n    at ").append(stack[k]);
        }
        return b.toString();
    }

    @Override
    public void close() {
        running = false;
        link.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }

    // ---- device side ----

    private void runAndReconnect() {
        while (running) {
            phase = "answering";
            run();
            if (opener == null || !running) {
                phase = "stopped";
                return;
            }
            // After an error other than a lost link the port is still open, and jSerialComm will not
            // open a port twice: reopening would fail for ever.
            link.close();
            phase = "waiting for the cable since " + LocalTime.now();
            while (running) {
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                    reopenAttempts++;
                    SerialLink reopened = opener.open(baud);
                    if (!running) {
                        reopened.close();
                        return;
                    }
                    link = reopened;
                    synchronized (this) {
                        in.reset();
                        ssi.reset();
                    }
                    break;
                } catch (IOException e) {
                    lastProblem = "reopen: " + e.getMessage(); // still unplugged
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        phase = "stopped";
    }

    /** SSI's "host character time-out" (default 200 ms [U: Symbol parameter guides]). */
    private static final long SSI_CHARACTER_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private void run() {
        byte[] buf = new byte[1024];
        long lastByte = System.nanoTime();
        try {
            while (running) {
                int n = link.read(buf, 0, buf.length, 10);
                if (family == ScannerFamily.SSI && n <= 0 && System.nanoTime() - lastByte > SSI_CHARACTER_TIMEOUT_NANOS) {
                    synchronized (this) {
                        ssi.reset(); // SSI's host character time-out: half a packet is dropped, not glued to the next
                    }
                }
                if (n > 0) {
                    lastByte = System.nanoTime();
                    if (family == ScannerFamily.SSI) {
                        ssi.feed(buf, 0, n);
                        handleSsi();
                    } else {
                        in.write(buf, 0, n);
                        handleCommands();
                    }
                }
                byte[] code = nextCodeToSend();
                if (code != null) {
                    send(code);
                }
            }
        } catch (LinkLostException e) {
            lastProblem = e.getMessage(); // the cable is out
        } catch (IOException e) {
            lastProblem = e.toString();
            if (running) {
                LOG.log(Level.WARNING, "emulated scanner stopped: {0}", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lastProblem = e.toString();
            LOG.log(Level.ERROR, "emulated scanner failed and stopped", e);
        }
    }

    private synchronized byte[] nextCodeToSend() {
        sendChances++;
        if (shown.isEmpty()) {
            return null;
        }
        if (triggered && family == ScannerFamily.NEWLAND && System.nanoTime() - triggeredUntil > 0) {
            triggered = false; // the module's read timeout (ORTSET) ran out
        }
        if (!presentation && !triggered) {
            return null;
        }
        triggered = false; // one read per trigger
        return shown.poll();
    }

    // ---- GM65 and Newland commands ----

    private void handleCommands() throws IOException, InterruptedException {
        byte[] b = in.toByteArray();
        int i = 0;
        while (i < b.length) {
            int used = family == ScannerFamily.GENERIC ? gm65Command(b, i) : newlandCommand(b, i);
            if (used == 0) {
                break; // incomplete: wait for more
            }
            i += Math.abs(used); // negative: bytes skipped as noise
        }
        in.reset();
        in.write(b, i, b.length - i);
    }

    /** Bytes consumed by a command at {@code i}; 0 when incomplete; -1 to skip one byte of noise. */
    private int gm65Command(byte[] b, int i) throws IOException {
        if (b[i] != 0x7E) {
            return -1;
        }
        if (b.length - i < 6) {
            return 0;
        }
        if (b[i + 1] != 0x00) {
            return -1;
        }
        int type = b[i + 2] & 0xFF;
        int len = b[i + 3] & 0xFF;
        int total = 6 + len + 2;
        if (b.length - i < total) {
            return 0;
        }
        int crc = ScannerCommands.crc16(b, i + 2, i + total - 2);
        int got = ((b[i + total - 2] & 0xFF) << 8) | (b[i + total - 1] & 0xFF);
        if (got != crc && got != 0xABCD) {
            return -1; // the module ignores a command with a wrong CRC
        }
        commands.incrementAndGet();
        int address = ((b[i + 4] & 0xFF) << 8) | (b[i + 5] & 0xFF);
        byte[] reply;
        synchronized (this) {
            if (type == 0x08) {
                for (int k = 0; k < len; k++) {
                    writeRegister(address + k, b[i + 6 + k] & 0xFF);
                }
                reply = gm65Reply(new byte[] {0x00});
            } else if (type == 0x07) {
                byte[] values = new byte[len == 1 ? b[i + 6] & 0xFF : 1];
                for (int k = 0; k < values.length; k++) {
                    values[k] = (byte) readRegister(address + k);
                }
                reply = gm65Reply(values);
            } else {
                return total;
            }
            if (take(ScannerFault.NO_ANSWER)) {
                return total;
            }
            if (take(ScannerFault.BAD_CHECKSUM)) {
                reply[reply.length - 1] ^= 0x5A;
            }
        }
        link.write(reply);
        return total;
    }

    private void writeRegister(int address, int value) {
        if (address == ScannerCommands.GM65_MODE_REGISTER) {
            gm65ModeRegister = value;
            presentation = (value & 0b11) == ScannerCommands.GM65_MODE_CONTINUOUS;
        } else if (address == ScannerCommands.GM65_TRIGGER_REGISTER) {
            triggered = value == 1;
        }
    }

    private int readRegister(int address) {
        return address == ScannerCommands.GM65_MODE_REGISTER ? gm65ModeRegister : 0;
    }

    private static byte[] gm65Reply(byte[] data) {
        byte[] out = new byte[4 + data.length + 2];
        out[0] = 0x02;
        out[3] = (byte) data.length;
        System.arraycopy(data, 0, out, 4, data.length);
        int crc = ScannerCommands.crc16(out, 1, out.length - 2);
        out[out.length - 2] = (byte) (crc >> 8);
        out[out.length - 1] = (byte) crc;
        return out;
    }

    private static final byte[] NEWLAND_HEAD = {0x7E, 0x01, '0', '0', '0', '0'};

    private int newlandCommand(byte[] b, int i) throws IOException {
        for (int k = 0; k < NEWLAND_HEAD.length; k++) {
            if (i + k >= b.length) {
                return 0;
            }
            if (b[i + k] != NEWLAND_HEAD[k]) {
                return -1;
            }
        }
        int endAt = -1;
        for (int k = i + 6; k + 1 < b.length; k++) {
            if (b[k] == ';' && b[k + 1] == 0x03) {
                endAt = k;
                break;
            }
        }
        if (endAt < 0) {
            return b.length - i > 512 ? -1 : 0;
        }
        commands.incrementAndGet();
        String command = new String(b, i + 7, Math.max(0, endAt - i - 7), StandardCharsets.US_ASCII);
        int status;
        synchronized (this) {
            status = newlandAnswer(command);
            if (take(ScannerFault.NO_ANSWER)) {
                return endAt + 2 - i;
            }
            if (take(ScannerFault.NAK_COMMAND)) {
                status = 0x15;
            }
        }
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        reply.write(new byte[] {0x02, 0x01, '0', '0', '0', '0'});
        reply.write(command.getBytes(StandardCharsets.US_ASCII));
        reply.write(new byte[] {(byte) status, ';', 0x03});
        link.write(reply.toByteArray());
        return endAt + 2 - i;
    }

    /** Acts on a Newland command; the reply status: ACK 06, or ENQ 05 for an unknown one. */
    private int newlandAnswer(String command) {
        if (command.length() < 6) {
            return 0x05;
        }
        String tag = command.substring(0, 6);
        String value = command.substring(6);
        if (value.equals("*")) {
            return 0x06; // a query: the value rides in the echo on real modules; an ACK is all the driver needs
        }
        switch (tag) {
            case "SCNTRG" -> {
                triggered = value.equals("1");
                triggeredUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readMillis);
            }
            case "SCNMOD" -> presentation = value.equals("2");
            case "ORTSET" -> readMillis = Long.parseLong(value.isEmpty() ? "0" : value);
            case "RRDDUR", "GRBENA" -> { }
            default -> {
                return 0x05;
            }
        }
        return 0x06;
    }

    // ---- SSI ----

    private void handleSsi() throws IOException {
        while (true) {
            Optional<SsiPacket> p;
            try {
                p = ssi.next();
            } catch (ScanFrameException e) {
                ssi.reset();
                link.write(SsiPacket.fromDecoder(SsiPacket.NAK, 0, (byte) SsiPacket.NAK_RESEND).encode());
                return;
            }
            if (p.isEmpty()) {
                return;
            }
            SsiPacket packet = p.get();
            if (packet.opcode() == SsiPacket.ACK || packet.opcode() == SsiPacket.NAK) {
                continue; // nothing of ours awaits it here (decode data waits in send)
            }
            commands.incrementAndGet();
            byte[] reply;
            synchronized (this) {
                if (take(ScannerFault.NO_ANSWER)) {
                    continue;
                }
                if (take(ScannerFault.NAK_COMMAND)) {
                    reply = SsiPacket.fromDecoder(SsiPacket.NAK, 0, (byte) SsiPacket.NAK_RESEND).encode();
                } else {
                    reply = ssiAnswer(packet);
                }
            }
            link.write(reply);
        }
    }

    private byte[] ssiAnswer(SsiPacket p) {
        switch (p.opcode()) {
            case SsiPacket.START_DECODE -> triggered = true;
            case SsiPacket.STOP_DECODE -> triggered = false;
            case SsiPacket.SCAN_ENABLE, SsiPacket.SCAN_DISABLE, SsiPacket.FLUSH_QUEUE -> { }
            case SsiPacket.PARAM_SEND -> {
                byte[] d = p.data();
                for (int k = 1; k + 1 < d.length; k += 2) { // d[0] is the beep code
                    if ((d[k] & 0xFF) == ScannerCommands.SSI_TRIGGER_MODE) {
                        presentation = (d[k + 1] & 0xFF) == ScannerCommands.SSI_PRESENTATION;
                    }
                }
            }
            case SsiPacket.REQUEST_REVISION -> {
                return SsiPacket.fromDecoder(SsiPacket.REPLY_REVISION, 0, "EMU-SSI 1.0".getBytes(StandardCharsets.US_ASCII)).encode();
            }
            default -> {
                return SsiPacket.fromDecoder(SsiPacket.NAK, 0, (byte) SsiPacket.NAK_DENIED).encode();
            }
        }
        return SsiPacket.fromDecoder(SsiPacket.ACK, 0).encode();
    }

    // ---- codes ----

    private void send(byte[] payload) throws IOException, InterruptedException {
        boolean garbage;
        boolean split;
        boolean noSuffix;
        synchronized (this) {
            garbage = take(ScannerFault.GARBAGE_BEFORE_CODE);
            split = take(ScannerFault.SPLIT_WITH_GAP);
            noSuffix = family != ScannerFamily.SSI && take(ScannerFault.MISSING_SUFFIX);
        }
        if (garbage) {
            byte[] noise = new byte[16];
            for (int k = 0; k < noise.length; k++) {
                noise[k] = (byte) (0x80 + random.nextInt(0x80));
            }
            noise[0] = (byte) 0xFF; // never valid UTF-8 or GBK
            link.write(noise);
            if (family != ScannerFamily.SSI) {
                TimeUnit.MILLISECONDS.sleep(GARBAGE_PAUSE_MILLIS);
            }
        }
        codesSent.incrementAndGet();
        if (family == ScannerFamily.SSI) {
            sendSsi(payload, split);
            return;
        }
        byte[] sfx = noSuffix ? new byte[0] : suffix.bytes();
        byte[] frame = Arrays.copyOf(payload, payload.length + sfx.length);
        System.arraycopy(sfx, 0, frame, payload.length, sfx.length);
        write(frame, split);
    }

    private void write(byte[] frame, boolean split) throws IOException, InterruptedException {
        if (split) {
            int half = Math.max(1, frame.length / 2);
            link.write(frame, 0, half);
            TimeUnit.MILLISECONDS.sleep(SPLIT_GAP_MILLIS);
            link.write(frame, half, frame.length - half);
        } else {
            link.write(frame);
        }
        lastCodeWrittenAt = System.nanoTime();
    }

    /** Sends a code as DECODE_DATA packets, each resent until the host ACKs it. */
    private void sendSsi(byte[] payload, boolean split) throws IOException, InterruptedException {
        int chunk = SsiPacket.MAX_DATA - 1;
        for (int at = 0; at == 0 || at < payload.length; at += chunk) {
            int len = Math.min(chunk, payload.length - at);
            byte[] data = new byte[1 + len];
            data[0] = SSI_QR;
            System.arraycopy(payload, at, data, 1, len);
            boolean more = at + len < payload.length;
            SsiPacket packet = SsiPacket.fromDecoder(SsiPacket.DECODE_DATA, more ? SsiPacket.CONTINUATION : 0, data);
            boolean acked = false;
            for (int attempt = 0; attempt < SSI_SENDS && !acked; attempt++) {
                byte[] out = (attempt == 0 ? packet : packet.with(SsiPacket.RETRANSMIT)).encode();
                synchronized (this) {
                    if (attempt == 0 && take(ScannerFault.BAD_CHECKSUM)) {
                        out[out.length - 1] ^= 0x5A;
                    }
                }
                write(out, split && attempt == 0);
                acked = awaitAck();
            }
            if (!acked) {
                LOG.log(Level.INFO, "emulated SSI scanner: host never acknowledged the code; dropped");
                return;
            }
        }
    }

    /** True on the host's ACK; false on its NAK or silence. Anything else meanwhile is ignored, as the module is busy sending. */
    private boolean awaitAck() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_WAIT_MILLIS);
        byte[] buf = new byte[256];
        while (System.nanoTime() < deadline) {
            int n = link.read(buf, 0, buf.length, 10);
            if (n <= 0) {
                continue;
            }
            ssi.feed(buf, 0, n);
            while (true) {
                Optional<SsiPacket> p;
                try {
                    p = ssi.next();
                } catch (ScanFrameException e) {
                    continue;
                }
                if (p.isEmpty()) {
                    break;
                }
                if (p.get().opcode() == SsiPacket.ACK) {
                    return true;
                }
                if (p.get().opcode() == SsiPacket.NAK) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Consumes one use of {@code fault} if armed. Caller holds the lock. */
    private boolean take(ScannerFault fault) {
        Integer left = faults.get(fault);
        if (left == null || left <= 0) {
            return false;
        }
        if (left != Integer.MAX_VALUE) {
            faults.put(fault, left - 1);
        }
        return true;
    }
}
