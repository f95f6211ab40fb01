package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.device.idcard.IdCard;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The ID card reader as a question of a form sees it: another person's card placed to fill their number
 * (代他人缴费). Cancelling the future stops the wait. The future completes on the reader's thread.
 */
@FunctionalInterface
public interface CardSource {

    CompletableFuture<IdCard> read(Duration wait);

    /** No reader: numbers are keyed. */
    CardSource NONE = wait -> CompletableFuture.failedFuture(new IllegalStateException("no ID card reader"));
}
