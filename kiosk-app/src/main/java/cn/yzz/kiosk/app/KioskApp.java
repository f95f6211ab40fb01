package cn.yzz.kiosk.app;

import java.lang.management.ManagementFactory;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started through {@link KioskMain}, which starts reading the options and building
 * the kiosk (log, catalogue, devices, models) while JavaFX starts, and hands over the start's extras.
 */
public final class KioskApp extends Application {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app");

    private KioskOptions options;
    private KioskExtras extras = KioskExtras.NONE;
    private Kiosk kiosk;
    private Restarts restarts;

    @Override
    public void init() throws StartupException {
        Startup.Begun begun = Startup.begun().orElse(null);
        if (begun != null) {
            extras = begun.extras();
            kiosk = Startup.built();
        } else { // launched by JavaFX's own launcher: the kiosk's command line
            kiosk = Startup.kiosk(KioskOptions.parse(getParameters().getRaw()));
        }
        options = kiosk.options();
    }

    /**
     * Shows the home screen; what it does not need (devices, voice, outbox, sync) starts once its first frame is
     * drawn, so that nothing competes with it for the kiosk's two cores.
     */
    @Override
    public void start(Stage stage) {
        ErrorGuard.install(kiosk.shell());
        javafx.geometry.Rectangle2D area = extras.area(javafx.stage.Screen.getPrimary().getBounds());
        Scene scene = kiosk.show(stage, area);
        restarts = new Restarts(kiosk, stage, extras, area);
        extras.shown(kiosk, stage, scene);
        FirstFrame.then(scene, () -> {
            if (options.measureStartup()) {
                reportStartup(); // and quit: a timed start (or the AOT cache's training) ends at the first frame
                return;
            }
            kiosk.openDevicesInBackground();
            kiosk.connectCountyInBackground(() -> extras.beforeCounty(options), extras.storeSettings());
        });
    }

    @Override
    public void stop() {
        if (restarts != null) {
            restarts.close(); // the kiosk on the window now, and any training
        } else if (kiosk != null) {
            kiosk.close();
        }
        extras.close();
        LOG.info("kiosk stopped");
        KioskLog.flush();
    }

    /**
     * Prints {@code startup-ms=N}, from JVM start to the home screen's first frame drawn (see {@link FirstFrame}),
     * then quits. The JVM's start time is read only now, so that reading it costs the start nothing.
     */
    private static void reportStartup() {
        long now = System.currentTimeMillis();
        long ms = now - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("startup-ms=" + ms);
        System.out.flush();
        LOG.info(() -> "startup to home screen drawn: " + ms + " ms");
        Platform.exit();
    }
}
