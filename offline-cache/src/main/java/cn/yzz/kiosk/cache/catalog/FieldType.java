package cn.yzz.kiosk.cache.catalog;

/** A form field's {@code type} (v1 and v1.1). */
public enum FieldType {
    CHOICE("choice"), NUMBER("number"), PHONE("phone"), DATE("date"), CONFIRM("confirm"),
    /** Filled from the identified person; never asked. */
    IDCARD_FIELD("idcard-field"),
    /** A citizen ID number keyed on the keypad or read from a placed card (GB 11643 check character). */
    IDNUMBER("idnumber"),
    /** The household members to pay for, ticked from {@code POST /household}; sent as {@code data.members}. */
    HOUSEHOLD("household");

    private final String wire;

    FieldType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
