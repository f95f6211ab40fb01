package cn.yzz.kiosk.admin;

import java.time.Instant;

/**
 * Sets this machine's clock: the console's 校准时钟, to the county backend's time, when the network check finds the kiosk's
 * clock wrong (receipts carry times). The kiosk a village runs uses {@link #timedatectl()}; the demo corrects its own
 * adjustable clock. Blocking: call it off the JavaFX thread.
 */
@FunctionalInterface
public interface ClockSetter {

    /** Why the clock could not be set, in words an administrator can act on. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String words) {
            super(words);
        }
    }

    void set(Instant now) throws Refused;

    /**
     * Through systemd-timedated ({@code timedatectl set-time}), which the kiosk's user may use by the polkit rule
     * {@code kioskctl install} writes, and for nothing else.
     */
    static ClockSetter timedatectl() {
        return new Timedatectl("timedatectl");
    }
}
