package cn.yzz.kiosk.cashin;

/** Cash cannot be taken now; {@link #getMessage()} is plain words for the screen and the log (no personal data). */
public final class CashException extends Exception {
    public CashException(String message) {
        super(message);
    }

    public CashException(String message, Throwable cause) {
        super(message, cause);
    }
}
