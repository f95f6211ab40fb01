package cn.yzz.kiosk.cache.catalog;

import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.store.CatalogueCache;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.BackendException;
import cn.yzz.kiosk.cache.sync.CatalogResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the kiosk's catalogue: the last good one from the county (as cached in the store), else the
 * bundled one, and refreshes it with a conditional {@code GET /catalog}. A catalogue the kiosk cannot
 * use at all is never stored: the last good one stays. Thread-safe: {@link #refresh()} runs on the sync
 * thread (one at a time), {@link #current()} may be read from any thread and never blocks.
 */
public final class CatalogUpdater {

    /** What a refresh did. */
    public enum Outcome {
        /** 304: the current catalogue is still the county's. */
        UNCHANGED,
        /** A new catalogue is stored and current. */
        UPDATED,
        /** The backend sent a catalogue the kiosk cannot use; the last good one stays ({@code detail} says why). */
        REFUSED,
        /** The backend did not answer as the contract says (network, 5xx, 401); nothing changed. */
        FAILED
    }

    /**
     * @param version the current catalogue's version after the refresh
     * @param detail  why, for REFUSED and FAILED (also when an UPDATED one could not be stored); empty otherwise
     */
    public record Result(Outcome outcome, String version, String detail) {}

    private final BackendClient client;
    private final CatalogueCache cache;
    private final Object refreshing = new Object();
    /** Replaced whole, so a reader sees a catalogue and its ETag together. */
    private volatile State state;

    private record State(Catalog catalog, String etag) {}

    public CatalogUpdater(BackendClient client, CatalogueCache cache) {
        this.client = Objects.requireNonNull(client, "client");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.state = fromCache(cache);
    }

    /** The catalogue to show now: the last good cached one, else the bundled one. */
    public Catalog current() {
        return state.catalog();
    }

    public Result refresh() {
        synchronized (refreshing) {
            State before = state;
            CatalogResponse response;
            try {
                response = client.catalog(before.etag());
            } catch (BackendException e) {
                return new Result(Outcome.FAILED, before.catalog().version(), e.getMessage());
            }
            if (response.notModified()) {
                return new Result(Outcome.UNCHANGED, before.catalog().version(), "");
            }
            Catalog fresh;
            try {
                fresh = CatalogParser.parse(response.body(), "the backend's catalogue");
            } catch (CatalogException e) {
                return new Result(Outcome.REFUSED, before.catalog().version(), e.getMessage());
            }
            String detail = "";
            try {
                cache.store(response.etag(), new String(response.body(), StandardCharsets.UTF_8));
            } catch (StoreException e) {
                // Still current for this run; without a stored copy the next start uses the last stored or bundled one.
                detail = "not stored: " + e.getMessage();
            }
            state = new State(fresh, detail.isEmpty() ? response.etag() : null);
            return new Result(Outcome.UPDATED, fresh.version(), detail);
        }
    }

    private static State fromCache(CatalogueCache cache) {
        Optional<CatalogueCache.Cached> cached;
        try {
            cached = cache.lastGood();
        } catch (StoreException e) {
            cached = Optional.empty();
        }
        if (cached.isPresent()) {
            try {
                Catalog c = CatalogParser.parse(cached.get().json().getBytes(StandardCharsets.UTF_8), "the cached catalogue");
                return new State(c, cached.get().etag());
            } catch (CatalogException e) {
                // Stored by an older kiosk version that read it differently: start from the bundled one, fetch in full.
            }
        }
        return new State(CatalogParser.bundled(), null);
    }
}
