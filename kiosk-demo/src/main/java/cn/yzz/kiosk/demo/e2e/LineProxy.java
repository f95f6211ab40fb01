package cn.yzz.kiosk.demo.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The village line as the end-to-end runner sees it: a loopback TCP proxy between the kiosk and its
 * county backend. Each connection the kiosk opens is joined to a new one upstream and bytes are pumped
 * both ways. {@link #cut()} closes every connection and refuses new ones (the port is closed), as a
 * line that goes down does; {@link #restore()} listens again on the same port.
 */
public final class LineProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private int port; // guarded by this
    private ServerSocket server; // guarded by this
    private boolean closed; // guarded by this

    private LineProxy(InetSocketAddress upstream) {
        this.upstream = upstream;
    }

    /** A proxy on a free loopback port in front of {@code host:port}. */
    public static LineProxy start(String host, int port) throws IOException {
        LineProxy p = new LineProxy(new InetSocketAddress(host, port));
        p.listen(0);
        return p;
    }

    /** The port the kiosk connects to. */
    public synchronized int port() {
        return port;
    }

    /** Whether the line is up (connections are accepted). */
    public synchronized boolean up() {
        return server != null;
    }

    /** The line goes down: every connection is closed, and new ones are refused until {@link #restore()}. */
    public void cut() {
        ServerSocket s;
        synchronized (this) {
            s = server;
            server = null;
        }
        closeQuietly(s);
        for (Socket c : open) {
            closeQuietly(c);
        }
        open.clear();
    }

    /** The line is back: the same port accepts connections again. */
    public void restore() throws IOException {
        synchronized (this) {
            if (closed || server != null) {
                return;
            }
        }
        IOException last = null;
        for (int i = 0; i < 50; i++) { // the port was ours a moment ago; give the kernel a moment if it wants one
            try {
                listen(port());
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while restoring the line", ie);
                }
            }
        }
        throw new IOException("the line cannot listen again on port " + port() + ": " + last.getMessage(), last);
    }

    private void listen(int onPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        synchronized (this) {
            if (closed) {
                s.close();
                return;
            }
            server = s;
            port = s.getLocalPort();
        }
        daemon("e2e-line-accept", () -> accept(s));
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // cut or closed
            }
            open.add(client);
            daemon("e2e-line-connect", () -> join(client, s));
        }
    }

    private void join(Socket client, ServerSocket from) {
        Socket up = new Socket();
        try {
            up.connect(upstream, 5_000);
        } catch (IOException e) {
            closeQuietly(up);
            closeQuietly(client);
            open.remove(client);
            return;
        }
        open.add(up);
        if (from.isClosed()) { // cut while connecting
            closeQuietly(up);
            closeQuietly(client);
            open.remove(up);
            open.remove(client);
            return;
        }
        AtomicInteger ends = new AtomicInteger(2);
        daemon("e2e-line-up", () -> pump(client, up, ends));
        daemon("e2e-line-down", () -> pump(up, client, ends));
    }

    /** Copies {@code from} to {@code to}; a half-close travels on, and the pair is closed when both ways ended or one failed. */
    private void pump(Socket from, Socket to, AtomicInteger ends) {
        byte[] buf = new byte[16 * 1024];
        boolean clean = false;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
            clean = true;
        } catch (IOException e) {
            // either side went away, or the line was cut
        }
        if (!clean || ends.decrementAndGet() == 0) {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is all we want
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        cut();
    }
}
