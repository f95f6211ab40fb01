package cn.yzz.kiosk.device.cash.emu;

import cn.yzz.kiosk.device.cash.ssp.EsspCipher;
import cn.yzz.kiosk.device.cash.ssp.EsspKeys;
import cn.yzz.kiosk.device.cash.ssp.EsspSession;
import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.cash.ssp.SspEventCode;
import cn.yzz.kiosk.device.cash.ssp.SspException;
import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import cn.yzz.kiosk.device.cash.ssp.SspResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The SSP slave inside the emulated note validator: packets in, packets out, no I/O but its state file.
 * It follows essp.md, not the driver: address 0; the sequence flag rule (a command with the same flag as the
 * last one is not carried out, the last reply is sent again byte for byte; SYNC makes the next flag 0);
 * generic responses; the commands of a pay-in NV9 USB; POLL with its event queue; escrow and its 10 s
 * timeout; the eSSP layer. Time comes from a {@link Clock}, and {@link #tick} runs the timers, so tests can
 * drive it without a line or a wait.
 *
 * <p>Every change that matters is written to the state file before the reply that tells it is returned.
 * Thread-safe: every method holds the lock.
 */
final class ValidatorCore {

    /** The unit's address: note validators default to 0 (essp.md §1). */
    static final int ADDRESS = 0;
    /**
     * The highest HOST PROTOCOL VERSION taken: 7, as an NV9 USB from firmware 3.33 (essp.md §3: NV9USB has no
     * version 8). 8 gets FAIL. It changes SETUP REQUEST and CHANNEL VALUE (from 6) and allows B5 (from 7).
     */
    static final int MAX_PROTOCOL = 7;
    /** Set at power-up until the host asks for another. */
    static final int DEFAULT_PROTOCOL = 6;
    /** essp.md §5: poll timeout; a held note is handed back, the unit disables itself. */
    static final long COMMS_TIMEOUT_MILLIS = 10_000;
    static final String FIRMWARE = "0333";
    static final long DEFAULT_SERIAL = 1873452;

    /** Reject codes (essp.md Appendix B) the emulator gives. */
    static final int REJECT_LENGTH = 0x01;
    static final int REJECT_AVERAGE = 0x02;
    static final int REJECT_INHIBITED = 0x06;
    static final int REJECT_BY_HOST = 0x08;
    static final int REJECT_ESCROW_TIMEOUT = 0x13;

    /** What to send for one packet, and what to do once it has gone. */
    record Answer(SspFrame reply, byte[] plain, boolean repeated, boolean cutPowerAfter, boolean resetAfter) {
    }

    private final Path file;
    private final Clock clock;
    private final Random random;
    private AcceptorState state;
    /** The last state written: what a power cut leaves when there is no file. */
    private AcceptorState saved;

    // Lost at a power cut:
    private boolean off;
    private long offUntil;
    private Boolean lastFlag;
    private SspFrame lastReply;
    /** The last reply's data before encryption, so that faults can pick replies by what they tell. */
    private byte[] lastPlain;
    private long lastCommandAt;
    private boolean timedOut;
    private int protocol = DEFAULT_PROTOCOL;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private int pollsSincePowerUp;
    private boolean clearingInFlight;
    /** While a POLL WITH ACK reply is built: the events in it that need EVENT ACK. */
    private List<AcceptorState.Told> owed;
    private long generator;
    private long modulus;
    private EsspSession session;

    // Faults and counters (the test's, not the unit's):
    private final Map<AcceptorFault, Integer> noteFaults = new EnumMap<>(AcceptorFault.class);
    private NoteStage cutAt;
    private long cutOffMillis;
    private long commands;
    private long encryptedCommands;
    private long repeats;
    private long pollsWithAck;
    private long polls;
    private long eventAcks;

    /**
     * Starts the unit as at power-up: from the state file when it exists, else a new unit of this dataset.
     */
    ValidatorCore(Path file, Dataset dataset, long serial, Clock clock, Random random) {
        this.file = file;
        this.clock = clock;
        this.random = random;
        AcceptorState loaded = null;
        if (file != null && Files.exists(file)) {
            try {
                loaded = AcceptorState.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.state = loaded != null ? loaded : AcceptorState.fresh(dataset, serial);
        this.saved = state.copy();
        powerUp();
    }

    // ---- the host's side ----

    /** The answer to one packet, or null for none (power off, another address, an eSSP packet that fails). */
    synchronized Answer packet(SspFrame f) {
        if (off || f.address() != ADDRESS) {
            return null;
        }
        long now = clock.millis();
        lastCommandAt = now;
        timedOut = false;
        commands++;
        byte[] data = f.data();
        boolean sync = (data[0] & 0xFF) == SspCommand.SYNC && data.length == 1;
        if (!sync && lastFlag != null && lastFlag == f.flag() && lastReply != null) {
            repeats++;
            return new Answer(lastReply, lastPlain, true, false, false);
        }
        acknowledgeLastReply();
        boolean encrypted = EsspCipher.isWrapped(data);
        if (encrypted) {
            if (session == null) {
                lastPlain = new byte[] {(byte) SspResponse.KEY_NOT_SET.code};
                return remember(f, sync, lastPlain, false, false);
            }
            try {
                data = session.unwrapCommand(data);
            } catch (SspException e) {
                return null; // essp.md §1: a packet with a wrong eCOUNT or eCRC is thrown away
            }
            encryptedCommands++;
        }
        int cmd = data[0] & 0xFF;
        byte[] reply;
        boolean reset = false;
        boolean ackCommand = cmd == SspCommand.POLL_WITH_ACK || cmd == SspCommand.EVENT_ACK;
        if (ackCommand && state.noPollWithAck()) {
            reply = generic(SspResponse.UNKNOWN_COMMAND); // older firmware: no such command (essp.md §4)
        } else if (state.essp() && session == null && cmd != SspCommand.SYNC && cmd != SspCommand.SET_GENERATOR
                && cmd != SspCommand.SET_MODULUS && cmd != SspCommand.REQUEST_KEY_EXCHANGE) {
            reply = new byte[] {(byte) SspResponse.KEY_NOT_SET.code};
        } else if (ackCommand && !encrypted) {
            // essp.md §7: both need encryption. With no key that is KEY NOT SET (the generic response for "keys not
            // negotiated"); with a key the command is understood but not carried out in clear: COMMAND CANNOT BE
            // PROCESSED. Either way nothing is told and nothing is cleared.
            reply = generic(session == null ? SspResponse.KEY_NOT_SET : SspResponse.CANNOT_PROCESS);
        } else {
            reply = execute(cmd, data);
            reset = cmd == SspCommand.RESET && reply[0] == (byte) SspResponse.OK.code;
        }
        boolean cut = pendingCut;
        pendingCut = false;
        byte[] plain = reply;
        // essp.md §7: once a key exists a reply with credit information is always encrypted.
        boolean wrap = encrypted || (session != null && carriesCredit(cmd, reply));
        if (wrap && session != null && cmd != SspCommand.REQUEST_KEY_EXCHANGE) {
            reply = session.wrapReply(reply, random);
        }
        lastPlain = plain;
        return remember(f, sync, reply, cut, reset);
    }

    private boolean pendingCut;

    private Answer remember(SspFrame f, boolean sync, byte[] reply, boolean cut, boolean reset) {
        SspFrame r = new SspFrame(f.seqId(), reply);
        // After SYNC the unit expects flag 0 next, whatever flag the SYNC itself had (essp.md §2, S8).
        lastFlag = sync ? Boolean.TRUE : f.flag();
        lastReply = r;
        return new Answer(r, lastPlain, false, cut, reset);
    }

    /** A new command means the host has the last reply: power-up clearing events told in it are done. */
    private void acknowledgeLastReply() {
        if (clearingInFlight) {
            clearingInFlight = false;
            state.pendingClearing(List.of());
            save();
        }
    }

    private static boolean carriesCredit(int cmd, byte[] reply) {
        if ((cmd != SspCommand.POLL && cmd != SspCommand.POLL_WITH_ACK) || reply.length < 2) {
            return false;
        }
        for (int i = 1; i < reply.length; i++) {
            int c = reply[i] & 0xFF;
            if (c == SspEventCode.NOTE_CREDIT.code || c == SspEventCode.NOTE_CLEARED_TO_CASHBOX.code) {
                return true;
            }
            SspEventCode e = SspEventCode.of(c);
            if (e != null && e.layout != SspEventCode.Layout.NONE) {
                i++; // its channel byte
            }
        }
        return false;
    }

    private byte[] execute(int cmd, byte[] data) {
        int params = data.length - 1;
        switch (cmd) {
            case SspCommand.SYNC, SspCommand.RESET, SspCommand.POLL, SspCommand.DISABLE, SspCommand.ENABLE,
                    SspCommand.SETUP_REQUEST, SspCommand.GET_SERIAL_NUMBER, SspCommand.UNIT_DATA,
                    SspCommand.CHANNEL_VALUE_REQUEST, SspCommand.CHANNEL_SECURITY_DATA, SspCommand.LAST_REJECT_CODE,
                    SspCommand.HOLD, SspCommand.REJECT, SspCommand.DISPLAY_ON, SspCommand.DISPLAY_OFF,
                    SspCommand.GET_FIRMWARE_VERSION, SspCommand.GET_DATASET_VERSION, SspCommand.POLL_WITH_ACK,
                    SspCommand.EVENT_ACK -> {
                if (params != 0) {
                    return generic(SspResponse.WRONG_PARAMETERS);
                }
            }
            case SspCommand.HOST_PROTOCOL_VERSION -> {
                if (params != 1) {
                    return generic(SspResponse.WRONG_PARAMETERS);
                }
            }
            case SspCommand.SET_CHANNEL_INHIBITS -> {
                if (params < 1 || params > 2) {
                    return generic(SspResponse.WRONG_PARAMETERS);
                }
            }
            case SspCommand.SET_GENERATOR, SspCommand.SET_MODULUS, SspCommand.REQUEST_KEY_EXCHANGE -> {
                if (params != 8) {
                    return generic(SspResponse.WRONG_PARAMETERS);
                }
            }
            default -> {
                // The payout, barcode and counter commands are not emulated.
                return generic(SspResponse.UNKNOWN_COMMAND);
            }
        }
        return switch (cmd) {
            case SspCommand.SYNC, SspCommand.RESET, SspCommand.DISPLAY_ON, SspCommand.DISPLAY_OFF -> ok();
            case SspCommand.HOST_PROTOCOL_VERSION -> {
                int v = data[1] & 0xFF;
                if (v < 1 || v > MAX_PROTOCOL) {
                    yield generic(SspResponse.FAIL);
                }
                protocol = v;
                yield ok();
            }
            case SspCommand.POLL -> poll(false);
            case SspCommand.POLL_WITH_ACK -> {
                pollsWithAck++;
                yield poll(true);
            }
            case SspCommand.EVENT_ACK -> {
                if (state.unacked().isEmpty()) {
                    yield generic(SspResponse.CANNOT_PROCESS); // nothing to acknowledge (essp.md §4)
                }
                eventAcks++;
                state.unacked(List.of());
                save();
                yield ok();
            }
            case SspCommand.DISABLE -> {
                state.enabled(false);
                save();
                yield ok();
            }
            case SspCommand.ENABLE -> {
                state.enabled(true);
                save();
                yield ok();
            }
            case SspCommand.SET_CHANNEL_INHIBITS -> {
                int mask = data[1] & 0xFF;
                if (params == 2) {
                    mask |= (data[2] & 0xFF) << 8;
                }
                state.inhibits(mask);
                save();
                yield ok();
            }
            case SspCommand.SETUP_REQUEST -> setupRequest();
            case SspCommand.UNIT_DATA -> unitData();
            case SspCommand.CHANNEL_VALUE_REQUEST -> channelValues();
            case SspCommand.CHANNEL_SECURITY_DATA -> {
                List<Long> ch = state.dataset().channelsFen();
                byte[] r = new byte[2 + ch.size()];
                r[0] = (byte) SspResponse.OK.code;
                r[1] = (byte) ch.size();
                for (int i = 0; i < ch.size(); i++) {
                    r[2 + i] = (byte) (ch.get(i) == 0 ? 0 : 2);
                }
                yield r;
            }
            case SspCommand.GET_SERIAL_NUMBER -> {
                long s = state.serial();
                yield new byte[] {(byte) SspResponse.OK.code, (byte) (s >>> 24), (byte) (s >>> 16), (byte) (s >>> 8), (byte) s};
            }
            case SspCommand.GET_FIRMWARE_VERSION -> okText("NV0090" + FIRMWARE + "000000");
            case SspCommand.GET_DATASET_VERSION -> okText(state.dataset().country() + "01001");
            case SspCommand.LAST_REJECT_CODE -> new byte[] {(byte) SspResponse.OK.code, (byte) state.lastRejectCode()};
            case SspCommand.HOLD -> inEscrow() ? ok() : generic(SspResponse.CANNOT_PROCESS);
            case SspCommand.REJECT -> {
                if (!inEscrow()) {
                    yield generic(SspResponse.CANNOT_PROCESS);
                }
                reject(REJECT_BY_HOST);
                yield ok();
            }
            case SspCommand.SET_GENERATOR -> {
                long g = le64(data);
                if (!isPrime(g)) {
                    yield generic(SspResponse.PARAMETER_OUT_OF_RANGE);
                }
                generator = g;
                yield ok();
            }
            case SspCommand.SET_MODULUS -> {
                long m = le64(data);
                if (!isPrime(m)) {
                    yield generic(SspResponse.PARAMETER_OUT_OF_RANGE);
                }
                modulus = m;
                yield ok();
            }
            case SspCommand.REQUEST_KEY_EXCHANGE -> {
                if (generator == 0 || modulus == 0) {
                    yield generic(SspResponse.CANNOT_PROCESS);
                }
                long slaveRandom = 2 + (random.nextLong() >>> 34);
                long hostInter = le64(data);
                long slaveInter = EsspKeys.slaveIntermediate(generator, modulus, slaveRandom);
                long negotiated = EsspKeys.slaveNegotiated(hostInter, modulus, slaveRandom);
                session = new EsspSession(EsspKeys.aesKey(EsspKeys.DEFAULT_FIXED_KEY, negotiated));
                byte[] r = new byte[9];
                r[0] = (byte) SspResponse.OK.code;
                for (int i = 0; i < 8; i++) {
                    r[1 + i] = (byte) (slaveInter >>> (8 * i));
                }
                yield r;
            }
            default -> generic(SspResponse.UNKNOWN_COMMAND);
        };
    }

    private boolean inEscrow() {
        return state.note().map(n -> n.stage() == NoteStage.ESCROW && n.jam() == NoteInPath.Jam.NONE).orElse(false);
    }

    // ---- POLL ----

    /**
     * POLL, or POLL WITH ACK ({@code withAck}). With ack, the events that need one (EE, E6, E2, E1) are kept, in the
     * state file, until EVENT ACK; meanwhile every POLL WITH ACK reply tells them again and the note in the path
     * does not move (essp.md §4). A plain POLL tells everything once, as before, including events a POLL WITH ACK
     * left unacknowledged (a host gone back to plain POLL): told once more and done with.
     */
    private byte[] poll(boolean withAck) {
        polls++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SspResponse.OK.code);
        while (!queued.isEmpty()) {
            out.writeBytes(queued.poll());
        }
        List<AcceptorState.Told> unacked = state.unacked();
        if (!unacked.isEmpty()) {
            for (AcceptorState.Told t : unacked) {
                out.write(t.code());
                out.write(t.channel());
            }
            if (withAck) {
                pollsSincePowerUp++;
                conditions(out);
                return out.toByteArray();
            }
            state.unacked(List.of());
            save();
        }
        owed = withAck ? new ArrayList<>() : null;
        if (pollsSincePowerUp >= 1 && !clearingInFlight && !state.pendingClearing().isEmpty()) {
            // ITL's power-loss flow tells the clearing in the poll after SLAVE RESET (essp.md §6).
            for (AcceptorState.Clearing c : state.pendingClearing()) {
                event(out, c.toCashbox() ? SspEventCode.NOTE_CLEARED_TO_CASHBOX : SspEventCode.NOTE_CLEARED_FROM_FRONT, c.channel());
            }
            if (withAck) {
                state.pendingClearing(List.of()); // now waiting for EVENT ACK instead (saved below)
            } else {
                clearingInFlight = true;
            }
        }
        pollsSincePowerUp++;
        state.note().ifPresent(n -> progress(n, out));
        if (owed != null && !owed.isEmpty()) {
            state.unacked(owed); // on disk before the reply that tells them
            save();
        }
        owed = null;
        conditions(out);
        byte[] r = out.toByteArray();
        return r.length > 255 ? java.util.Arrays.copyOf(r, 255) : r;
    }

    /** Conditions, told in every poll while they last (the S2 flows repeat EA E8 and E8). */
    private void conditions(ByteArrayOutputStream out) {
        if (!state.cashboxIn()) {
            out.write(SspEventCode.CASHBOX_REMOVED.code);
        }
        if (state.stackerFull()) {
            out.write(SspEventCode.STACKER_FULL.code);
        }
        state.note().ifPresent(n -> {
            if (n.jam() == NoteInPath.Jam.SAFE) {
                out.write(SspEventCode.SAFE_JAM.code);
            } else if (n.jam() == NoteInPath.Jam.UNSAFE) {
                out.write(SspEventCode.UNSAFE_JAM.code);
            }
        });
        if (!state.enabled()) {
            out.write(SspEventCode.DISABLED.code);
        } else if (protocol >= 7 && (state.inhibits() & channelMask()) == 0) {
            out.write(SspEventCode.CHANNEL_DISABLE.code);
        }
    }

    /** Moves the note in the path one step on, writing what this poll tells about it. */
    private void progress(NoteInPath n, ByteArrayOutputStream out) {
        if (n.jam() != NoteInPath.Jam.NONE) {
            return; // a jammed note goes nowhere until the jam is cleared
        }
        switch (n.stage()) {
            case READING -> {
                if (n.step() == 0) {
                    setNote(n.nextStep());
                    event(out, SspEventCode.READ, 0);
                    return;
                }
                if (takeFault(AcceptorFault.UNSAFE_JAM)) {
                    state.count("unsafeJams");
                    state.enabled(false);
                    setNote(n.jammed(NoteInPath.Jam.UNSAFE));
                    return;
                }
                int code = n.fake() ? REJECT_AVERAGE
                        : n.channel() == 0 ? REJECT_LENGTH
                        : (state.inhibits() & (1 << (n.channel() - 1))) == 0 ? REJECT_INHIBITED
                        : 0;
                if (code != 0) {
                    reject(code);
                    progress(state.note().orElseThrow(), out);
                    return;
                }
                setNote(n.at(NoteStage.ESCROW));
                event(out, SspEventCode.READ, n.channel());
            }
            case ESCROW -> setNote(n.at(NoteStage.STACKING)); // this POLL accepts the note; S2 answers it with F0 alone
            case STACKING -> {
                if (n.step() == 0) {
                    setNote(n.nextStep());
                    out.write(SspEventCode.STACKING.code);
                    return;
                }
                if (takeFault(AcceptorFault.SAFE_JAM)) {
                    state.count("safeJams");
                    state.enabled(false);
                    setNote(n.jammed(NoteInPath.Jam.SAFE)); // essp.md §5: after a safe jam no credit is told
                    return;
                }
                if (takeFault(AcceptorFault.FRAUD_ATTEMPT)) {
                    state.count("fraudAttempts");
                    setNote(n.at(NoteStage.FRAUD));
                    event(out, SspEventCode.FRAUD_ATTEMPT, n.channel());
                    return;
                }
                state.credit(n.channel(), n.valueFen(), Credit.Via.CREDIT, Instant.ofEpochMilli(clock.millis()));
                setNote(n.at(NoteStage.CREDITED));
                event(out, SspEventCode.NOTE_CREDIT, n.channel());
                out.write(SspEventCode.STACKING.code);
            }
            case CREDITED -> {
                state.addToCashbox(n.valueFen());
                state.count("stacked");
                setNote(null);
                out.write(SspEventCode.STACKED.code);
            }
            case FRAUD -> {
                setNote(null); // S2: FRAUD ATTEMPT, then STACKED, no credit; the note went back on its string
                out.write(SspEventCode.STACKED.code);
            }
            case REJECTING -> {
                if (n.step() == 0) {
                    setNote(n.nextStep());
                    out.write(SspEventCode.REJECTING.code);
                    return;
                }
                state.count("rejected");
                setNote(null);
                out.write(SspEventCode.REJECTED.code);
            }
            default -> throw new IllegalStateException(n.stage().name());
        }
    }

    private void setNote(NoteInPath n) {
        NoteStage before = state.note().map(NoteInPath::stage).orElse(null);
        state.note(n);
        save();
        if (n != null && cutAt != null && n.stage() == cutAt && before != cutAt) {
            cutAt = null;
            pendingCut = true;
        }
    }

    private void reject(int code) {
        state.lastRejectCode(code);
        setNote(state.note().orElseThrow().rejecting(code));
    }

    /** Writes an event with its channel; in a POLL WITH ACK reply, one that needs an ack is kept until EVENT ACK. */
    private void event(ByteArrayOutputStream out, SspEventCode code, int channel) {
        out.write(code.code);
        out.write(channel);
        if (owed != null && code.needsEventAck()) {
            owed.add(new AcceptorState.Told(code.code, channel));
        }
    }

    private int channelMask() {
        return (1 << state.dataset().channelsFen().size()) - 1;
    }

    // ---- set-up replies ----

    private byte[] setupRequest() {
        Dataset d = state.dataset();
        int n = d.channelsFen().size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SspResponse.OK.code);
        out.write(0x00); // unit type: note validator
        out.writeBytes(FIRMWARE.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(d.country().getBytes(StandardCharsets.US_ASCII));
        be24(out, 1); // value multiplier: channel values in whole yuan
        out.write(n);
        for (long v : d.channelsFen()) {
            out.write((int) (v / 100));
        }
        for (long v : d.channelsFen()) {
            out.write(v == 0 ? 0 : 2); // channel security, obsolete
        }
        be24(out, 100); // real value multiplier: yuan to fen
        out.write(protocol);
        if (protocol >= 6) {
            expanded(out, d);
        }
        return out.toByteArray();
    }

    private byte[] unitData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SspResponse.OK.code);
        out.write(0x00);
        out.writeBytes(FIRMWARE.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(state.dataset().country().getBytes(StandardCharsets.US_ASCII));
        be24(out, 1);
        out.write(protocol);
        return out.toByteArray();
    }

    private byte[] channelValues() {
        Dataset d = state.dataset();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SspResponse.OK.code);
        out.write(d.channelsFen().size());
        for (long v : d.channelsFen()) {
            out.write((int) (v / 100));
        }
        if (protocol >= 6) {
            expanded(out, d);
        }
        return out.toByteArray();
    }

    /** From protocol 6: a country code per channel, then each value as 4 bytes little-endian, in whole yuan. */
    private static void expanded(ByteArrayOutputStream out, Dataset d) {
        for (int i = 0; i < d.channelsFen().size(); i++) {
            out.writeBytes(d.country().getBytes(StandardCharsets.US_ASCII));
        }
        for (long v : d.channelsFen()) {
            long yuan = v / 100;
            for (int k = 0; k < 4; k++) {
                out.write((int) (yuan >>> (8 * k)));
            }
        }
    }

    private static void be24(ByteArrayOutputStream out, int v) {
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static long le64(byte[] data) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (data[1 + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    private static boolean isPrime(long v) {
        return v > 1 && BigInteger.valueOf(v).isProbablePrime(30);
    }

    private static byte[] ok() {
        return new byte[] {(byte) SspResponse.OK.code};
    }

    private static byte[] okText(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] r = new byte[t.length + 1];
        r[0] = (byte) SspResponse.OK.code;
        System.arraycopy(t, 0, r, 1, t.length);
        return r;
    }

    private static byte[] generic(SspResponse r) {
        return new byte[] {(byte) r.code};
    }

    // ---- time ----

    /** Runs the timers: power coming back, and 10 s without a command (a held note back out, the unit disabled). */
    synchronized void tick() {
        long now = clock.millis();
        if (off) {
            if (now >= offUntil) {
                reload();
                powerUp();
            }
            return;
        }
        if (!timedOut && now - lastCommandAt >= COMMS_TIMEOUT_MILLIS) {
            timedOut = true;
            boolean changed = false;
            if (inEscrow()) {
                state.count("escrowTimeouts");
                reject(REJECT_ESCROW_TIMEOUT);
                changed = true;
            }
            if (state.enabled()) {
                state.enabled(false);
                changed = true;
            }
            if (changed) {
                save();
            }
        }
    }

    // ---- power ----

    /** Power goes off now for {@code offMillis}; all the unit keeps is its state file. */
    synchronized void powerOff(long offMillis) {
        off = true;
        offUntil = clock.millis() + Math.max(0, offMillis);
        session = null;
        queued.clear();
    }

    synchronized boolean isOff() {
        return off;
    }

    /** What the unit finds when power comes back: the state as last written. */
    private void reload() {
        if (file != null && Files.exists(file)) {
            try {
                state = AcceptorState.read(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            state = saved.copy();
        }
    }

    /**
     * Power-up (essp.md §6): SLAVE RESET, disabled, every channel inhibited, no key, no sequence; a note found
     * in front of the stacker is handed back (E1 ch), one in the stack path goes into the cash box (E2 ch) and
     * is counted there once.
     */
    private void powerUp() {
        off = false;
        lastFlag = null;
        lastReply = null;
        lastCommandAt = clock.millis();
        timedOut = false;
        protocol = DEFAULT_PROTOCOL;
        queued.clear();
        pollsSincePowerUp = 0;
        clearingInFlight = false;
        generator = 0;
        modulus = 0;
        session = null;
        state.count("powerUps");
        state.enabled(false);
        state.inhibits(0);
        // Events a POLL WITH ACK told and the host never acknowledged: the unit restarts, so they are told as what
        // the power-up finds. An E1/E2 is told again after SLAVE RESET. An EE's note is still in the stack path (no
        // note moves until the ack), so essp.md §6 moves it into the box and tells E2 with its channel: one report
        // of that note after the restart, counted once in the credits (CREDIT_THEN_CLEARED). An E6's note went back
        // on its string: there is nothing left to tell.
        List<AcceptorState.Clearing> clearing = new ArrayList<>();
        for (AcceptorState.Told t : state.unacked()) {
            if (t.code() == SspEventCode.NOTE_CLEARED_FROM_FRONT.code || t.code() == SspEventCode.NOTE_CLEARED_TO_CASHBOX.code) {
                clearing.add(new AcceptorState.Clearing(t.code() == SspEventCode.NOTE_CLEARED_TO_CASHBOX.code, t.channel()));
            }
        }
        state.unacked(List.of());
        clearing.addAll(state.pendingClearing());
        state.note().ifPresent(n -> {
            if (n.stage().inStackPath()) {
                state.addToCashbox(n.valueFen());
                if (n.stage() == NoteStage.CREDITED) {
                    state.lastCreditClearedToo();
                } else {
                    state.credit(n.channel(), n.valueFen(), Credit.Via.CLEARED_TO_CASHBOX, Instant.ofEpochMilli(clock.millis()));
                }
                state.count("clearedToCashbox");
                clearing.add(new AcceptorState.Clearing(true, n.channel()));
            } else if (n.stage() != NoteStage.FRAUD) {
                boolean known = n.stage() != NoteStage.READING; // the host never heard a reading note's channel
                state.count("clearedFromFront");
                clearing.add(new AcceptorState.Clearing(false, known ? n.channel() : 0));
            }
        });
        state.note(null);
        state.pendingClearing(clearing);
        save();
        queued.add(new byte[] {(byte) SspEventCode.SLAVE_RESET.code});
    }

    // ---- controls ----

    /** A villager pushes a note in; false when the unit would not draw it in (off, disabled, busy, box out, full, jammed). */
    synchronized boolean insert(long valueFen, boolean fake) {
        if (off || !state.enabled() || state.note().isPresent() || !state.cashboxIn() || state.stackerFull()
                || state.ackPending()) { // essp.md §4: no note action until EVENT ACK
            return false;
        }
        int channel = fake ? 0 : state.dataset().channelOf(valueFen);
        setNote(new NoteInPath(NoteStage.READING, channel, fake ? 0 : valueFen, fake, 0, NoteInPath.Jam.NONE, 0));
        return true;
    }

    synchronized void inject(AcceptorFault fault, int times) {
        noteFaults.put(fault, times);
    }

    /** Takes one use of a note fault. */
    private boolean takeFault(AcceptorFault fault) {
        Integer left = noteFaults.get(fault);
        if (left == null || left <= 0) {
            return false;
        }
        if (left != Integer.MAX_VALUE) {
            noteFaults.put(fault, left - 1);
        }
        return true;
    }

    synchronized void clearFaults() {
        noteFaults.clear();
        cutAt = null;
    }

    /** Power goes off for {@code offMillis} just after the reply that moves the note into {@code stage} has gone. */
    synchronized void cutPowerWhen(NoteStage stage, long offMillis) {
        cutAt = stage;
        cutOffMillis = offMillis;
    }

    synchronized long cutOffMillis() {
        return cutOffMillis;
    }

    synchronized void removeCashbox() {
        if (state.cashboxIn()) {
            state.cashboxIn(false);
            state.count("cashboxRemovals");
            save();
        }
    }

    /** An emptied cash box goes back in: the counts start again from nothing. */
    synchronized void replaceCashbox() {
        state.cashboxIn(true);
        state.emptyCashbox();
        state.count("cashboxReplacements");
        save();
        if (!off) {
            queued.add(new byte[] {(byte) SspEventCode.CASHBOX_REPLACED.code});
        }
    }

    synchronized void setStackerCapacity(int notes) {
        state.stackerCapacity(Math.max(0, notes));
        save();
    }

    synchronized void setEssp(boolean on) {
        state.essp(on);
        save();
    }

    synchronized void setPollWithAck(boolean supported) {
        state.noPollWithAck(!supported);
        save();
    }

    synchronized void setDataset(Dataset d) {
        state.dataset(d);
        save();
    }

    /** Someone opens the unit and clears the jam: it restarts with the note where it stuck (E1 or E2). */
    synchronized boolean clearJam() {
        if (state.note().map(n -> n.jam() == NoteInPath.Jam.NONE).orElse(true)) {
            return false;
        }
        powerUp();
        return true;
    }

    synchronized AcceptorState snapshot() {
        return state.copy();
    }

    synchronized String describe() {
        return "commands " + commands + " (encrypted " + encryptedCommands + ", repeats answered " + repeats
                + ", polls " + polls + " (with ack " + pollsWithAck + ")" + ", event acks " + eventAcks + ")"
                + ", protocol " + protocol + ", key " + (session != null) + ", off " + off + ", last flag " + lastFlag
                + ", last reply " + (lastReply == null ? "none" : HexFormat.ofDelimiter(" ").formatHex(lastReply.data()))
                + "; " + state;
    }

    synchronized long commands() {
        return commands;
    }

    synchronized long encryptedCommands() {
        return encryptedCommands;
    }

    synchronized long repeats() {
        return repeats;
    }

    synchronized long pollsWithAck() {
        return pollsWithAck;
    }

    synchronized long polls() {
        return polls;
    }

    synchronized boolean ackPending() {
        return state.ackPending();
    }

    synchronized long eventAcks() {
        return eventAcks;
    }

    synchronized boolean keyNegotiated() {
        return session != null;
    }

    private void save() {
        if (file != null) {
            try {
                state.write(file, Instant.ofEpochMilli(clock.millis()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the emulator's state file " + file, e);
            }
        }
        if (file == null) {
            saved = state.copy();
        }
    }
}
