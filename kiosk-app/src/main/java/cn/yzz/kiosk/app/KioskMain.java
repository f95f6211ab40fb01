package cn.yzz.kiosk.app;

import java.util.List;
import java.util.Optional;
import javafx.application.Application;

/**
 * Entry point of the kiosk a village runs: {@code KioskMain --config FILE --data-dir DIR}. A plain main
 * (not the Application subclass) so that the kiosk runs with JavaFX on the class path. Bad options or
 * a bad catalogue end here with a message and a non-zero exit. The demo (module kiosk-demo) starts the
 * same kiosk through {@link #start} with its own extras.
 */
public final class KioskMain {

    private KioskMain() {}

    public static void main(String[] args) {
        // JavaFX starts at once; the command line and the configuration (Jackson) are read meanwhile on kiosk-preload.
        Startup.begin(() -> KioskOptions.parse(List.of(args)), KioskExtras.NONE);
        run();
    }

    /**
     * Starts the kiosk and returns when it has stopped. Building it (log, catalogue, devices, models)
     * begins at once on {@code kiosk-preload} while JavaFX starts. A kiosk that cannot start ends the
     * JVM with a message and exit code 1; with {@code --measure-startup} the JVM ends with 0 once the
     * home screen has been drawn.
     */
    public static void start(KioskOptions options, KioskExtras extras) {
        Startup.begin(() -> options, extras);
        run();
    }

    private static void run() {
        try {
            Application.launch(KioskApp.class);
        } catch (RuntimeException e) {
            // Bad options are told as such even when JavaFX failed first (no display): they are what to fix.
            Optional<IllegalArgumentException> bad = Startup.badOptions();
            if (bad.isPresent()) {
                System.err.println("kiosk: " + bad.get().getMessage());
                System.err.println(KioskOptions.USAGE);
                System.exit(2);
            }
            System.err.println("kiosk: cannot start: " + reason(e));
            System.exit(1);
        }
        if (Restarts.exitAsked()) {
            System.exit(Restarts.EXIT_RESTART); // 重启程序: systemd starts the kiosk again
        }
        if (Startup.options().map(KioskOptions::measureStartup).orElse(false)) {
            System.exit(0); // do not wait for device threads to wind down
        }
    }

    /** Our own start-up message if there is one in the chain (JavaFX wraps it), else the innermost cause. */
    private static String reason(Throwable t) {
        Throwable c = t;
        while (true) {
            if (c instanceof StartupException) {
                return c.getMessage();
            }
            if (c.getCause() == null || c.getCause() == c) {
                return c.toString();
            }
            c = c.getCause();
        }
    }
}
