package cn.yzz.kiosk.cache.sync;

/** Where the sync engine stands, as the administrator screen and {@code kioskctl status} show it. */
public enum SyncState {
    /** Before the first pass, and after {@link SyncEngine#close()}. */
    STOPPED,
    /** The last pass went well (or nothing was due). */
    IDLE,
    /** Uploading now. */
    SYNCING,
    /** The last attempt failed; waiting for the next one (network or backend trouble). */
    BACKING_OFF,
    /** The backend answered 401: the token is revoked. Syncing stops, the queue is kept. */
    NEEDS_REENROLLMENT
}
