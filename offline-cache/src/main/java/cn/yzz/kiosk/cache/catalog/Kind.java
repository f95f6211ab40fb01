package cn.yzz.kiosk.cache.catalog;

/** What a service does for the villager ({@code kind}). */
public enum Kind {
    PAYMENT("payment"), APPLICATION("application"), QUERY("query"), PRINT("print");

    private final String wire;

    Kind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
