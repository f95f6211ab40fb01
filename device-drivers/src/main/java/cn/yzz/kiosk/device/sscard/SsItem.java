package cn.yzz.kiosk.device.sscard;

/**
 * The data items of the social security application (devices.md §2.3). The tag is also the record
 * identifier used by identifier addressing ({@code P2=00}).
 */
public enum SsItem {
    CARD_IDENTIFIER(0x01, SsFile.EF05, 16, "卡识别码"),
    CARD_TYPE(0x02, SsFile.EF05, 1, "卡的类别"),
    SPEC_VERSION(0x03, SsFile.EF05, 4, "规范版本"),
    ISSUER_CODE(0x04, SsFile.EF05, 12, "初始化机构编号"),
    ISSUE_DATE(0x05, SsFile.EF05, 4, "发卡日期"),
    EXPIRY_DATE(0x06, SsFile.EF05, 4, "卡有效期"),
    CARD_NUMBER(0x07, SsFile.EF05, 9, "卡号"),
    SOCIAL_SECURITY_NUMBER(0x08, SsFile.EF06, 18, "社会保障号码"),
    NAME(0x09, SsFile.EF06, 30, "姓名"),
    SEX(0x0A, SsFile.EF06, 1, "性别"),
    NATION(0x0B, SsFile.EF06, 1, "民族"),
    BIRTH_PLACE(0x0C, SsFile.EF06, 3, "出生地"),
    BIRTH_DATE(0x0D, SsFile.EF06, 4, "出生日期"),
    NAME_EXTENSION(0x4E, SsFile.EF06, 20, "姓名扩展");

    /** The two elementary files the identity data lives in. */
    public enum SsFile {
        EF05(0xEF05, 5), EF06(0xEF06, 6);

        private final int fileId;
        private final int sfi;

        SsFile(int fileId, int sfi) {
            this.fileId = fileId;
            this.sfi = sfi;
        }

        public int fileId() {
            return fileId;
        }

        public int sfi() {
            return sfi;
        }
    }

    private final int tag;
    private final SsFile file;
    private final int length;
    private final String label;

    SsItem(int tag, SsFile file, int length, String label) {
        this.tag = tag;
        this.file = file;
        this.length = length;
        this.label = label;
    }

    public int tag() {
        return tag;
    }

    public SsFile file() {
        return file;
    }

    /** The value length the issuers' SDKs expect; a card may differ and then answers {@code 6C xx}. */
    public int length() {
        return length;
    }

    /** Chinese name of the item, for messages. */
    public String label() {
        return label;
    }

    /**
     * The record number of this item in EF06 when read positionally by SFI: 1st-generation cards
     * have no 姓名扩展, so every item after the name moves up by one (devices.md §2.2). In EF05
     * record numbers equal tags.
     */
    public int recordNumber(int generation) {
        if (file == SsFile.EF05) {
            return tag;
        }
        return switch (this) {
            case SOCIAL_SECURITY_NUMBER -> 1;
            case NAME -> 2;
            case NAME_EXTENSION -> 3;
            default -> tag - 0x0A + (generation <= 1 ? 3 : 4);
        };
    }
}
