package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The two kinds of 粤智助 kiosk and the devices each carries (BRIEF). Until the device profile
 * lists the devices one by one (issue 5), the kind says what is fitted; of these only the ID card
 * reader has a driver yet, and only its live state can take services off the screen.
 */
public enum Hardware {
    DESKTOP(EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER, DeviceNeed.RECEIPT_PRINTER)),
    ENHANCED(EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER, DeviceNeed.RECEIPT_PRINTER,
            DeviceNeed.A4_PRINTER, DeviceNeed.SSCARD_READER, DeviceNeed.CASH_ACCEPTOR));

    private final Set<DeviceNeed> devices;

    Hardware(Set<DeviceNeed> devices) {
        this.devices = Set.copyOf(devices);
    }

    public Set<DeviceNeed> devices() {
        return devices;
    }

    /** As written on the command line: {@code desktop} or {@code enhanced}. */
    public static Hardware parse(String s) {
        for (Hardware h : values()) {
            if (h.name().toLowerCase(Locale.ROOT).equals(s)) {
                return h;
            }
        }
        throw new IllegalArgumentException("--model must be desktop or enhanced, not '" + s + "'");
    }
}
