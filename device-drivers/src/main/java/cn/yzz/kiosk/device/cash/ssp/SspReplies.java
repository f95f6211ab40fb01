package cn.yzz.kiosk.device.cash.ssp;

import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;

/** The small replies: GET SERIAL NUMBER, LAST REJECT CODE, REQUEST KEY EXCHANGE (bodies after {@code F0}). */
public final class SspReplies {

    private SspReplies() {
    }

    /** GET SERIAL NUMBER: 4 bytes big-endian (essp.md §3). */
    public static long serial(byte[] body) throws SspException {
        if (body.length != 4) {
            throw new SspException(Problem.BAD_REPLY, "serial number of " + body.length + " bytes, not 4");
        }
        return ((body[0] & 0xFFL) << 24) | ((body[1] & 0xFFL) << 16) | ((body[2] & 0xFFL) << 8) | (body[3] & 0xFFL);
    }

    /** LAST REJECT CODE: one byte (essp.md Appendix B). */
    public static int rejectCode(byte[] body) throws SspException {
        if (body.length != 1) {
            throw new SspException(Problem.BAD_REPLY, "last reject code of " + body.length + " bytes, not 1");
        }
        return body[0] & 0xFF;
    }

    /** REQUEST KEY EXCHANGE: the slave's intermediate key, 8 bytes little-endian. */
    public static long slaveIntermediateKey(byte[] body) throws SspException {
        if (body.length != 8) {
            throw new SspException(Problem.BAD_REPLY, "key exchange reply of " + body.length + " bytes, not 8");
        }
        return le64(body, 0);
    }

    static long le64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
