package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.StoreException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The last good catalogue ({@code GET /api/v1/catalog}) and its ETag, so the kiosk works offline.
 * A kiosk that has never been online has none: the caller falls back to the bundled catalogue.
 */
public final class CatalogueCache {

    /** A stored catalogue; {@code etag} may be null when the backend sent none. */
    public record Cached(String etag, String json, Instant storedAt) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    public CatalogueCache(Database db) {
        this.db = db;
    }

    public Optional<Cached> lastGood() throws StoreException {
        return db.read("read catalogue", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT etag, json, stored_at FROM catalogue WHERE id = 1");
                 ResultSet rs = p.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Cached(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                        : Optional.<Cached>empty();
            }
        });
    }

    /** Replaces the last good catalogue; refuses text that is not a JSON object, keeping the previous one. */
    public void store(String etag, String json) throws StoreException {
        try {
            if (!JSON.readTree(json).isObject()) {
                throw new StoreException(StoreException.Kind.STATE, "catalogue is not a JSON object", null);
            }
        } catch (JsonProcessingException e) {
            throw new StoreException(StoreException.Kind.STATE, "catalogue is not JSON: " + e.getOriginalMessage(), e);
        }
        long now = db.settings().clock().millis();
        db.write("store catalogue", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT OR REPLACE INTO catalogue (id, etag, json, stored_at) VALUES (1, ?, ?, ?)")) {
                p.setString(1, etag);
                p.setString(2, json);
                p.setLong(3, now);
                return p.executeUpdate();
            }
        });
    }
}
