package cn.yzz.kiosk.device.idcard;

/** A text block that does not follow any known card layout. */
public final class CardDataException extends Exception {
    public CardDataException(String message) {
        super(message);
    }
}
