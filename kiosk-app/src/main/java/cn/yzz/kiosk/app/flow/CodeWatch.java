package cn.yzz.kiosk.app.flow;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.qr.QrScanner;
import cn.yzz.kiosk.device.qr.Scan;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Listens to the QR scanner while a screen wants codes (home, identify) and hands each code to
 * {@code onCode} on the {@code fx} executor. Codes come from the driver's {@link QrScanner.Scanned}
 * events, which a presentation-mode scanner sends whenever a code is shown (also in the moment between
 * two waits); one scan is kept waiting all the while so that a host-triggered scanner reads at all. A
 * scanner not yet open, or gone, is asked again when it comes back (its state changes) or after
 * {@link #RETRY}. The code itself is a credential: this class keeps no reference to it once handed on,
 * and never logs it.
 *
 * <p>Use on the {@code fx} executor's thread.
 */
final class CodeWatch {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.identify");
    static final Duration RETRY = Duration.ofSeconds(2);

    private final QrScanner scanner;
    private final Executor fx;
    private final Duration wait;
    private final Consumer<Scan> onCode;
    private boolean wanted;
    private boolean retryQueued;
    private CompletableFuture<Scan> pending;

    CodeWatch(QrScanner scanner, Executor fx, Duration wait, Consumer<Scan> onCode) {
        this.scanner = scanner;
        this.fx = fx;
        this.wait = wait;
        this.onCode = onCode;
        scanner.addListener(e -> {
            if (e instanceof DeviceEvent.StateChanged s && (s.to() == DeviceState.IDLE)) {
                fx.execute(this::next);
            } else if (e instanceof QrScanner.Scanned s) {
                Scan scan = s.scan();
                fx.execute(() -> {
                    if (wanted) {
                        onCode.accept(scan); // the only hand the code passes through here
                    }
                });
            }
        });
    }

    /** Whether codes are wanted now; false cancels the scan waiting. */
    void want(boolean on) {
        wanted = on;
        if (on) {
            next();
        } else if (pending != null) {
            CompletableFuture<Scan> f = pending;
            pending = null;
            f.cancel(true); // ends the wait; a host-triggered scanner is switched off again
        }
    }

    boolean wanted() {
        return wanted;
    }

    private void next() {
        if (!wanted || pending != null) {
            return;
        }
        DeviceState s = scanner.state();
        if (s != DeviceState.IDLE && s != DeviceState.BUSY) {
            return; // not open yet, or gone: its state change back to IDLE asks again
        }
        CompletableFuture<Scan> f = scanner.scan(wait);
        pending = f;
        f.whenCompleteAsync((scan, error) -> {
            if (pending != f) {
                return; // cancelled or replaced
            }
            pending = null;
            if (scan != null) {
                next(); // the code itself comes as the driver's event
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                return;
            }
            DeviceException.Kind kind = cause instanceof DeviceException d ? d.kind() : null;
            if (kind == DeviceException.Kind.NO_MEDIA) {
                next(); // nobody showed a code in time: keep listening
                return;
            }
            LOG.info(() -> "scanner wait ended (" + (kind != null ? kind : cause.getClass().getSimpleName()) + ": "
                    + cause.getMessage() + "); asked again when it is back");
            retryLater();
        }, fx);
    }

    private void retryLater() {
        if (retryQueued) {
            return;
        }
        retryQueued = true;
        CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS, fx).execute(() -> {
            retryQueued = false;
            next();
        });
    }
}
