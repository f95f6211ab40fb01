package cn.yzz.kiosk.device.qr;

import cn.yzz.kiosk.device.Device;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A QR / barcode scanner. Every code read is also published to listeners as a {@link Scanned}
 * event. {@link #scan} fails with a {@link cn.yzz.kiosk.device.DeviceException} whose kind says
 * what happened: {@code NO_MEDIA} (nothing scanned in time), {@code NOT_ANSWERING},
 * {@code PROTOCOL}, {@code CLOSED}.
 */
public interface QrScanner extends Device {

    /**
     * The next code scanned within {@code timeout}. A host-triggered scanner is switched on for the
     * wait and off after it; a presentation-mode scanner is always reading. Cancelling the future
     * ends the wait. One wait at a time: a new call ends the previous one as {@code CLOSED}.
     */
    CompletableFuture<Scan> scan(Duration timeout);

    /** A code was read. The scan's text is a credential: log {@link Scan#toString()} only. */
    record Scanned(String device, Scan scan) implements cn.yzz.kiosk.device.DeviceEvent {}
}
