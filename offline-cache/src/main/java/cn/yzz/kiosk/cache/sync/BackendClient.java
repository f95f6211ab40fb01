package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Transaction;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
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
            // The pinned key is the backend's identity (PinnedTrust says why no CA is asked as well).
            PinnedTrust trust = new PinnedTrust(c.pins());
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {trust}, null);
                b.sslSocketFactory(tls.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available in this runtime", e);
            }
        }
        return b.build();
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

    /**
     * The largest diagnostics bundle the contract takes (sync-api.md v1.1: "at most 5 MB"): 5 000 000 bytes, within the
     * limit whether the county reads MB as 10^6 or 2^20 bytes (5 MiB would be refused by the first, costing a slow upload).
     */
    public static final int MAX_DIAGNOSTICS_BYTES = 5_000_000;

    /**
     * {@code POST /diagnostics}: sends a diagnostics bundle ({@code application/zip}, at most
     * {@link #MAX_DIAGNOSTICS_BYTES}) and returns the backend's {@code diagnosticsId}. A 413 is {@link BackendException}
     * CLIENT with status 413: the caller sends a smaller bundle later. The call may take minutes on a village's slow
     * line, so it has a longer call timeout than the sync's small requests.
     *
     * @throws IllegalArgumentException for an empty or over-large bundle
     */
    public String uploadDiagnostics(byte[] zip) throws BackendException {
        if (zip.length == 0 || zip.length > MAX_DIAGNOSTICS_BYTES) {
            throw new IllegalArgumentException("a diagnostics bundle is 1.." + MAX_DIAGNOSTICS_BYTES + " bytes, not " + zip.length);
        }
        RequestBody body = new RequestBody() {
            @Override
            public MediaType contentType() {
                return ZIP;
            }

            @Override
            public long contentLength() {
                return zip.length;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(zip);
            }

            @Override
            public boolean isOneShot() {
                return true; // sent once: a re-send is the caller's decision
            }
        };
        Request r = new Request.Builder().url(url("diagnostics")).post(body).build();
        Duration slow = config.callTimeout().compareTo(DIAGNOSTICS_CALL) > 0 ? config.callTimeout() : DIAGNOSTICS_CALL;
        byte[] answer;
        try (Response response = http.newBuilder().callTimeout(slow).build().newCall(r).execute()) {
            failUnless(response, 201);
            answer = readLimited(response.body());
        } catch (IOException e) {
            throw transportOrMalformed(e);
        }
        try {
            return SyncJson.diagnosticsId(answer);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** 5 MB at 256 kbit/s, a poor village line, with room to spare. */
    private static final Duration DIAGNOSTICS_CALL = Duration.ofMinutes(4);
    private static final MediaType ZIP = MediaType.get("application/zip");

    /** What an authenticated {@code GET /catalog} was answered with, headers only: the network diagnosis's probe. */
    record Probe(int status, String contentType, String location, String date) {}

    /** {@code GET /catalog} with the kiosk's credentials, its body left unread: does the county API answer, and how. */
    Probe probe() throws BackendException {
        Request r = new Request.Builder().url(url("catalog")).get().build();
        try (Response response = http.newCall(r).execute()) {
            return new Probe(response.code(), response.header("Content-Type"), response.header("Location"),
                    response.header("Date"));
        } catch (IOException e) {
            throw transportOrMalformed(e);
        }
    }

    /**
     * Does the county answer this kiosk's credentials, and how far apart are the clocks: an authenticated
     * {@code GET /catalog} with its body left unread, the skew read from its {@code Date} header (empty without one). For
     * {@code kioskctl status}, which must not send a heartbeat: that would tell the county a made-up state of the kiosk
     * (no devices, just started) and take the commands the county queued for the running kiosk (sync-api.md: commands come
     * in the heartbeat's answer), which kioskctl cannot carry out.
     *
     * @throws BackendException as any call: UNAUTHORIZED for 401, MALFORMED for an answer that is not JSON (a portal)
     */
    public Optional<Duration> reach() throws BackendException {
        Request r = new Request.Builder().url(url("catalog")).get().build();
        Instant sent = clock.instant();
        try (Response response = http.newCall(r).execute()) {
            Instant received = clock.instant();
            failUnless(response, 200);
            String type = response.header("Content-Type", "");
            if (!type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
                throw new BackendException(BackendException.Kind.MALFORMED, 200, null,
                        request(response) + " answered " + (type.isEmpty() ? "without a Content-Type" : type)
                                + ", not the county backend's JSON", null);
            }
            String date = response.header("Date");
            if (date == null) {
                return Optional.empty();
            }
            try {
                Instant server = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                // The Date header has whole seconds: half a second is the server's own rounding.
                return Optional.of(ClockSkew.measure(sent, received, server.plusMillis(500)).skew());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw transportOrMalformed(e);
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

    // ---- online-only calls (sync-api.md: payments, household, identity). Each throws BackendException:
    // CLIENT with status() 404 for an unknown order, person or code; MALFORMED for an off-contract answer. ----

    /**
     * {@code POST /payments/qr}: the order for a queued payment's id (the same order when asked twice for the same
     * transaction). Expects 201.
     *
     * @param person the identified villager who pays, or null
     */
    public QrOrder createQrPayment(UUID transactionId, String serviceCode, long amountFen, Person person)
            throws BackendException {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(serviceCode, "serviceCode");
        if (amountFen <= 0) {
            throw new IllegalArgumentException("amountFen must be positive, got " + amountFen);
        }
        // 201 as sync-api.md shows; a 200 too: asked again for the same transactionId a county may answer the order
        // it already has as "200 OK", not "created", and it is the same order.
        byte[] body = execute(post(url("payments", "qr"), OnlineJson.qrPayment(transactionId, serviceCode, amountFen, person))
                .build(), 201, 200);
        try {
            return OnlineJson.qrOrder(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** {@code GET /payments/{orderId}}: poll at most once a second until {@link PaymentStatus#isFinal()}. */
    public PaymentStatus paymentStatus(String orderId) throws BackendException {
        Request r = new Request.Builder().url(url("payments", Objects.requireNonNull(orderId, "orderId"))).get().build();
        return status(execute(r, 200), orderId);
    }

    /**
     * {@code DELETE /payments/{orderId}}: cancels a pending order. The answer is the order's state afterwards, which
     * is {@link PaymentStatus#PAID} when the villager paid at the last moment: the caller must honour it.
     *
     * <p>sync-api.md says only that DELETE cancels, not what it answers. So any 2xx is accepted, and when it does not
     * carry the order's {@code status} (a 204, say), or the county refuses with 409 because the order is final
     * already, the order is asked for ({@code GET}): a villager who paid at the last moment is never taken for a cancel.
     */
    public PaymentStatus cancelPayment(String orderId) throws BackendException {
        Request r = new Request.Builder().url(url("payments", Objects.requireNonNull(orderId, "orderId"))).delete().build();
        byte[] answer = new byte[0];
        try (Response response = http.newCall(r).execute()) {
            int code = response.code();
            if (code != 409) {
                if (code < 200 || code >= 300) {
                    failUnless(response, 200);
                }
                answer = readLimited(response.body());
            }
        } catch (IOException e) {
            throw transportOrMalformed(e);
        }
        PaymentStatus said;
        try {
            said = OnlineJson.cancelAnswer(answer, orderId);
        } catch (IOException e) {
            throw malformed(e);
        }
        return said != null ? said : paymentStatus(orderId);
    }

    /** {@code POST /household}: the members of the person's household, the person first ("本人"). */
    public List<HouseholdMember> household(String idNumber) throws BackendException {
        byte[] body = execute(post(url("household"), OnlineJson.household(Objects.requireNonNull(idNumber, "idNumber")))
                .build(), 200);
        try {
            return OnlineJson.household(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /**
     * {@code POST /identity/resolve}: the person a scanned 粤省事码 stands for. The code is a credential: no exception
     * or log of this client ever contains it.
     */
    public ResolvedIdentity resolveIdentity(String code) throws BackendException {
        byte[] body = execute(post(url("identity", "resolve"), OnlineJson.resolve(Objects.requireNonNull(code, "code")))
                .build(), 200);
        try {
            return OnlineJson.identity(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /**
     * {@code POST /services/{code}/query}: the person's data for a {@code query} or {@code print} service, as a
     * table. 404 (CLIENT) when the county knows no such person or service. The answer is the villager's own data:
     * no exception of this client quotes it.
     *
     * @param person the identified villager, or null when the service needs nobody
     * @param data   the form's answers
     */
    public QueryAnswer query(String serviceCode, Person person, java.util.Map<String, Object> data) throws BackendException {
        byte[] body = execute(post(url("services", Objects.requireNonNull(serviceCode, "serviceCode"), "query"),
                OnlineJson.query(person, data)).build(), 200);
        try {
            return OnlineJson.queryAnswer(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static PaymentStatus status(byte[] body, String orderId) throws BackendException {
        try {
            return OnlineJson.paymentStatus(body, orderId);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private Request.Builder post(String path, byte[] json) {
        return post(url(path), json);
    }

    private Request.Builder post(HttpUrl url, byte[] json) {
        OneShotJsonBody body = OneShotJsonBody.of(json);
        Request.Builder r = new Request.Builder().url(url).post((RequestBody) body);
        if (body.gzipped()) {
            r.header("Content-Encoding", "gzip");
        }
        return r;
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder b = base.newBuilder().addPathSegments("api/v1");
        for (String segment : segments) {
            b.addPathSegment(segment); // encoded: an order id can never reach another path
        }
        return b.build();
    }

    private byte[] execute(Request request, int... expected) throws BackendException {
        try (Response response = http.newCall(request).execute()) {
            failUnless(response, expected);
            return readLimited(response.body());
        } catch (IOException e) {
            throw transportOrMalformed(e);
        }
    }

    private void failUnless(Response response, int... expected) throws BackendException {
        int code = response.code();
        for (int ok : expected) {
            if (code == ok) {
                return;
            }
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
