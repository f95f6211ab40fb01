package cn.yzz.kiosk.device.cash.ssp;

/**
 * Bytes that are not valid SSP. Whoever threw it has already skipped the bad bytes: a decoder called
 * again continues with what follows, so one bad frame never costs the next good one.
 */
public final class SspException extends Exception {

    public enum Problem {
        /** Bytes outside any frame (before an STX). */
        GARBAGE,
        /** A lone STX started a new frame before this one was complete. */
        CUT_SHORT,
        /** LEN 0, or a SEQ/ID with an address no slave can have. */
        BAD_HEADER,
        /** The frame's CRC does not match. */
        BAD_CRC,
        /** A reply whose data does not have the layout its command defines. */
        BAD_REPLY,
        /** A poll reply with an event code no SSP manual defines, or events cut short. */
        BAD_EVENT,
        /** An eSSP packet that does not decrypt to a valid inner packet (eLEN, eCRC). */
        BAD_ENCRYPTION,
        /** An eSSP packet whose eCOUNT is not the one expected: a replay or a lost packet. */
        BAD_COUNT
    }

    private final Problem problem;

    public SspException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
