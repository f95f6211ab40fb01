package cn.yzz.kiosk.app;

import cn.yzz.kiosk.device.PrivacyLogFormatter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends the kiosk's log (java.util.logging, which the drivers' System.Logger also uses) to
 * {@code DATA/logs/kiosk.log}. Nothing logged anywhere in the kiosk carries a full ID number:
 * cards are logged through their masked {@code toString}.
 */
public final class KioskLog {

    private static final long LIMIT_BYTES = 10L * 1024 * 1024;

    // Kept here as well as on the root logger, so it is clear who owns (and may close) it.
    private static FileHandler handler;
    private static Path current;

    private KioskLog() {}

    /** Sends the log to {@code dataDir/logs/kiosk.log} (moving it there if it went elsewhere) and returns that file. */
    public static synchronized Path setup(Path dataDir) throws IOException {
        Path dir = dataDir.resolve("logs");
        Files.createDirectories(dir);
        Path file = dir.resolve("kiosk.log").toAbsolutePath();
        if (file.equals(current)) {
            return file;
        }
        // '%' is special in FileHandler patterns; one generation keeps the name exactly kiosk.log.
        FileHandler next = new FileHandler(file.toString().replace("%", "%%"), LIMIT_BYTES, 1, true);
        next.setEncoding(StandardCharsets.UTF_8.name());
        next.setFormatter(new PrivacyLogFormatter()); // masks any ID-shaped number a call site forgot
        next.setLevel(Level.INFO);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                h.setFormatter(new PrivacyLogFormatter()); // the console ends up in the system journal: mask it too
            }
        }
        root.addHandler(next);
        if (handler != null) {
            root.removeHandler(handler);
            handler.close();
        }
        handler = next;
        current = file;
        Logger kiosk = Logger.getLogger("cn.yzz.kiosk");
        if (kiosk.getLevel() == null) {
            kiosk.setLevel(Level.INFO);
        }
        return file;
    }

    /** Flushes what was written so far (tests read the file). */
    public static synchronized void flush() {
        if (handler != null) {
            handler.flush();
        }
    }
}
