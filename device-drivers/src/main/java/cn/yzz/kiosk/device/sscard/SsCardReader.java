package cn.yzz.kiosk.device.sscard;

import cn.yzz.kiosk.device.Device;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A social security card (社会保障卡) reader. {@link #read} waits for a card, reads the holder's
 * data and completes; the future fails with a {@link cn.yzz.kiosk.device.DeviceException} whose
 * kind says what happened ({@code NO_MEDIA}: no card before the deadline; {@code MEDIA_ERROR}:
 * pulled out mid-read, not a social security card, or data that cannot be read; {@code
 * NOT_ANSWERING}: the reader or the PC/SC service is gone). Nothing half-read is ever returned.
 */
public interface SsCardReader extends Device {

    /** Waits up to {@code timeout} for a card and reads it. Cancelling the future stops the wait. */
    CompletableFuture<SsCard> read(Duration timeout);

    /** Whether a card is in the slot, as last seen by the presence watcher; never blocks. */
    boolean cardPresent();
}
