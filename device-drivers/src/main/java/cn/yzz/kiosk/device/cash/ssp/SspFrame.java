package cn.yzz.kiosk.device.cash.ssp;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One SSP packet as it was before stuffing: {@code STX | SEQ/ID | LEN | DATA | CRCL CRCH} (essp.md §1).
 * SEQ/ID is bit 7 the sequence flag, bits 6–0 the slave address (at most 0x7D).
 *
 * @param seqId the SEQ/ID byte (0–255)
 * @param data  command or reply bytes, 1–255 of them
 */
public record SspFrame(int seqId, byte[] data) {

    public static final int STX = 0x7F;
    public static final int MAX_ADDRESS = 0x7D;
    public static final int MAX_DATA = 255;

    public SspFrame {
        if (seqId < 0 || seqId > 0xFF || (seqId & 0x7F) > MAX_ADDRESS) {
            throw new IllegalArgumentException("SEQ/ID " + seqId);
        }
        if (data.length < 1 || data.length > MAX_DATA) {
            throw new IllegalArgumentException("SSP data is 1–255 bytes, not " + data.length);
        }
        data = data.clone();
    }

    public static SspFrame of(boolean flag, int address, byte[] data) {
        return new SspFrame((flag ? 0x80 : 0) | address, data);
    }

    public boolean flag() {
        return (seqId & 0x80) != 0;
    }

    public int address() {
        return seqId & 0x7F;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The first data byte: the command, or the reply's generic response. */
    public int first() {
        return data[0] & 0xFF;
    }

    /** The bytes on the wire: STX, then SEQ/ID, LEN, DATA and CRC with every 0x7F doubled. */
    public byte[] encode() {
        byte[] plain = new byte[data.length + 4];
        plain[0] = (byte) seqId;
        plain[1] = (byte) data.length;
        System.arraycopy(data, 0, plain, 2, data.length);
        int crc = SspCrc.crc(plain, 0, data.length + 2);
        plain[data.length + 2] = (byte) crc;
        plain[data.length + 3] = (byte) (crc >>> 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 8);
        out.write(STX);
        for (byte b : plain) {
            out.write(b);
            if ((b & 0xFF) == STX) {
                out.write(STX);
            }
        }
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SspFrame f && f.seqId == seqId && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return seqId * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("SspFrame[%02X %s]", seqId, HexFormat.ofDelimiter(" ").withUpperCase().formatHex(data));
    }
}
