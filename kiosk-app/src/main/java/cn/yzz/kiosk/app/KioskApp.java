package cn.yzz.kiosk.app;

import java.lang.management.ManagementFactory;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application. Started through {@link KioskMain}, which starts building the kiosk (log, catalogue, devices) while JavaFX starts. */
public final class KioskApp extends Application {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app");

    private KioskOptions options;
    private Kiosk kiosk;

    @Override
    public void init() throws StartupException {
        options = KioskOptions.parse(getParameters().getRaw());
        kiosk = Startup.kiosk(options);
    }

    @Override
    public void start(Stage stage) {
        ErrorGuard.install(kiosk.shell());
        Scene scene = kiosk.show(stage, options.demo() && !options.measureStartup());
        if (options.measureStartup()) {
            reportStartup(scene);
        }
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground();
    }

    @Override
    public void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        LOG.info("kiosk stopped");
        KioskLog.flush();
    }

    /**
     * Prints {@code startup-ms=N}: from JVM start to the pulse after the one that laid out and drew the
     * home screen (a pulse starts only when the previous frame is rendered), then quits.
     */
    private static void reportStartup(Scene scene) {
        Runnable[] listener = new Runnable[1];
        int[] pulses = {0};
        listener[0] = () -> {
            if (++pulses[0] == 1) {
                Platform.requestNextPulse();
                return;
            }
            scene.removePostLayoutPulseListener(listener[0]);
            long now = System.currentTimeMillis();
            long ms = now - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("startup-ms=" + ms);
            System.out.flush();
            LOG.info(() -> "startup to home screen drawn: " + ms + " ms");
            Platform.runLater(Platform::exit);
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }
}
