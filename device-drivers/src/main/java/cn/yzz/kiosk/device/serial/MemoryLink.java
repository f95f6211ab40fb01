package cn.yzz.kiosk.device.serial;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory serial cable for unit tests and the demo. Unlike a pty it models line speed: bytes
 * sent at one baud rate and received at another arrive garbled, as on a real wire, which is what
 * baud-rate detection has to cope with.
 */
public final class MemoryLink implements SerialLink {

    private static final int CAPACITY = 64 * 1024;

    private final String port;
    private final Pipe inbound;
    private MemoryLink peer;
    private volatile int baud;
    private volatile boolean open = true;

    private MemoryLink(String port, int baud) {
        this.port = port;
        this.baud = baud;
        this.inbound = new Pipe();
    }

    /** Two connected ends, {@code [host, device]}, both at {@code baud}. */
    public static MemoryLink[] pair(String name, int baud) {
        MemoryLink host = new MemoryLink(name, baud);
        MemoryLink device = new MemoryLink(name + "#device", baud);
        host.peer = device;
        device.peer = host;
        return new MemoryLink[] {host, device};
    }

    /** Pulls the cable: both ends fail from now on. */
    public void disconnect() {
        close();
        peer.close();
    }

    @Override
    public String port() {
        return port;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ensureOpen();
        if (!peer.open) {
            throw new LinkLostException(port + ": the other end is gone");
        }
        boolean garble = peer.baud != baud;
        for (int i = 0; i < length; i++) {
            byte b = data[offset + i];
            // A receiver sampling at the wrong speed reads different bits; any fixed scrambling will do.
            peer.inbound.put(garble ? (byte) ((b * 31 + 0x5A) ^ (baud / peer.baud)) : b);
        }
        peer.inbound.signal();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
        ensureOpen();
        int n = inbound.take(buffer, offset, length, timeoutMillis, this);
        if (n < 0) {
            throw new LinkLostException(port + ": link closed");
        }
        return n;
    }

    @Override
    public void discardInput() throws IOException {
        ensureOpen();
        inbound.clear();
    }

    @Override
    public int baudRate() {
        return baud;
    }

    @Override
    public void setBaudRate(int baud) {
        this.baud = baud;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        inbound.signal();
        if (peer != null) {
            peer.inbound.signal();
        }
    }

    private void ensureOpen() throws LinkLostException {
        if (!open) {
            throw new LinkLostException(port + ": link is closed");
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

        int take(byte[] buf, int off, int len, long timeoutMillis, MemoryLink owner) throws LinkLostException {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            lock.lock();
            try {
                while (size == 0) {
                    if (!owner.open || !owner.peer.open) {
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
