package cn.yzz.kiosk.device.cash.ssp;

import cn.yzz.kiosk.device.cash.ssp.SspException.Problem;
import java.util.Arrays;

/** The generic response that starts every reply's data (essp.md §1). */
public enum SspResponse {
    OK(0xF0),
    UNKNOWN_COMMAND(0xF2),
    WRONG_PARAMETERS(0xF3),
    PARAMETER_OUT_OF_RANGE(0xF4),
    CANNOT_PROCESS(0xF5),
    SOFTWARE_ERROR(0xF6),
    FAIL(0xF8),
    KEY_NOT_SET(0xFA);

    public final int code;

    SspResponse(int code) {
        this.code = code;
    }

    public static SspResponse of(int code) throws SspException {
        for (SspResponse r : values()) {
            if (r.code == (code & 0xFF)) {
                return r;
            }
        }
        throw new SspException(Problem.BAD_REPLY, String.format("reply starts with %02X, no SSP generic response", code & 0xFF));
    }

    /** A reply split into its generic response and the bytes after it. */
    public record Reply(SspResponse response, byte[] body) {
        public Reply {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public boolean ok() {
            return response == OK;
        }

        public static Reply parse(byte[] data) throws SspException {
            if (data.length == 0) {
                throw new SspException(Problem.BAD_REPLY, "empty SSP reply");
            }
            return new Reply(of(data[0]), Arrays.copyOfRange(data, 1, data.length));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reply r && r.response == response && Arrays.equals(r.body, body);
        }

        @Override
        public int hashCode() {
            return response.hashCode() * 31 + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Reply[" + response + " " + java.util.HexFormat.of().formatHex(body) + "]";
        }
    }
}
