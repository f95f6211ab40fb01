package cn.yzz.kiosk.app;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Payments;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogUpdater;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.DiagnosticsUpload;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.ReachabilityRecorder;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.cache.sync.SyncEngine;
import cn.yzz.kiosk.cache.sync.SyncListener;
import cn.yzz.kiosk.cache.sync.SyncState;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosk's side of the county backend: the outbox on disk, where whatever a villager finishes is
 * kept before the kiosk says it is done, and the sync engine that empties it on its own thread.
 *
 * <p>A kiosk that is not enrolled keeps queueing and syncs nothing ({@code kioskctl enroll} fixes that).
 * (The demo, module kiosk-demo, runs a county backend of its own and enrolls with it before this opens,
 * so it finds an enrolled data folder as a kiosk in a village does.)
 *
 * <p>Opening blocks (SQLite's start-up check): call it off the JavaFX thread.
 */
public final class CountyLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.county");

    /** How often the enrollment file is looked at: {@code kioskctl enroll} on a running kiosk takes effect this soon. */
    static final Duration ENROLLMENT_CHECK = Duration.ofSeconds(5);

    /** How often the county's catalogue is asked for (conditionally) besides at start and on its request. */
    static final Duration CATALOGUE_REFRESH = Duration.ofHours(6);

    private final Path dataDir;
    private final KioskStore store;
    private final Supplier<HeartbeatSnapshot> snapshot;
    private final Consumer<Boolean> reachable;
    private final ScheduledExecutorService watch;
    private final Clock clock = Clock.systemUTC();
    private volatile SyncEngine engine;
    private volatile BackendClient client;
    private volatile CatalogUpdater catalogs;
    private volatile Consumer<Catalog> catalogSink;
    private volatile IntFunction<byte[]> diagnostics = limit -> null; // none until the kiosk gives its bundle
    private EnrollmentFile enrollmentSeen; // guarded by this
    private boolean closed; // guarded by this

    private CountyLink(Path dataDir, KioskStore store, Supplier<HeartbeatSnapshot> snapshot, Consumer<Boolean> reachable) {
        this.dataDir = dataDir;
        this.store = store;
        this.snapshot = snapshot;
        this.reachable = reachable;
        this.watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiosk-enrollment-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the store and, when the kiosk is enrolled, starts syncing. Enrolling, or
     * enrolling again after the token was revoked, while the kiosk runs takes effect within
     * {@link #ENROLLMENT_CHECK}: the installer need not restart it.
     *
     * @param snapshot   devices and cash for each heartbeat (read on the sync thread)
     * @param reachable  told each time the backend becomes usable or stops being so (on the sync thread)
     */
    public static CountyLink open(Path dataDir, Supplier<HeartbeatSnapshot> snapshot, Consumer<Boolean> reachable)
            throws StoreException, IOException {
        return open(dataDir, Settings.defaults(), snapshot, reachable, ENROLLMENT_CHECK);
    }

    /** @param settings the store's (the demo blocks an entry after a few attempts, to show the console's 解除) */
    public static CountyLink open(Path dataDir, Settings settings, Supplier<HeartbeatSnapshot> snapshot, Consumer<Boolean> reachable)
            throws StoreException, IOException {
        return open(dataDir, settings, snapshot, reachable, ENROLLMENT_CHECK);
    }

    static CountyLink open(Path dataDir, Supplier<HeartbeatSnapshot> snapshot, Consumer<Boolean> reachable,
                           Duration enrollmentCheck) throws StoreException, IOException {
        return open(dataDir, Settings.defaults(), snapshot, reachable, enrollmentCheck);
    }

    private static CountyLink open(Path dataDir, Settings settings, Supplier<HeartbeatSnapshot> snapshot,
                                   Consumer<Boolean> reachable, Duration enrollmentCheck) throws StoreException, IOException {
        KioskStore store = KioskStore.open(dataDir, settings);
        try {
            CountyLink link = new CountyLink(dataDir, store, snapshot, reachable);
            if (!link.followEnrollment()) {
                LOG.warning("not enrolled: transactions are kept in the outbox and not synced until kioskctl enroll");
                reachable.accept(false);
            }
            link.watch.scheduleWithFixedDelay(link::checkEnrollment, enrollmentCheck.toMillis(),
                    enrollmentCheck.toMillis(), TimeUnit.MILLISECONDS);
            return link;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void checkEnrollment() {
        try {
            followEnrollment();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the enrollment; syncing as before", e);
        }
    }

    /**
     * Starts a sync engine for the enrollment on disk when it is new or changed, replacing the one
     * before (whose queue is the same outbox). Returns whether the kiosk is enrolled.
     */
    private synchronized boolean followEnrollment() throws IOException {
        if (closed) {
            return false;
        }
        Optional<EnrollmentFile> enrollment = EnrollmentFile.load(dataDir);
        if (enrollment.isEmpty()) {
            return false;
        }
        // By content, not by the file's time: two enrollments within one clock tick must not look alike.
        if (enrollment.get().equals(enrollmentSeen)) {
            return true;
        }
        enrollmentSeen = enrollment.get();
        SyncConfig config = enrollment.get().syncConfig(null);
        BackendClient nextClient = new BackendClient(config, clock);
        SyncEngine next = new SyncEngine(store.outbox(), nextClient, config, clock, new SecureRandom(), snapshot);
        next.addListener(new SyncListener() {
            @Override
            public void stateChanged(SyncState state) {
                LOG.info(() -> "sync: " + state);
            }

            @Override
            public void reachability(boolean ok) {
                LOG.info(() -> ok ? "county backend reachable" : "county backend not reachable");
                reachable.accept(ok);
            }

            @Override
            public void command(String type) {
                if (type.equals("refresh-catalog")) {
                    LOG.info("the county backend asks for a fresh catalogue");
                    watch.execute(CountyLink.this::refreshCatalogue);
                } else if (!type.equals(DiagnosticsUpload.COMMAND)) {
                    LOG.info(() -> "the county backend asks for " + type + ", which this kiosk does not know");
                }
            }
        });
        // The 网络 page's chart, and the county's diagnostics bundle (kept until sent; made by onDiagnostics' function).
        next.addListener(new ReachabilityRecorder(store.reachability()));
        next.addListener(new DiagnosticsUpload(dataDir, nextClient::uploadDiagnostics, limit -> diagnostics.apply(limit)));
        SyncEngine before = engine;
        if (before != null) {
            before.close(); // waits for its pass to end: two engines never sync the same outbox at once
            LOG.info(() -> "enrollment changed: syncing as " + enrollment.get());
        } else {
            LOG.info(() -> "syncing as " + enrollment.get());
        }
        engine = next;
        client = nextClient;
        catalogs = new CatalogUpdater(nextClient, store.catalogue());
        next.start();
        if (catalogSink != null) {
            watch.execute(this::refreshCatalogue); // a new enrollment: its county's catalogue
        }
        return true;
    }

    /**
     * How the diagnostics bundle the county asks for in a heartbeat ({@code upload-diagnostics}) is made: a zip of at
     * most the given number of bytes. Called on the {@code kiosk-diagnostics} thread.
     */
    public void onDiagnostics(IntFunction<byte[]> bundle) {
        diagnostics = java.util.Objects.requireNonNull(bundle, "bundle");
    }

    /** Where finished work goes; {@link Outbox#enqueue} returns only once it is on disk. */
    public Outbox outbox() {
        return store.outbox();
    }

    /** False after a disk-full or I/O error: the kiosk must not start work it cannot keep. */
    public boolean acceptingWork() {
        return store.acceptingWork();
    }

    /** Something was queued: sync soon rather than at the next poll. */
    public void queued() {
        SyncEngine e = engine;
        if (e != null) {
            e.wake();
        }
    }

    /** The enrolled backend's client (the sync engine's own): for the online calls of a service; empty when not enrolled. */
    public Optional<BackendClient> client() {
        return Optional.ofNullable(client);
    }

    /** The kiosk's id as enrolled; empty when it is not. */
    public synchronized String kioskId() {
        return enrollmentSeen == null ? "" : enrollmentSeen.kioskId();
    }

    /** The cash-in journal (enhanced kiosks), in the same database as the outbox it feeds. */
    public cn.yzz.kiosk.cache.CashJournal cashJournal() {
        return store.cash();
    }

    /** The administrator's audit log, in the same database. */
    /** The store itself, for the console's pages and its diagnostics bundle. */
    KioskStore store() {
        return store;
    }

    public cn.yzz.kiosk.cache.store.AuditLog audit() {
        return store.audit();
    }

    /** The payment journal, in the same database as the outbox. */
    public Payments payments() {
        return store.payments();
    }

    /**
     * Follows the county's catalogue: {@code sink} gets the last good one at once (when the kiosk is enrolled), then a
     * new one whenever a conditional fetch ({@code If-None-Match}) brings one: now, every {@link #CATALOGUE_REFRESH}, and
     * when a heartbeat answer asks for {@code refresh-catalog}. Offline, the last good one stays. {@code sink} is
     * called on the {@code kiosk-enrollment-watch} thread.
     */
    public void followCatalogue(Consumer<Catalog> sink) {
        catalogSink = sink;
        CatalogUpdater u = catalogs;
        if (u != null) {
            sink.accept(u.current());
        }
        watch.execute(this::refreshCatalogue);
        watch.scheduleWithFixedDelay(this::refreshCatalogue, CATALOGUE_REFRESH.toMillis(), CATALOGUE_REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void refreshCatalogue() {
        CatalogUpdater u = catalogs;
        Consumer<Catalog> sink = catalogSink;
        if (u == null || sink == null) {
            return;
        }
        try {
            CatalogUpdater.Result r = u.refresh();
            switch (r.outcome()) {
                case UPDATED -> {
                    Catalog c = u.current();
                    LOG.info(() -> "catalogue " + c.version() + ": " + c.services().size() + " services"
                            + (c.leftOut().isEmpty() ? "" : ", " + c.leftOut().size() + " left out"));
                    for (Catalog.LeftOut l : c.leftOut()) {
                        LOG.warning(() -> "service " + l.code() + " left out at " + l.path() + ": " + l.reason());
                    }
                    sink.accept(c);
                }
                case UNCHANGED -> LOG.fine(() -> "catalogue " + r.version() + " unchanged");
                case REFUSED -> LOG.warning(() -> "the county's catalogue cannot be used; keeping " + r.version() + ": " + r.detail());
                case FAILED -> LOG.info(() -> "catalogue not fetched (" + r.detail() + "); keeping " + r.version());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refreshing the catalogue", e);
        }
    }

    public Optional<SyncEngine> engine() {
        return Optional.ofNullable(engine);
    }

    /**
     * The network may have changed (the demo's line switch): a heartbeat now tells the engine whether
     * the backend answers, and when the line is back it tries at once rather than after its backoff.
     * Blocks briefly (a heartbeat): call it off the JavaFX thread.
     */
    public void networkChanged(boolean up) {
        SyncEngine e = engine;
        if (e == null) {
            return;
        }
        e.heartbeat();
        if (up) {
            e.networkRestored();
        }
    }

    @Override
    public void close() {
        watch.shutdown(); // not shutdownNow: an engine swap under way finishes (and is closed below) rather than half-done
        try {
            watch.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            SyncEngine e = engine;
            if (e != null) {
                e.close();
            }
        }
        try {
            store.close();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "closing the store", e);
        }
    }
}
