package cn.yzz.kiosk.device.cash.emu;

import cn.yzz.kiosk.device.cash.ssp.SspException;
import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import cn.yzz.kiosk.device.cash.ssp.SspFrameDecoder;
import cn.yzz.kiosk.device.serial.LinkLostException;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The device side of an ITL NV9 USB class note validator speaking SSP / eSSP (essp.md), for tests, the demo,
 * training and the crash test. It keeps the unit's state (cash box, counters, the note in the path, every
 * credit it told) in a file, written atomically before each reply that tells a change, so that killing the
 * emulator's process is a power cut: started again on the same file it comes up as the unit would, with
 * SLAVE RESET and, for a note that was in the path, NOTE CLEARED FROM FRONT or INTO CASHBOX.
 *
 * <p>A villager's notes: {@link #insert}, {@link #insertFake}. Faults: {@link #inject} ({@link AcceptorFault}),
 * {@link #cutPower}, {@link #cutPowerWhen}, {@link #removeCashbox}, {@link #replaceCashbox},
 * {@link #setStackerCapacity}, {@link #silence}, {@link #setEssp} (KEY NOT SET until a key is negotiated),
 * {@link #clearJam}, {@link #setPollWithAck} (older firmware). What it took: {@link #state()}, {@link #credits()}.
 *
 * <p>Runs on its own thread "emu-note-acceptor"; public methods are thread-safe.
 */
public final class NoteAcceptorEmulator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.cash.emu");
    /** 9600 baud 8N2 (essp.md §1). */
    public static final int BAUD = 9600;
    /** How long a RESET command keeps the unit quiet while it restarts. */
    static final long RESET_MILLIS = 300;

    private final LinkOpener opener;
    private final ValidatorCore core;
    private final Thread thread;
    private final Random random;
    private final SspFrameDecoder decoder = new SspFrameDecoder();
    private final Map<AcceptorFault, Integer> wireFaults = new EnumMap<>(AcceptorFault.class);
    /** A wire fault armed only for replies that tell this event code. */
    private final Map<AcceptorFault, Integer> wireTargets = new EnumMap<>(AcceptorFault.class);

    private volatile SerialLink link;
    private volatile boolean running = true;
    private volatile boolean paced;
    private volatile long silentUntil;
    private volatile boolean disconnected;
    private volatile String lastProblem = "none";
    private long repliesLost;
    private long badPackets;

    /**
     * A validator on a port opened with {@code opener} (reopened when the cable comes back), keeping its state
     * in {@code stateFile}: loaded from it when it exists (power-up after a cut), else a new unit with
     * {@code dataset}.
     */
    public NoteAcceptorEmulator(LinkOpener opener, Path stateFile, Dataset dataset) throws IOException {
        this(opener, opener.open(BAUD), stateFile, dataset, Clock.systemUTC(), new Random());
    }

    /**
     * A validator answering on {@code deviceSide} (a pty, or a {@code MemoryCable} end in the demo) until it goes
     * away; {@code stateFile} null keeps the state in memory only (a power cut then keeps what was last "saved").
     */
    public NoteAcceptorEmulator(SerialLink deviceSide, Path stateFile, Dataset dataset) {
        this(null, deviceSide, stateFile, dataset, Clock.systemUTC(), new Random());
    }

    private NoteAcceptorEmulator(LinkOpener opener, SerialLink first, Path stateFile, Dataset dataset, Clock clock,
                                 Random random) {
        this.opener = opener;
        this.link = first;
        this.random = random;
        try {
            this.core = new ValidatorCore(stateFile, dataset, ValidatorCore.DEFAULT_SERIAL, clock, random);
        } catch (RuntimeException e) {
            first.close(); // a state file that cannot be read or written: the port must not stay open
            throw e;
        }
        this.thread = new Thread(this::runAndReconnect, "emu-note-acceptor");
        thread.setDaemon(true);
        thread.start();
    }

    // ---- a villager ----

    /**
     * Pushes a genuine note of {@code valueFen} into the bezel. A value the dataset does not know is read and
     * handed back (reject code 0x01); a value on an inhibited channel too (0x06).
     *
     * @return false when the unit does not draw it in: off, disabled, a note already in the path, cash box
     *         out, stacker full or jammed
     */
    public boolean insert(long valueFen) {
        return core.insert(valueFen, false);
    }

    /** Pushes a counterfeit in: it is read and handed back (reject code 0x02). */
    public boolean insertFake() {
        return core.insert(0, true);
    }

    // ---- faults ----

    /** Makes the next {@code times} occasions of {@code fault} happen ({@code Integer.MAX_VALUE}: until cleared). */
    public void inject(AcceptorFault fault, int times) {
        inject(fault, times, -1);
    }

    /**
     * As {@link #inject(AcceptorFault, int)}; for the wire faults (lost reply, garbage, bad CRC) only replies
     * that tell the poll event {@code eventCode} (e.g. 0xEE, NOTE CREDIT) count; -1 for any reply.
     */
    public void inject(AcceptorFault fault, int times, int eventCode) {
        switch (fault) {
            case LOSE_REPLY, GARBAGE, CORRUPT_CRC -> {
                synchronized (this) {
                    wireFaults.put(fault, times);
                    if (eventCode >= 0) {
                        wireTargets.put(fault, eventCode);
                    } else {
                        wireTargets.remove(fault);
                    }
                }
            }
            default -> core.inject(fault, times);
        }
    }

    public void clearFaults() {
        synchronized (this) {
            wireFaults.clear();
            wireTargets.clear();
        }
        core.clearFaults();
        silentUntil = 0;
    }

    /**
     * Cuts the power now: whatever was not in the state file is gone. Power comes back after {@code off}
     * (at once for zero): SLAVE RESET, disabled, and a note found in the path cleared as essp.md §6 says.
     */
    public void cutPower(Duration off) {
        core.powerOff(off.toMillis());
    }

    /** Cuts the power just after the reply that moves the note into {@code stage} has gone to the host. */
    public void cutPowerWhen(NoteStage stage, Duration off) {
        core.cutPowerWhen(stage, off.toMillis());
    }

    /** Pulls the cash box out: CASHBOX REMOVED in every poll until it is back; no notes are drawn in. */
    public void removeCashbox() {
        core.removeCashbox();
    }

    /** Puts an emptied cash box back: CASHBOX REPLACED once, and the counts start from nothing. */
    public void replaceCashbox() {
        core.replaceCashbox();
    }

    /** The stacker is full (STACKER FULL in every poll, no notes drawn in) at {@code notes} in the box; 0: never. */
    public void setStackerCapacity(int notes) {
        core.setStackerCapacity(notes);
    }

    /** The unit neither hears nor answers anything for {@code duration}, as with the cable out. */
    public void silence(Duration duration) {
        silentUntil = System.nanoTime() + duration.toNanos();
    }

    /** Sets the unit to eSSP: KEY NOT SET to everything but SYNC and the key exchange until a key is negotiated. */
    public void setEssp(boolean on) {
        core.setEssp(on);
    }

    /**
     * False: firmware without POLL WITH ACK / EVENT ACK, which answers both with F2 (UNKNOWN COMMAND), so the host
     * must use plain POLL (essp.md §4). True (the default): both emulated, encrypted only (essp.md §7).
     */
    public void setPollWithAck(boolean supported) {
        core.setPollWithAck(supported);
    }

    /** Changes the notes the unit knows (e.g. channels left unused); the host sees it at its next SETUP REQUEST. */
    public void setDataset(Dataset dataset) {
        core.setDataset(dataset);
    }

    /** Someone clears the jam: the unit restarts, the stuck note cleared from the front or into the box. */
    public boolean clearJam() {
        return core.clearJam();
    }

    /** Every reply takes its wire time at 9600 baud, 11 bits a byte (8N2), which a pty does not do. */
    public void setPaced(boolean on) {
        paced = on;
    }

    // ---- what it did ----

    /** A copy of the unit's state, as in its file. */
    public AcceptorState state() {
        return core.snapshot();
    }

    /** Every note the unit took for good, in order: what the kiosk must have in exactly one payment or voucher. */
    public List<Credit> credits() {
        return core.snapshot().credits();
    }

    public Optional<NoteInPath> noteInPath() {
        return core.snapshot().note();
    }

    public boolean powered() {
        return !core.isOff();
    }

    public long commandsReceived() {
        return core.commands();
    }

    /** Commands that came wrapped in eSSP and decrypted with the negotiated key. */
    public long encryptedCommandsReceived() {
        return core.encryptedCommands();
    }

    /** Commands with the same sequence flag as the one before, answered with the last reply again. */
    public long repeatsAnswered() {
        return core.repeats();
    }

    /**
     * True while an event told in a POLL WITH ACK reply (CREDIT, FRAUD ATTEMPT, CLEARED INTO CASHBOX / FROM FRONT)
     * waits for EVENT ACK: it is told again in every POLL WITH ACK reply, and no note moves, until then.
     */
    public boolean ackPending() {
        return core.ackPending();
    }

    /**
     * POLL and POLL WITH ACK commands carried out (repeats answered from the last reply not counted): each is a
     * chance the unit had to tell an event, so a test that asserts nothing was told waits for some of these.
     */
    public long pollsReceived() {
        return core.polls();
    }

    /** POLL WITH ACK commands carried out (repeats answered from the last reply not counted). */
    public long pollsWithAckReceived() {
        return core.pollsWithAck();
    }

    /** EVENT ACK commands that cleared pending events (F0; not the F5 for nothing pending). */
    public long eventAcksReceived() {
        return core.eventAcks();
    }

    public boolean keyNegotiated() {
        return core.keyNegotiated();
    }

    public synchronized long repliesLost() {
        return repliesLost;
    }

    public boolean disconnected() {
        return disconnected;
    }

    /** One paragraph on the emulator's insides, for a failing test to quote. */
    public String diagnostics() {
        StringBuilder b = new StringBuilder("note acceptor emulator on ").append(link.port()).append(": ")
                .append(core.describe()).append("; bad packets ").append(badPackets).append(", replies lost ")
                .append(repliesLost).append("; last problem: ").append(lastProblem).append("; thread ").append(thread.getState());
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
            run();
            if (opener == null || !running) {
                return;
            }
            link.close();
            while (running) {
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                    core.tick();
                    SerialLink reopened = opener.open(BAUD);
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
        byte[] buf = new byte[512];
        try {
            while (running) {
                int n = link.read(buf, 0, buf.length, 20);
                core.tick();
                if (n <= 0) {
                    continue;
                }
                if (System.nanoTime() < silentUntil) {
                    decoder.reset(); // deaf: nothing of this reaches the unit
                    continue;
                }
                decoder.feed(buf, 0, n);
                while (true) {
                    Optional<SspFrame> f;
                    try {
                        f = decoder.next();
                    } catch (SspException e) {
                        badPackets++;
                        lastProblem = e.getMessage();
                        continue; // a damaged command gets no reply: the host sends it again
                    }
                    if (f.isEmpty()) {
                        break;
                    }
                    answer(f.get());
                }
            }
        } catch (LinkLostException e) {
            disconnected = true;
        } catch (IOException e) {
            disconnected = true;
            if (running) {
                lastProblem = e.getMessage();
                LOG.log(Level.WARNING, "emulated note acceptor stopped: {0}", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A state file that cannot be written must not leave a unit that silently stopped answering.
            disconnected = true;
            lastProblem = e.toString();
            LOG.log(Level.ERROR, "emulated note acceptor failed and stopped", e);
        }
    }

    private void answer(SspFrame command) throws IOException, InterruptedException {
        ValidatorCore.Answer a = core.packet(command);
        if (a == null) {
            return;
        }
        byte[] out = a.reply().encode();
        boolean lose;
        boolean garbage;
        synchronized (this) {
            lose = take(AcceptorFault.LOSE_REPLY, a.plain());
            garbage = !lose && take(AcceptorFault.GARBAGE, a.plain());
            if (!lose && take(AcceptorFault.CORRUPT_CRC, a.plain())) {
                out = out.clone();
                out[out.length - 1] ^= 0x5A;
                if ((out[out.length - 1] & 0xFF) == SspFrame.STX) {
                    out[out.length - 1] ^= 0x01; // a lone 7F would swallow the next packet's STX
                }
            }
            if (lose) {
                repliesLost++;
            }
        }
        if (garbage) {
            write(garbage());
        }
        if (!lose) {
            write(out);
        }
        if (a.cutPowerAfter()) {
            core.powerOff(core.cutOffMillis());
        } else if (a.resetAfter()) {
            core.powerOff(RESET_MILLIS);
        }
    }

    /** Line noise: never 7F 7F, never ending in 7F, so it cannot glue itself to the reply's STX. */
    private byte[] garbage() {
        byte[] junk = new byte[5 + random.nextInt(20)];
        for (int i = 0; i < junk.length; i++) {
            int b;
            do {
                b = random.nextInt(256);
            } while (b == SspFrame.STX && (i == junk.length - 1 || (i > 0 && (junk[i - 1] & 0xFF) == SspFrame.STX)));
            junk[i] = (byte) b;
        }
        return junk;
    }

    private void write(byte[] bytes) throws IOException, InterruptedException {
        if (!paced) {
            link.write(bytes);
            return;
        }
        for (int i = 0; i < bytes.length; i += 16) {
            int len = Math.min(16, bytes.length - i);
            link.write(bytes, i, len);
            TimeUnit.NANOSECONDS.sleep(len * 11L * 1_000_000_000L / BAUD);
        }
    }

    /** Takes one use of a wire fault armed for this reply. Caller holds the lock. */
    private boolean take(AcceptorFault fault, byte[] plain) {
        Integer left = wireFaults.get(fault);
        if (left == null || left <= 0) {
            return false;
        }
        Integer target = wireTargets.get(fault);
        if (target != null && !tells(plain, target)) {
            return false;
        }
        if (left != Integer.MAX_VALUE) {
            wireFaults.put(fault, left - 1);
        }
        return true;
    }

    private static boolean tells(byte[] plain, int eventCode) {
        for (int i = 1; i < plain.length; i++) {
            if ((plain[i] & 0xFF) == eventCode) {
                return true;
            }
        }
        return false;
    }
}
