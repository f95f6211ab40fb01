package cn.yzz.kiosk.demo;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.BackendException;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.Enrollment;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The demo's county: the development county backend, run in-process on loopback with its database in
 * the demo's data folder, and the demo kiosk enrolled with it through the same client and enrollment
 * file as {@code kioskctl enroll}. The kiosk then finds an enrolled data folder, as a kiosk in a village
 * does, and syncs with it. The simulator's network switch makes the backend drop every connection.
 *
 * <p>Starting blocks (SQLite, an HTTP round trip): call it off the JavaFX thread.
 */
public final class DemoCounty implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.demo");

    /** The demo backend's enrollment code and the demo kiosk's village (a Shantou village code). */
    static final String CODE = "DEMO-2026";
    static final String VILLAGE = "440511101201";

    private final DevBackend backend;

    private DemoCounty(DevBackend backend) {
        this.backend = backend;
    }

    /** Starts the backend under {@code dataDir} and enrolls a {@code model} kiosk whose data is there. */
    public static DemoCounty start(Path dataDir, String model) throws IOException {
        DevBackend backend = DevBackend.start(0, dataDir.resolve("demo-county-backend"), CODE, FaultSettings.none());
        try {
            enroll(dataDir, backend, model, Clock.systemUTC());
            return new DemoCounty(backend);
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private static void enroll(Path dataDir, DevBackend backend, String model, Clock clock) throws IOException {
        Optional<EnrollmentFile> earlier = EnrollmentFile.load(dataDir);
        if (earlier.isPresent()) {
            // Enrolled at an earlier start: the backend's database remembers the kiosk and its token, but its
            // port changes with every start, so the file is pointed at where it listens now.
            EnrollmentFile e = earlier.get();
            if (!e.backendUrl().equals(backend.url())) {
                new EnrollmentFile(backend.url(), e.kioskId(), e.token(), e.model(), e.villageCode(), e.allowInsecure())
                        .save(dataDir);
            }
            return;
        }
        SyncConfig unenrolled = SyncConfig.defaults(backend.url(), null, null, true);
        Enrollment e;
        try {
            e = new BackendClient(unenrolled, clock).enroll(
                    new EnrollRequest(CODE, model, VILLAGE, "demo-" + dataDir.getFileName(), "1.0.0"));
        } catch (BackendException ex) {
            throw new IOException("the demo could not enroll with its own backend: " + ex.getMessage(), ex);
        }
        new EnrollmentFile(backend.url(), e.kioskId(), e.token(), model, VILLAGE, true).save(dataDir);
        LOG.info(() -> "demo kiosk enrolled as " + e.kioskId());
    }

    /** The backend, for tests. */
    public DevBackend backend() {
        return backend;
    }

    /**
     * The simulator's line switch: off, every connection to the backend is dropped before anything is
     * stored, as a cut village line does; on, it answers again. The kiosk's sync engine learns of it at
     * its next contact ({@code Kiosk.networkChanged} makes that now).
     */
    public void network(boolean up) {
        backend.faults().set(up ? "" : "drop-before-commit=1");
        LOG.info(() -> "simulator: network " + (up ? "back" : "cut"));
    }

    @Override
    public void close() {
        backend.close();
    }
}
