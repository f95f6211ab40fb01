package cn.yzz.kiosk.device.serial;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory serial cable for unit tests and the demo. The host and device ends can each be
 * opened again after being closed, as a real port can; {@link #unplug()} and {@link #plugIn()}
 * pull and restore the cable. Unlike a pty it models line speed: bytes sent at one baud rate and
 * received at another arrive garbled, as on a real wire, which baud-rate detection must cope with.
 */
public final class MemoryCable {

    private static final int CAPACITY = 64 * 1024;

    private final String name;
    private final Pipe toDevice = new Pipe();
    private final Pipe toHost = new Pipe();
    private volatile boolean plugged = true;
    /** Bumped on every plug-in: ends opened before it stay dead, as after a real reconnection. */
    private volatile int generation;
    private volatile int hostBaud;
    private volatile int deviceBaud;

    public MemoryCable(String name) {
        this.name = name;
    }

    /** Opens the host (kiosk) end, usable as a {@link LinkOpener}. */
    public SerialLink openHost(int baud) throws IOException {
        return open(true, baud);
    }

    /** Opens the device (emulator) end. */
    public SerialLink openDevice(int baud) throws IOException {
        return open(false, baud);
    }

    /** Pulls the cable: every open end fails from now on and new ends cannot be opened. */
    public void unplug() {
        plugged = false;
        toDevice.signal();
        toHost.signal();
    }

    /** Puts the cable back; ends must be opened again. */
    public void plugIn() {
        toDevice.clear();
        toHost.clear();
        generation++;
        plugged = true;
    }

    public boolean plugged() {
        return plugged;
    }

    private SerialLink open(boolean host, int baud) throws IOException {
        if (!plugged) {
            throw new IOException(name + ": nothing is connected (cable unplugged)");
        }
        if (host) {
            hostBaud = baud;
        } else {
            deviceBaud = baud;
        }
        return new End(host);
    }

    private final class End implements SerialLink {
        private final boolean host;
        private final int born = generation;
        private volatile boolean open = true;

        End(boolean host) {
            this.host = host;
        }

        @Override
        public String port() {
            return host ? name : name + "#device";
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            ensureOpen();
            int mine = baudRate();
            int theirs = host ? deviceBaud : hostBaud;
            Pipe out = host ? toDevice : toHost;
            for (int i = 0; i < length; i++) {
                byte b = data[offset + i];
                // A receiver sampling at the wrong speed reads other bits; any fixed scrambling will do.
                out.put(mine == theirs ? b : (byte) ((b * 31 + 0x5A) ^ (mine / Math.max(1, theirs))));
            }
            out.signal();
        }

        @Override
        public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
            ensureOpen();
            int n = (host ? toHost : toDevice).take(buffer, offset, length, timeoutMillis, this::alive);
            if (n < 0) {
                open = false;
                throw new LinkLostException(port() + ": cable unplugged");
            }
            return n;
        }

        private boolean alive() {
            return open && plugged && born == generation;
        }

        @Override
        public void discardInput() throws IOException {
            ensureOpen();
            (host ? toHost : toDevice).clear();
        }

        @Override
        public int available() throws IOException {
            ensureOpen();
            return (host ? toHost : toDevice).size();
        }

        @Override
        public int baudRate() {
            return host ? hostBaud : deviceBaud;
        }

        @Override
        public void setBaudRate(int baud) {
            if (host) {
                hostBaud = baud;
            } else {
                deviceBaud = baud;
            }
        }

        @Override
        public void close() {
            open = false;
            (host ? toHost : toDevice).signal();
        }

        private void ensureOpen() throws LinkLostException {
            if (!alive()) {
                open = false;
                throw new LinkLostException(port() + (plugged ? ": link is closed" : ": cable unplugged"));
            }
        }
    }

    /** A bounded byte ring with a timed take. */
    private static final class Pipe {
        private final byte[] ring = new byte[CAPACITY];
        private int head;
        private int size;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();

        void put(byte b) throws IOException {
            lock.lock();
            try {
                if (size == ring.length) {
                    throw new IOException("in-memory link overflow: the reader is not keeping up");
                }
                ring[(head + size) % ring.length] = b;
                size++;
            } finally {
                lock.unlock();
            }
        }

        void signal() {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void clear() {
            lock.lock();
            try {
                head = 0;
                size = 0;
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return size;
            } finally {
                lock.unlock();
            }
        }

        interface Alive {
            boolean now();
        }

        int take(byte[] buf, int off, int len, long timeoutMillis, Alive alive) throws LinkLostException {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            lock.lock();
            try {
                while (size == 0) {
                    if (!alive.now()) {
                        return -1;
                    }
                    if (nanos <= 0) {
                        return 0;
                    }
                    try {
                        nanos = changed.awaitNanos(nanos);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new LinkLostException("interrupted while reading");
                    }
                }
                int n = Math.min(len, size);
                for (int i = 0; i < n; i++) {
                    buf[off + i] = ring[head];
                    head = (head + 1) % ring.length;
                }
                size -= n;
                return n;
            } finally {
                lock.unlock();
            }
        }
    }
}
