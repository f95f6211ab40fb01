package cn.yzz.kiosk.device.cash;

import cn.yzz.kiosk.device.cash.ssp.EsspCipher;
import cn.yzz.kiosk.device.cash.ssp.EsspKeys;
import cn.yzz.kiosk.device.cash.ssp.EsspSession;
import cn.yzz.kiosk.device.cash.ssp.SspCommand;
import cn.yzz.kiosk.device.cash.ssp.SspException;
import cn.yzz.kiosk.device.cash.ssp.SspFrame;
import cn.yzz.kiosk.device.cash.ssp.SspFrameDecoder;
import cn.yzz.kiosk.device.serial.LinkLostException;
import cn.yzz.kiosk.device.serial.MemoryCable;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SSP slave for driver tests on a {@link MemoryCable}: it keeps the sequence-flag rule (a repeated flag
 * gets the last reply again, unexecuted), answers SYNC, HOST PROTOCOL VERSION, SETUP REQUEST (a CNY dataset,
 * ¥1–¥100 on channels 1–6), serial, inhibits, enable/disable, POLL, HOLD, REJECT, LAST REJECT CODE and the eSSP
 * key exchange, and replays poll replies the test queues. Faults: replies dropped, garbage, a bad CRC, silence,
 * power cycle, eSSP mode. Every command it hears is recorded with its flag and its exact wire bytes.
 */
final class ScriptedSlave implements AutoCloseable {

    /** One command as heard: its flag, its data (unwrapped), whether it came wrapped, and the raw frame. */
    record Heard(boolean flag, byte[] data, boolean wrapped, byte[] wire, boolean executed) {
        int command() {
            return data[0] & 0xFF;
        }

        @Override
        public String toString() {
            return (flag ? "1:" : "0:") + HexFormat.of().withUpperCase().formatHex(data) + (wrapped ? "(e)" : "")
                    + (executed ? "" : "(repeat)");
        }
    }

    private final SerialLink link;
    private final Thread thread;
    private volatile boolean running = true;
    final List<Heard> heard = Collections.synchronizedList(new ArrayList<>());

    // Behaviour, set by tests.
    volatile int maxProtocol = 8;
    volatile String country = "CNY";
    volatile long serial = 1873452;
    volatile boolean essp;
    volatile boolean silent;
    final AtomicInteger dropReplies = new AtomicInteger();
    final AtomicInteger corruptReplies = new AtomicInteger();
    volatile byte[] garbageBeforeReplies = new byte[0];
    final ArrayDeque<byte[]> pollReplies = new ArrayDeque<>();

    // State.
    private int protocol = 4;
    private boolean lastFlag = true;
    private byte[] lastReply;
    private boolean enabled;
    private int inhibits;
    private int escrowChannel;
    private boolean escrowReported;
    private int lastReject;
    private long generator;
    private long modulus;
    private EsspSession session;
    private final SplittableRandom random = new SplittableRandom(7);
    final AtomicInteger executed = new AtomicInteger();

    ScriptedSlave(MemoryCable cable) throws IOException {
        this.link = cable.openDevice(9600);
        this.thread = new Thread(this::run, "scripted-ssp-slave");
        thread.setDaemon(true);
        thread.start();
    }

    /** Power cut and back: everything forgotten, SLAVE RESET and DISABLED on the first poll. */
    synchronized void powerCycle() {
        protocol = 4;
        enabled = false;
        inhibits = 0;
        escrowChannel = 0;
        session = null;
        lastReply = null;
        lastFlag = true;
        pollReplies.clear();
        pollReplies.add(hex("F1E8"));
    }

    /** A note of {@code channel} is inserted: read, then held in escrow until POLL (accept) or REJECT. */
    synchronized void insert(int channel) {
        pollReplies.add(hex("EF00"));
        pollReplies.add(new byte[] {(byte) 0xEF, (byte) channel});
    }

    synchronized void queue(String eventsHex) {
        pollReplies.add(hex(eventsHex));
    }

    synchronized boolean pollRepliesEmpty() {
        return pollReplies.isEmpty();
    }

    List<Heard> heard() {
        synchronized (heard) {
            return List.copyOf(heard);
        }
    }

    List<Integer> commands() {
        return heard().stream().map(Heard::command).toList();
    }

    private void run() {
        SspFrameDecoder decoder = new SspFrameDecoder();
        byte[] buf = new byte[512];
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (running) {
            try {
                int n = link.read(buf, 0, buf.length, 50);
                if (n > 0) {
                    decoder.feed(buf, 0, n);
                    raw.write(buf, 0, n);
                }
                while (true) {
                    Optional<SspFrame> f;
                    try {
                        f = decoder.next();
                    } catch (SspException e) {
                        continue;
                    }
                    if (f.isEmpty()) {
                        break;
                    }
                    byte[] wire = f.get().encode();
                    raw.reset();
                    byte[] reply = handle(f.get(), wire);
                    if (reply != null && !silent) {
                        if (dropReplies.get() > 0) {
                            dropReplies.decrementAndGet();
                            continue;
                        }
                        byte[] out = SspFrame.of(f.get().flag(), 0, reply).encode();
                        if (corruptReplies.get() > 0) {
                            corruptReplies.decrementAndGet();
                            out[out.length - 1] ^= 0x55;
                        }
                        byte[] g = garbageBeforeReplies;
                        if (g.length > 0) {
                            link.write(g);
                        }
                        link.write(out);
                    }
                }
            } catch (LinkLostException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    e.printStackTrace();
                }
                return;
            }
        }
    }

    private synchronized byte[] handle(SspFrame frame, byte[] wire) {
        byte[] data = frame.data();
        boolean wrapped = EsspCipher.isWrapped(data);
        int cmd = data[0] & 0xFF;
        if (!wrapped && cmd == SspCommand.SYNC) {
            heard.add(new Heard(frame.flag(), data, false, wire, true));
            lastFlag = true; // the next command is expected with the flag clear
            lastReply = hex("F0");
            executed.incrementAndGet();
            return lastReply;
        }
        if (frame.flag() == lastFlag && lastReply != null) {
            heard.add(new Heard(frame.flag(), data, wrapped, wire, false));
            return lastReply; // a retransmission: repeat, do not execute
        }
        byte[] plain = data;
        if (wrapped) {
            if (session == null) {
                return null;
            }
            try {
                plain = session.unwrapCommand(data);
            } catch (SspException e) {
                return null; // a packet it cannot read is discarded
            }
        }
        heard.add(new Heard(frame.flag(), plain, wrapped, wire, true));
        executed.incrementAndGet();
        lastFlag = frame.flag();
        byte[] reply = execute(plain, wrapped);
        if (wrapped) {
            reply = session.wrapReply(reply, random);
        }
        lastReply = reply;
        return reply;
    }

    private byte[] execute(byte[] d, boolean wrapped) {
        int cmd = d[0] & 0xFF;
        boolean keyCommand = cmd == SspCommand.SET_GENERATOR || cmd == SspCommand.SET_MODULUS
                || cmd == SspCommand.REQUEST_KEY_EXCHANGE;
        if (essp && session == null && !keyCommand) {
            return hex("FA");
        }
        switch (cmd) {
            case SspCommand.HOST_PROTOCOL_VERSION:
                if ((d[1] & 0xFF) > maxProtocol) {
                    return hex("F8");
                }
                protocol = d[1] & 0xFF;
                return hex("F0");
            case SspCommand.SETUP_REQUEST:
                return setup();
            case SspCommand.GET_SERIAL_NUMBER:
                return new byte[] {(byte) 0xF0, (byte) (serial >>> 24), (byte) (serial >>> 16), (byte) (serial >>> 8), (byte) serial};
            case SspCommand.SET_CHANNEL_INHIBITS:
                inhibits = (d[1] & 0xFF) | (d[2] & 0xFF) << 8;
                return hex("F0");
            case SspCommand.ENABLE:
                enabled = true;
                return hex("F0");
            case SspCommand.DISABLE:
                enabled = false;
                return hex("F0");
            case SspCommand.HOLD:
                return escrowChannel > 0 ? hex("F0") : hex("F5");
            case SspCommand.REJECT:
                if (escrowChannel == 0) {
                    return hex("F5");
                }
                escrowChannel = 0;
                lastReject = 0x08;
                pollReplies.addFirst(hex("EC"));
                pollReplies.addFirst(hex("ED"));
                return hex("F0");
            case SspCommand.LAST_REJECT_CODE:
                return new byte[] {(byte) 0xF0, (byte) lastReject};
            case SspCommand.POLL:
                return poll();
            case SspCommand.SET_GENERATOR:
                generator = SspTestBytes.le64(d, 1);
                return hex("F0");
            case SspCommand.SET_MODULUS:
                modulus = SspTestBytes.le64(d, 1);
                return hex("F0");
            case SspCommand.REQUEST_KEY_EXCHANGE: {
                long slaveRandom = 0x1234567;
                long hostInter = SspTestBytes.le64(d, 1);
                long inter = EsspKeys.slaveIntermediate(generator, modulus, slaveRandom);
                session = new EsspSession(EsspKeys.aesKey(EsspKeys.DEFAULT_FIXED_KEY,
                        EsspKeys.slaveNegotiated(hostInter, modulus, slaveRandom)));
                byte[] r = SspCommand.withLong(0xF0, inter);
                return r;
            }
            default:
                return hex("F2");
        }
    }

    private byte[] poll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xF0);
        if (escrowChannel > 0 && escrowReported) {
            // A POLL after READ ch: the note is accepted.
            int ch = escrowChannel;
            escrowChannel = 0;
            pollReplies.addFirst(hex("EB"));
            pollReplies.addFirst(new byte[] {(byte) 0xEE, (byte) ch, (byte) 0xCC});
            pollReplies.addFirst(hex("CC"));
            return out.toByteArray();
        }
        byte[] next = pollReplies.poll();
        if (next != null) {
            out.writeBytes(next);
            if (next.length == 2 && (next[0] & 0xFF) == 0xEF && next[1] != 0) {
                escrowChannel = next[1] & 0xFF;
                escrowReported = true;
            }
        }
        if (!enabled && (next == null || !HexFormat.of().formatHex(next).contains("e8"))) {
            out.write(0xE8);
        }
        return out.toByteArray();
    }

    private byte[] setup() {
        // ¥1 ¥5 ¥10 ¥20 ¥50 ¥100 on channels 1–6: multiplier 1, real multiplier 100.
        int[] values = {1, 5, 10, 20, 50, 100};
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0xF0);
        o.write(0x00);
        o.writeBytes("0333".getBytes());
        o.writeBytes(country.getBytes());
        o.writeBytes(new byte[] {0, 0, 1});
        o.write(values.length);
        for (int v : values) {
            o.write(v);
        }
        for (int v : values) {
            o.write(2);
        }
        o.writeBytes(new byte[] {0, 0, 100});
        o.write(protocol);
        if (protocol >= 6) {
            for (int v : values) {
                o.writeBytes(country.getBytes());
            }
            for (int v : values) {
                o.writeBytes(new byte[] {(byte) v, 0, 0, 0});
            }
        }
        return o.toByteArray();
    }

    synchronized int inhibits() {
        return inhibits;
    }

    synchronized boolean enabled() {
        return enabled;
    }

    synchronized boolean encrypted() {
        return session != null;
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
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
    }
}
