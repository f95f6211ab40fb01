package cn.yzz.kiosk.device.qr;

/** What the scanner sends after each code (set once on the module; devices.md §3.1 recommends CR). */
public enum Suffix {
    CR(0x0D), CRLF(0x0D, 0x0A), LF(0x0A), TAB(0x09);

    private final byte[] bytes;

    Suffix(int... b) {
        bytes = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            bytes[i] = (byte) b[i];
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }
}
