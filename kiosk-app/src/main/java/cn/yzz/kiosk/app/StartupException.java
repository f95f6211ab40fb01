package cn.yzz.kiosk.app;

/** The kiosk cannot start; the message says why in words an installer can act on. */
public class StartupException extends Exception {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
