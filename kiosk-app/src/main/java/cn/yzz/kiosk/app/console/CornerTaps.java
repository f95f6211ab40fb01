package cn.yzz.kiosk.app.console;

import java.time.Duration;

/**
 * The console's way in: five presses on the top-left corner within three seconds. Counts presses, not taps or
 * activations: a long press is one press (its release is not counted), a gesture is never a press, and the kiosk's
 * {@code TapGuard}, which drops a second activation within half a second, must not swallow quick taps here (it guards
 * buttons' ACTION events; this counts the corner's own MOUSE_PRESSED events). Pure: the caller passes the time.
 */
public final class CornerTaps {

    public static final int PRESSES = 5;
    public static final Duration WITHIN = Duration.ofSeconds(3);

    private final long[] times = new long[PRESSES];
    private int count;

    /**
     * A press on the corner at {@code nanos} (a monotonic clock). Returns true when it is the fifth within
     * {@link #WITHIN}; the count then starts again.
     */
    public boolean press(long nanos) {
        if (count == PRESSES) {
            System.arraycopy(times, 1, times, 0, PRESSES - 1);
            count--;
        }
        times[count++] = nanos;
        if (count == PRESSES && nanos - times[0] <= WITHIN.toNanos()) {
            count = 0;
            return true;
        }
        return false;
    }

    /** Forgets the presses so far (a press elsewhere, or the console opened another way). */
    public void reset() {
        count = 0;
    }
}
