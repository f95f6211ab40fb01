package cn.yzz.kiosk.app.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a service does for the villager, in the words shown on its button. */
public enum ServiceKind {
    @JsonProperty("payment") PAYMENT("缴费"),
    @JsonProperty("print") PRINT("打印"),
    @JsonProperty("application") APPLICATION("申请"),
    @JsonProperty("query") QUERY("查询");

    private final String text;

    ServiceKind(String text) {
        this.text = text;
    }

    /** 缴费 / 打印 / 申请 / 查询. */
    public String text() {
        return text;
    }
}
