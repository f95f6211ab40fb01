package cn.yzz.kiosk.device.cash.ssp;

/**
 * LAST REJECT CODE values (essp.md Appendix B), each with what a villager is told. Most are the
 * validator not trusting the note; those all read the same to someone at the kiosk.
 */
public enum RejectCode {
    ACCEPTED(0x00, "note accepted", "钞票已收下"),
    LENGTH_FAIL(0x01, "length fail", "这张钞票认不出，请换一张"),
    AVERAGE_FAIL(0x02, "average fail", "这张钞票认不出，请换一张"),
    COASTLINE_FAIL(0x03, "coastline fail", "这张钞票认不出，请换一张"),
    GRAPH_FAIL(0x04, "graph fail", "这张钞票认不出，请换一张"),
    BURIED_FAIL(0x05, "buried fail", "这张钞票认不出，请换一张"),
    CHANNEL_INHIBIT(0x06, "channel inhibit", "现在不收这种面额的钞票"),
    SECOND_NOTE(0x07, "second note inserted", "请一张一张放入"),
    REJECT_BY_HOST(0x08, "reject by host", "钞票已退回，请取回"),
    CROSS_CHANNEL(0x09, "cross channel", "这张钞票认不出，请换一张"),
    REAR_SENSOR(0x0A, "rear sensor", "请把钞票放平，慢慢放入"),
    NOTE_TOO_LONG(0x0B, "note too long", "这张钞票认不出，请换一张"),
    DISABLED_BY_HOST(0x0C, "disabled by host", "现在不收钞票"),
    SLOW_MECH(0x0D, "slow mech", "收钞机慢了，请再放一次"),
    STRIM_ATTEMPT(0x0E, "strim attempt", "请不要拉扯钞票"),
    FRAUD_CHANNEL(0x0F, "fraud channel", "这张钞票不能收"),
    NO_NOTES_DETECTED(0x10, "no notes detected", "没有看到钞票，请再放一次"),
    PEAK_DETECT_FAIL(0x11, "peak detect fail", "这张钞票认不出，请换一张"),
    TWISTED_NOTE(0x12, "twisted note", "请把钞票放平，慢慢放入"),
    ESCROW_TIMEOUT(0x13, "escrow timeout", "等得太久，钞票已退回"),
    BAR_CODE_SCAN_FAIL(0x14, "bar code scan fail", "这张钞票认不出，请换一张"),
    NO_CAM_ACTIVATE(0x15, "no cam activate", "收钞机出了点问题，钞票已退回"),
    SLOT_FAIL_1(0x16, "slot fail 1", "这张钞票认不出，请换一张"),
    SLOT_FAIL_2(0x17, "slot fail 2", "这张钞票认不出，请换一张"),
    LENS_OVERSAMPLE(0x18, "lens oversample", "这张钞票认不出，请换一张"),
    WIDTH_DETECTION_FAIL(0x19, "width detection fail", "这张钞票认不出，请换一张"),
    SHORT_NOTE(0x1A, "short note", "这张钞票认不出，请换一张"),
    PAYOUT_NOTE(0x1B, "payout note", "钞票已退回，请取回"),
    DOUBLE_NOTE(0x1C, "double note", "请一张一张放入"),
    UNABLE_TO_STACK(0x1D, "unable to stack", "收钞机收不进去，钞票已退回"),
    CREDIT_CARD(0x1F, "credit card detected", "这不是钞票，请取回");

    public final int code;
    /** ITL's name. */
    public final String itlName;
    /** What the villager is told. */
    public final String words;

    RejectCode(int code, String itlName, String words) {
        this.code = code;
        this.itlName = itlName;
        this.words = words;
    }

    /** The code's entry, or null for a code the manuals do not list. */
    public static RejectCode of(int code) {
        for (RejectCode r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }

    /** Words for any code, known or not. */
    public static String wordsFor(int code) {
        RejectCode r = of(code);
        return r != null ? r.words : "钞票已退回，请取回";
    }
}
