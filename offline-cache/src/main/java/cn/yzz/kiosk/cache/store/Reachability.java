package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the county backend could be reached, hour by hour (table {@code reachability}): the sync engine records each
 * contact (a heartbeat, a batch) as reached or not; the 网络 page draws the last 24 hours from it. Hours are clock hours in
 * UTC; rows older than {@link #KEPT} are dropped as new ones are written.
 */
public final class Reachability {

    /** One clock hour: {@code start} and the contacts that reached the backend and that did not. */
    public record Hour(Instant start, int reached, int failed) {
        public boolean quiet() {
            return reached == 0 && failed == 0;
        }
    }

    static final Duration KEPT = Duration.ofDays(8);
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private final Database db;

    public Reachability(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Counts one contact with the backend in the current hour. */
    public void record(boolean reached) throws StoreException {
        long hour = Math.floorDiv(db.settings().clock().millis(), HOUR_MS);
        db.write("record reachability", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO reachability (hour, ok, failed) VALUES (?, ?, ?) "
                    + "ON CONFLICT (hour) DO UPDATE SET ok = ok + excluded.ok, failed = failed + excluded.failed")) {
                p.setLong(1, hour);
                p.setInt(2, reached ? 1 : 0);
                p.setInt(3, reached ? 0 : 1);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM reachability WHERE hour < ?")) {
                p.setLong(1, hour - KEPT.toHours());
                return p.executeUpdate();
            }
        });
    }

    /** The last {@code hours} clock hours, oldest first, the current one last; hours without a contact are {@link Hour#quiet}. */
    public List<Hour> last(int hours) throws StoreException {
        long now = Math.floorDiv(db.settings().clock().millis(), HOUR_MS);
        long first = now - hours + 1;
        Map<Long, int[]> counts = db.read("read reachability", c -> {
            Map<Long, int[]> m = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT hour, ok, failed FROM reachability WHERE hour BETWEEN ? AND ?")) {
                p.setLong(1, first);
                p.setLong(2, now);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        m.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3)});
                    }
                }
            }
            return m;
        });
        List<Hour> out = new ArrayList<>(hours);
        for (long h = first; h <= now; h++) {
            int[] n = counts.getOrDefault(h, new int[2]);
            out.add(new Hour(Instant.ofEpochMilli(h * HOUR_MS), n[0], n[1]));
        }
        return out;
    }
}
