package cn.yzz.kiosk.device.sscard.emu;

import cn.yzz.kiosk.device.sscard.Apdus;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;

/**
 * A social security card in pcscd's virtual reader: the card side of the vsmartcard vpcd protocol
 * (platform-recipes §4). Inserting the card connects to vpcd on 127.0.0.1; removing it closes the
 * connection. Every message either way is a 2-byte big-endian length and a payload; a 1-byte
 * payload is a control code ({@code 00} power off, {@code 01} power on, {@code 02} reset: no
 * reply; {@code 04}: reply with the ATR), anything else a command APDU answered by
 * {@link VirtualSsCard}.
 *
 * <p>vpcd sends the length and the payload in separate segments; without {@code TCP_QUICKACK}
 * after each length read, Nagle on its side and delayed ACK on ours cost about 44 ms per APDU.
 */
public final class VpcdCard implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("cn.yzz.kiosk.device.sscard.emu");
    /** The first virtual reader, "Virtual PCD 00 00"; the second listens on the next port. */
    public static final int FIRST_PORT = 35963;

    private final int port;
    private final Set<SsFault> faults = Collections.synchronizedSet(EnumSet.noneOf(SsFault.class));
    private final AtomicLong apdus = new AtomicLong();
    private Socket socket;
    private Thread thread;
    private boolean holdsSlot;
    /** Per port: the machine-wide lock this JVM holds, and how many cards of this JVM use it. */
    private static final Map<Integer, FileChannel> SLOT_LOCKS = new HashMap<>();
    private static final Map<Integer, Integer> SLOT_USERS = new HashMap<>();

    /** A card for the reader whose vpcd listens on {@code port} ({@link #FIRST_PORT} for the first). */
    public VpcdCard(int port) {
        this.port = port;
    }

    /**
     * Puts {@code fixture} into the reader (removing the card that is there). pcscd notices a
     * removal only when it next polls vpcd, about every 400 ms: a card inserted before then takes
     * the old one's place unseen, so wait for the slot to be empty between cards.
     */
    public synchronized void insert(SsCardFixture fixture) throws IOException {
        remove();
        holdTheSlot();
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            s.close();
            throw new IOException("无法连接 127.0.0.1:" + port + " 上的虚拟读卡器（vpcd）：pcscd 没有运行，或没有安装 vsmartcard-vpcd（" + e.getMessage() + "）", e);
        }
        socket = s;
        VirtualSsCard card = new VirtualSsCard(fixture);
        thread = new Thread(() -> serve(s, card), "emu-ss-card-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes the card out. Idempotent. */
    public synchronized void remove() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to do
            }
            socket = null;
        }
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** Arms {@code fault} for the next exchange it applies to. */
    public void inject(SsFault fault) {
        faults.add(fault);
    }

    /** Command APDUs answered since this object was made. */
    public long apdus() {
        return apdus.get();
    }

    @Override
    public synchronized void close() {
        remove();
        if (holdsSlot) {
            holdsSlot = false;
            releaseSlot(port);
        }
    }

    /**
     * A virtual reader is one per machine, and the test suite builds modules in parallel: two JVMs putting cards
     * into the same reader would swap each other's card unseen. The first insert takes the reader for this object's
     * life (until {@link #close}), waiting while another process holds it; cards of the same JVM share it.
     */
    private void holdTheSlot() throws IOException {
        if (holdsSlot) {
            return;
        }
        synchronized (SLOT_LOCKS) {
            if (!SLOT_LOCKS.containsKey(port)) {
                Path file = Path.of(System.getProperty("yzz.machine.lockdir", "/tmp"), "yzz-kiosk-vpcd-" + port + ".lock");
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                try {
                    ch.lock();
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                SLOT_LOCKS.put(port, ch);
            }
            SLOT_USERS.merge(port, 1, Integer::sum);
        }
        holdsSlot = true;
    }

    private static void releaseSlot(int port) {
        synchronized (SLOT_LOCKS) {
            if (SLOT_USERS.merge(port, -1, Integer::sum) > 0) {
                return;
            }
            SLOT_USERS.remove(port);
            try {
                SLOT_LOCKS.remove(port).close(); // releases the lock
            } catch (IOException e) {
                // closing: nothing left to do
            }
        }
    }

    private void serve(Socket s, VirtualSsCard card) {
        try (s) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            while (true) {
                int len = in.readUnsignedShort();
                s.setOption(ExtendedSocketOptions.TCP_QUICKACK, true); // again every time: Linux clears it
                byte[] msg = new byte[len];
                in.readFully(msg);
                if (len == 1) {
                    switch (msg[0]) {
                        case 0x00, 0x01, 0x02 -> card.reset();
                        case 0x04 -> send(out, VirtualSsCard.ATR);
                        default -> LOG.log(Level.WARNING, "vpcd sent unknown control byte {0}", msg[0]);
                    }
                    continue;
                }
                if (pullOut(msg)) {
                    LOG.log(Level.INFO, "card pulled out mid-read (fault)");
                    return;
                }
                apdus.incrementAndGet();
                send(out, card.process(msg));
            }
        } catch (EOFException | SocketException e) {
            // the card was removed, or vpcd went away with pcscd
        } catch (IOException e) {
            LOG.log(Level.WARNING, "virtual card on port {0} stopped: {1}", port, e.toString());
        }
    }

    private boolean pullOut(byte[] apdu) {
        boolean ef06 = (apdu[1] & 0xFF) == Apdus.INS_SELECT && apdu.length >= 7 && (apdu[5] & 0xFF) == 0xEF && apdu[6] == 0x06
                || (apdu[1] & 0xFF) == Apdus.INS_READ_RECORD && (apdu[3] & 0xFF) == 0x34;
        return ef06 && faults.remove(SsFault.PULLED_OUT_MID_READ);
    }

    private static void send(DataOutputStream out, byte[] payload) throws IOException {
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
    }
}
