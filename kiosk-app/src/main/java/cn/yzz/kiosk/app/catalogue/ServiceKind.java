package cn.yzz.kiosk.app.catalogue;

/** What a service does for the villager; screens show it through the text key {@code kind.<wireName>}. */
public enum ServiceKind {
    PAYMENT("payment"),
    PRINT("print"),
    APPLICATION("application"),
    QUERY("query");

    private final String wireName;

    ServiceKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in catalogue.json. */
    public String wireName() {
        return wireName;
    }
}
