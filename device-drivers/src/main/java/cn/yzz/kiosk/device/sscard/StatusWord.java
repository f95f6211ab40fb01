package cn.yzz.kiosk.device.sscard;

/** SW1 SW2 of a response APDU and what it means for the read (devices.md §2.4). */
public record StatusWord(int sw1, int sw2) {

    public static final StatusWord OK = new StatusWord(0x90, 0x00);
    public static final StatusWord FILE_NOT_FOUND = new StatusWord(0x6A, 0x82);
    public static final StatusWord RECORD_NOT_FOUND = new StatusWord(0x6A, 0x83);
    public static final StatusWord WRONG_P1P2 = new StatusWord(0x6A, 0x86);
    public static final StatusWord SECURITY_NOT_SATISFIED = new StatusWord(0x69, 0x82);
    public static final StatusWord CONDITIONS_NOT_SATISFIED = new StatusWord(0x69, 0x85);
    public static final StatusWord INS_NOT_SUPPORTED = new StatusWord(0x6D, 0x00);
    public static final StatusWord CLA_NOT_SUPPORTED = new StatusWord(0x6E, 0x00);

    public StatusWord {
        if ((sw1 & ~0xFF) != 0 || (sw2 & ~0xFF) != 0) {
            throw new IllegalArgumentException("status bytes are 0..255");
        }
    }

    /** The last two bytes of a response; {@code null} when it is shorter than two bytes. */
    public static StatusWord of(byte[] response) {
        if (response.length < 2) {
            return null;
        }
        return new StatusWord(response[response.length - 2] & 0xFF, response[response.length - 1] & 0xFF);
    }

    public boolean ok() {
        return sw1 == 0x90 && sw2 == 0x00;
    }

    /** {@code 61 xx}: xx more bytes wait for GET RESPONSE (T=0). */
    public boolean moreData() {
        return sw1 == 0x61;
    }

    /** {@code 6C xx}: wrong Le, send again with Le = xx. */
    public boolean wrongLe() {
        return sw1 == 0x6C;
    }

    /** File, application or record not there, or addressing the card does not do. */
    public boolean notFound() {
        return equals(FILE_NOT_FOUND) || equals(RECORD_NOT_FOUND) || equals(WRONG_P1P2)
                || (sw1 == 0x6B && sw2 == 0x00) || equals(INS_NOT_SUPPORTED);
    }

    /**
     * The card will not read a record addressed this way: not found, wrong P1/P2, not supported, or
     * {@code 6981}/{@code 6985}/{@code 6986} (no current file, or a file that does not take this
     * command). Another addressing convention may work; {@code 6982} (authentication) is not a refusal.
     */
    public boolean refusesAddressing() {
        return notFound() || (sw1 == 0x69 && (sw2 == 0x81 || sw2 == 0x85 || sw2 == 0x86));
    }

    public byte[] bytes() {
        return new byte[] {(byte) sw1, (byte) sw2};
    }

    /** Plain meaning, for messages. */
    public String meaning() {
        if (ok()) {
            return "成功";
        }
        if (moreData()) {
            return "还有 " + (sw2 == 0 ? 256 : sw2) + " 字节待取";
        }
        if (wrongLe()) {
            return "长度不对，应为 " + (sw2 == 0 ? 256 : sw2) + " 字节";
        }
        if (equals(FILE_NOT_FOUND)) {
            return "文件或应用不存在";
        }
        if (equals(RECORD_NOT_FOUND)) {
            return "记录不存在";
        }
        if (equals(WRONG_P1P2)) {
            return "参数 P1/P2 不对";
        }
        if (equals(SECURITY_NOT_SATISFIED)) {
            return "需在社保终端认证";
        }
        if (equals(CONDITIONS_NOT_SATISFIED)) {
            return "使用条件不满足";
        }
        if (equals(INS_NOT_SUPPORTED)) {
            return "卡片不支持该指令";
        }
        if (equals(CLA_NOT_SUPPORTED)) {
            return "卡片不支持该指令类别";
        }
        return "卡片返回 " + this;
    }

    @Override
    public String toString() {
        return String.format("%02X%02X", sw1, sw2);
    }
}
