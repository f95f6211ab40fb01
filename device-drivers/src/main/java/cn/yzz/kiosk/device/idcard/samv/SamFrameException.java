package cn.yzz.kiosk.device.idcard.samv;

/** A frame that arrived whole but is not valid. The decoder has already skipped past it. */
public final class SamFrameException extends Exception {

    public enum Problem {
        /** LEN outside what any SAM_V frame can have. */
        BAD_LENGTH,
        /** The XOR checksum does not match. */
        BAD_CHECKSUM
    }

    private final Problem problem;

    SamFrameException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
