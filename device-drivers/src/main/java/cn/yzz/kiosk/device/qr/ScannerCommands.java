package cn.yzz.kiosk.device.qr;

import java.nio.charset.StandardCharsets;

/**
 * Command frames for each module family, and the checks on their replies. Pure builders.
 *
 * <p>GM65-class (devices.md §3.5): {@code 7E 00 TYPE LEN ADDR_H ADDR_L DATA… CRC_H CRC_L}, TYPE 07
 * read / 08 write; commands carry {@code AB CD} ("no CRC check") in the CRC place, as the documented
 * trigger frame does (the module also takes CRC-16/XMODEM over TYPE…DATA there). The reply is {@code 02 00 00 LEN DATA… CRC}, CRC over the bytes after {@code 02}:
 * the documented ack {@code 02 00 00 01 00 33 31} checks out with it. The mode register is zone
 * {@code 0x0000}, bits 1..0 (00 manual, 01 command-triggered, 10 continuous) per the GM65 manual
 * [U: other modules may differ]; the driver reads it and changes only those bits.
 */
public final class ScannerCommands {

    /** GM65 register holding the scan mode in bits 1..0. */
    public static final int GM65_MODE_REGISTER = 0x0000;
    /** GM65 register that starts (1) or stops (0) a command-triggered scan. */
    public static final int GM65_TRIGGER_REGISTER = 0x0002;
    public static final int GM65_MODE_COMMAND = 0b01;
    public static final int GM65_MODE_CONTINUOUS = 0b10;

    /** SSI parameter 0x8A (trigger mode): 0x07 presentation, 0x08 host [U: from Symbol parameter guides]. */
    public static final int SSI_TRIGGER_MODE = 0x8A;
    public static final int SSI_PRESENTATION = 0x07;
    public static final int SSI_HOST = 0x08;

    private ScannerCommands() {}

    // ---- GM65-class ----

    public static byte[] gm65Write(int address, int... values) {
        return gm65(0x08, address, values);
    }

    public static byte[] gm65Read(int address, int count) {
        return gm65(0x07, address, count);
    }

    private static byte[] gm65(int type, int address, int... data) {
        byte[] out = new byte[2 + 4 + data.length + 2];
        out[0] = 0x7E;
        out[1] = 0x00;
        out[2] = (byte) type;
        out[3] = (byte) data.length;
        out[4] = (byte) (address >> 8);
        out[5] = (byte) address;
        for (int i = 0; i < data.length; i++) {
            out[6 + i] = (byte) data[i];
        }
        // AB CD, "skip the CRC check", as in the frames devices.md §3.5 documents: the module's CRC variant is not
        // documented there, so a module (or emulator) may check the trailer against nothing else.
        out[out.length - 2] = (byte) 0xAB;
        out[out.length - 1] = (byte) 0xCD;
        return out;
    }

    /** The mode register's new value: {@code current} with bits 1..0 replaced. */
    public static int gm65ModeValue(int current, boolean presentation) {
        return (current & ~0b11) | (presentation ? GM65_MODE_CONTINUOUS : GM65_MODE_COMMAND);
    }

    /** The data of a well-formed GM65 reply (CRC checked), or null when {@code raw} is not one. */
    public static byte[] gm65ReplyData(byte[] raw) {
        if (raw.length < 6 || raw[0] != 0x02 || raw[1] != 0 || raw[2] != 0 || raw.length != 6 + (raw[3] & 0xFF)) {
            return null;
        }
        int crc = crc16(raw, 1, raw.length - 2);
        boolean ok = (raw[raw.length - 2] & 0xFF) == crc >> 8 && (raw[raw.length - 1] & 0xFF) == (crc & 0xFF);
        return ok ? java.util.Arrays.copyOfRange(raw, 4, raw.length - 2) : null;
    }

    /** CRC-16/XMODEM (polynomial 0x1021, initial 0). */
    public static int crc16(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (b[i] & 0xFF) << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    // ---- Newland ----

    /**
     * A Newland command: {@code ~ SOH "0000"} + storage flag ({@code #} temporary, {@code @} permanent)
     * + command (TAG, SUBTAG, data, e.g. {@code SCNTRG1}) + {@code ; ETX}.
     */
    public static byte[] newland(boolean permanent, String command) {
        byte[] body = command.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[7 + body.length + 2];
        byte[] head = {0x7E, 0x01, '0', '0', '0', '0', (byte) (permanent ? '@' : '#')};
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        out[out.length - 2] = ';';
        out[out.length - 1] = 0x03;
        return out;
    }

    /** Newland reply status: the byte before {@code ;ETX}, {@code 06} ACK, {@code 15} NAK, {@code 05} ENQ (unknown); -1 if malformed. */
    public static int newlandReplyStatus(byte[] raw) {
        int n = raw.length;
        if (n < 9 || raw[0] != 0x02 || raw[1] != 0x01 || raw[n - 2] != ';' || raw[n - 1] != 0x03) {
            return -1;
        }
        return raw[n - 3] & 0xFF;
    }

    // ---- per family ----

    /** Starts (true) or stops a host-triggered scan. */
    public static byte[] trigger(ScannerFamily family, boolean on) {
        return switch (family) {
            case GENERIC -> gm65Write(GM65_TRIGGER_REGISTER, on ? 1 : 0);
            case NEWLAND -> newland(false, on ? "SCNTRG1" : "SCNTRG0");
            case SSI -> SsiPacket.fromHost(on ? SsiPacket.START_DECODE : SsiPacket.STOP_DECODE).encode();
        };
    }

    /** Puts a Newland module in presentation (sense, 2) or host-triggered (level, 0) mode, until power-off. */
    public static byte[] newlandMode(boolean presentation) {
        return newland(false, presentation ? "SCNMOD2" : "SCNMOD0");
    }

    /** SSI trigger-mode parameter, temporary (STATUS bit 3 clear), no beep (FF). */
    public static byte[] ssiMode(boolean presentation) {
        return SsiPacket.fromHost(SsiPacket.PARAM_SEND, (byte) 0xFF, (byte) SSI_TRIGGER_MODE,
                (byte) (presentation ? SSI_PRESENTATION : SSI_HOST)).encode();
    }
}
