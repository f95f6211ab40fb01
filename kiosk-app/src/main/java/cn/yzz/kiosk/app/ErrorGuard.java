package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.flow.Shell;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * The last line of defence. An exception nobody caught on the JavaFX thread takes the villager to
 * the shell's friendly error screen (never a stack trace, never a dead screen); one on any other
 * thread is logged. A watchdog logs where the JavaFX thread is stuck if it stops answering, so that
 * a frozen screen leaves evidence in kiosk.log (the service manager restarts the kiosk).
 */
final class ErrorGuard {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.errors");
    static final Duration WATCHDOG_PERIOD = Duration.ofSeconds(5);
    static final Duration FROZEN_AFTER = Duration.ofSeconds(10);

    private ErrorGuard() {}

    /** The shell on the window now: a restart in place replaces it. */
    private static volatile Shell shell;
    private static boolean installed; // guarded by ErrorGuard.class

    /** Call on the JavaFX thread once the shell exists, and again with the new one after a restart in place. */
    static synchronized void install(Shell now) {
        shell = now;
        if (installed) {
            return; // one handler and one watchdog per program, whatever the restarts
        }
        installed = true;
        Thread.setDefaultUncaughtExceptionHandler((t, e) ->
                LOG.log(Level.SEVERE, "uncaught exception on thread " + t.getName(), e));
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
            try {
                shell.unexpectedError(e);
            } catch (RuntimeException | Error again) {
                LOG.log(Level.SEVERE, "the error screen itself failed", again);
                LOG.log(Level.SEVERE, "the original error", e);
            }
        });
        Thread fxThread = Thread.currentThread();
        Thread watchdog = new Thread(() -> watch(fxThread), "kiosk-fx-watchdog");
        watchdog.setDaemon(true);
        watchdog.setPriority(Thread.MIN_PRIORITY);
        watchdog.start();
    }

    private static void watch(Thread fxThread) {
        boolean reported = false;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(WATCHDOG_PERIOD.toMillis());
                CountDownLatch answered = new CountDownLatch(1);
                Platform.runLater(answered::countDown);
                if (answered.await(FROZEN_AFTER.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (reported) {
                        LOG.warning("the JavaFX thread answers again");
                        reported = false;
                    }
                } else if (!reported) {
                    reported = true;
                    LOG.severe(() -> "the JavaFX thread has not answered for " + FROZEN_AFTER.toSeconds() + " s; it is at:\n" + stack(fxThread));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String stack(Thread t) {
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(t.getId(), 40);
        StringBuilder sb = new StringBuilder();
        if (info != null) {
            for (StackTraceElement e : info.getStackTrace()) {
                sb.append("    at ").append(e).append('\n');
            }
        }
        return sb.toString();
    }
}
