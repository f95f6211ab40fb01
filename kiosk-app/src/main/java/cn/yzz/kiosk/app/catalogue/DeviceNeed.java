package cn.yzz.kiosk.app.catalogue;

/** Devices a service uses besides the touch screen. */
public enum DeviceNeed {
    IDCARD_READER("idcard-reader"),
    RECEIPT_PRINTER("receipt-printer"),
    A4_PRINTER("a4-printer"),
    QR_SCANNER("qr-scanner"),
    SSCARD_READER("sscard-reader"),
    CAMERA("camera"),
    CASH_ACCEPTOR("cash-acceptor");

    private final String wireName;

    DeviceNeed(String wireName) {
        this.wireName = wireName;
    }

    /** The name in catalogue.json. */
    public String wireName() {
        return wireName;
    }
}
