package cn.yzz.kiosk.backend;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The county backend of the Kiosk Sync API v1.1 (docs/sync-api.openapi.yaml), for development,
 * demos and tests: the JDK's HTTP server on 127.0.0.1 (HTTPS with {@link Settings#withTls}), state in SQLite, switchable faults. A sandbox
 * backend: a QR order's {@code payUrl} is on this server, and opening it pays the order; a query's
 * {@code verifyCode} is a page on it that says the printout is genuine. It knows the demo's people: their
 * 粤省事码 ({@link YssCodes}), households and records; {@link QueryKnobs} spoil its queries for error tests.
 *
 * <pre>{@code
 * try (DevBackend b = DevBackend.start(0, null, "7K3Q-92XD", FaultSettings.none())) {
 *   b.faults().set("drop-after-commit=0.3,error-rate=0.2");
 *   ... b.url() ... b.storedIds() ... b.storedTransactions() ...
 * }
 * try (DevBackend b = DevBackend.start(DevBackend.Settings.defaults().withEnrollCodes(List.of("7K3Q-92XD"))
 *     .withPaymentExpiry(Duration.ofSeconds(2)).withCatalog(Path.of("county-catalog.json")))) { ... }
 * b.setQueryKnobs(QueryKnobs.none().withDelay(Duration.ofSeconds(8)).onlyFor("RSJ-0003"));
 * }</pre>
 *
 * <p>Thread safety: every method may be called from any thread while the server runs.
 */
public final class DevBackend implements AutoCloseable {
    /** Request bodies over this (as sent, and again after gzip decoding) get 413. */
    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
    /** The demo 粤省事码 (李秀英's, {@link YssCodes#LI_XIUYING}); every sandbox code is in {@link YssCodes}. */
    public static final String DEMO_YSS_CODE = OnlineRoutes.DEMO_YSS_CODE;

    private final HttpServer server;
    private final ExecutorService executor;
    private final BackendStore store;
    private final Faults faults;
    private final FrontDoor front;
    private final BatchRoute batch;
    private final HeartbeatRoute heartbeats;
    private final OnlineRoutes online;
    private final QueryRoute queries;
    private final Path dataDir;
    private final Path diagnosticsDir;

    /**
     * How to start a backend; {@link #defaults()} then the {@code with…} methods.
     *
     * @param port 0 for any free port
     * @param dataDir where dev-backend.db (and received diagnostics bundles) live, created if missing; null for a fresh
     *     temp directory
     * @param enrollCodes enrollment codes to accept (more with {@link #addEnrollmentCode})
     * @param faults the initial faults
     * @param maxBodyBytes request bodies over this (as sent, and again after gzip decoding) get 413
     * @param catalog a county's own catalogue file to serve; null for the kiosk's bundled catalogue
     * @param paymentExpiry how long a pending QR payment order lives
     * @param queryKnobs how queries misbehave at start (slow, 500, malformed); {@link #setQueryKnobs} changes them later
     * @param tls HTTPS with this server identity (e.g. {@link SelfSignedTls#context()}); null for plain HTTP
     */
    public record Settings(int port, Path dataDir, List<String> enrollCodes, FaultSettings faults, int maxBodyBytes,
            Path catalog, Duration paymentExpiry, QueryKnobs queryKnobs, SSLContext tls) {
        public Settings {
            enrollCodes = List.copyOf(enrollCodes);
            faults = faults == null ? FaultSettings.none() : faults;
            queryKnobs = queryKnobs == null ? QueryKnobs.none() : queryKnobs;
            Objects.requireNonNull(paymentExpiry, "paymentExpiry");
            if (paymentExpiry.isNegative() || paymentExpiry.isZero()) {
                throw new IllegalArgumentException("paymentExpiry must be positive, got " + paymentExpiry);
            }
            if (maxBodyBytes <= 0) {
                throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
            }
        }

        /**
         * Any free port, a temp directory, no codes, no faults, 5 MiB bodies, the bundled catalogue, 300 s orders, queries
         * answered at once.
         */
        public static Settings defaults() {
            return new Settings(0, null, List.of(), FaultSettings.none(), DEFAULT_MAX_BODY_BYTES, null,
                    PaymentStore.DEFAULT_LIFETIME, QueryKnobs.none(), null);
        }

        public Settings withPort(int p) {
            return new Settings(p, dataDir, enrollCodes, faults, maxBodyBytes, catalog, paymentExpiry, queryKnobs, tls);
        }

        public Settings withDataDir(Path d) {
            return new Settings(port, d, enrollCodes, faults, maxBodyBytes, catalog, paymentExpiry, queryKnobs, tls);
        }

        public Settings withEnrollCodes(List<String> codes) {
            return new Settings(port, dataDir, codes, faults, maxBodyBytes, catalog, paymentExpiry, queryKnobs, tls);
        }

        public Settings withFaults(FaultSettings f) {
            return new Settings(port, dataDir, enrollCodes, f, maxBodyBytes, catalog, paymentExpiry, queryKnobs, tls);
        }

        public Settings withMaxBodyBytes(int max) {
            return new Settings(port, dataDir, enrollCodes, faults, max, catalog, paymentExpiry, queryKnobs, tls);
        }

        public Settings withCatalog(Path file) {
            return new Settings(port, dataDir, enrollCodes, faults, maxBodyBytes, file, paymentExpiry, queryKnobs, tls);
        }

        public Settings withQueryKnobs(QueryKnobs knobs) {
            return new Settings(port, dataDir, enrollCodes, faults, maxBodyBytes, catalog, paymentExpiry, knobs, tls);
        }

        /** HTTPS with this identity instead of plain HTTP. */
        public Settings withTls(SSLContext context) {
            return new Settings(port, dataDir, enrollCodes, faults, maxBodyBytes, catalog, paymentExpiry, queryKnobs,
                    context);
        }

        public Settings withPaymentExpiry(Duration expiry) {
            return new Settings(port, dataDir, enrollCodes, faults, maxBodyBytes, catalog, expiry, queryKnobs, tls);
        }
    }

    static {
        // The JDK's server writes a reply's headers and body in separate segments; with Nagle on, each
        // reply then waits for the client's delayed ACK (40 ms on Linux). Read once, when the server class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private DevBackend(Settings settings, Path dataDir, Catalogue catalogue) throws IOException, SQLException {
        this.dataDir = dataDir;
        this.diagnosticsDir = dataDir.resolve("diagnostics");
        this.faults = new Faults(settings.faults());
        Clock clock = Clock.systemUTC();
        store = new BackendStore(dataDir.resolve("dev-backend.db"), clock, settings.paymentExpiry());
        Auth auth = new Auth(store);
        batch = new BatchRoute(store, auth, new TransactionValidator(catalogue, store.payments()));
        heartbeats = new HeartbeatRoute(store, auth, clock);
        online = new OnlineRoutes(auth, clock);
        queries = new QueryRoute(auth, catalogue, store, this::url, clock, settings.queryKnobs());
        PaymentRoutes pay = new PaymentRoutes(store.payments(), auth, catalogue, this::url);
        front = new FrontDoor(
                Map.of("/api/v1/enroll", new EnrollRoute(store, catalogue),
                        "/api/v1/transactions:batch", batch,
                        "/api/v1/heartbeat", heartbeats,
                        "/api/v1/identity/resolve", online.identity(),
                        "/api/v1/payments/qr", pay.create(),
                        "/api/v1/household", new HouseholdRoute(auth),
                        "/api/v1/diagnostics", new DiagnosticsRoute(auth, diagnosticsDir)),
                Map.of("/api/v1/catalog", new CatalogRoute(catalogue, auth)),
                queries, pay, faults, new BodyReader(settings.maxBodyBytes()));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port());
        if (settings.tls() == null) {
            server = HttpServer.create(address, 64);
        } else {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(settings.tls()));
            server = https;
        }
        // Enough threads that a slow-body or delayed request never holds up the others.
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "dev-backend-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", front);
        server.start();
    }

    /**
     * Starts a backend on 127.0.0.1.
     *
     * @param port 0 for any free port
     * @param dataDir where dev-backend.db lives (created if missing); null for a fresh temp directory
     * @param enrollCode an enrollment code to accept, or null for none (add some with {@link #addEnrollmentCode})
     * @param faults the initial faults; null for none
     */
    public static DevBackend start(int port, Path dataDir, String enrollCode, FaultSettings faults) throws IOException {
        return start(port, dataDir, enrollCode == null ? List.of() : List.of(enrollCode), faults, DEFAULT_MAX_BODY_BYTES);
    }

    /** As {@link #start(int, Path, String, FaultSettings)}, with several codes and a body limit. */
    public static DevBackend start(int port, Path dataDir, List<String> enrollCodes, FaultSettings faults, int maxBodyBytes)
            throws IOException {
        return start(Settings.defaults().withPort(port).withDataDir(dataDir).withEnrollCodes(enrollCodes).withFaults(faults)
                .withMaxBodyBytes(maxBodyBytes));
    }

    /**
     * Starts a backend on 127.0.0.1 as {@code settings} say.
     *
     * @throws IllegalArgumentException when {@code settings.catalog()} is not a readable catalogue (a JSON object with a
     *     "services" list of services with codes); the message names the file and the fault
     */
    public static DevBackend start(Settings settings) throws IOException {
        Catalogue catalogue = settings.catalog() == null ? Catalogue.bundled() : Catalogue.file(settings.catalog());
        Path dir = settings.dataDir() != null ? Files.createDirectories(settings.dataDir())
                : Files.createTempDirectory("dev-backend");
        try {
            DevBackend b = new DevBackend(settings, dir, catalogue);
            for (String code : settings.enrollCodes()) {
                b.addEnrollmentCode(code);
            }
            return b;
        } catch (SQLException e) {
            throw new IOException("cannot open the backend database in " + dir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080} ({@code https://} with TLS); endpoints are under {@code /api/v1}. */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The live fault switches. */
    public Faults faults() {
        return faults;
    }

    public void addEnrollmentCode(String code) {
        try {
            store.addEnrollmentCode(code);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every stored transaction id, in the order stored. */
    public List<String> storedIds() {
        try {
            return store.storedIds();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every stored transaction with its body exactly as first accepted, in the order stored: what end-to-end tests
     * read to check that each payment and evaluation arrived once, with the right fields.
     */
    public List<StoredTransaction> storedTransactions() {
        try {
            return store.storedTransactions();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The diagnostics bundles received (files {@code <kioskId>-<diagnosticsId>.zip}), oldest name first. */
    public List<Path> diagnosticsBundles() {
        if (!Files.isDirectory(diagnosticsDir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(diagnosticsDir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was stored for the transaction {@code id} (its body exactly as first accepted), if anything was. */
    public Optional<StoredTransaction> stored(String id) {
        try {
            return store.stored(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many times this id is stored: 0 or 1 (the table has a unique key; tests check it anyway). */
    public int storedCount(String id) {
        try {
            return store.storedCount(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests that reached the server for this path (e.g. "/api/v1/transactions:batch"), faulted ones included. */
    public int requestsSeen(String path) {
        return front.requestsSeen(path);
    }

    /** Batch items answered "accepted" since start (including ones whose acknowledgement a fault then dropped). */
    public long acceptedCount() {
        return batch.accepted.get();
    }

    /** Batch items answered "duplicate" since start. */
    public long duplicateCount() {
        return batch.duplicates.get();
    }

    /**
     * Marks a pending QR payment order paid, as opening its {@code payUrl} would; returns false if unknown. A
     * cancelled or expired order stays as it is (true all the same: the order exists).
     */
    public boolean payOrder(String orderId) {
        try {
            return store.payments().settle(orderId, "paid").isPresent();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How queries misbehave now (see {@link QueryKnobs}). */
    public QueryKnobs queryKnobs() {
        return queries.knobs();
    }

    /**
     * Makes {@code POST /services/{code}/query} slow, failing or malformed from the next query on, as
     * {@code PUT /dev/query-knobs} does; {@link QueryKnobs#none()} puts it right.
     */
    public void setQueryKnobs(QueryKnobs knobs) {
        queries.knobs(knobs);
    }

    /**
     * A fresh dynamic 粤省事码 for a demo person (see {@link YssCodes#valid()}), resolving until {@code validFor} has
     * passed and 404 after, like the code a phone shows for a minute.
     *
     * @throws IllegalArgumentException for someone the sandbox does not know
     */
    public String issueYssCode(String idNumber, Duration validFor) {
        return online.issue(idNumber, validFor);
    }

    /** Duplicates re-sent with a different body than the stored one (a client bug: ids must never be re-used). */
    public long payloadMismatchCount() {
        return store.payloadMismatches();
    }

    /** The newest heartbeat's body as the kiosk sent it, if any arrived. */
    public Optional<String> lastHeartbeat() {
        try {
            return store.lastHeartbeat();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asks {@code kioskId} to do {@code type} (refresh-catalog, upload-diagnostics) in its next heartbeat answer. */
    public void queueCommand(String kioskId, String type) {
        heartbeats.queueCommand(kioskId, type);
    }

    public int heartbeatCount() {
        try {
            return store.heartbeatCount();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            store.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
