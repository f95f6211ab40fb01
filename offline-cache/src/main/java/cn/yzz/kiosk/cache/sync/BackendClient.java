package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Transaction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import okhttp3.CertificatePinner;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The county backend over HTTP (sync-api.md), through ONE configured OkHttp client. It never re-sends on
 * its own: {@code retryOnConnectionFailure(false)}, one-shot bodies and a call timeout make every retry
 * the sync engine's decision (reliability-research §4.2). Each method either returns the contract's
 * answer or throws {@link BackendException}; it never touches the outbox.
 */
public final class BackendClient {

    /** Answers larger than this are refused: the kiosk must not be made to buffer an unbounded body. */
    static final long MAX_BODY_BYTES = 1L << 20;

    private final SyncConfig config;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final Clock clock;

    public BackendClient(SyncConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.base = HttpUrl.get(config.baseUrl());
        this.http = build(config);
    }

    private static OkHttpClient build(SyncConfig c) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(c.connectTimeout())
                .readTimeout(c.readTimeout())
                .writeTimeout(c.writeTimeout())
                .callTimeout(c.callTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false) // a redirected POST would be a re-send we did not decide
                .addInterceptor(new BearerTokenInterceptor(c::token))
                .addInterceptor(new KioskIdInterceptor(c::kioskId));
        if (!c.allowInsecure()) {
            b.connectionSpecs(List.of(ConnectionSpec.MODERN_TLS));
        }
        if (!c.pins().isEmpty()) {
            CertificatePinner.Builder pinner = new CertificatePinner.Builder();
            String host = HttpUrl.get(c.baseUrl()).host();
            for (String pin : c.pins()) {
                pinner.add(host, pin);
            }
            b.certificatePinner(pinner.build());
        }
        return b.build();
    }

    /** Lets tests install their own TLS trust (a self-signed certificate) on the same configuration. */
    BackendClient(SyncConfig config, Clock clock, java.util.function.UnaryOperator<OkHttpClient.Builder> tweak) {
        this.config = config;
        this.clock = clock;
        this.base = HttpUrl.get(config.baseUrl());
        this.http = tweak.apply(build(config).newBuilder()).build();
    }

    public Enrollment enroll(EnrollRequest request) throws BackendException {
        Request r = post("enroll", SyncJson.enroll(request)).tag(Unauthenticated.class, Unauthenticated.INSTANCE).build();
        byte[] body = execute(r, 201);
        try {
            return SyncJson.enrollment(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Uploads one batch; the answer holds the well-formed results (match them by id, not by position). */
    public List<ItemResult> uploadBatch(List<Transaction> transactions) throws BackendException {
        if (transactions.isEmpty() || transactions.size() > SyncConfig.MAX_BATCH) {
            throw new IllegalArgumentException("batch of " + transactions.size());
        }
        byte[] body = execute(post("transactions:batch", SyncJson.batch(config.kioskId(), transactions)).build(), 200);
        try {
            return SyncJson.results(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Sends a heartbeat; the answer carries the backend's clock and its commands. */
    public HeartbeatReply heartbeat(HeartbeatSnapshot snapshot, QueueStatus queue, long uptimeSec)
            throws BackendException {
        byte[] json = SyncJson.heartbeat(config.kioskId(), config.appVersion(), OffsetDateTime.now(clock), uptimeSec,
                snapshot, queue);
        byte[] body = execute(post("heartbeat", json).build(), 200);
        try {
            return SyncJson.heartbeatReply(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** {@code GET /catalog}, conditional on {@code etag} when not null. */
    public CatalogResponse catalog(String etag) throws BackendException {
        Request.Builder r = new Request.Builder().url(url("catalog")).get();
        if (etag != null) {
            r.header("If-None-Match", etag);
        }
        byte[] body;
        String newEtag;
        try (Response response = http.newCall(r.build()).execute()) {
            if (response.code() == 304) {
                return new CatalogResponse(true, etag, null);
            }
            failUnless(response, 200);
            body = readLimited(response.body());
            newEtag = response.header("ETag");
        } catch (IOException e) {
            throw transportOrMalformed(e);
        }
        try {
            SyncJson.requireJson(body); // a captive portal's HTML must never replace the last good catalogue
        } catch (IOException e) {
            throw malformed(e);
        }
        return new CatalogResponse(false, newEtag, body);
    }

    private Request.Builder post(String path, byte[] json) {
        OneShotJsonBody body = OneShotJsonBody.of(json);
        Request.Builder r = new Request.Builder().url(url(path)).post((RequestBody) body);
        if (body.gzipped()) {
            r.header("Content-Encoding", "gzip");
        }
        return r;
    }

    private HttpUrl url(String path) {
        return base.newBuilder().addPathSegments("api/v1").addPathSegment(path).build();
    }

    private byte[] execute(Request request, int expected) throws BackendException {
        try (Response response = http.newCall(request).execute()) {
            failUnless(response, expected);
            return readLimited(response.body());
        } catch (IOException e) {
            throw transportOrMalformed(e);
        }
    }

    private void failUnless(Response response, int expected) throws BackendException {
        int code = response.code();
        if (code == expected) {
            return;
        }
        String what = request(response) + " answered " + code;
        if (code == 401) {
            throw new BackendException(BackendException.Kind.UNAUTHORIZED, code, null, what, null);
        }
        if (code == 429 || code == 503) {
            Duration after = RetryAfter.parse(response.header("Retry-After"), clock.instant()).orElse(null);
            throw new BackendException(BackendException.Kind.THROTTLED, code, after, what, null);
        }
        if (code >= 500 || code == 408) {
            throw new BackendException(BackendException.Kind.SERVER, code, null, what, null);
        }
        throw new BackendException(BackendException.Kind.CLIENT, code, null, what, null);
    }

    private static String request(Response response) {
        return response.request().method() + " " + response.request().url().encodedPath();
    }

    private static byte[] readLimited(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        if (source.request(MAX_BODY_BYTES + 1)) {
            throw new BodyTooLarge();
        }
        return source.getBuffer().readByteArray();
    }

    private static BackendException malformed(IOException e) {
        return new BackendException(BackendException.Kind.MALFORMED, 200, null, e.getMessage(), e);
    }

    private static BackendException transportOrMalformed(IOException e) {
        if (e instanceof BodyTooLarge) {
            return new BackendException(BackendException.Kind.MALFORMED, 200, null, e.getMessage(), e);
        }
        return new BackendException(BackendException.Kind.TRANSPORT, 0, null,
                e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    /** Marks an over-limit body apart from transport errors. */
    private static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("answer larger than " + MAX_BODY_BYTES + " bytes");
        }
    }
}
