package cn.yzz.kiosk.device.idcard.samv;

/**
 * SW3 status codes of the SAM_V module (devices.md §1.6) and what the driver does about each
 * (§1.13).
 */
public enum SamStatus {
    SUCCESS(0x90, "操作成功", Handling.OK),
    NO_CONTENT(0x91, "没有内容", Handling.OK),
    FIND_OK(0x9F, "寻找居民身份证成功", Handling.OK),
    COMMAND_CHECKSUM(0x10, "接收业务终端数据的校验和错", Handling.RESEND),
    COMMAND_LENGTH(0x11, "接收业务终端数据的长度错", Handling.RESEND),
    COMMAND_UNKNOWN(0x21, "接收业务终端的命令错误", Handling.RESEND),
    UNAUTHORISED_OPERATION(0x23, "越权操作", Handling.RETRY_CYCLE),
    UNRECOGNISED(0x24, "无法识别的错误", Handling.RETRY_CYCLE),
    CARD_AUTH_SAM_FAILED(0x31, "卡认证机具失败", Handling.RETRY_CYCLE),
    SAM_AUTH_CARD_FAILED(0x32, "机具认证卡失败", Handling.RETRY_CYCLE),
    VERIFY_FAILED(0x33, "信息验证错误", Handling.RETRY_CYCLE),
    UNKNOWN_CARD_TYPE(0x40, "无法识别的卡类型", Handling.RETRY_CYCLE),
    READ_FAILED(0x41, "读卡操作失败", Handling.RETRY_CYCLE),
    RANDOM_FAILED(0x47, "取随机数失败", Handling.RETRY_CYCLE),
    SAM_SELF_TEST_FAILED(0x60, "SAM_V 自检失败", Handling.OUT_OF_SERVICE),
    SAM_NOT_AUTHORISED(0x66, "SAM_V 没经过授权，无法使用", Handling.OUT_OF_SERVICE),
    FIND_FAILED(0x80, "寻找居民身份证失败（没有卡）", Handling.NO_CARD),
    SELECT_FAILED(0x81, "选取居民身份证失败", Handling.RETRY_CYCLE);

    /** What the driver does when it sees a status. */
    public enum Handling {
        /** Carry on. */
        OK,
        /** No card on the reader: keep polling. */
        NO_CARD,
        /** Card moved or damaged: restart find, select, read (at most twice more). */
        RETRY_CYCLE,
        /** Line noise or a host bug: flush input and resend the same command once. */
        RESEND,
        /** The security module is broken or not authorised: the reader is out of service. */
        OUT_OF_SERVICE
    }

    private final int code;
    private final String meaning;
    private final Handling handling;

    SamStatus(int code, String meaning, Handling handling) {
        this.code = code;
        this.meaning = meaning;
        this.handling = handling;
    }

    public int code() {
        return code;
    }

    /** The module's own wording (as in vendor SDK documentation). */
    public String meaning() {
        return meaning;
    }

    public Handling handling() {
        return handling;
    }

    private static final SamStatus[] BY_CODE = new SamStatus[256];

    static {
        for (SamStatus s : values()) {
            BY_CODE[s.code] = s;
        }
    }

    /** The status for {@code sw3}, or {@code null} for a code the standard does not define. */
    public static SamStatus of(int sw3) {
        return sw3 >= 0 && sw3 < 256 ? BY_CODE[sw3] : null;
    }
}
