package cn.yzz.kiosk.installer.cli;

import cn.yzz.kiosk.device.PrivacyLogFormatter;
import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs a command with the drivers' logs silenced, or with {@code --verbose} written at INFO to the
 * command's stderr through {@link PrivacyLogFormatter}. Silenced by default because the drivers'
 * state changes would otherwise interleave with kioskctl's own plain-words messages. The previous
 * logging setup comes back afterwards, so in-process runs (tests) leave no trace.
 */
final class QuietLogs implements IExecutionStrategy {

    private static final String KIOSK_LOGGERS = "cn.yzz.kiosk";

    private final IExecutionStrategy next;

    QuietLogs(IExecutionStrategy next) {
        this.next = next;
    }

    @Override
    public int execute(ParseResult parsed) {
        Logger kiosk = Logger.getLogger(KIOSK_LOGGERS); // held here so the settings stick while the command runs
        Level level = kiosk.getLevel();
        boolean useParent = kiosk.getUseParentHandlers();
        Handler toErr = new ErrHandler(parsed.commandSpec().commandLine().getErr());
        if (CommonOptions.verbose(parsed)) {
            kiosk.setLevel(Level.INFO);
            kiosk.setUseParentHandlers(false);
            kiosk.addHandler(toErr);
        } else {
            kiosk.setLevel(Level.OFF);
        }
        try {
            return next.execute(parsed);
        } finally {
            kiosk.removeHandler(toErr);
            kiosk.setUseParentHandlers(useParent);
            kiosk.setLevel(level);
        }
    }

    /** Log lines to the command's stderr, ID-shaped numbers masked. */
    private static final class ErrHandler extends Handler {
        private final PrintWriter err;

        ErrHandler(PrintWriter err) {
            this.err = err;
            setFormatter(new PrivacyLogFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                err.print(getFormatter().format(record));
                err.flush();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
