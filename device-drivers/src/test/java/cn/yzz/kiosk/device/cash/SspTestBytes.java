package cn.yzz.kiosk.device.cash;

final class SspTestBytes {
    private SspTestBytes() {
    }

    static long le64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
