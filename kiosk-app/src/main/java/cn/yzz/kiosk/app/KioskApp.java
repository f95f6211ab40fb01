package cn.yzz.kiosk.app;

import java.lang.management.ManagementFactory;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started through {@link KioskMain#start}, which starts building the kiosk (log,
 * catalogue, devices) while JavaFX starts and hands over the start's options and extras.
 */
public final class KioskApp extends Application {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app");

    private KioskOptions options;
    private KioskExtras extras = KioskExtras.NONE;
    private Kiosk kiosk;

    @Override
    public void init() throws StartupException {
        Startup.Begun begun = Startup.begun().orElse(null);
        if (begun != null) {
            options = begun.options();
            extras = begun.extras();
        } else { // launched by JavaFX's own launcher: the kiosk's command line
            options = KioskOptions.parse(getParameters().getRaw());
        }
        kiosk = Startup.kiosk(options);
    }

    @Override
    public void start(Stage stage) {
        ErrorGuard.install(kiosk.shell());
        Scene scene = kiosk.show(stage, extras.area(javafx.stage.Screen.getPrimary().getBounds()));
        extras.shown(kiosk, stage, scene);
        if (options.measureStartup()) {
            reportStartup(scene);
        }
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> extras.beforeCounty(options));
    }

    @Override
    public void stop() {
        if (kiosk != null) {
            kiosk.close();
        }
        extras.close();
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
