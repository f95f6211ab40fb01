package cn.yzz.kiosk.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay between the kiosk and its county backend that notes when an answer carrying
 * {@code marker} (e.g. {@code "status":"paid"}) is handed to the kiosk's socket: the moment the kiosk
 * could first read it. Instrumentation for the benchmarks without touching the kiosk's code; the relay
 * adds a loopback hop (well under a millisecond) to every call.
 */
public final class AnswerWatch implements AutoCloseable {

    private final ServerSocket server;
    private final int backendPort;
    private final byte[] marker;
    /** Watch the answers to requests carrying the marker instead of answers carrying it (a gzipped answer hides its words). */
    private final boolean byRequest;
    private final AtomicLong seenAt = new AtomicLong();
    private volatile boolean open = true;

    private AnswerWatch(ServerSocket server, int backendPort, String marker, boolean byRequest) {
        this.server = server;
        this.backendPort = backendPort;
        this.marker = marker.getBytes(StandardCharsets.UTF_8);
        this.byRequest = byRequest;
    }

    public static AnswerWatch start(int backendPort, String marker) throws IOException {
        return start(backendPort, marker, false);
    }

    /**
     * Notes when the last bytes of the answer to a request carrying {@code requestMarker} (e.g. {@code /query HTTP})
     * reached the kiosk's socket: for answers the backend gzips, whose words the relay cannot see.
     */
    public static AnswerWatch afterRequest(int backendPort, String requestMarker) throws IOException {
        return start(backendPort, requestMarker, true);
    }

    private static AnswerWatch start(int backendPort, String marker, boolean byRequest) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AnswerWatch w = new AnswerWatch(s, backendPort, marker, byRequest);
        daemon("bench-relay-accept", w::accept);
        return w;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** System.nanoTime() when an answer with the marker last went to the kiosk; 0 since {@link #reset()}. */
    public long seenAt() {
        return seenAt.get();
    }

    public void reset() {
        seenAt.set(0);
    }

    private void accept() {
        while (open) {
            try {
                Socket kiosk = server.accept();
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                kiosk.setTcpNoDelay(true);
                backend.setTcpNoDelay(true);
                java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean();
                daemon("bench-relay-up", () -> pump(kiosk, backend, false, armed));
                daemon("bench-relay-down", () -> pump(backend, kiosk, true, armed));
            } catch (IOException e) {
                if (open) {
                    System.err.println("bench relay: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean down, java.util.concurrent.atomic.AtomicBoolean armed) {
        boolean watch = byRequest ? !down : down;
        byte[] buf = new byte[16 * 1024];
        byte[] tail = new byte[0]; // the end of the chunk before, so that a marker split across two reads is seen
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                if (watch) {
                    byte[] window = new byte[tail.length + n];
                    System.arraycopy(tail, 0, window, 0, tail.length);
                    System.arraycopy(buf, 0, window, tail.length, n);
                    boolean found = indexOf(window, marker) >= 0;
                    if (byRequest) {
                        armed.set(found); // each request on the connection arms or disarms it for its answer
                    } else if (found) {
                        seenAt.set(System.nanoTime());
                    }
                    int keep = Math.min(window.length, marker.length - 1);
                    tail = java.util.Arrays.copyOfRange(window, window.length - keep, window.length);
                }
                out.write(buf, 0, n);
                out.flush();
                if (byRequest && down && armed.get()) {
                    seenAt.set(System.nanoTime()); // the answer's latest bytes are the kiosk's to read now
                }
            }
        } catch (IOException e) {
            // a connection closed by either side
        } finally {
            close(from);
            close(to);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
