package cn.yzz.kiosk.installer.steps;

/** Names the installed kiosk is known by, shared by {@code kioskctl install} (which writes them) and {@code acceptance}. */
public final class KioskUnit {

    /** The systemd unit that runs the kiosk. */
    public static final String SERVICE = "yzz-kiosk.service";
    /** The kiosk's data folder (database, enrollment, logs) when nothing else is said. */
    public static final String DATA_DIR = "/var/lib/yzz-kiosk";

    private KioskUnit() {}
}
