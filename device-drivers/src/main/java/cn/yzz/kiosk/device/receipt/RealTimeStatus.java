package cn.yzz.kiosk.device.receipt;

/**
 * The real-time status exchange {@code DLE EOT n} (devices.md §4.5): the request bytes, and the
 * decoding of the four one-byte replies. Pure.
 *
 * <p>Every reply has the fixed pattern {@code 0xx1xx10}: bit 1 and bit 4 set, bit 0 clear, and
 * bit 7 clear except for n=1, where kiosk printers report "paper not taken" in it. A byte that
 * breaks the pattern is line noise, not a status.
 */
public final class RealTimeStatus {

    static final int PRINTER = 1;
    static final int OFFLINE_CAUSE = 2;
    static final int ERROR_CAUSE = 3;
    static final int PAPER_SENSOR = 4;

    private RealTimeStatus() {}

    public static byte[] request(int n) {
        if (n < PRINTER || n > PAPER_SENSOR) {
            throw new IllegalArgumentException("DLE EOT n is 1..4: " + n);
        }
        return new byte[] {0x10, 0x04, (byte) n};
    }

    /** True when {@code reply} has the fixed bits of a reply to {@code DLE EOT n}. */
    public static boolean plausible(int n, int reply) {
        int b = reply & 0xFF;
        boolean fixed = (b & 0x13) == 0x12;
        return fixed && (n == PRINTER || (b & 0x80) == 0);
    }

    /**
     * The status from the replies to n = 1, 2, 3, 4 in that order.
     *
     * @throws StatusReplyException when a reply is not a status byte
     */
    public static PrinterStatus decode(int printer, int offlineCause, int errorCause, int paperSensor) {
        int[] replies = {printer, offlineCause, errorCause, paperSensor};
        for (int i = 0; i < replies.length; i++) {
            if (!plausible(i + 1, replies[i])) {
                throw new StatusReplyException(i + 1, replies[i]);
            }
        }
        boolean offline = bit(printer, 3);
        boolean cover = bit(offlineCause, 2);
        boolean paperEndStop = bit(offlineCause, 5);
        boolean error = bit(offlineCause, 6);
        boolean cutter = bit(errorCause, 3);
        boolean unrecoverable = bit(errorCause, 5);
        boolean autoRecoverable = bit(errorCause, 6);
        boolean nearEnd = bit(paperSensor, 2) || bit(paperSensor, 3);
        boolean paperEnd = bit(paperSensor, 5) || bit(paperSensor, 6) || paperEndStop;
        return new PrinterStatus(!offline, paperEnd, nearEnd, cover, cutter,
                unrecoverable || autoRecoverable || (error && !cutter));
    }

    private static boolean bit(int b, int n) {
        return (b & (1 << n)) != 0;
    }

    /** A reply byte that cannot be a status: noise on the line, or another device on the port. */
    static final class StatusReplyException extends IllegalArgumentException {
        private final int request;
        private final int reply;

        StatusReplyException(int request, int reply) {
            super(String.format("reply 0x%02X to DLE EOT %d is not a status byte", reply & 0xFF, request));
            this.request = request;
            this.reply = reply & 0xFF;
        }

        int request() {
            return request;
        }

        int reply() {
            return reply;
        }
    }
}
