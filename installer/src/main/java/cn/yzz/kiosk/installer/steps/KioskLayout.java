package cn.yzz.kiosk.installer.steps;

/**
 * Where an installed kiosk's pieces are: the package's programs (laid out by {@code ./kiosk package}) and what
 * {@code kioskctl install} writes. One place, so that the unit, the package and the acceptance check agree.
 */
public final class KioskLayout {

    /** The kiosk's launcher in the package; it takes KioskMain's arguments ({@code --data-dir DIR --config FILE}). */
    public static final String LAUNCHER = "/opt/yzz-kiosk/bin/yzz-kiosk";
    /** kioskctl in the package. */
    public static final String KIOSKCTL = "/usr/bin/kioskctl";

    /** The system user the kiosk runs as. */
    public static final String USER = "yzz-kiosk";
    /** The kiosk's data folder: outbox, cash journal, enrollment, logs. Also its user's home. */
    public static final String DATA_DIR = "/var/lib/yzz-kiosk";
    /** The installed configuration. */
    public static final String CONFIG = "/etc/yzz-kiosk/kiosk.json";
    /** The kiosk's systemd unit. */
    public static final String UNIT = "yzz-kiosk.service";
    /** The folder the unit and its enable link are in. */
    public static final String UNIT_DIR = "/etc/systemd/system";

    /** The X session: xinit runs Xorg and the kiosk as its only client, on this display and virtual terminal. */
    public static final String XINIT = "/usr/bin/xinit";
    public static final String XORG = "/usr/bin/Xorg";
    public static final int DISPLAY = 0;
    public static final int VT = 7;

    /** Stable names the udev rules give the serial devices: {@code /dev/yzz-} and the device's kind. */
    public static final String DEVICE_NAME_PREFIX = "yzz-";

    private KioskLayout() {}
}
