package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.StoreException;
import java.io.IOException;
import java.sql.SQLException;

/** Maps SQLite's result codes to what the kiosk must do about them. */
final class Failures {

    // SQLite primary result codes (the low byte of an extended code).
    static final int SQLITE_IOERR = 10;
    static final int SQLITE_CORRUPT = 11;
    static final int SQLITE_FULL = 13;
    static final int SQLITE_CANTOPEN = 14;
    static final int SQLITE_NOTADB = 26;

    private Failures() {}

    static int primaryCode(SQLException e) {
        return e.getErrorCode() & 0xFF;
    }

    static boolean isDamage(SQLException e) {
        int code = primaryCode(e);
        return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    }

    static StoreException of(String what, SQLException e) {
        StoreException.Kind kind = switch (primaryCode(e)) {
            case SQLITE_FULL -> StoreException.Kind.DISK_FULL;
            case SQLITE_IOERR, SQLITE_CANTOPEN -> StoreException.Kind.IO;
            case SQLITE_CORRUPT, SQLITE_NOTADB -> StoreException.Kind.CORRUPT;
            default -> StoreException.Kind.STATE;
        };
        return new StoreException(kind, what + ": " + e.getMessage(), e);
    }

    static StoreException of(String what, IOException e) {
        return new StoreException(StoreException.Kind.IO, what + ": " + e, e);
    }
}
