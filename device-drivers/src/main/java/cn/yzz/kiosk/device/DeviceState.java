package cn.yzz.kiosk.device;

/**
 * Where a device stands, in the spirit of UnifiedPOS {@code State} plus {@code PowerState}.
 * An administrator sees these words on the health screen, so each has a plain meaning.
 */
public enum DeviceState {
    /** Not opened, or closed on purpose. */
    CLOSED,
    /** Open, answering, waiting for work. */
    IDLE,
    /** Open and working on a request. */
    BUSY,
    /** Not answering: cable pulled, power off, wrong port or wrong speed. The driver keeps trying to reconnect. */
    OFFLINE,
    /** Answering but reporting a fault it cannot recover from by itself (for example a broken security module). */
    FAILED;

    /** True when the kiosk can use the device now. */
    public boolean usable() {
        return this == IDLE || this == BUSY;
    }
}
