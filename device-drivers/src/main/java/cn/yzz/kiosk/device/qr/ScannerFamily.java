package cn.yzz.kiosk.device.qr;

/** The command sets the kiosk speaks (devices.md §3.2, §3.4, §3.5). */
public enum ScannerFamily {
    /** GM65/GM66/GM805-class modules: {@code 7E 00} register commands, suffix-framed codes. */
    GENERIC,
    /** Newland NLS-* modules: {@code ~<SOH>0000…;<ETX>} commands, suffix-framed codes. */
    NEWLAND,
    /** Zebra/Symbol SSI: every packet checksummed and acknowledged; codes come as DECODE_DATA packets. */
    SSI;

    /** The name used in configuration and on the command line. */
    public String id() {
        return name().toLowerCase();
    }

    public static ScannerFamily of(String id) {
        for (ScannerFamily f : values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown scanner family '" + id + "' (generic, newland, ssi)");
    }
}
