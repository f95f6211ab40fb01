package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The administrator's audit log, table {@code audit}: who did what on the console or with kioskctl, when, and what came of
 * it. Every entry is committed before {@link #record} returns, so an action that crashes the kiosk is still on record.
 * Callers write masked words; anything shaped like an ID number is masked here again (3 + 4 characters kept), so a
 * careless caller cannot put one in the store or a diagnostics bundle.
 */
public final class AuditLog {

    /** One action. {@code who}: "管理员", a staff number, or "kioskctl:&lt;user&gt;". */
    public record Entry(long id, Instant at, String who, String what, String result) {}

    /** Entries kept: the console shows the newest, the diagnostics bundle takes the last ones. */
    public static final int KEPT = 10_000;

    // 15 to 18 characters: digits, the last possibly X (GB 11643 and the old 15-digit numbers).
    private static final Pattern ID_SHAPED = Pattern.compile("(?<![0-9A-Za-z])(\\d{3})(\\d{8,11})(\\d{3}[\\dXx])(?![0-9A-Za-z])");

    private final Database db;

    public AuditLog(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Writes one entry now, and trims the log to the newest {@link #KEPT}. */
    public void record(String who, String what, String result) throws StoreException {
        String w = mask(Objects.requireNonNull(who, "who"));
        String a = mask(Objects.requireNonNull(what, "what"));
        String r = mask(Objects.requireNonNull(result, "result"));
        long now = db.settings().clock().millis();
        db.write("record an audit entry", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO audit (at, who, what, result) VALUES (?, ?, ?, ?)")) {
                p.setLong(1, now);
                p.setString(2, w);
                p.setString(3, a);
                p.setString(4, r);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM audit WHERE id <= (SELECT id FROM audit ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
                p.setInt(1, KEPT);
                return p.executeUpdate();
            }
        });
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> recent(int limit) throws StoreException {
        return db.read("read the audit log", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, at, who, what, result FROM audit ORDER BY id DESC LIMIT ?")) {
                p.setInt(1, limit);
                return entries(p);
            }
        });
    }

    /** Every entry at or after {@code from}, oldest first. */
    public List<Entry> since(Instant from) throws StoreException {
        return db.read("read the audit log", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, at, who, what, result FROM audit WHERE at >= ? ORDER BY id")) {
                p.setLong(1, from.toEpochMilli());
                return entries(p);
            }
        });
    }

    private static List<Entry> entries(PreparedStatement p) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
        }
        return out;
    }

    /** Masks every ID-shaped number in {@code text}, keeping its first 3 and last 4 characters. */
    static String mask(String text) {
        return ID_SHAPED.matcher(text).replaceAll(m -> m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
    }
}
