package cn.yzz.kiosk.device.idcard;

import cn.yzz.kiosk.device.Device;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A resident ID card reader. {@link #read} waits for a card, reads it and completes; the future
 * fails with a {@link cn.yzz.kiosk.device.DeviceException} whose kind says what happened
 * ({@code NO_MEDIA}: no card before the deadline; {@code MEDIA_ERROR}: card moved or unreadable,
 * ask the villager to place it again; {@code NOT_ANSWERING}; {@code DEVICE_FAULT}). All work runs
 * on the reader's thread; completing the future never blocks the caller.
 */
public interface IdCardReader extends Device {

    /**
     * Waits up to {@code timeout} for a card and reads it. Cancelling the future stops the wait
     * within one polling interval. Only one read runs at a time; a second call queues behind it.
     */
    CompletableFuture<IdCard> read(Duration timeout);

    /** The appended address (追加住址) of the card just read, if it has one. */
    CompletableFuture<Optional<String>> readLatestAddress();

    /** The security module's 16-byte identifier in hex, four bytes per group. */
    CompletableFuture<String> samId();
}
