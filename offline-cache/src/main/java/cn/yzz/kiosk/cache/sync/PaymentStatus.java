package cn.yzz.kiosk.cache.sync;

/** The state of a QR payment order (GET or DELETE /payments/{orderId}). PAID, EXPIRED and CANCELLED are final. */
public enum PaymentStatus {
    PENDING("pending"),
    /** Final: the money moved. Honour it even when it is the answer to a cancel. */
    PAID("paid"),
    EXPIRED("expired"),
    CANCELLED("cancelled");

    private final String wire;

    PaymentStatus(String wire) {
        this.wire = wire;
    }

    /** The contract's word for it. */
    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this != PENDING;
    }

    /** The status for a word this kiosk knows, or null for another (the caller decides what an unknown word means). */
    static PaymentStatus parse(String wire) {
        for (PaymentStatus s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        return null;
    }
}
