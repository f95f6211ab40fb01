package cn.yzz.kiosk.app.catalogue;

/** The catalogue file cannot be used; the message names the file, the place and the problem. */
public class CatalogueException extends Exception {

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
