package cn.yzz.kiosk.device.sscard;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Command APDUs of the social security card read (devices.md §2.2), as bytes. Pure. */
public final class Apdus {

    /** The DF name of the social security application, "sx1.sh.社会保障": ASCII then GBK, 15 bytes. */
    public static final byte[] SSSE_NAME = concat("sx1.sh.".getBytes(StandardCharsets.US_ASCII), "社会保障".getBytes(Charset.forName("GBK")));

    public static final int INS_SELECT = 0xA4;
    public static final int INS_READ_RECORD = 0xB2;
    public static final int INS_GET_RESPONSE = 0xC0;
    public static final int INS_GET_CHALLENGE = 0x84;

    private Apdus() {}

    /** {@code 00 A4 04 00 0F <name>}: SELECT the application by DF name. */
    public static byte[] selectSsse() {
        return concat(new byte[] {0x00, (byte) INS_SELECT, 0x04, 0x00, (byte) SSSE_NAME.length}, SSSE_NAME);
    }

    /** {@code 00 A4 02 00 02 <fid>}: SELECT an elementary file under the current DF by file id. */
    public static byte[] selectFile(int fileId) {
        return new byte[] {0x00, (byte) INS_SELECT, 0x02, 0x00, 0x02, (byte) (fileId >> 8), (byte) fileId};
    }

    /** READ RECORD {@code number} of the file with short id {@code sfi}: {@code P2 = (SFI<<3)|4}. */
    public static byte[] readRecordBySfi(int number, int sfi, int le) {
        return readRecord(number, (sfi << 3) | 4, le);
    }

    /** READ RECORD by record identifier ({@code P2=00}, P1 = tag) in the current file. */
    public static byte[] readRecordById(int tag, int le) {
        return readRecord(tag, 0x00, le);
    }

    public static byte[] readRecord(int p1, int p2, int le) {
        return new byte[] {0x00, (byte) INS_READ_RECORD, (byte) p1, (byte) p2, (byte) le};
    }

    /** {@code 00 C0 00 00 xx}: the data a {@code 61 xx} announced. */
    public static byte[] getResponse(int le) {
        return new byte[] {0x00, (byte) INS_GET_RESPONSE, 0x00, 0x00, (byte) le};
    }

    /** {@code 00 84 00 00 08}: eight random bytes (some SDKs start with it). */
    public static byte[] getChallenge() {
        return new byte[] {0x00, (byte) INS_GET_CHALLENGE, 0x00, 0x00, 0x08};
    }

    /** The same case-2 command with another Le, after the card said {@code 6C xx}. */
    public static byte[] withLe(byte[] apdu, int le) {
        byte[] c = apdu.clone();
        c[c.length - 1] = (byte) le;
        return c;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
