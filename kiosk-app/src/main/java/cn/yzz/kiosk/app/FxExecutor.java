package cn.yzz.kiosk.app;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/**
 * Hands work to the JavaFX thread. Device results and timers reach the flow models only through
 * this, so it is the one place where the kiosk changes threads.
 */
public final class FxExecutor implements Executor {

    @Override
    public void execute(Runnable command) {
        Platform.runLater(command);
    }
}
