package cn.yzz.kiosk.backend;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Writes a reply, or spoils it as a fault after the handler has committed. */
final class ReplyWriter {
    /** Syntactically broken JSON in a 200: the client must treat it as "nothing known". */
    static final byte[] MALFORMED = "{\"results\": [{\"id\": \"".getBytes(StandardCharsets.UTF_8);
    private static final int SLOW_STEPS = 20;
    private static final int GZIP_OVER = 1024;

    private ReplyWriter() {}

    static void write(HttpExchange ex, Reply reply, Faults.After after, Duration slowBodyTime) throws IOException {
        switch (after) {
            case DROP_AFTER_COMMIT -> drop(ex);
            case MALFORMED -> send(ex, new Reply(200, Map.of("Content-Type", "application/json"), MALFORMED), Duration.ZERO);
            case SLOW_BODY -> send(ex, reply, slowBodyTime);
            case NORMAL -> send(ex, reply, Duration.ZERO);
        }
    }

    /**
     * Closes the connection without a status line. The JDK server closes the socket when an exchange
     * is closed before sendResponseHeaders, so the client sees an I/O error, never a response.
     */
    static void drop(HttpExchange ex) {
        ex.close();
    }

    private static void send(HttpExchange ex, Reply reply, Duration trickle) throws IOException {
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] body = reply.body();
        if (body.length > GZIP_OVER && acceptsGzip(ex)) {
            // A batch's answer is ~100 bytes a transaction: on a village link the answers would otherwise
            // take longer to come down than the gzipped batch took to go up.
            body = gzip(body);
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.getResponseHeaders().add("Vary", "Accept-Encoding");
        }
        boolean noBody = body.length == 0 || reply.status() == 304 || reply.status() == 204;
        ex.sendResponseHeaders(reply.status(), noBody ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            if (noBody) {
                return;
            }
            if (trickle.isZero()) {
                out.write(body);
                return;
            }
            // The headers go out at once; the body follows in SLOW_STEPS pieces spread over the whole time.
            int step = Math.max(1, (body.length + SLOW_STEPS - 1) / SLOW_STEPS);
            long pauseMs = trickle.toMillis() / SLOW_STEPS;
            for (int i = 0; i < body.length; i += step) {
                out.write(body, i, Math.min(step, body.length - i));
                out.flush();
                sleep(pauseMs);
            }
        }
    }

    private static boolean acceptsGzip(HttpExchange ex) {
        for (String v : ex.getRequestHeaders().getOrDefault("Accept-Encoding", java.util.List.of())) {
            for (String coding : v.split(",")) {
                String c = coding.trim().toLowerCase(java.util.Locale.ROOT);
                if (c.equals("gzip") || (c.startsWith("gzip;") && !c.replace(" ", "").endsWith("q=0"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] body) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(body);
        }
        return out.toByteArray();
    }

    static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
