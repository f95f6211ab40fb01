package cn.yzz.kiosk.backend;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body, undoing {@code Content-Encoding: gzip}, and refuses bodies over the limit
 * both as sent and once inflated (a small gzip body may inflate without bound).
 */
final class BodyReader {
    /** Refusal with a ready problem reply. */
    static final class Refused extends Exception {
        final transient Reply reply;

        Refused(Reply reply) {
            super(reply.status() + "");
            this.reply = reply;
        }
    }

    private final int maxBytes;

    BodyReader(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    byte[] read(HttpExchange ex) throws IOException, Refused {
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            drain(ex.getRequestBody());
            throw new Refused(Reply.problem(415, "unsupported-encoding", "Unsupported Content-Encoding",
                    "only gzip and identity are accepted, got '" + encoding + "'"));
        }
        byte[] raw = readAtMost(ex.getRequestBody());
        if (raw == null) {
            throw tooLarge();
        }
        if (!gzip) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            byte[] inflated = readAtMost(in);
            if (inflated == null) {
                throw tooLarge();
            }
            return inflated;
        } catch (ZipException | java.io.EOFException e) {
            throw new Refused(Reply.problem(400, "bad-gzip", "Bad request: body",
                    "Content-Encoding is gzip but the body is not valid gzip: " + e.getMessage()));
        }
    }

    /** The whole stream, or null when it holds more than the limit (the rest is drained, so the reply can be read). */
    private byte[] readAtMost(InputStream in) throws IOException {
        byte[] data = in.readNBytes(maxBytes + 1);
        if (data.length > maxBytes) {
            drain(in);
            return null;
        }
        return data;
    }

    private static void drain(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    private Refused tooLarge() {
        return new Refused(Reply.problem(413, "too-large", "Content too large",
                "request bodies are limited to " + maxBytes + " bytes (after gzip decoding)"));
    }
}
