package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.store.Reachability;
import java.util.Objects;

/**
 * Writes every contact of the sync engine with the backend into the store's {@link Reachability}, for the 网络 page's
 * 24-hour chart. A store that cannot take the row (disk full) never holds up syncing: the failure is logged once, and
 * again only after a row was written since.
 */
public final class ReachabilityRecorder implements SyncListener {

    private static final System.Logger LOG = System.getLogger(ReachabilityRecorder.class.getName());

    private final Reachability reachability;
    private volatile boolean failing;

    public ReachabilityRecorder(Reachability reachability) {
        this.reachability = Objects.requireNonNull(reachability, "reachability");
    }

    @Override
    public void stateChanged(SyncState state) {}

    @Override
    public void contacted(boolean answered) {
        try {
            reachability.record(answered);
            failing = false;
        } catch (StoreException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(System.Logger.Level.WARNING, "cannot record the backend's reachability (syncing goes on): {0}",
                        e.getMessage());
            }
        }
    }
}
