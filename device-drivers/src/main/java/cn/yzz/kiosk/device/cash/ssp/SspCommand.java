package cn.yzz.kiosk.device.cash.ssp;

/** SSP command codes used with note validators (essp.md §7 table; GA138). */
public final class SspCommand {

    public static final int RESET = 0x01;
    public static final int SET_CHANNEL_INHIBITS = 0x02;
    public static final int DISPLAY_ON = 0x03;
    public static final int DISPLAY_OFF = 0x04;
    public static final int SETUP_REQUEST = 0x05;
    public static final int HOST_PROTOCOL_VERSION = 0x06;
    public static final int POLL = 0x07;
    public static final int REJECT = 0x08;
    public static final int DISABLE = 0x09;
    public static final int ENABLE = 0x0A;
    public static final int GET_SERIAL_NUMBER = 0x0C;
    public static final int UNIT_DATA = 0x0D;
    public static final int CHANNEL_VALUE_REQUEST = 0x0E;
    public static final int CHANNEL_SECURITY_DATA = 0x0F;
    public static final int SYNC = 0x11;
    public static final int LAST_REJECT_CODE = 0x17;
    public static final int HOLD = 0x18;
    public static final int GET_FIRMWARE_VERSION = 0x20;
    public static final int GET_DATASET_VERSION = 0x21;
    public static final int SET_GENERATOR = 0x4A;
    public static final int SET_MODULUS = 0x4B;
    public static final int REQUEST_KEY_EXCHANGE = 0x4C;
    public static final int GET_BUILD_REVISION = 0x4F;
    public static final int POLL_WITH_ACK = 0x56;
    public static final int EVENT_ACK = 0x57;
    public static final int GET_COUNTERS = 0x58;
    public static final int RESET_COUNTERS = 0x59;
    public static final int SET_ENCRYPTION_KEY = 0x60;
    public static final int ENCRYPTION_RESET = 0x61;

    /** The highest HOST PROTOCOL VERSION this codec decodes (NV200 firmware 4.09; essp.md §3). */
    public static final int MAX_PROTOCOL = 8;

    private SspCommand() {
    }

    /** SET CHANNEL INHIBITS: bit per channel, LSB = channel 1, 1 = enabled; two bytes, low first. */
    public static byte[] setChannelInhibits(int enabledMask) {
        return new byte[] {SET_CHANNEL_INHIBITS, (byte) enabledMask, (byte) (enabledMask >>> 8)};
    }

    public static byte[] hostProtocolVersion(int version) {
        return new byte[] {HOST_PROTOCOL_VERSION, (byte) version};
    }

    /** SET GENERATOR / SET MODULUS / REQUEST KEY EXCHANGE: the command and 8 bytes little-endian. */
    public static byte[] withLong(int command, long value) {
        byte[] out = new byte[9];
        out[0] = (byte) command;
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    public static byte[] of(int command) {
        return new byte[] {(byte) command};
    }
}
