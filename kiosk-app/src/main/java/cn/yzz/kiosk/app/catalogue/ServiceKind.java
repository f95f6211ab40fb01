package cn.yzz.kiosk.app.catalogue;

/** What a service does for the villager, in the words shown on its button. */
public enum ServiceKind {
    PAYMENT("payment", "缴费"),
    PRINT("print", "打印"),
    APPLICATION("application", "申请"),
    QUERY("query", "查询");

    private final String wireName;
    private final String text;

    ServiceKind(String wireName, String text) {
        this.wireName = wireName;
        this.text = text;
    }

    /** The name in catalogue.json. */
    public String wireName() {
        return wireName;
    }

    /** 缴费 / 打印 / 申请 / 查询. */
    public String text() {
        return text;
    }
}
