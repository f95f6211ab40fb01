package cn.yzz.kiosk.device.cash;

import cn.yzz.kiosk.device.DeviceCalls;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceListener;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.cash.ssp.EsspKeys;
import cn.yzz.kiosk.device.cash.ssp.EsspSession;
import cn.yzz.kiosk.device.cash.ssp.SetupReply;
import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.cash.ssp.SspEvent;
import cn.yzz.kiosk.device.cash.ssp.SspEventCode;
import cn.yzz.kiosk.device.cash.ssp.SspException;
import cn.yzz.kiosk.device.cash.ssp.SspReplies;
import cn.yzz.kiosk.device.cash.ssp.SspResponse;
import cn.yzz.kiosk.device.internal.DeviceCore;
import cn.yzz.kiosk.device.internal.SerialConnection;
import cn.yzz.kiosk.device.serial.LinkOpener;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * An ITL note validator (NV9 USB, NV200) speaking SSP or eSSP (essp.md) on a serial link, 9600 8N2.
 *
 * <p>All link I/O runs on the device thread {@code kiosk-<name>}, which polls every
 * {@link Options#pollInterval()} (250 ms by default: at least 200 ms apart as ITL asks, well inside the
 * 10 s after which the unit disables itself, and a credit reaches the journal within a quarter second).
 * {@link CashHandler#escrowed} runs on a second driver thread, {@code kiosk-<name>-escrow}, while the device
 * thread keeps the note with HOLD (never a POLL) at least once a second. {@link #enable}/{@link #disable}
 * called from either driver thread run at once on it, under the same link lock; from any other thread they
 * run on the device thread.
 *
 * <p>Set-up, on open, after the link comes back and after a SLAVE RESET: SYNC, HOST PROTOCOL VERSION
 * (8, falling back on F4/F8 to 7, 6, 5, 4), SETUP REQUEST (channel values read from the unit, never
 * assumed, and only a CNY dataset accepted), GET SERIAL NUMBER, all channels inhibited, REJECT (a note an
 * earlier session left in escrow goes back) and DISABLE. Unless {@link Encryption#OFF} a key is negotiated
 * right after SYNC; every command after that is wrapped. A reply lost is sent again, identical, after {@link Options#replyTimeout()}; after
 * {@link Options#tries()} tries the link counts as lost ({@link NoteEvent.Kind#LINK_LOST}) and the driver
 * sends SYNC once a second until the unit answers.
 *
 * <p><b>Events that need an ack.</b> On a keyed link the driver polls with POLL WITH ACK (essp.md §4): the unit
 * repeats NOTE CREDIT, FRAUD ATTEMPT and NOTE CLEARED INTO CASHBOX / FROM FRONT in every reply, and moves no
 * note, until EVENT ACK, which the driver sends only once every event of the reply reached
 * {@link CashHandler#event} without a throw (devices.md §5.7 rule 2). A handler that throws gets the event again
 * from the unit (once a second while it fails); one already taken is not delivered twice by this driver, but a
 * new driver (a restarted kiosk) receives what the last one took and did not acknowledge: the handler must
 * recognise it (see {@link CashHandler#event}). A unit answering POLL WITH ACK with F2 is polled plainly.
 *
 * <p>Repeating status events (reading, rejecting, stacking, jams, disabled, stacker full, note path open,
 * channel disable, initialising), which a unit reports in every poll while they last, reach the handler once
 * each time they start; every other event is delivered each time the unit reports it.
 */
public final class SspNoteAcceptor implements NoteAcceptor {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.cash");

    /** The largest note value believed, in fen (¥10 000): ITL's own GBP example decodes to far more. */
    static final long MAX_NOTE_FEN = 1_000_000;
    static final long RECONNECT_MILLIS = 1000;
    static final long FAILED_RETRY_MILLIS = 5000;
    static final long REDELIVER_MILLIS = 1000;
    static final long HOLD_EVERY_MILLIS = 1000;
    private static final long CALL_MILLIS = 60_000;

    /** Whether to use the eSSP layer. */
    public enum Encryption {
        /**
         * Negotiate a key at every set-up (units take the key exchange in clear in either mode, essp.md §7), so the
         * link is keyed and polled WITH ACK; plain SSP only for a unit that refuses the exchange (F2, F4).
         */
        AUTO,
        /** Plain SSP only: a unit set to eSSP is reported as needing a key. */
        OFF,
        /** Negotiate a key at every set-up; a unit that refuses is not used. */
        REQUIRED
    }

    /**
     * @param address      the slave address, 0 for a note validator
     * @param fixedKey     the eSSP fixed (low) 64 bits, ITL's default 0x0123456701234567
     * @param pollInterval 200–1000 ms
     * @param replyTimeout how long to wait for a reply before sending the same bytes again (1 s)
     * @param tries        sends of one command before the link counts as lost (20)
     */
    public record Options(int address, Encryption encryption, long fixedKey, Duration pollInterval, Duration replyTimeout,
                          int tries) {
        public Options {
            Objects.requireNonNull(encryption, "encryption");
            if (address < 0 || address > 0x7D) {
                throw new IllegalArgumentException("SSP address 0–125: " + address);
            }
            if (pollInterval.toMillis() < 1 || pollInterval.toMillis() > 1000 || replyTimeout.toMillis() < 1 || tries < 1) {
                throw new IllegalArgumentException("poll interval 1–1000 ms, positive reply timeout and tries");
            }
        }

        public static Options defaults() {
            return new Options(0, Encryption.AUTO, EsspKeys.DEFAULT_FIXED_KEY, Duration.ofMillis(250), Duration.ofSeconds(1), 20);
        }

        public Options withEncryption(Encryption e, long key) {
            return new Options(address, e, key, pollInterval, replyTimeout, tries);
        }

        public Options withTimings(Duration poll, Duration reply, int tries) {
            return new Options(address, encryption, fixedKey, poll, reply, tries);
        }
    }

    /** The events that stand for a condition lasting over several polls; keyed with their channel byte. */
    private static final Set<SspEventCode> REPEATING = Set.of(SspEventCode.READ, SspEventCode.REJECTING,
            SspEventCode.STACKING, SspEventCode.SAFE_JAM, SspEventCode.UNSAFE_JAM, SspEventCode.DISABLED,
            SspEventCode.STACKER_FULL, SspEventCode.NOTE_PATH_OPEN, SspEventCode.CHANNEL_DISABLE, SspEventCode.INITIALISING);

    private final DeviceCore core;
    /** Reconnected by the poll loop, not by a timer of its own. */
    private final SerialConnection connection;
    private final int baud;
    private final Options options;
    private final RandomGenerator random;
    private final ExecutorService escrowThread;
    /** Guards {@link #transport}: the link, its sequence flag and eSSP count. Held only around I/O, never around a handler. */
    private final ReentrantLock io = new ReentrantLock();

    private volatile SspTransport transport;
    private volatile Thread deviceThread;
    private volatile Thread escrowWorker;
    private volatile CashHandler handler;
    private volatile UnitInfo unit;
    private volatile boolean linkUp;
    /** A driver thread other than the device thread found the link gone or the unit reset. */
    private volatile boolean needsSetup;
    /** The values the kiosk asked for; null while it wants the unit disabled. */
    private volatile Set<Long> wanted;
    private volatile String failure; // set when the unit answers but cannot be used
    private volatile String failureCode;

    // ---- device thread only ----
    private int protocol;
    private int unitType;
    private boolean lostAnnounced;
    private ScheduledFuture<?> next;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private Escrow escrow;
    private volatile long lastCommandNanos;
    private int lastEscrowChannel;
    private Set<Integer> lastStatuses = new HashSet<>();
    private Set<Integer> replyStatuses = new HashSet<>();
    // Conditions for health, read by any thread.
    private volatile boolean stuck;
    private volatile boolean safeJam;
    private volatile boolean unsafeJam;
    private volatile boolean stackerFull;
    private volatile boolean pathOpen;
    private volatile boolean cashboxOut;
    private volatile boolean unitSaysDisabled;
    /** The unit answered POLL WITH ACK with F2: plain POLL for it (its serial below) from then on. */
    private volatile boolean ackUnsupported;
    private long ackCheckedSerial = -1;
    /**
     * Events that need an ack (keys code << 8 | channel), delivered to the handler without a throw but not yet
     * acknowledged: when the unit tells them again (it repeats them until EVENT ACK) they are not delivered twice.
     * Forgotten at SLAVE RESET, when the unit forgets them too.
     */
    private final List<Integer> deliveredUnacked = new ArrayList<>();
    /** An event of the reply being delivered threw: that reply gets no EVENT ACK. */
    private boolean replyFailed;
    /** An event that needs an ack could not be taken: stuck until the unit's repeat of it is taken (or it has none). */
    private boolean awaitingRepeat;

    /** A note waiting in escrow for the handler's decision. */
    private static final class Escrow {
        final int channel;
        final long valueFen;
        CompletableFuture<CashHandler.Decision> decision;

        Escrow(int channel, long valueFen) {
            this.channel = channel;
            this.valueFen = valueFen;
        }
    }

    /** Marks, in the pending queue, where a note entered escrow: what follows waits for the decision. */
    private record EscrowStart(int channel) {
    }

    /** An event of a POLL WITH ACK reply that the unit repeats until EVENT ACK; {@code key} is code << 8 | channel. */
    private record Owed(NoteEvent event, int key) {
    }

    /** Ends, in the pending queue, a POLL WITH ACK reply that owes an EVENT ACK once all before it was taken. */
    private static final Object ACK_DUE = new Object() {
        @Override
        public String toString() {
            return "ACK_DUE";
        }
    };

    private static final class KeyNotSet extends Exception {
        KeyNotSet() {
            super("KEY NOT SET", null, false, false);
        }
    }

    /** The unit answers but cannot be used; {@code code} is the health code. */
    private static final class Unusable extends Exception {
        final String code;

        Unusable(String code, String words) {
            super(words, null, false, false);
            this.code = code;
        }
    }

    public SspNoteAcceptor(String name, LinkOpener opener, int baud, Options options) {
        this(name, opener, baud, options, new SecureRandom());
    }

    SspNoteAcceptor(String name, LinkOpener opener, int baud, Options options, RandomGenerator random) {
        this.core = new DeviceCore(name);
        this.connection = new SerialConnection(core, opener, "收钞机", () -> transport = null);
        this.baud = baud;
        this.options = Objects.requireNonNull(options, "options");
        this.random = random;
        this.escrowThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kiosk-" + name + "-escrow");
            t.setDaemon(true);
            escrowWorker = t;
            return t;
        });
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public void open() throws DeviceException {
        connection.await(() -> {
            deviceThread = Thread.currentThread();
            if (transport == null && !connection.closing()) {
                connect();
                scheduleTick(options.pollInterval().toMillis());
            }
        }, CALL_MILLIS);
    }

    @Override
    public DeviceState state() {
        return core.state();
    }

    @Override
    public Optional<UnitInfo> unit() {
        return Optional.ofNullable(unit);
    }

    @Override
    public void setHandler(CashHandler handler) {
        this.handler = handler;
    }

    @Override
    public void enable(Set<Long> valuesFen) throws DeviceException {
        Set<Long> values = Set.copyOf(valuesFen);
        onDriverThread(() -> {
            applyEnable(values);
            wanted = values;
        });
    }

    @Override
    public void disable() throws DeviceException {
        onDriverThread(() -> {
            wanted = null;
            expectOk(SspCommand.of(SspCommand.DISABLE), "停止收钞");
        });
    }

    /** Plain words for what the kiosk can do with the unit now; no I/O (the poll loop hears the unit four times a second). */
    @Override
    public Health checkHealth() {
        if (connection.closing()) {
            return connection.closedHealth();
        }
        if (failure != null) {
            return SerialConnection.health(Health.Status.FAILED, failureCode, failure);
        }
        if (!linkUp) {
            return SerialConnection.health(Health.Status.FAILED, "not-answering", connection.problem());
        }
        if (stuck) {
            return SerialConnection.health(Health.Status.FAILED, "journal", "收到的钱记不进账本，收钞机已暂停收钞：请联系运维");
        }
        if (unsafeJam) {
            return SerialConnection.health(Health.Status.FAILED, "jam", "收钞机卡钞了，钞票卡在入口：请打开收钞机小心取出");
        }
        if (safeJam) {
            return SerialConnection.health(Health.Status.FAILED, "jam", "收钞机卡钞了，钞票在机器里面：请管理员开机取出");
        }
        if (pathOpen) {
            return SerialConnection.health(Health.Status.FAILED, "path-open", "收钞机的机芯打开了：请合上");
        }
        if (cashboxOut) {
            return SerialConnection.health(Health.Status.FAILED, "cashbox-removed", "钱箱已经取出：请把钱箱装回去");
        }
        if (stackerFull) {
            return SerialConnection.health(Health.Status.FAILED, "stacker-full", "钱箱满了：请管理员清点并换空钱箱");
        }
        String enc = transport != null && transport.encrypted()
                ? (ackUnsupported ? "，加密通信（收钞机不支持事件确认，用普通轮询）" : "，加密通信") : "";
        if (wanted == null) {
            return SerialConnection.health(Health.Status.OK, "disabled", "收钞机正常，现在不收钞票" + enc);
        }
        if (unitSaysDisabled) {
            return SerialConnection.health(Health.Status.DEGRADED, "disabled", "收钞机自己停止了收钞：请稍等，或重新开始付款");
        }
        return SerialConnection.health(Health.Status.OK, "ok", "收钞机正常，正在收钞" + enc);
    }

    @Override
    public void addListener(DeviceListener listener) {
        core.addListener(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        core.removeListener(listener);
    }

    /** The counters, and {@code EventAckMode}: 1 while the unit is polled with POLL WITH ACK, 0 with plain POLL. */
    @Override
    public Map<String, Long> statistics() {
        Map<String, Long> m = new java.util.TreeMap<>(core.statistics());
        m.put("EventAckMode", linkUp && ackMode() ? 1L : 0L);
        return m;
    }

    @Override
    public void close() {
        connection.close(() -> {
            if (next != null) {
                next.cancel(false);
            }
            closeLink();
        }, () -> {
            escrowThread.shutdownNow();
            linkUp = false;
            transport = null;
        });
    }

    // ---- enable / disable on a driver thread ----

    private interface LinkWork {
        void run() throws DeviceException, KeyNotSet, SspTransport.NoReply, IOException;
    }

    private void onDriverThread(LinkWork work) throws DeviceException {
        Thread me = Thread.currentThread();
        if (me == deviceThread || me == escrowWorker) {
            inline(work);
            return;
        }
        DeviceCalls.await(core.submit(() -> {
            inline(work);
            return null;
        }), CALL_MILLIS, "收钞机");
    }

    private void inline(LinkWork work) throws DeviceException {
        if (connection.closing()) {
            throw connection.closedError();
        }
        if (stuck) {
            throw new DeviceException(DeviceException.Kind.DEVICE_FAULT, "收到的钱还没有记进账本，收钞机暂停收钞");
        }
        io.lock();
        try {
            if (transport == null || !linkUp) {
                throw new DeviceException(DeviceException.Kind.NOT_ANSWERING, connection.problem());
            }
            work.run();
        } catch (KeyNotSet e) {
            needsSetup = true; // the unit reset and lost its key; the device thread sets it up again
            throw new DeviceException(DeviceException.Kind.NOT_ANSWERING, "收钞机刚刚重启，正在重新连接，请稍后再试");
        } catch (SspTransport.NoReply | IOException e) {
            needsSetup = true;
            throw new DeviceException(DeviceException.Kind.NOT_ANSWERING, "收钞机没有响应：请检查收钞机的数据线和电源", e);
        } finally {
            io.unlock();
        }
    }

    private void applyEnable(Set<Long> values) throws DeviceException, KeyNotSet, SspTransport.NoReply, IOException {
        UnitInfo u = unit;
        if (u == null) {
            throw new DeviceException(DeviceException.Kind.NOT_ANSWERING, connection.problem());
        }
        int mask = 0;
        for (int ch = 1; ch <= Math.min(16, u.channelsFen().size()); ch++) {
            if (u.valueFen(ch) > 0 && values.contains(u.valueFen(ch))) {
                mask |= 1 << (ch - 1);
            }
        }
        if (mask == 0) {
            throw new DeviceException(DeviceException.Kind.DEVICE_FAULT, "收钞机不收这些面额（它只收 "
                    + yuan(u.valuesFen()) + "）");
        }
        expectOk(SspCommand.setChannelInhibits(mask), "设置面额");
        expectOk(SspCommand.of(SspCommand.ENABLE), "开始收钞");
        unitSaysDisabled = false;
    }

    private void expectOk(byte[] command, String what) throws DeviceException, KeyNotSet, SspTransport.NoReply, IOException {
        SspResponse.Reply r = command(command);
        if (!r.ok()) {
            core.count("CommandRefusedCount");
            throw new DeviceException(DeviceException.Kind.PROTOCOL, what + "失败：收钞机回答 " + r.response());
        }
    }

    /** One command over the link, on a thread holding {@link #io}. */
    private SspResponse.Reply command(byte[] data) throws KeyNotSet, SspTransport.NoReply, IOException {
        io.lock();
        try {
            SspTransport t = transport;
            if (t == null) {
                throw new SspTransport.NoReply("not connected");
            }
            SspResponse.Reply r = t.command(data, options.tries());
            lastCommandNanos = System.nanoTime();
            if (r.response() == SspResponse.KEY_NOT_SET) {
                core.count("KeyNotSetCount");
                throw new KeyNotSet();
            }
            return r;
        } finally {
            io.unlock();
        }
    }

    // ---- device thread: the poll loop ----

    private void scheduleTick(long millis) {
        if (!connection.closing()) {
            next = core.schedule(this::tick, millis).orElse(null);
        }
    }

    private void tick() {
        long nextIn = options.pollInterval().toMillis();
        try {
            if (connection.closing()) {
                return;
            }
            if (needsSetup && linkUp) {
                needsSetup = false;
                resetUp();
            }
            if (!linkUp) {
                nextIn = failure != null ? FAILED_RETRY_MILLIS : RECONNECT_MILLIS;
                deliverPending(); // LINK_LOST
                core.count("ReconnectAttemptCount");
                connect();
                return;
            }
            if (escrow != null) {
                if (!escrow.decision.isDone()) {
                    if (System.nanoTime() - lastCommandNanos >= TimeUnit.MILLISECONDS.toNanos(HOLD_EVERY_MILLIS)) {
                        hold();
                    }
                    return;
                }
                finishEscrow();
            }
            if (!deliverPending()) {
                if (stuck) {
                    nextIn = REDELIVER_MILLIS;
                }
                return;
            }
            poll();
            if (!deliverPending() && stuck) {
                nextIn = REDELIVER_MILLIS;
            }
        } catch (KeyNotSet e) {
            LOG.log(Level.WARNING, "{0}: the unit answers KEY NOT SET: it reset; setting it up again", name());
            resetUp();
        } catch (SspTransport.NoReply e) {
            linkLost(e.getMessage(), false);
        } catch (IOException e) {
            linkLost(e.getMessage(), true);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name() + ": poll loop failed", e);
        } finally {
            scheduleTick(nextIn);
        }
    }

    /** True when the link is keyed and the unit knows POLL WITH ACK (both need encryption, essp.md §7). */
    private boolean ackMode() {
        SspTransport t = transport;
        return t != null && t.encrypted() && !ackUnsupported;
    }

    /**
     * POLL WITH ACK on a keyed link (POLL on a plain one, or for a unit that answered it F2): the events that need
     * an ack are acknowledged (EVENT ACK) only once every event of the reply reached the handler without a throw.
     */
    private void poll() throws KeyNotSet, SspTransport.NoReply, IOException {
        boolean withAck = ackMode();
        SspResponse.Reply r = command(SspCommand.of(withAck ? SspCommand.POLL_WITH_ACK : SspCommand.POLL));
        core.count(withAck ? "PollWithAckCount" : "PollCount");
        if (withAck && r.response() == SspResponse.UNKNOWN_COMMAND) {
            // essp.md §4: a unit without POLL WITH ACK answers F2 and must be polled plainly. Its credits are then
            // told once: one whose reply reaches a kiosk that dies before its journal commit is not told again.
            ackUnsupported = true;
            core.count("PollWithAckUnsupportedCount");
            LOG.log(Level.WARNING, "{0}: the unit does not know POLL WITH ACK (F2); plain POLL from now on", name());
            poll();
            return;
        }
        if (!r.ok()) {
            core.count("CommandRefusedCount");
            LOG.log(Level.WARNING, "{0}: POLL answered {1}", name(), r.response());
            return;
        }
        List<SspEvent> events = new ArrayList<>();
        try {
            SspEvent.decode(r.body(), protocol, unitType, events);
        } catch (SspException e) {
            // What came before the unreadable byte is kept; the rest of this reply cannot be read.
            core.count("CommunicationErrorCount");
            core.count("UnreadableEventCount");
            LOG.log(Level.ERROR, "{0}: {1}", name(), e.getMessage());
        }
        take(events, withAck);
    }

    /** Turns one poll reply's events into pending deliveries, asking what the reply needs asked first. */
    private void take(List<SspEvent> events, boolean withAck) throws KeyNotSet, SspTransport.NoReply, IOException {
        boolean reset = events.stream().anyMatch(e -> e.code() == SspEventCode.SLAVE_RESET);
        replyFailed = false;
        if (reset) {
            core.count("SlaveResetCount");
            deliveredUnacked.clear(); // the unit restarted: what it had not had acknowledged is told as power-up events
            // The unit restarted and forgot everything (its key too). Even when this is the first poll after a
            // set-up, an enable() may have come between, so set it up again: it costs ten commands.
            setUp();
        }
        int rejectCode = -1;
        if (events.stream().anyMatch(e -> e.code() == SspEventCode.REJECTED)) {
            SspResponse.Reply rc = command(SspCommand.of(SspCommand.LAST_REJECT_CODE));
            try {
                rejectCode = rc.ok() ? SspReplies.rejectCode(rc.body()) : -1;
            } catch (SspException e) {
                core.count("CommunicationErrorCount");
            }
        }
        replyStatuses = new HashSet<>();
        boolean owes = false;
        int repeat = 0;
        for (SspEvent e : events) {
            if (withAck && e.code().needsEventAck()) {
                owes = true;
                int key = e.code().code << 8 | e.channel();
                if (repeat < deliveredUnacked.size() && deliveredUnacked.get(repeat) == key) {
                    repeat++; // told again because the last EVENT ACK did not go: already taken once
                    core.count("RepeatedEventCount");
                    continue;
                }
                int at = pending.size();
                takeOne(e, rejectCode);
                if (pending.size() > at && pending.peekLast() instanceof NoteEvent n) {
                    pending.pollLast();
                    pending.add(new Owed(n, key));
                }
                continue;
            }
            takeOne(e, rejectCode);
        }
        if (withAck && repeat < deliveredUnacked.size()) {
            // A unit tells what it was never acknowledged for first, in every reply; what it did not tell again here
            // it had acknowledged (the EVENT ACK arrived, its reply was lost). Forget it, or a later note of the same
            // channel would be taken for a repeat and acknowledged unjournaled.
            deliveredUnacked.clear();
        }
        if (owes) {
            pending.add(ACK_DUE);
        } else if (withAck) {
            awaitingRepeat = false; // the unit has nothing left to acknowledge
        }
        safeJam = has(SspEventCode.SAFE_JAM);
        unsafeJam = has(SspEventCode.UNSAFE_JAM);
        stackerFull = has(SspEventCode.STACKER_FULL);
        pathOpen = has(SspEventCode.NOTE_PATH_OPEN);
        unitSaysDisabled = has(SspEventCode.DISABLED);
        lastStatuses = replyStatuses;
    }

    private boolean has(SspEventCode code) {
        return replyStatuses.contains(code.code << 8);
    }

    private void takeOne(SspEvent e, int rejectCode) {
        int ch = e.channel();
        long value = unit != null ? unit.valueFen(ch) : 0;
        if (REPEATING.contains(e.code()) && !(e.code() == SspEventCode.READ && ch > 0)) {
            int key = e.code().code << 8 | ch;
            replyStatuses.add(key);
            if (lastStatuses.contains(key)) {
                return; // the same condition, reported again
            }
        }
        NoteEvent.Kind kind = switch (e.code()) {
            case SLAVE_RESET -> NoteEvent.Kind.SLAVE_RESET;
            case READ -> ch == 0 ? NoteEvent.Kind.READING : null;
            case NOTE_CREDIT -> NoteEvent.Kind.CREDIT;
            case REJECTING -> NoteEvent.Kind.REJECTING;
            case REJECTED -> NoteEvent.Kind.REJECTED;
            case STACKING -> NoteEvent.Kind.STACKING;
            case STACKED -> NoteEvent.Kind.STACKED;
            case SAFE_JAM -> NoteEvent.Kind.SAFE_JAM;
            case UNSAFE_JAM -> NoteEvent.Kind.UNSAFE_JAM;
            case DISABLED -> NoteEvent.Kind.DISABLED;
            case STACKER_FULL -> NoteEvent.Kind.STACKER_FULL;
            case FRAUD_ATTEMPT -> NoteEvent.Kind.FRAUD_ATTEMPT;
            case CASHBOX_REMOVED -> NoteEvent.Kind.CASHBOX_REMOVED;
            case CASHBOX_REPLACED -> NoteEvent.Kind.CASHBOX_REPLACED;
            case NOTE_CLEARED_FROM_FRONT -> NoteEvent.Kind.CLEARED_FROM_FRONT;
            case NOTE_CLEARED_TO_CASHBOX -> NoteEvent.Kind.CLEARED_TO_CASHBOX;
            case NOTE_PATH_OPEN -> NoteEvent.Kind.NOTE_PATH_OPEN;
            case CHANNEL_DISABLE -> NoteEvent.Kind.CHANNEL_DISABLE;
            case INITIALISING -> NoteEvent.Kind.INITIALISING;
            default -> null;
        };
        if (e.code() == SspEventCode.READ && ch > 0) {
            pending.add(new EscrowStart(ch));
            lastEscrowChannel = ch;
            return;
        }
        if (kind == null) {
            core.count("IgnoredEventCount"); // payout, hopper and barcode events: read to their end, not for us
            LOG.log(Level.INFO, "{0}: event {1} ignored", name(), e);
            return;
        }
        switch (kind) {
            case CREDIT -> core.count("NotesCreditedCount");
            case REJECTED -> core.count("NotesRejectedCount");
            case FRAUD_ATTEMPT -> core.count("FraudAttemptCount");
            case SAFE_JAM, UNSAFE_JAM -> core.count("JamCount");
            case CASHBOX_REMOVED -> cashboxOut = true;
            case CASHBOX_REPLACED -> cashboxOut = false;
            default -> { }
        }
        if (kind == NoteEvent.Kind.REJECTING || kind == NoteEvent.Kind.REJECTED || kind == NoteEvent.Kind.STACKED
                || kind == NoteEvent.Kind.CREDIT) {
            lastStatuses.remove(SspEventCode.READ.code << 8); // a new note may be read right after
        }
        if (kind == NoteEvent.Kind.REJECTED) {
            lastStatuses.remove(SspEventCode.REJECTING.code << 8);
            int rc = lastEscrowChannel;
            lastEscrowChannel = 0;
            pending.add(new NoteEvent(kind, rc, unit != null ? unit.valueFen(rc) : 0, rejectCode));
            return;
        }
        if (kind == NoteEvent.Kind.STACKED) {
            lastStatuses.remove(SspEventCode.STACKING.code << 8);
            lastEscrowChannel = 0;
        }
        pending.add(new NoteEvent(kind, ch, value, -1));
    }

    /**
     * Delivers pending events in order, and sends the EVENT ACK a POLL WITH ACK reply owes once every event of it
     * was taken. False when it must stop: an event the handler could not take (on a plain link a money event,
     * delivered again in a second; on an acked link any event that needs an ack, which the unit tells again), or a
     * note entered escrow.
     */
    private boolean deliverPending() throws KeyNotSet, SspTransport.NoReply, IOException {
        while (!pending.isEmpty()) {
            Object item = pending.peek();
            if (item instanceof EscrowStart s) {
                pending.poll();
                startEscrow(s.channel());
                return false;
            }
            if (item == ACK_DUE) {
                pending.poll();
                acknowledge();
                continue;
            }
            Owed owed = item instanceof Owed o ? o : null;
            NoteEvent e = owed != null ? owed.event() : (NoteEvent) item;
            CashHandler h = handler;
            try {
                if (h != null) {
                    h.event(e);
                } else if (owed != null) {
                    // Nobody to journal it: not acknowledged, so the kiosk hears it once it has a handler.
                    core.count("UnhandledAckEventCount");
                    replyFailed = true;
                    pending.poll();
                    continue;
                } else if (e.money()) {
                    LOG.log(Level.WARNING, "{0}: {1} with no cash handler to record it", name(), e);
                }
            } catch (RuntimeException ex) {
                core.count("HandlerFailureCount");
                if (owed != null) {
                    LOG.log(Level.ERROR, name() + ": the cash handler could not take " + e + "; not acknowledged, the unit "
                            + "tells it again and takes no note until it is taken", ex);
                    replyFailed = true;
                    awaitingRepeat = true;
                    if (!stuck) {
                        stuck = true;
                        disableQuietly();
                    }
                    dropRestOfReply();
                    return false;
                }
                if (e.money()) {
                    LOG.log(Level.ERROR, name() + ": the cash handler could not take " + e + "; the unit stays disabled until it does", ex);
                    if (!stuck) {
                        stuck = true;
                        disableQuietly();
                    }
                    return false;
                }
                replyFailed = true;
                LOG.log(Level.WARNING, name() + ": the cash handler failed on " + e, ex);
            }
            pending.poll();
            if (owed != null) {
                deliveredUnacked.add(owed.key());
            }
        }
        if (stuck && !awaitingRepeat) {
            stuck = false;
            Set<Long> w = wanted;
            if (w != null && linkUp) {
                try {
                    io.lock();
                    try {
                        applyEnable(w);
                    } finally {
                        io.unlock();
                    }
                } catch (DeviceException | KeyNotSet | SspTransport.NoReply | IOException ex) {
                    LOG.log(Level.WARNING, "{0}: could not enable again after the handler recovered: {1}", name(), ex.getMessage());
                }
            }
        }
        return true;
    }

    /**
     * After an event that needs an ack was refused: the rest of its reply is dropped up to its ACK_DUE (the unit
     * tells every event that needs an ack again; the others are statuses). A note's escrow start is kept.
     */
    private void dropRestOfReply() {
        ArrayDeque<Object> rest = new ArrayDeque<>();
        boolean inReply = true;
        for (Object item : pending) {
            if (inReply) {
                if (item == ACK_DUE) {
                    inReply = false;
                    core.count("EventAckWithheldCount");
                } else if (item instanceof EscrowStart) {
                    rest.add(item);
                } else {
                    core.count("DroppedWithRefusedEventCount");
                }
                continue;
            }
            rest.add(item);
        }
        pending.clear();
        pending.addAll(rest);
    }

    /**
     * EVENT ACK for the reply just delivered (devices.md §5.7 rule 2: only after the journal write), unless one of
     * its events threw or the link is down: then the unit tells its events again, and those already taken are not
     * delivered twice.
     */
    private void acknowledge() throws KeyNotSet, SspTransport.NoReply, IOException {
        boolean failed = replyFailed;
        replyFailed = false;
        if (failed || !linkUp || transport == null) {
            core.count("EventAckWithheldCount");
            return;
        }
        SspResponse.Reply r = command(SspCommand.of(SspCommand.EVENT_ACK));
        core.count("EventAckCount");
        deliveredUnacked.clear();
        awaitingRepeat = false;
        if (!r.ok()) {
            core.count("EventAckRefusedCount"); // F5: nothing pending (essp.md §4)
            LOG.log(Level.INFO, "{0}: EVENT ACK answered {1}", name(), r.response());
        }
    }

    private void disableQuietly() {
        if (!linkUp) {
            return;
        }
        try {
            command(SspCommand.of(SspCommand.DISABLE));
        } catch (KeyNotSet | SspTransport.NoReply | IOException e) {
            LOG.log(Level.WARNING, "{0}: DISABLE failed: {1}", name(), e.getMessage());
        }
    }

    private void startEscrow(int channel) {
        long value = unit != null ? unit.valueFen(channel) : 0;
        escrow = new Escrow(channel, value);
        core.count("EscrowCount");
        core.moveTo(DeviceState.BUSY, "钞票在暂存位置");
        CashHandler h = handler;
        if (h == null || value <= 0) {
            escrow.decision = CompletableFuture.completedFuture(CashHandler.Decision.RETURN);
        } else {
            escrow.decision = CompletableFuture.supplyAsync(() -> h.escrowed(channel, value), escrowThread);
        }
        lastCommandNanos = 0; // hold at once: the unit must not see a POLL now
    }

    private void hold() throws KeyNotSet, SspTransport.NoReply, IOException {
        SspResponse.Reply r = command(SspCommand.of(SspCommand.HOLD));
        core.count("HoldCount");
        if (!r.ok()) {
            // F5 (or F8 in older manuals): no note in escrow any more. Keep waiting for the decision anyway.
            core.count("HoldRefusedCount");
        }
    }

    private void finishEscrow() throws KeyNotSet, SspTransport.NoReply, IOException {
        Escrow e = escrow;
        CashHandler.Decision d;
        try {
            d = e.decision.join();
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, name() + ": the cash handler failed on a note in escrow; handing it back", ex);
            core.count("HandlerFailureCount");
            d = CashHandler.Decision.RETURN;
        }
        if (d == null) {
            d = CashHandler.Decision.RETURN;
        }
        escrow = null;
        // Before the events that came after the note's READ in the same reply, which wait in pending.
        deliverOne(new NoteEvent(NoteEvent.Kind.ESCROWED, e.channel, e.valueFen, -1));
        if (d == CashHandler.Decision.RETURN) {
            core.count("NotesReturnedCount");
            SspResponse.Reply r = command(SspCommand.of(SspCommand.REJECT));
            if (!r.ok()) {
                core.count("CommandRefusedCount");
            }
        } else {
            core.count("NotesAcceptedCount"); // the next POLL accepts it
        }
        if (core.state() == DeviceState.BUSY) {
            core.moveTo(DeviceState.IDLE, "暂存的钞票已处理");
        }
    }

    private void deliverOne(NoteEvent e) {
        CashHandler h = handler;
        if (h == null) {
            return;
        }
        try {
            h.event(e);
        } catch (RuntimeException ex) {
            core.count("HandlerFailureCount");
            LOG.log(Level.WARNING, name() + ": the cash handler failed on " + e, ex);
        }
    }

    // ---- device thread: connecting and set-up ----

    /** Opens the link if needed, sends SYNC once and, when the unit answers, sets it up. */
    private void connect() {
        if (connection.closing()) {
            return;
        }
        io.lock();
        try {
            if (transport == null) {
                transport = new SspTransport(connection.open(baud), core, options.address(), options.replyTimeout().toMillis(), random);
            }
            transport.command(SspCommand.of(SspCommand.SYNC), 1);
            setUp();
        } catch (SspTransport.NoReply e) {
            wentQuiet("收钞机没有响应：请检查收钞机的数据线和电源");
        } catch (KeyNotSet e) {
            wentQuiet("收钞机刚刚重启，正在重新连接");
        } catch (IOException e) {
            closeLink();
            wentQuiet("收钞机连接不上（" + e.getMessage() + "）：请检查数据线和端口设置");
        } finally {
            io.unlock();
        }
    }

    private void resetUp() {
        io.lock();
        try {
            setUp();
        } catch (SspTransport.NoReply e) {
            linkLost(e.getMessage(), false);
        } catch (IOException e) {
            linkLost(e.getMessage(), true);
        } catch (KeyNotSet e) {
            linkLost("KEY NOT SET after set-up", false);
        } finally {
            io.unlock();
        }
    }

    /**
     * SYNC, key (when needed), protocol version, SETUP REQUEST, serial, all inhibited, DISABLE. Leaves the link
     * up and the unit described, or the driver FAILED with words for why.
     */
    private void setUp() throws SspTransport.NoReply, IOException, KeyNotSet {
        io.lock();
        try {
            // A fresh key at every set-up (AUTO and REQUIRED): after a reset the unit has lost the old one, and
            // negotiating also starts both eCOUNTs from 0 again. The key exchange is taken in clear by units in either
            // mode (essp.md §7), so AUTO keys every unit that can be keyed, and POLL WITH ACK (encrypted only) becomes
            // the norm; a unit that refuses the exchange stays on plain SSP.
            transport.session(null);
            transport.command(SspCommand.of(SspCommand.SYNC), options.tries());
            boolean keyed = false;
            boolean keyRefused = false;
            if (options.encryption() != Encryption.OFF) {
                keyed = negotiate(options.encryption() == Encryption.REQUIRED);
                keyRefused = !keyed;
            }
            int version = 0;
            for (int v = SspCommand.MAX_PROTOCOL; v >= 4 && version == 0; v--) {
                SspResponse.Reply r = transport.command(SspCommand.hostProtocolVersion(v), options.tries());
                if (r.response() == SspResponse.KEY_NOT_SET) {
                    if (keyed || keyRefused || options.encryption() == Encryption.OFF) {
                        throw new Unusable("key-not-set", options.encryption() == Encryption.OFF
                                ? "收钞机设成了加密通信（eSSP），而本机设置不加密：请把 encryption 设为 auto"
                                : keyRefused ? "收钞机要求加密通信，却不接受密钥协商：请联系厂家检查收钞机设置"
                                : "收钞机不认协商出的密钥：请检查 fixed-key 设置");
                    }
                    negotiate(true);
                    keyed = true;
                    v++; // the same version again, now encrypted
                    continue;
                }
                if (r.ok()) {
                    version = v;
                }
            }
            SspResponse.Reply setup = expect(SspCommand.of(SspCommand.SETUP_REQUEST), "SETUP REQUEST");
            SetupReply s = SetupReply.parse(setup.body());
            List<Long> channels = s.channelValuesMinor();
            if (!"CNY".equals(s.country())) {
                throw new Unusable("wrong-currency", "收钞机装的是 " + s.country() + " 钞票数据，不是人民币：请让厂家换成人民币数据");
            }
            for (long v : channels) {
                if (v < 0 || v > MAX_NOTE_FEN) {
                    throw new Unusable("bad-setup", "收钞机报的面额不合理（" + v + " 分）：请联系厂家检查钞票数据");
                }
            }
            long serial = SspReplies.serial(expect(SspCommand.of(SspCommand.GET_SERIAL_NUMBER), "GET SERIAL NUMBER").body());
            if (serial != ackCheckedSerial) {
                ackCheckedSerial = serial;
                ackUnsupported = false; // another unit: try POLL WITH ACK on it
            }
            expect(SspCommand.setChannelInhibits(0), "SET CHANNEL INHIBITS");
            // A note left in escrow by an earlier session (a kiosk process that died, a link that dropped while the
            // handler decided) goes back to the villager: the next POLL would accept it, and this session accepts
            // only notes whose escrow its own handler journaled first. F5: no note held.
            SspResponse.Reply back = transport.command(SspCommand.of(SspCommand.REJECT), options.tries());
            if (back.ok()) {
                core.count("NotesReturnedAtSetupCount");
                LOG.log(Level.WARNING, "{0}: a note was held in escrow at set-up; handed back", name());
            }
            expect(SspCommand.of(SspCommand.DISABLE), "DISABLE");
            protocol = s.protocolVersion();
            unitType = s.unitType();
            if (version == 0) {
                LOG.log(Level.WARNING, "{0}: the unit took no HOST PROTOCOL VERSION from 8 down to 4; it runs {1}", name(), protocol);
            }
            unit = new UnitInfo(serial, protocol, s.firmware().strip(), s.country(), channels, transport.encrypted());
            wanted = null; // after any set-up the unit is disabled until the kiosk asks again
            lastStatuses = new HashSet<>();
            escrow = null; // a note held before is the unit's business now (returned on its 10 s timeout)
            failure = null;
            failureCode = null;
            needsSetup = false;
            lastCommandNanos = System.nanoTime();
            boolean wasDown = !linkUp;
            linkUp = true;
            core.count("SetupCount");
            core.moveTo(DeviceState.IDLE, "收钞机已连接（序列号 " + serial + "，协议 " + protocol
                    + (transport.encrypted() ? "，加密" : "") + "）");
            if (wasDown && lostAnnounced) {
                lostAnnounced = false;
                pending.add(NoteEvent.of(NoteEvent.Kind.LINK_BACK));
            }
        } catch (Unusable e) {
            unusable(e.code, e.getMessage());
        } catch (SspException e) {
            core.count("CommunicationErrorCount");
            unusable("bad-setup", "收钞机的设置信息读不懂（" + e.getMessage() + "）：请联系厂家");
        } finally {
            io.unlock();
        }
    }

    private SspResponse.Reply expect(byte[] command, String what) throws SspTransport.NoReply, IOException, Unusable {
        SspResponse.Reply r = transport.command(command, options.tries());
        if (!r.ok()) {
            throw new Unusable(r.response() == SspResponse.KEY_NOT_SET ? "key-not-set" : "refused",
                    "收钞机拒绝了 " + what + "（" + r.response() + "）");
        }
        return r;
    }

    /**
     * SET GENERATOR, SET MODULUS, REQUEST KEY EXCHANGE in clear; then every command is wrapped, eCOUNT from 0.
     *
     * @param required a refusal makes the unit unusable; otherwise it returns false and the link stays plain
     */
    private boolean negotiate(boolean required) throws SspTransport.NoReply, IOException, Unusable {
        transport.session(null);
        EsspKeys.HostExchange x = EsspKeys.newExchange(random);
        SspResponse.Reply r = null;
        for (byte[] step : List.of(SspCommand.withLong(SspCommand.SET_GENERATOR, x.generator()),
                SspCommand.withLong(SspCommand.SET_MODULUS, x.modulus()),
                SspCommand.withLong(SspCommand.REQUEST_KEY_EXCHANGE, x.hostIntermediate()))) {
            r = transport.command(step, options.tries());
            if (!r.ok()) {
                if (required) {
                    throw new Unusable(r.response() == SspResponse.KEY_NOT_SET ? "key-not-set" : "refused",
                            String.format("收钞机拒绝了密钥协商（%02X：%s）", step[0], r.response()));
                }
                // F2 (no eSSP in this firmware), F4: the unit is plain SSP only.
                core.count("KeyExchangeRefusedCount");
                LOG.log(Level.INFO, "{0}: key exchange refused ({1}); plain SSP", name(), r.response());
                return false;
            }
        }
        long slave;
        try {
            slave = SspReplies.slaveIntermediateKey(r.body());
        } catch (SspException e) {
            throw new Unusable("key-not-set", "收钞机的密钥交换回答读不懂：" + e.getMessage());
        }
        transport.session(new EsspSession(EsspKeys.aesKey(options.fixedKey(), x.negotiated(slave))));
        core.count("KeyExchangeCount");
        return true;
    }

    private void unusable(String code, String words) {
        LOG.log(Level.ERROR, "{0}: {1}", name(), words);
        failure = words;
        failureCode = code;
        connection.problem(words);
        linkUp = false;
        core.moveTo(DeviceState.FAILED, words);
    }

    /** OFFLINE with {@code why}; a unit that answers but cannot be used stays FAILED. The port stays open. */
    private void wentQuiet(String why) {
        if (failure == null) {
            connection.unanswered(why, DeviceException.Kind.NOT_ANSWERING);
        } else if (!connection.closing()) {
            connection.problem(why);
        }
    }

    /** The unit stopped answering ({@code portGone}: the port itself failed and is reopened on reconnect). */
    private void linkLost(String detail, boolean portGone) {
        if (connection.closing()) {
            return;
        }
        LOG.log(Level.WARNING, "{0}: link lost: {1}", name(), detail);
        linkUp = false;
        escrow = null;
        if (portGone) {
            closeLink();
        }
        core.count("LinkLostCount");
        if (!lostAnnounced) {
            lostAnnounced = true;
            pending.add(NoteEvent.of(NoteEvent.Kind.LINK_LOST));
        }
        wentQuiet("收钞机没有响应：请检查收钞机的数据线和电源");
        try {
            deliverPending(); // with the link down it sends nothing, not even an owed EVENT ACK
        } catch (KeyNotSet | SspTransport.NoReply | IOException e) {
            LOG.log(Level.WARNING, "{0}: {1}", name(), e.getMessage());
        }
    }

    private void closeLink() {
        io.lock();
        try {
            connection.closeLink(); // and forgets the transport
        } finally {
            io.unlock();
        }
    }

    private static String yuan(Set<Long> fen) {
        return String.join("、", fen.stream().map(f -> f % 100 == 0 ? f / 100 + " 元" : f / 100.0 + " 元").toList());
    }
}
