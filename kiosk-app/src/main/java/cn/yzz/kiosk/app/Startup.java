package cn.yzz.kiosk.app;

import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.app.view.KioskView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.css.CssParser;

/**
 * Work that needs no JavaFX and so can run while the toolkit starts: the log, the catalogue, the
 * devices and the flow models. On a two-core kiosk this takes it off the path to the first frame.
 * Also keeps what this start was given (options and extras) for {@link KioskApp}, which JavaFX makes.
 */
final class Startup {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app");

    /** Building touches no hardware, so this is generous: it only stops a hang from going unnoticed. */
    private static final long PRELOAD_TIMEOUT_SECONDS = 30;

    /** One start: what it was given and the kiosk being built. */
    record Begun(KioskOptions options, KioskExtras extras, CompletableFuture<Kiosk> kiosk) {}

    private static volatile Begun begun;

    private Startup() {}

    /** Starts building the kiosk on a thread of its own. */
    static void begin(KioskOptions options, KioskExtras extras) {
        CompletableFuture<Kiosk> f = new CompletableFuture<>();
        begun = new Begun(options, extras, f);
        Thread t = new Thread(() -> {
            try {
                f.complete(build(options, extras));
            } catch (StartupException | RuntimeException e) {
                f.completeExceptionally(e);
                return;
            }
            warmUpStylesheetParser();
        }, "kiosk-preload");
        t.setDaemon(true);
        t.start();
    }

    /** What {@link #begin} was given, if it ran. */
    static Optional<Begun> begun() {
        return Optional.ofNullable(begun);
    }

    /**
     * Parses the stylesheet once and throws the result away. The JavaFX thread parses it again when
     * the scene is built; by then the parser's classes are loaded, which saves most of its cost
     * (about 80 ms cold) on the way to the first frame. Needs no toolkit, so it runs here.
     */
    private static void warmUpStylesheetParser() {
        try {
            new CssParser().parse(KioskView.class.getResource(KioskView.STYLESHEET));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "stylesheet warm-up failed; the scene will report it", e);
        }
    }

    /** The kiosk from {@link #begin} if it ran, else built now. */
    static Kiosk kiosk(KioskOptions options) throws StartupException {
        Begun b = begun;
        if (b == null) {
            return build(options, KioskExtras.NONE);
        }
        CompletableFuture<Kiosk> f = b.kiosk();
        try {
            return f.get(PRELOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StartupException s) {
                throw s;
            }
            throw new StartupException("start-up failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupException("start-up did not finish within " + PRELOAD_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("start-up interrupted", e);
        }
    }

    /**
     * The enrollment must be usable before the kiosk starts: an {@code https} backend without a pin (the kiosk
     * could not tell the county from an impostor), plain {@code http} off this machine or a token others can
     * read stops it here, with what to do. Not enrolled at all is fine: the kiosk queues until it is.
     */
    static void backendIdentity(Path dataDir) throws StartupException {
        try {
            EnrollmentFile.load(dataDir);
        } catch (IOException e) {
            LOG.severe(e.getMessage());
            throw new StartupException("注册信息不能用，终端不启动：" + e.getMessage(), e);
        }
    }

    private static Kiosk build(KioskOptions options, KioskExtras extras) throws StartupException {
        try {
            KioskLog.setup(options.dataDir());
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot write the log under " + options.dataDir() + " (" + e + ")", e);
        }
        backendIdentity(options.dataDir());
        Catalog catalogue;
        try {
            // The bundled catalogue first: the county's last good one is in the store, which opens later
            // (off the path to the first frame) and then replaces it.
            catalogue = CatalogParser.bundled();
        } catch (IllegalStateException e) {
            LOG.severe(e.getMessage());
            throw new StartupException(e.getMessage(), e);
        }
        try {
            return Kiosk.create(options, catalogue, Clock.systemDefaultZone(), Kiosk.Settings.defaults(),
                    extras.devices(options));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot set up the devices", e);
            throw new StartupException("cannot set up the devices: " + e, e);
        }
    }
}
