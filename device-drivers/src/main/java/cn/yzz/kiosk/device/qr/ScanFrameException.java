package cn.yzz.kiosk.device.qr;

/** A frame from the scanner that cannot be used; the bad bytes are already consumed. */
public final class ScanFrameException extends Exception {

    public enum Problem {
        /** Longer than the configured limit without a suffix: a missing suffix or line noise. */
        TOO_LONG,
        /** An SSI packet whose checksum does not match. */
        BAD_CHECKSUM
    }

    private final Problem problem;

    public ScanFrameException(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
