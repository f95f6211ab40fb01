package cn.yzz.kiosk.device.cash;

/**
 * One event from the unit's poll reply (essp.md §4, §6), or from the driver about the link.
 *
 * @param channel    the unit's channel (1–16), 0 when the event has none or the unit did not know it
 * @param valueFen   the channel's value as read from the unit, 0 when unknown
 * @param rejectCode for {@link Kind#REJECTED}: the LAST REJECT CODE (essp.md Appendix B), otherwise -1
 */
public record NoteEvent(Kind kind, int channel, long valueFen, int rejectCode) {

    public enum Kind {
        /** F1: the unit restarted (power, reset); it is disabled and the driver has set it up again. */
        SLAVE_RESET,
        /** EF 00: a note is being read. */
        READING,
        /** EF ch: the note is in escrow (told after {@link CashHandler#escrowed} has decided). */
        ESCROWED,
        /** EE ch: past the point of no return: the only event that counts money. */
        CREDIT,
        /** ED. */
        REJECTING,
        /** EC, with the reject code the driver asked for. */
        REJECTED,
        /** CC. */
        STACKING,
        /** EB. */
        STACKED,
        /** EA: the note is inside and cannot be pulled out. */
        SAFE_JAM,
        /** E9: the villager may be able to pull the note out; no credit unless CREDIT was seen. */
        UNSAFE_JAM,
        /** E8. */
        DISABLED,
        /** E7. */
        STACKER_FULL,
        /** E6 ch. */
        FRAUD_ATTEMPT,
        /** E3. */
        CASHBOX_REMOVED,
        /** E4. */
        CASHBOX_REPLACED,
        /** E1 ch: at power-up a note in the path was handed back through the bezel: never credited. */
        CLEARED_FROM_FRONT,
        /** E2 ch: at power-up a note in the stack path went into the cash box. */
        CLEARED_TO_CASHBOX,
        /** E0. */
        NOTE_PATH_OPEN,
        /** B5: every channel is inhibited. */
        CHANNEL_DISABLE,
        /** B6. */
        INITIALISING,
        /** The driver: the unit stopped answering (twenty retries); it keeps trying. */
        LINK_LOST,
        /** The driver: the unit answers again (after SYNC and set-up). */
        LINK_BACK
    }

    public NoteEvent {
        java.util.Objects.requireNonNull(kind, "kind");
    }

    public static NoteEvent of(Kind kind) {
        return new NoteEvent(kind, 0, 0, -1);
    }

    /** Events that move money or may: the journal must hold them before the driver goes on. */
    public boolean money() {
        return kind == Kind.CREDIT || kind == Kind.CLEARED_TO_CASHBOX || kind == Kind.CLEARED_FROM_FRONT;
    }
}
