package cn.yzz.kiosk.cache.bench;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.cache.sync.SyncEngine;
import cn.yzz.kiosk.cache.sync.SyncReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backlog drained from the kiosk's SQLite outbox through a throttled link: a TCP proxy in the test
 * that serialises each direction at 512 kbit/s (shared by all the kiosk's connections) and delays it by
 * 150 ms one way (300 ms round trip).
 * The link's own limit for the bytes sent is the busier direction's bytes (as they crossed the proxy)
 * at 64,000 bytes/s; the figure is that time over the measured drain time. Never asserts.
 */
@Tag("bench")
class ThrottledLinkBench {

    private static final int BACKLOG = 10_000;
    private static final long BYTES_PER_SECOND = 512_000 / 8;
    private static final long ONE_WAY_MS = 150;
    private static final double LIMIT = 0.90;
    private static final String CODE = "7K3Q-92XD";

    @TempDir
    Path dir;

    @Test
    void drainThroughA512kbitLink() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), CODE, FaultSettings.none());
             KioskStore store = KioskStore.open(dir.resolve("kiosk"), Settings.defaults());
             Proxy proxy = new Proxy(backend.port())) {
            Clock clock = Clock.systemUTC();
            SyncConfig direct = DrainBench.enrolled(backend, clock);
            String url = backend.url().replace(":" + backend.port(), ":" + proxy.port());
            SyncConfig config = SyncConfig.defaults(url, direct.kioskId(), direct.token(), true);
            Outbox outbox = store.outbox();
            for (int i = 0; i < BACKLOG; i++) {
                outbox.enqueue(BenchSupport.payment());
            }
            SyncEngine engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(7),
                    HeartbeatSnapshot::empty);
            long up0 = proxy.up.get();
            long down0 = proxy.down.get();
            long t0 = System.nanoTime();
            SyncReport last;
            int passes = 0;
            do {
                last = engine.syncOnce();
                passes++;
            } while (!last.complete() && passes < 1_000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long up = proxy.up.get() - up0;
            long down = proxy.down.get() - down0;
            if (!last.complete() || backend.storedIds().size() != BACKLOG) {
                throw new AssertionError("drain did not complete: " + last);
            }
            // The link is full duplex: its own limit for these bytes is set by the busier direction.
            long busier = Math.max(up, down);
            double ideal = (double) busier / BYTES_PER_SECOND;
            double share = ideal / seconds;
            System.out.printf("BENCH drain %,d through 512 kbit/s, 300 ms RTT: %.1f s against %.1f s the link needs for"
                            + " the bytes sent, %.0f %% of the link's limit (limit >= %.0f %%) %s   %.0f transactions/s,"
                            + " %,d bytes up (%.0f bytes/s), %,d bytes down (%.0f bytes/s), %d batch requests%n",
                    BACKLOG, seconds, ideal, share * 100, LIMIT * 100, BenchSupport.verdict(share >= LIMIT),
                    BACKLOG / seconds, up, up / seconds, down, down / seconds,
                    backend.requestsSeen("/api/v1/transactions:batch"));
        }
    }

    /** Loopback TCP proxy: each direction serialised at BYTES_PER_SECOND, then delayed ONE_WAY_MS. */
    static final class Proxy implements AutoCloseable {
        final AtomicLong up = new AtomicLong();
        final AtomicLong down = new AtomicLong();
        private final ServerSocket server;
        private final int target;

        Proxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::accept, "throttle-accept");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket backend = new Socket(InetAddress.getLoopbackAddress(), target);
                    client.setTcpNoDelay(true);
                    backend.setTcpNoDelay(true);
                    pipe(client, backend, up, upLink);
                    pipe(backend, client, down, downLink);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private record Chunk(long deliverAtNanos, byte[] data) {}

        /** One direction of the link, shared by every connection: the kiosk has one uplink, not one per socket. */
        static final class Link {
            private long free = System.nanoTime();

            /** When {@code n} bytes arriving now have finished crossing the link. */
            synchronized long cross(int n) {
                free = Math.max(free, System.nanoTime()) + n * 1_000_000_000L / BYTES_PER_SECOND;
                return free;
            }
        }

        private final Link upLink = new Link();
        private final Link downLink = new Link();

        private static void pipe(Socket from, Socket to, AtomicLong counter, Link link) throws IOException {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[1460];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        counter.addAndGet(n);
                        queue.put(new Chunk(link.cross(n) + ONE_WAY_MS * 1_000_000L, Arrays.copyOf(buf, n)));
                    }
                } catch (IOException | InterruptedException e) {
                    // connection closed
                }
                queue.add(new Chunk(0, new byte[0]));
            }, "throttle-read");
            Thread writer = new Thread(() -> {
                try {
                    while (true) {
                        Chunk c = queue.take();
                        if (c.data().length == 0) {
                            break;
                        }
                        long wait = c.deliverAtNanos() - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        }
                        out.write(c.data());
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // connection closed
                }
                try {
                    to.shutdownOutput();
                } catch (IOException e) {
                    // already closed
                }
            }, "throttle-write");
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
