package cn.yzz.kiosk.device.qr;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One Zebra/Symbol SSI packet (devices.md §3.2): {@code LEN OPCODE SRC STATUS DATA… CKSUM_HI CKSUM_LO},
 * LEN counting everything but the checksum, the checksum being the 16-bit two's complement of the
 * sum of the bytes before it.
 */
public record SsiPacket(int opcode, int source, int status, byte[] data) {

    public static final int ACK = 0xD0;
    public static final int NAK = 0xD1;
    public static final int FLUSH_QUEUE = 0xD2;
    public static final int START_DECODE = 0xE4;
    public static final int STOP_DECODE = 0xE5;
    public static final int SCAN_ENABLE = 0xE9;
    public static final int SCAN_DISABLE = 0xEA;
    public static final int PARAM_SEND = 0xC6;
    public static final int REQUEST_REVISION = 0xA3;
    public static final int REPLY_REVISION = 0xA4;
    public static final int DECODE_DATA = 0xF3;

    public static final int FROM_HOST = 0x04;
    public static final int FROM_DECODER = 0x00;

    /** STATUS bit 0: this packet is sent again after a NAK. */
    public static final int RETRANSMIT = 0x01;
    /** STATUS bit 1: more packets of the same decode follow. */
    public static final int CONTINUATION = 0x02;

    /** NAK reason: the checksum or framing was bad, send it again. */
    public static final int NAK_RESEND = 0x01;
    /** NAK reason: the command is not known or not allowed now. */
    public static final int NAK_DENIED = 0x06;

    /** Most data bytes one packet can hold (LEN is one byte). */
    public static final int MAX_DATA = 255 - 4;

    public SsiPacket {
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("SSI data of " + data.length + " bytes, at most " + MAX_DATA);
        }
        data = data.clone();
    }

    public static SsiPacket fromHost(int opcode, byte... data) {
        return new SsiPacket(opcode, FROM_HOST, 0, data);
    }

    public static SsiPacket fromDecoder(int opcode, int status, byte... data) {
        return new SsiPacket(opcode, FROM_DECODER, status, data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public boolean is(int flag) {
        return (status & flag) != 0;
    }

    /** The same packet with {@code flag} set in STATUS. */
    public SsiPacket with(int flag) {
        return new SsiPacket(opcode, source, status | flag, data);
    }

    /** The same packet with {@code flag} cleared in STATUS. */
    public SsiPacket without(int flag) {
        return new SsiPacket(opcode, source, status & ~flag, data);
    }

    public byte[] encode() {
        int len = 4 + data.length;
        byte[] out = new byte[len + 2];
        out[0] = (byte) len;
        out[1] = (byte) opcode;
        out[2] = (byte) source;
        out[3] = (byte) status;
        System.arraycopy(data, 0, out, 4, data.length);
        int sum = checksum(out, 0, len);
        out[len] = (byte) (sum >> 8);
        out[len + 1] = (byte) sum;
        return out;
    }

    static int checksum(byte[] b, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += b[i] & 0xFF;
        }
        return -sum & 0xFFFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SsiPacket p && p.opcode == opcode && p.source == source && p.status == status
                && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (opcode * 31 + status) * 31 + Arrays.hashCode(data);
    }

    /** Opcode and status only: decode data may be a credential. */
    @Override
    public String toString() {
        return String.format("SsiPacket[%02X from %02X status %02X, %d data bytes]", opcode, source, status, data.length)
                + (opcode == DECODE_DATA ? "" : " " + HexFormat.of().formatHex(data));
    }
}
