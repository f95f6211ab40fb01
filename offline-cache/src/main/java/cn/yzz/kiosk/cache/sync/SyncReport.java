package cn.yzz.kiosk.cache.sync;

import java.time.Instant;

/**
 * What one sync pass did, as {@code kioskctl sync --once} prints it.
 *
 * @param sent         transactions put on the wire (counting re-sends)
 * @param acknowledged accepted or duplicate
 * @param rejected     permanently refused by the backend
 * @param remaining    pending entries after the pass (due or not)
 * @param error        why the pass stopped early (or did not send at all), null when it did not
 * @param waitUntil    when the backend asked (Retry-After) not to be sent to before, if that is still ahead; null otherwise
 */
public record SyncReport(int sent, int acknowledged, int rejected, long remaining, String error, Instant waitUntil) {

    public SyncReport(int sent, int acknowledged, int rejected, long remaining, String error) {
        this(sent, acknowledged, rejected, remaining, error, null);
    }

    public boolean complete() {
        return remaining == 0 && error == null;
    }
}
