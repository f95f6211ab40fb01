package cn.yzz.kiosk.device.cash.emu;

/**
 * One note the emulated validator took for good, as it told the host: what the crash test holds the kiosk's
 * journal to (each of these in exactly one payment or voucher).
 *
 * @param seq      1, 2, 3…, never reused, kept across power cuts
 * @param at       when it was first told (ISO-8601 instant)
 */
public record Credit(long seq, int channel, long valueFen, Via via, String at) {

    public enum Via {
        /** NOTE CREDIT (EE ch) in a poll reply, then STACKED. */
        CREDIT,
        /** Power cut while stacking before the credit point: NOTE CLEARED INTO CASHBOX (E2 ch) at power-up only. */
        CLEARED_TO_CASHBOX,
        /** NOTE CREDIT, then a power cut before STACKED: E2 ch at power-up as well (one note, told twice). */
        CREDIT_THEN_CLEARED
    }

    Credit clearedToo() {
        return new Credit(seq, channel, valueFen, Via.CREDIT_THEN_CLEARED, at);
    }
}
