package cn.yzz.kiosk.device.idcard.samv;

/**
 * Encodes SAM_V frames:
 * <pre>
 *   AA AA AA 96 69 | LEN (2, BE) | body (LEN-1 bytes) | CHK
 *   LEN counts the body and CHK; CHK = XOR of LEN..last body byte (the preamble is not included).
 * </pre>
 */
public final class SamFrames {

    static final byte[] PREAMBLE = {(byte) 0xAA, (byte) 0xAA, (byte) 0xAA, (byte) 0x96, 0x69};
    /** Longest real frame is a read with fingerprint, LEN 0x090A; anything much longer is noise. */
    public static final int MAX_LEN = 2400;
    /** Bytes around the body: preamble, LEN, CHK. */
    public static final int OVERHEAD = PREAMBLE.length + 2 + 1;

    private SamFrames() {}

    /** A host-to-SAM command frame. */
    public static byte[] command(int cmd, int para, byte... data) {
        byte[] body = new byte[2 + data.length];
        body[0] = (byte) cmd;
        body[1] = (byte) para;
        System.arraycopy(data, 0, body, 2, data.length);
        return frame(body);
    }

    /** A SAM-to-host response frame with SW1 = SW2 = 0. */
    public static byte[] response(int sw3, byte... data) {
        byte[] body = new byte[3 + data.length];
        body[2] = (byte) sw3;
        System.arraycopy(data, 0, body, 3, data.length);
        return frame(body);
    }

    /** Wraps {@code body} in preamble, length and checksum. */
    public static byte[] frame(byte[] body) {
        int len = body.length + 1;
        if (len > MAX_LEN) {
            throw new IllegalArgumentException("SAM_V body too long: " + body.length);
        }
        byte[] out = new byte[OVERHEAD + body.length];
        System.arraycopy(PREAMBLE, 0, out, 0, PREAMBLE.length);
        out[5] = (byte) (len >>> 8);
        out[6] = (byte) len;
        System.arraycopy(body, 0, out, 7, body.length);
        out[out.length - 1] = (byte) xor(out, 5, out.length - 1);
        return out;
    }

    /** XOR of {@code bytes[from..to)}. */
    static int xor(byte[] bytes, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= bytes[i];
        }
        return x & 0xFF;
    }
}
