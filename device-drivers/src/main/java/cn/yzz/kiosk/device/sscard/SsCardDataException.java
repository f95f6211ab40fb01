package cn.yzz.kiosk.device.sscard;

/** A record that does not hold what the specification says it should. The message holds no personal data. */
public final class SsCardDataException extends Exception {
    public SsCardDataException(String message) {
        super(message);
    }
}
