package cn.yzz.kiosk.cache.sync;

import java.time.Duration;

/** Told about the engine's state; called on the {@code kiosk-sync} thread (or the caller of syncOnce). */
public interface SyncListener {

    void stateChanged(SyncState state);

    /** The backend's clock differs from ours by more than 5 minutes: receipts carry times. */
    default void clockSkew(Duration skew) {}
}
