package cn.yzz.kiosk.cache.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A JSON request body that OkHttp may write only once. One-shot is what stops OkHttp from replaying a
 * POST whose body it already started to send (RetryAndFollowUpInterceptor checks it): every re-send is
 * the sync engine's decision. Bodies over 1 KiB are gzipped, as the contract says.
 */
final class OneShotJsonBody extends RequestBody {

    static final int GZIP_THRESHOLD = 1024;
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final byte[] bytes;
    private final boolean gzipped;

    private OneShotJsonBody(byte[] bytes, boolean gzipped) {
        this.bytes = bytes;
        this.gzipped = gzipped;
    }

    static OneShotJsonBody of(byte[] json) {
        return json.length > GZIP_THRESHOLD ? new OneShotJsonBody(gzip(json), true) : new OneShotJsonBody(json, false);
    }

    boolean gzipped() {
        return gzipped;
    }

    @Override
    public MediaType contentType() {
        return JSON;
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        sink.write(bytes);
    }

    private static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return out.toByteArray();
    }
}
