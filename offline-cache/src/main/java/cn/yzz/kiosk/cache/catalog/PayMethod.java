package cn.yzz.kiosk.cache.catalog;

/** How a payment may be paid ({@code pay[]}): by phone (a QR code on screen), or banknotes on enhanced kiosks. */
public enum PayMethod {
    QR("qr"), CASH("cash");

    private final String wire;

    PayMethod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
