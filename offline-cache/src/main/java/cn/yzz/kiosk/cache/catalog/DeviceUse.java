package cn.yzz.kiosk.cache.catalog;

/** A device a service needs beyond identification ({@code devices[]}). */
public enum DeviceUse {
    RECEIPT_PRINTER("receipt-printer"), A4_PRINTER("a4-printer"), NOTE_ACCEPTOR("note-acceptor"),
    CAMERA("camera"), DOCUMENT_CAMERA("document-camera");

    private final String wire;

    DeviceUse(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
