package cn.yzz.kiosk.device.cash.ssp;

/**
 * The SSP checksum: CRC-16 poly 0x8005, seed 0xFFFF, MSB first, no final xor (CRC-16/CMS; essp.md §1),
 * over SEQ/ID, LEN and DATA before stuffing. Sent low byte first.
 */
public final class SspCrc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x8005 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private SspCrc() {
    }

    public static int crc(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    public static int crc(byte[] data) {
        return crc(data, 0, data.length);
    }
}
