package cn.yzz.kiosk.cache.catalog;

/** A way of proving who one is that a service accepts ({@code identity[]}). */
public enum Identity {
    IDCARD("idcard"), YSS_CODE("yss-code"), SSCARD("sscard"), FACE("face");

    private final String wire;

    Identity(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
