package cn.yzz.kiosk.app;

import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import cn.yzz.kiosk.device.serial.LinkOpener;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a fitted device's bytes go. The kiosk a village runs uses {@link #PROFILE}: every serial
 * device on the port its profile names, the others through their system services (CUPS, pcscd).
 * Another start of the same kiosk (the demo, module kiosk-demo) may put serial devices at the far
 * end of other links, give a driver of its own for a device it stands in for, and take a device it
 * cannot stand in for as present. The drivers on links are the same.
 */
public interface DeviceLinks {

    /** A link to use instead of the profile's port, and the speed both of its ends run at. */
    record Link(LinkOpener opener, int baud) {
        public Link {
            Objects.requireNonNull(opener, "opener");
            if (baud <= 0) {
                throw new IllegalArgumentException("baud must be positive: " + baud);
            }
        }
    }

    /** The kiosk a village runs: the ports and services its profile names; nothing taken as present. */
    DeviceLinks PROFILE = new DeviceLinks() {
        @Override
        public Optional<Link> link(DeviceKind kind) {
            return Optional.empty();
        }

        @Override
        public boolean takenAsPresent(DeviceKind kind) {
            return false;
        }

        @Override
        public String toString() {
            return "the profile's ports";
        }
    };

    /** For a serial device, the link to use instead of the port its profile entry names; empty: that port. */
    Optional<Link> link(DeviceKind kind);

    /**
     * For the social security card reader, a card terminal to use instead of the PC/SC reader its profile
     * entry names (the demo's in-memory terminal, so that the demo runs the real driver); empty: PC/SC.
     */
    default Optional<javax.smartcardio.CardTerminal> cardTerminal(DeviceKind kind) {
        return Optional.empty();
    }

    /**
     * A fitted device that gets no driver on this start and counts as working all the same (the
     * demo has no in-process stand-in for CUPS or pcscd). Heartbeats report it as taken as present.
     */
    boolean takenAsPresent(DeviceKind kind);

    /**
     * A driver to use instead of the one the profile names, for a device that has no link to put at the
     * far end of (the demo's A4 printer writes PDF files rather than go through CUPS). The kiosk opens,
     * watches, reports and closes it like any other; empty: the profile's driver.
     */
    default Optional<Device> standIn(DeviceSpec spec) {
        return Optional.empty();
    }
}
