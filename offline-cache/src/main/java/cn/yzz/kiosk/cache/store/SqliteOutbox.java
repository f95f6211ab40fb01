package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.OutboxEntry.State;
import cn.yzz.kiosk.cache.QueueDay;
import cn.yzz.kiosk.cache.QueueProblem;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.PersonalDataCipher.Personal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox in DATA/kiosk.db. Every mark is one short transaction on the store's single
 * connection; nothing here ever waits on the network. Marks are idempotent: a late or repeated
 * answer from the sync engine never moves an entry out of a final state (acknowledged, rejected).
 */
public final class SqliteOutbox implements Outbox {

    private static final String COLUMNS =
            "id, state, attempts, next_attempt, backend_ref, last_error, payload, person";

    private final Database db;
    private final PersonalDataCipher cipher;

    public SqliteOutbox(Database db, PersonalDataCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Override
    public void enqueue(Transaction t) throws StoreException {
        ReceiptNumbers.requireQueueable(t, false);
        requireAcceptingWork(db);
        byte[] personal = cipher.encrypt(t.id(), TransactionJson.personal(t));
        db.write("enqueue " + t.id(), c -> insert(c, t, personal, null));
    }

    @Override
    public Transaction enqueueReceipted(Transaction t, String kioskId) throws StoreException {
        ReceiptNumbers.requireKioskId(kioskId);
        ReceiptNumbers.requireQueueable(t, true);
        requireAcceptingWork(db);
        byte[] personal = cipher.encrypt(t.id(), TransactionJson.personal(t));
        return db.write("enqueue " + t.id(), c -> insert(c, t, personal, kioskId));
    }

    /** After a disk-full or I/O failure the kiosk takes no new work until the administrator rechecks the store. */
    static void requireAcceptingWork(Database db) throws StoreException {
        if (!db.acceptingWork()) {
            StoreException why = db.problem().orElseThrow();
            throw new StoreException(why.kind(), "not taking new work until the administrator rechecks the store: "
                    + why.getMessage(), why);
        }
    }

    /**
     * Inserts the outbox row and its receipt record in the caller's transaction ({@code personal}: the sealed
     * personal part, or null), numbering the receipt first when {@code kioskId} is given. Returns what was stored.
     */
    Transaction insert(Connection c, Transaction t, byte[] personal, String kioskId) throws SQLException {
        Transaction stored = kioskId == null ? t : t.withReceiptNo(nextReceiptNo(c, kioskId, ReceiptNumbers.day(t)));
        long created = t.createdAt().toInstant().toEpochMilli();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO outbox (id, state, created_at, next_attempt, "
                + "attempts, payload, person) VALUES (?, 'PENDING', ?, ?, 0, ?, ?)")) {
            p.setString(1, t.id().toString());
            p.setLong(2, created);
            p.setLong(3, created);
            p.setString(4, TransactionJson.write(stored));
            if (personal == null) {
                p.setNull(5, Types.BLOB);
            } else {
                p.setBytes(5, personal);
            }
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO receipts (transaction_id, receipt_no, created_at) VALUES (?, ?, ?)")) {
            p.setString(1, t.id().toString());
            p.setString(2, stored.receiptNo());
            p.setLong(3, created);
            p.executeUpdate();
        }
        return stored;
    }

    /**
     * The next receipt number of {@code kioskId} on {@code day}, counted in receipt_counter in the caller's
     * transaction. A day's first number continues after any number of that day already in the receipts table
     * (made by an earlier release or a tool), and a number already there is skipped: none is given twice.
     */
    private static String nextReceiptNo(Connection c, String kioskId, String day) throws SQLException {
        String prefix = ReceiptNumbers.prefix(kioskId, day);
        long last = -1;
        try (PreparedStatement p = c.prepareStatement("SELECT last FROM receipt_counter WHERE kiosk_id = ? AND day = ?")) {
            p.setString(1, kioskId);
            p.setString(2, day);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    last = rs.getLong(1);
                }
            }
        }
        if (last < 0) {
            last = 0;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT receipt_no FROM receipts WHERE substr(receipt_no, 1, ?) = ?")) {
                p.setInt(1, prefix.length());
                p.setString(2, prefix);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        last = Math.max(last, ReceiptNumbers.seqOf(rs.getString(1), prefix));
                    }
                }
            }
        }
        long seq = last + 1;
        while (receiptExists(c, ReceiptNumbers.format(kioskId, day, seq))) {
            seq++;
        }
        update(c, "INSERT INTO receipt_counter (kiosk_id, day, last) VALUES (?, ?, ?) "
                + "ON CONFLICT (kiosk_id, day) DO UPDATE SET last = excluded.last", kioskId, day, seq);
        return ReceiptNumbers.format(kioskId, day, seq);
    }

    private static boolean receiptExists(Connection c, String no) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM receipts WHERE receipt_no = ?")) {
            p.setString(1, no);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public Optional<OutboxEntry> find(UUID id) throws StoreException {
        return select("find " + id, "SELECT " + COLUMNS + " FROM outbox WHERE id = ?", id.toString()).stream().findFirst();
    }

    @Override
    public Optional<OutboxEntry> findByReceiptNo(String receiptNo) throws StoreException {
        return select("find receipt " + receiptNo, "SELECT " + COLUMNS + " FROM outbox WHERE id IN "
                + "(SELECT transaction_id FROM receipts WHERE receipt_no = ?) ORDER BY created_at LIMIT 1",
                receiptNo).stream().findFirst();
    }

    /** A stored transaction without its personal part, and that part sealed: read inside a transaction, opened after. */
    record Sealed(Transaction transaction, byte[] personal) {}

    /** The outbox row of {@code id} in the caller's transaction, or null. */
    static Sealed sealed(Connection c, UUID id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
            p.setString(1, id.toString());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Row r = row(rs);
                return new Sealed(TransactionJson.read(r.id, r.payload, null), r.person);
            }
        }
    }

    @Override
    public List<OutboxEntry> peekDue(Instant now, int max) throws StoreException {
        return select("peek due", "SELECT " + COLUMNS + " FROM outbox WHERE state = 'PENDING' AND next_attempt <= ? "
                + "ORDER BY created_at, id LIMIT ?", now.toEpochMilli(), max);
    }

    @Override
    public List<OutboxEntry> peekDue(Instant now, int max, java.util.Set<UUID> skip) throws StoreException {
        List<Row> rows = rows("peek due", "SELECT " + COLUMNS + " FROM outbox WHERE state = 'PENDING' AND next_attempt <= ? "
                + "ORDER BY created_at, id LIMIT ?", now.toEpochMilli(), max + skip.size());
        rows.removeIf(r -> skip.contains(r.id));
        return decode(rows.size() > max ? rows.subList(0, max) : rows);
    }

    @Override
    public List<OutboxEntry> list(int max) throws StoreException {
        return select("list", "SELECT " + COLUMNS + " FROM outbox ORDER BY created_at DESC, id DESC LIMIT ?", max);
    }

    @Override
    public void acknowledge(UUID id, String backendRef) throws StoreException {
        long now = db.settings().clock().millis();
        db.write("acknowledge " + id, c -> {
            State s = stateOf(c, id);
            if (s != State.ACKNOWLEDGED) { // a repeated acknowledgement keeps the first reference
                update(c, "UPDATE outbox SET state = 'ACKNOWLEDGED', backend_ref = ?, acknowledged_at = ?, "
                        + "last_error = NULL WHERE id = ?", backendRef, now, id.toString());
            }
            return null;
        });
    }

    @Override
    public void acknowledgeAll(java.util.Map<UUID, String> backendRefs) throws StoreException {
        if (backendRefs.isEmpty()) {
            return;
        }
        long now = db.settings().clock().millis();
        db.write("acknowledge " + backendRefs.size() + " entries", c -> {
            for (var e : backendRefs.entrySet()) {
                if (stateOf(c, e.getKey()) != State.ACKNOWLEDGED) { // a repeated acknowledgement keeps the first reference
                    update(c, "UPDATE outbox SET state = 'ACKNOWLEDGED', backend_ref = ?, acknowledged_at = ?, "
                            + "last_error = NULL WHERE id = ?", e.getValue(), now, e.getKey().toString());
                }
            }
            return null;
        });
    }

    @Override
    public void reject(UUID id, String reason) throws StoreException {
        db.write("reject " + id, c -> {
            State s = stateOf(c, id);
            if (s == State.PENDING || s == State.BLOCKED) {
                update(c, "UPDATE outbox SET state = 'REJECTED', last_error = ? WHERE id = ?", reason, id.toString());
            }
            return null;
        });
    }

    @Override
    public void retryLater(UUID id, Instant next, String error) throws StoreException {
        int max = db.settings().maxAttempts();
        long now = db.settings().clock().millis();
        db.write("retry later " + id, c -> {
            if (stateOf(c, id) == State.PENDING) { // a late failure never revives a final or blocked entry
                update(c, "UPDATE outbox SET attempts = attempts + 1, next_attempt = ?, last_error = ?, "
                        + "state = CASE WHEN attempts + 1 >= ? THEN 'BLOCKED' ELSE state END, "
                        + "blocked_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE blocked_at END WHERE id = ?",
                        next.toEpochMilli(), error, max, max, now, id.toString());
            }
            return null;
        });
    }

    @Override
    public boolean unblock(UUID id) throws StoreException {
        return db.write("unblock " + id, c -> {
            if (stateOf(c, id) != State.BLOCKED) {
                return false;
            }
            // due at once, with a fresh allowance of attempts
            update(c, "UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt = created_at, blocked_at = NULL "
                    + "WHERE id = ?", id.toString());
            return true;
        });
    }

    @Override
    public QueueStatus status(Instant now) throws StoreException {
        return db.read("status", c -> {
            long[] n = new long[State.values().length];
            try (PreparedStatement p = c.prepareStatement("SELECT state, count(*) FROM outbox GROUP BY state");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    n[State.valueOf(rs.getString(1)).ordinal()] = rs.getLong(2);
                }
            }
            long oldest = 0;
            try (PreparedStatement p = c.prepareStatement("SELECT min(created_at) FROM outbox WHERE state = 'PENDING'");
                 ResultSet rs = p.executeQuery()) {
                long ms = rs.getLong(1);
                if (!rs.wasNull()) {
                    oldest = Math.max(0, (now.toEpochMilli() - ms) / 1000);
                }
            }
            return new QueueStatus(n[State.PENDING.ordinal()], n[State.BLOCKED.ordinal()], n[State.REJECTED.ordinal()],
                    n[State.ACKNOWLEDGED.ordinal()], oldest);
        });
    }

    @Override
    public List<QueueDay> days(int days, ZoneId zone, Instant now) throws StoreException {
        QueueDays q = new QueueDays(days, zone, now);
        // One pass over the range: each row's day is its index among the day starts, found by SQL.
        StringBuilder day = new StringBuilder(days == 1 ? "0" : "CASE");
        for (int i = 1; i < days; i++) {
            day.append(" WHEN created_at < ").append(q.bounds[i]).append(" THEN ").append(i - 1);
        }
        if (days > 1) {
            day.append(" ELSE ").append(days - 1).append(" END");
        }
        String sql = "SELECT " + day + " AS d, count(*), sum(state = 'ACKNOWLEDGED'), sum(state = 'REJECTED') "
                + "FROM outbox WHERE created_at >= ? AND created_at < ? GROUP BY d";
        return db.read("queue per day", c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, q.bounds[0]);
                p.setLong(2, q.bounds[q.bounds.length - 1]);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        q.add(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
                    }
                }
            }
            return q.result();
        });
    }

    @Override
    public List<QueueProblem> problems(int max) throws StoreException {
        return db.read("queue problems", c -> {
            List<QueueProblem> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, state, attempts, last_error, payload FROM outbox "
                    + "WHERE state IN ('REJECTED', 'BLOCKED') ORDER BY created_at DESC, id DESC LIMIT ?")) {
                p.setInt(1, max);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        UUID id = UUID.fromString(rs.getString(1));
                        Transaction t = TransactionJson.read(id, rs.getString(5), null); // the personal blob stays sealed
                        out.add(new QueueProblem(id, t.type(), t.serviceCode(), t.receiptNo(), t.createdAt(),
                                State.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int purgePersonal(Instant now, Duration retention) throws StoreException {
        long before = now.minus(retention).toEpochMilli();
        return db.write("purge personal data", c -> update(c, "UPDATE outbox SET person = NULL "
                + "WHERE state = 'ACKNOWLEDGED' AND acknowledged_at < ? AND person IS NOT NULL", before));
    }

    private static State stateOf(Connection c, UUID id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT state FROM outbox WHERE id = ?")) {
            p.setString(1, id.toString());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownEntry(id);
                }
                return State.valueOf(rs.getString(1));
            }
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        }
    }

    private List<OutboxEntry> select(String what, String sql, Object... args) throws StoreException {
        return decode(rows(what, sql, args));
    }

    private List<Row> rows(String what, String sql, Object... args) throws StoreException {
        return db.read(what, c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    p.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(UUID.fromString(rs.getString(1)), State.valueOf(rs.getString(2)), rs.getInt(3),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBytes(8));
    }

    private List<OutboxEntry> decode(List<Row> rows) throws StoreException {
        List<OutboxEntry> entries = new ArrayList<>(rows.size());
        for (Row r : rows) { // decrypt outside the connection's lock
            Personal personal = r.person == null ? null : cipher.decryptPersonal(r.id, r.person);
            entries.add(new OutboxEntry(TransactionJson.read(r.id, r.payload, personal), r.state, r.attempts, r.next,
                    r.backendRef, r.lastError));
        }
        return entries;
    }

    private record Row(UUID id, State state, int attempts, Instant next, String backendRef, String lastError,
                       String payload, byte[] person) {}

    /** An id the outbox does not hold: a caller's mistake, reported as {@link StoreException.Kind#STATE}. */
    private static final class UnknownEntry extends SQLException {
        private static final long serialVersionUID = 1L;

        UnknownEntry(UUID id) {
            super("no outbox entry " + id);
        }
    }
}
