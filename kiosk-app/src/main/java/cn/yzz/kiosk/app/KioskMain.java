package cn.yzz.kiosk.app;

import java.util.List;
import javafx.application.Application;

/**
 * Entry point. A plain main (not the Application subclass) so that the kiosk runs with JavaFX on
 * the class path. Bad options or a bad catalogue end here with a message and a non-zero exit.
 */
public final class KioskMain {

    private KioskMain() {}

    public static void main(String[] args) {
        KioskOptions options;
        try {
            options = KioskOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("kiosk: " + e.getMessage());
            System.err.println(KioskOptions.USAGE);
            System.exit(2);
            return;
        }
        Startup.begin(options);
        try {
            Application.launch(KioskApp.class, args);
        } catch (RuntimeException e) {
            System.err.println("kiosk: cannot start: " + reason(e));
            System.exit(1);
        }
        if (options.measureStartup()) {
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
