package cn.yzz.kiosk.cache.catalog;

/** A catalogue that cannot be used at all (not JSON, no services list, no version); the message says where. */
public class CatalogException extends Exception {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
