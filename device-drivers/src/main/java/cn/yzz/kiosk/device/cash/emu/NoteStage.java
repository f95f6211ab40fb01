package cn.yzz.kiosk.device.cash.emu;

/**
 * Where the note in the emulated validator's path is. What a power cut does to it depends on this alone
 * (essp.md §6): a note in front of the stacker comes back out (NOTE CLEARED FROM FRONT, E1), a note in the
 * stack path goes into the cash box (NOTE CLEARED INTO CASHBOX, E2).
 */
public enum NoteStage {
    /** Being read (READ 0 told, or about to be). In front: cleared from the front at power-up. */
    READING,
    /** Held in escrow (READ ch told). In front: cleared from the front at power-up. */
    ESCROW,
    /** Being handed back (REJECTING/REJECTED still to tell). In front: cleared from the front at power-up. */
    REJECTING,
    /** Accepted out of escrow, moving to the stacker, CREDIT not yet told. Stack path: into the cash box. */
    STACKING,
    /** CREDIT told (the point of no return), STACKED not yet. Stack path: into the cash box, counted once. */
    CREDITED,
    /** A fraud attempt while stacking (FRAUD ATTEMPT told): the note was pulled back; nothing is kept. */
    FRAUD;

    /** True when a power cut sends the note into the cash box rather than back out of the front. */
    public boolean inStackPath() {
        return this == STACKING || this == CREDITED;
    }
}
