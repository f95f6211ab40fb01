package cn.yzz.kiosk.device.idcard.samv;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One SAM_V frame without its preamble, length and checksum: for a command
 * {@code CMD PARA DATA…}, for a response {@code SW1 SW2 SW3 DATA…} (GA 467; devices.md §1.3).
 */
public final class SamFrame {

    private final byte[] body;

    SamFrame(byte[] body) {
        this.body = body;
    }

    /** The bytes covered by LEN, less the checksum. */
    public byte[] body() {
        return body.clone();
    }

    public int length() {
        return body.length;
    }

    // Command view

    public int cmd() {
        return u8(0);
    }

    public int para() {
        return u8(1);
    }

    public byte[] commandData() {
        return Arrays.copyOfRange(body, Math.min(2, body.length), body.length);
    }

    // Response view

    /** SW3, the status byte of a response (SW1 and SW2 are always zero). */
    public int sw3() {
        return u8(2);
    }

    public boolean swPrefixValid() {
        return body.length >= 3 && body[0] == 0 && body[1] == 0;
    }

    public byte[] responseData() {
        return Arrays.copyOfRange(body, Math.min(3, body.length), body.length);
    }

    private int u8(int i) {
        return i < body.length ? body[i] & 0xFF : -1;
    }

    /** The status or command bytes and the length only: the payload may be a card's personal data. */
    @Override
    public String toString() {
        int shown = Math.min(body.length, 3);
        return "SamFrame[" + HexFormat.ofDelimiter(" ").formatHex(body, 0, shown) + ", " + body.length + " bytes]";
    }
}
