package cn.yzz.kiosk.cache;

/** The store could not do what was asked; {@link #kind()} says what the kiosk should do about it. */
public class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The disk is full: stop taking new work, nothing was lost. */
        DISK_FULL,
        /** Reading or writing failed: stop taking new work, the administrator must look. */
        IO,
        /** The database was damaged; it was moved aside and reported. */
        CORRUPT,
        /** A call the store cannot honour (unknown id, closed store). */
        STATE
    }

    private final Kind kind;

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
