package cn.yzz.kiosk.cache.sync;

/**
 * What one sync pass did, as {@code kioskctl sync --once} prints it.
 *
 * @param sent         transactions put on the wire (counting re-sends)
 * @param acknowledged accepted or duplicate
 * @param rejected     permanently refused by the backend
 * @param remaining    pending entries after the pass (due or not)
 * @param error        why the pass stopped early, null when it did not
 */
public record SyncReport(int sent, int acknowledged, int rejected, long remaining, String error) {

    public boolean complete() {
        return remaining == 0 && error == null;
    }
}
