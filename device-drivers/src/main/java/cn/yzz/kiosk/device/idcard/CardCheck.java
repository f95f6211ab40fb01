package cn.yzz.kiosk.device.idcard;

/** Something on a card that does not add up, with the words to tell the holder. */
public enum CardCheck {
    BAD_CHECK_DIGIT("证件号码校验位不正确"),
    BIRTH_DATE_MISMATCH("出生日期与证件号码不一致"),
    SEX_MISMATCH("性别与证件号码不一致"),
    NOT_YET_VALID("证件尚未生效"),
    EXPIRED("证件已过有效期");

    private final String text;

    CardCheck(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
