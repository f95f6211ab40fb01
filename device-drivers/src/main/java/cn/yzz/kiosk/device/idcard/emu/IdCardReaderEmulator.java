package cn.yzz.kiosk.device.idcard.emu;

import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.TextBlock;
import cn.yzz.kiosk.device.idcard.samv.SamCommand;
import cn.yzz.kiosk.device.idcard.samv.SamFrame;
import cn.yzz.kiosk.device.idcard.samv.SamFrameDecoder;
import cn.yzz.kiosk.device.idcard.samv.SamFrameException;
import cn.yzz.kiosk.device.idcard.samv.SamFrames;
import cn.yzz.kiosk.device.idcard.samv.SamStatus;
import cn.yzz.kiosk.device.serial.LinkLostException;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.SerialLink;
import cn.yzz.kiosk.device.serial.SerialSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The device side of a SAM_V ID card reader, for tests, the demo and training. It parses command
 * frames exactly as a reader does, keeps the reader's state machine
 * ({@code NO_CARD → FOUND → SELECTED → READ_DONE}; a card that was read is not found again until
 * it is taken away and placed again), and can be told to misbehave ({@link Fault}).
 *
 * <p>With pacing on, every frame takes its 8N1 wire time at the current baud rate, which a pty
 * does not do by itself. Runs on its own thread; all public methods are thread-safe.
 */
public final class IdCardReaderEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.idcard.emu");
    private static final byte[] SAM_ID = {0x05, 0x01, 0x20, 0x10, 0x10, 0x25, 0x00, 0x00, 0x12, 0x34, 0x56, 0x78, (byte) 0x9A, (byte) 0xBC, (byte) 0xDE, (byte) 0xF0};

    private enum CardState { NO_CARD, PRESENT, FOUND, SELECTED, READ_DONE }

    private final LinkOpener opener;
    private final int initialBaud;
    private volatile SerialLink link;
    private final Thread thread;
    private final SamFrameDecoder decoder = new SamFrameDecoder(SamFrameDecoder.Direction.COMMANDS);
    private final Random random = new Random(42);
    private final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
    private final Map<Fault, SamCommand> faultTargets = new EnumMap<>(Fault.class);
    private final AtomicLong commands = new AtomicLong();

    private CardFixture card;
    private CardState state = CardState.NO_CARD;
    private volatile boolean paced;
    private volatile long findMillis;
    private volatile long selectMillis;
    private volatile long readMillis;
    private volatile boolean running = true;
    private volatile boolean disconnected;

    /** Starts answering on {@code deviceSide} at once; stops for good when that link goes away. */
    public IdCardReaderEmulator(SerialLink deviceSide) {
        this(null, deviceSide, deviceSide.baudRate());
    }

    /**
     * Opens the device side with {@code opener} and answers on it; when the link goes away (cable
     * pulled) it keeps trying to open it again, like a reader that is plugged back in.
     */
    public IdCardReaderEmulator(LinkOpener opener, int baud) throws IOException {
        this(opener, opener.open(baud), baud);
    }

    private IdCardReaderEmulator(LinkOpener opener, SerialLink first, int baud) {
        this.opener = opener;
        this.initialBaud = baud;
        this.link = first;
        this.thread = new Thread(this::runAndReconnect, "emu-id-reader");
        thread.setDaemon(true);
        thread.start();
    }

    // ---- controls ----

    /** Places a card on the reader (replacing any card there). */
    public synchronized void placeCard(CardFixture fixture) {
        this.card = fixture;
        this.state = CardState.PRESENT;
    }

    public synchronized void removeCard() {
        this.card = null;
        this.state = CardState.NO_CARD;
    }

    public synchronized Optional<CardFixture> card() {
        return Optional.ofNullable(card);
    }

    /** Makes the next {@code times} replies misbehave ({@code Integer.MAX_VALUE}: until cleared). */
    public void inject(Fault fault, int times) {
        inject(fault, times, null);
    }

    /** As {@link #inject(Fault, int)}, but only for replies to {@code command} (null: any). */
    public synchronized void inject(Fault fault, int times, SamCommand command) {
        faults.put(fault, times);
        if (command != null) {
            faultTargets.put(fault, command);
        } else {
            faultTargets.remove(fault);
        }
    }

    public synchronized void clearFaults() {
        faults.clear();
        faultTargets.clear();
    }

    /** Makes every frame take its wire time at the link's baud rate. */
    public void setPaced(boolean paced) {
        this.paced = paced;
    }

    /** Time the radio and security module take, as on a real reader (zero by default). */
    public void setLatency(Duration find, Duration select, Duration read) {
        this.findMillis = find.toMillis();
        this.selectMillis = select.toMillis();
        this.readMillis = read.toMillis();
    }

    /** Command frames received so far. */
    public long commandsReceived() {
        return commands.get();
    }

    /** True once the host side of the link has gone away. */
    public boolean disconnected() {
        return disconnected;
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
        link.close(); // the thread may have reopened it while we were stopping it
    }

    // ---- device side ----

    private void runAndReconnect() {
        while (running) {
            run();
            if (opener == null || !running) {
                return;
            }
            link.close(); // a port left open cannot be opened again: jSerialComm refuses a second open
            while (running) { // the cable is out: wait for it to come back
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                    SerialLink reopened = opener.open(initialBaud);
                    if (!running) {
                        reopened.close();
                        return;
                    }
                    link = reopened;
                    decoder.reset();
                    disconnected = false;
                    break;
                } catch (IOException e) {
                    // still unplugged
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void run() {
        byte[] buf = new byte[1024];
        long lastByte = System.nanoTime();
        try {
            while (running) {
                int n = link.read(buf, 0, buf.length, 100);
                if (n <= 0) {
                    // A real reader drops a command that stops arriving half way, rather than glue it to the next.
                    if (decoder.inFrame() && System.nanoTime() - lastByte > TimeUnit.MILLISECONDS.toNanos(500)) {
                        decoder.reset();
                    }
                    continue;
                }
                lastByte = System.nanoTime();
                decoder.feed(buf, 0, n);
                while (true) {
                    Optional<SamFrame> f;
                    byte[] reply;
                    try {
                        f = decoder.next();
                        if (f.isEmpty()) {
                            break;
                        }
                        commands.incrementAndGet();
                        pace(f.get().length() + SamFrames.OVERHEAD);
                        reply = answer(f.get());
                    } catch (SamFrameException e) {
                        reply = SamFrames.response(e.problem() == SamFrameException.Problem.BAD_CHECKSUM
                                ? SamStatus.COMMAND_CHECKSUM.code() : SamStatus.COMMAND_LENGTH.code());
                        f = Optional.empty();
                    }
                    send(reply, f.map(fr -> SamCommand.of(fr.cmd(), fr.para())).orElse(null));
                    if (f.isPresent() && SamCommand.of(f.get().cmd(), f.get().para()) == SamCommand.SET_BAUD) {
                        int newBaud = SamCommand.BaudCode.baud(f.get().para());
                        TimeUnit.MILLISECONDS.sleep(2);
                        link.setBaudRate(newBaud);
                    }
                }
            }
        } catch (LinkLostException e) {
            disconnected = true;
        } catch (IOException e) {
            disconnected = true;
            if (running) {
                LOG.log(Level.WARNING, "emulated reader stopped: {0}", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A broken fixture or control call must not leave a reader that silently stopped answering.
            disconnected = true;
            LOG.log(Level.ERROR, "emulated reader failed and stopped", e);
        }
    }

    private synchronized byte[] answer(SamFrame f) throws InterruptedException {
        SamCommand c = SamCommand.of(f.cmd(), f.para());
        if (c == null || (c != SamCommand.SET_BAUD && f.commandData().length > 0)) {
            return SamFrames.response(SamStatus.COMMAND_UNKNOWN.code());
        }
        if (take(Fault.SAM_FAILURE, c)) {
            return SamFrames.response(SamStatus.SAM_SELF_TEST_FAILED.code());
        }
        switch (c) {
            case RESET, STATUS, SET_BAUD:
                return SamFrames.response(SamStatus.SUCCESS.code());
            case SAM_ID:
                return SamFrames.response(SamStatus.SUCCESS.code(), SAM_ID);
            case FIND_CARD:
                sleepUnlocked(findMillis);
                if (state == CardState.PRESENT || state == CardState.FOUND || state == CardState.SELECTED) {
                    state = CardState.FOUND;
                    return SamFrames.response(SamStatus.FIND_OK.code(), new byte[4]);
                }
                return SamFrames.response(SamStatus.FIND_FAILED.code());
            case SELECT_CARD:
                sleepUnlocked(selectMillis);
                if (state == CardState.FOUND) {
                    state = CardState.SELECTED;
                    return SamFrames.response(SamStatus.SUCCESS.code(), new byte[8]);
                }
                return SamFrames.response(SamStatus.SELECT_FAILED.code());
            case READ_TEXT_PHOTO, READ_WITH_FINGERPRINT:
                sleepUnlocked(readMillis);
                // Reads are idempotent while the card stays in the field: a host may resend after a bad reply.
                if (state != CardState.SELECTED && state != CardState.READ_DONE) {
                    return SamFrames.response(SamStatus.READ_FAILED.code());
                }
                if (take(Fault.CARD_REMOVED_MID_READ, c)) {
                    card = null;
                    state = CardState.NO_CARD;
                    return SamFrames.response(SamStatus.READ_FAILED.code());
                }
                if (take(Fault.READ_FAILS, c)) {
                    state = CardState.PRESENT;
                    return SamFrames.response(SamStatus.READ_FAILED.code());
                }
                state = CardState.READ_DONE;
                return SamFrames.response(SamStatus.SUCCESS.code(), readPayload(card.card(), c == SamCommand.READ_WITH_FINGERPRINT));
            case READ_LATEST_ADDRESS:
                if (state != CardState.READ_DONE || card == null) {
                    return SamFrames.response(SamStatus.UNAUTHORISED_OPERATION.code());
                }
                if (card.latestAddress() == null) {
                    return SamFrames.response(SamStatus.NO_CONTENT.code());
                }
                byte[] addr = new byte[70];
                for (int i = 0; i < addr.length; i += 2) {
                    addr[i] = 0x20;
                }
                byte[] text = card.latestAddress().getBytes(StandardCharsets.UTF_16LE);
                System.arraycopy(text, 0, addr, 0, Math.min(text.length, addr.length));
                return SamFrames.response(SamStatus.SUCCESS.code(), addr);
            default:
                return SamFrames.response(SamStatus.COMMAND_UNKNOWN.code());
        }
    }

    /** Text, photo and (for 30 10) fingerprint, each behind its 2-byte length. */
    static byte[] readPayload(IdCard card, boolean withFingerprint) {
        byte[] text = TextBlock.encode(card);
        byte[] photo = card.photo();
        byte[] fp = withFingerprint ? card.fingerprint() : new byte[0];
        ByteBuffer b = ByteBuffer.allocate((withFingerprint ? 6 : 4) + text.length + photo.length + fp.length);
        b.putShort((short) text.length).putShort((short) photo.length);
        if (withFingerprint) {
            b.putShort((short) fp.length);
        }
        return b.put(text).put(photo).put(fp).array();
    }

    private void send(byte[] reply, SamCommand to) throws IOException, InterruptedException {
        byte[] out = reply;
        boolean split;
        synchronized (this) {
            if (take(Fault.SILENCE, to)) {
                return;
            }
            if (take(Fault.BAD_CHECKSUM, to)) {
                out = out.clone();
                out[out.length - 1] ^= 0x5A;
            }
            if (take(Fault.TRUNCATED_REPLY, to)) {
                out = Arrays.copyOf(out, Math.max(SamFrames.OVERHEAD, out.length / 2));
            }
            if (take(Fault.GARBAGE_BEFORE_PREAMBLE, to)) {
                byte[] junk = new byte[17];
                random.nextBytes(junk);
                junk[0] = (byte) 0xAA; // a false start of a preamble, for good measure
                byte[] joined = Arrays.copyOf(junk, junk.length + out.length);
                System.arraycopy(out, 0, joined, junk.length, out.length);
                out = joined;
            }
            split = take(Fault.SPLIT_WRITES, to);
        }
        int chunk = split ? 1 : paced ? 32 : out.length;
        for (int i = 0; i < out.length; i += chunk) {
            int len = Math.min(chunk, out.length - i);
            link.write(out, i, len);
            pace(len);
        }
    }

    /** Consumes one use of {@code fault} if it is armed for this command. Caller holds the lock. */
    private boolean take(Fault fault, SamCommand to) {
        Integer left = faults.get(fault);
        if (left == null || left <= 0) {
            return false;
        }
        SamCommand target = faultTargets.get(fault);
        if (target != null && target != to) {
            return false;
        }
        if (left != Integer.MAX_VALUE) {
            faults.put(fault, left - 1);
        }
        return true;
    }

    private void pace(int bytes) throws InterruptedException {
        if (paced) {
            long nanos = SerialSettings.wireNanos(bytes, link.baudRate());
            long end = System.nanoTime() + nanos;
            if (nanos > 2_000_000) {
                TimeUnit.NANOSECONDS.sleep(nanos - 1_000_000);
            }
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }
    }

    private void sleepUnlocked(long millis) throws InterruptedException {
        if (millis > 0) {
            wait(millis); // releases the lock, so controls stay responsive during radio time
        }
    }
}
