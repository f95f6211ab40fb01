package cn.yzz.kiosk.device.idcard;

/** The card layouts a SAM_V reader returns (devices.md §1.7), named as the kioskctl JSON names them. */
public enum CardType {
    /** 居民身份证. */
    RESIDENT("resident", "居民身份证"),
    /** 港澳台居民居住证, marker 'J'. */
    HKMOTW("hkmotw", "港澳台居民居住证"),
    /** 外国人永久居留身份证 (2017), marker 'I'. */
    FOREIGN_2017("foreign2017", "外国人永久居留身份证"),
    /** 外国人永久居留身份证 (2023), marker 'Y'. */
    FOREIGN_2023("foreign2023", "外国人永久居留身份证");

    private final String jsonName;
    private final String displayName;

    CardType(String jsonName, String displayName) {
        this.jsonName = jsonName;
        this.displayName = displayName;
    }

    public String jsonName() {
        return jsonName;
    }

    public String displayName() {
        return displayName;
    }
}
