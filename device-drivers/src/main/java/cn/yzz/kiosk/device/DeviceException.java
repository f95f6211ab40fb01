package cn.yzz.kiosk.device;

import java.util.Objects;

/**
 * A device operation that did not succeed. {@link #kind()} tells callers what to do about it;
 * the message is plain language and never contains personal data.
 */
public class DeviceException extends Exception {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** Nothing to work on before the deadline: no card placed, no code scanned. Normal. */
        NO_MEDIA,
        /** The device did not answer (unplugged, powered off, wrong port or speed). */
        NOT_ANSWERING,
        /** The medium could not be used after the allowed retries (card moved, damaged or unreadable). */
        MEDIA_ERROR,
        /** The device answered with frames that stayed broken after the allowed retries. */
        PROTOCOL,
        /** The device reports a hardware or security fault; it is out of service until repaired. */
        DEVICE_FAULT,
        /** The device was closed or the operation was cancelled. */
        CLOSED
    }

    private final Kind kind;

    public DeviceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public DeviceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
