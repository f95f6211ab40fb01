package cn.yzz.kiosk.cache.catalog;

/** What the villager takes away ({@code output}). */
public enum Output {
    RECEIPT("receipt"), A4("a4"), NONE("none");

    private final String wire;

    Output(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
