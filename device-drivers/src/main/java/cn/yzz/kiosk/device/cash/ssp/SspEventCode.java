package cn.yzz.kiosk.device.cash.ssp;

/**
 * Every poll event the SSP manuals define, with the layout of its data (essp.md §4). The payout and
 * hopper events are here too, not because a note validator sends them, but so that a reply that carries
 * one is still read to its end instead of being misread from the middle.
 */
public enum SspEventCode {
    SLAVE_RESET(0xF1, Layout.NONE),
    READ(0xEF, Layout.CHANNEL),
    NOTE_CREDIT(0xEE, Layout.CHANNEL),
    REJECTING(0xED, Layout.NONE),
    REJECTED(0xEC, Layout.NONE),
    STACKING(0xCC, Layout.NONE),
    STACKED(0xEB, Layout.NONE),
    SAFE_JAM(0xEA, Layout.NONE),
    UNSAFE_JAM(0xE9, Layout.NONE),
    DISABLED(0xE8, Layout.NONE),
    STACKER_FULL(0xE7, Layout.NONE),
    FRAUD_ATTEMPT(0xE6, Layout.FRAUD),
    BARCODE_TICKET_VALIDATED(0xE5, Layout.NONE),
    CASHBOX_REPLACED(0xE4, Layout.NONE),
    CASHBOX_REMOVED(0xE3, Layout.NONE),
    NOTE_CLEARED_TO_CASHBOX(0xE2, Layout.CHANNEL),
    NOTE_CLEARED_FROM_FRONT(0xE1, Layout.CHANNEL),
    NOTE_PATH_OPEN(0xE0, Layout.NONE),
    COIN_CREDIT(0xDF, Layout.VALUES),
    CASHBOX_PAID(0xDE, Layout.VALUES),
    INCOMPLETE_FLOAT(0xDD, Layout.INCOMPLETE),
    INCOMPLETE_PAYOUT(0xDC, Layout.INCOMPLETE),
    NOTE_STORED_IN_PAYOUT(0xDB, Layout.NONE),
    DISPENSING(0xDA, Layout.VALUES),
    TIME_OUT(0xD9, Layout.VALUES),
    FLOATED(0xD8, Layout.VALUES),
    FLOATING(0xD7, Layout.VALUES),
    HALTED(0xD6, Layout.VALUES),
    JAMMED(0xD5, Layout.VALUES),
    DISPENSED(0xD2, Layout.VALUES),
    BARCODE_TICKET_ACK(0xD1, Layout.NONE),
    DEVICE_FULL(0xCF, Layout.NONE),
    NOTE_HELD_IN_BEZEL(0xCE, Layout.VALUE_FROM_8),
    NOTE_DISPENSED_AT_POWER_UP(0xCD, Layout.VALUE_FROM_6),
    NOTE_PAID_INTO_STORE_AT_POWER_UP(0xCB, Layout.VALUE_FROM_8),
    NOTE_PAID_INTO_STACKER_AT_POWER_UP(0xCA, Layout.VALUE_FROM_8),
    NOTE_TRANSFERRED_TO_STACKER(0xC9, Layout.VALUE_FROM_6),
    NOTE_FLOAT_ATTACHED(0xC8, Layout.NONE),
    NOTE_FLOAT_REMOVED(0xC7, Layout.NONE),
    PAYOUT_OUT_OF_SERVICE(0xC6, Layout.NONE),
    COIN_MECH_RETURN_PRESSED(0xC5, Layout.NONE),
    COIN_MECH_JAMMED(0xC4, Layout.NONE),
    EMPTIED(0xC3, Layout.NONE),
    EMPTYING(0xC2, Layout.NONE),
    /** "Its code is given in the event data": one byte. */
    COIN_MECH_ERROR(0xB7, Layout.ONE_BYTE),
    INITIALISING(0xB6, Layout.NONE),
    CHANNEL_DISABLE(0xB5, Layout.NONE),
    SMART_EMPTIED(0xB4, Layout.VALUES),
    SMART_EMPTYING(0xB3, Layout.VALUES),
    ERROR_DURING_PAYOUT(0xB1, Layout.PAYOUT_ERROR),
    JAM_RECOVERY(0xB0, Layout.NONE),
    TICKET_PRINTING_ERROR(0xA8, Layout.ONE_BYTE);

    /** How many data bytes follow the code. */
    public enum Layout {
        NONE,
        /** One byte: a channel, 0 when none or unknown. */
        CHANNEL,
        ONE_BYTE,
        /** Validators: one channel byte. SMART Hopper / Payout: as {@link #VALUES}. */
        FRAUD,
        /** Below protocol 6: 4-byte value. From 6: count n, then n × (4-byte LE value, 3 ASCII). */
        VALUES,
        /** Below 6: actual 4 + requested 4. From 6: count n, then n × (4 + 4 + 3). */
        INCOMPLETE,
        /** Below 7: one error byte. From 7: count n, n × 7, then the error byte. */
        PAYOUT_ERROR,
        /** Nothing below protocol 6; from 6, one 4-byte value and 3 ASCII. */
        VALUE_FROM_6,
        /** Nothing below protocol 8; from 8, one 4-byte value and 3 ASCII. */
        VALUE_FROM_8
    }

    public final int code;
    public final Layout layout;

    SspEventCode(int code, Layout layout) {
        this.code = code;
        this.layout = layout;
    }

    private static final SspEventCode[] BY_CODE = new SspEventCode[256];

    static {
        for (SspEventCode c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    /** The event with this code, or null when no manual defines it. */
    public static SspEventCode of(int code) {
        return BY_CODE[code & 0xFF];
    }
}
