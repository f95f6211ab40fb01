package cn.yzz.kiosk.cache.sync;

import java.time.Duration;

/** Told about the engine's state; called on the {@code kiosk-sync} thread (or the caller of syncOnce). */
public interface SyncListener {

    void stateChanged(SyncState state);

    /**
     * Whether the backend could be used, each time that changes: the last heartbeat or upload got an answer
     * (true) or did not, or was refused (false). Online-only services follow it.
     */
    default void reachability(boolean reachable) {}

    /**
     * Every contact with the backend as it ends (a heartbeat, a batch): {@code answered} when it gave any HTTP answer,
     * false when it could not be reached at all (no connection, timeout, TLS). For the 网络 page's reachability chart.
     */
    default void contacted(boolean answered) {}

    /** A heartbeat has ended; {@code answered} when the backend replied, after its commands were passed on. */
    default void heartbeatDone(boolean answered) {}

    /** The backend asked for something in a heartbeat answer ({@code refresh-catalog}, {@code upload-diagnostics}). */
    default void command(String type) {}

    /** The backend's clock differs from ours by more than 5 minutes: receipts carry times. */
    default void clockSkew(Duration skew) {}
}
