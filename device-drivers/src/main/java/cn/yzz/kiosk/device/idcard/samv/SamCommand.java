package cn.yzz.kiosk.device.idcard.samv;

/** The SAM_V commands a kiosk uses (devices.md §1.4), as CMD and PARA. */
public enum SamCommand {
    RESET(0x10, 0xFF),
    STATUS(0x11, 0xFF),
    SAM_ID(0x12, 0xFF),
    FIND_CARD(0x20, 0x01),
    SELECT_CARD(0x20, 0x02),
    READ_TEXT_PHOTO(0x30, 0x01),
    READ_WITH_FINGERPRINT(0x30, 0x10),
    READ_LATEST_ADDRESS(0x30, 0x03),
    /** PARA is the baud code, see {@link BaudCode}. */
    SET_BAUD(0x60, -1);

    private final int cmd;
    private final int para;

    SamCommand(int cmd, int para) {
        this.cmd = cmd;
        this.para = para;
    }

    public int cmd() {
        return cmd;
    }

    public int para() {
        return para;
    }

    /** The complete frame for this command. */
    public byte[] frame() {
        if (this == SET_BAUD) {
            throw new IllegalStateException("use setBaudFrame(baud)");
        }
        return SamFrames.command(cmd, para);
    }

    public static byte[] setBaudFrame(int baud) {
        return SamFrames.command(SET_BAUD.cmd, BaudCode.of(baud));
    }

    /** The command a frame carries, or {@code null} if it is not one of these. */
    public static SamCommand of(int cmd, int para) {
        for (SamCommand c : values()) {
            if (c.cmd == cmd && (c.para == para || (c == SET_BAUD && BaudCode.baud(para) > 0))) {
                return c;
            }
        }
        return null;
    }

    /** The PARA values of {@code 60 nn}. */
    public static final class BaudCode {
        /** GA 467's table: the PARA of {@code 60 nn} is the index of the speed here. */
        private static final int[] BY_CODE = {115200, 57600, 38400, 19200, 9600};

        private BaudCode() {}

        public static int of(int baud) {
            for (int i = 0; i < BY_CODE.length; i++) {
                if (BY_CODE[i] == baud) {
                    return i;
                }
            }
            throw new IllegalArgumentException("SAM_V modules do not support " + baud + " baud; use one of " + java.util.Arrays.toString(BY_CODE));
        }

        /** The speed for a PARA value, or -1. */
        public static int baud(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : -1;
        }
    }
}
