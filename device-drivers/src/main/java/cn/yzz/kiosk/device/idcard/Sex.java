package cn.yzz.kiosk.device.idcard;

/** Gender codes of GB/T 2261.1 as stored on the card. */
public enum Sex {
    UNKNOWN('0', "未知"),
    MALE('1', "男"),
    FEMALE('2', "女"),
    UNSPECIFIED('9', "未说明");

    private final char code;
    private final String text;

    Sex(char code, String text) {
        this.code = code;
        this.text = text;
    }

    public char code() {
        return code;
    }

    /** 男 / 女 / 未知 / 未说明. */
    public String text() {
        return text;
    }

    /** The sex for a card's code character, or {@code null}. */
    public static Sex ofCode(char code) {
        for (Sex s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
