package cn.yzz.kiosk.backend;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The backend's state in one SQLite file. One connection, every method synchronized: a dev
 * backend needs correctness, not write concurrency, and one writer makes each batch a single
 * transaction without lock juggling. Transactions are never deleted (the contract asks for at
 * least 60 days of memory).
 */
final class BackendStore implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(BackendStore.class.getName());
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter REF_DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Connection db;
    private final Clock clock;
    private final PaymentStore payments;
    private final PreparedStatement findTxn;
    private final PreparedStatement insertTxn;
    private final PreparedStatement nextRef;
    private long lastSeq;
    private long payloadMismatches;

    BackendStore(Path file, Clock clock, java.time.Duration paymentLifetime) throws SQLException {
        this.clock = clock;
        db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE IF NOT EXISTS enrollment_code(code TEXT PRIMARY KEY, hardware_id TEXT, kiosk_id TEXT)");
            s.execute("CREATE TABLE IF NOT EXISTS kiosk(id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, hardware_id TEXT NOT NULL,"
                    + " model TEXT NOT NULL, village_code TEXT NOT NULL, app_version TEXT, enrolled_at TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS txn(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL,"
                    + " backend_ref TEXT NOT NULL, type TEXT NOT NULL, service_code TEXT, created_at TEXT NOT NULL,"
                    + " received_at TEXT NOT NULL, body TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS heartbeat(seq INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL,"
                    + " received_at TEXT NOT NULL, body TEXT NOT NULL)");
            // The day's last 办件编号 per county: applications are numbered per county and day, as a county's hall does.
            s.execute("CREATE TABLE IF NOT EXISTS ref_counter(prefix TEXT PRIMARY KEY, last INTEGER NOT NULL)");
            // What a printed query answer's verifyCode stands for; kept so a printout can be checked days later.
            s.execute("CREATE TABLE IF NOT EXISTS verification(code TEXT PRIMARY KEY, service_code TEXT NOT NULL,"
                    + " service_name TEXT NOT NULL, title TEXT NOT NULL, person TEXT NOT NULL, row_count INTEGER NOT NULL,"
                    + " first_issued TEXT NOT NULL)");
        }
        db.setAutoCommit(false);
        db.commit();
        payments = new PaymentStore(db, this, clock, paymentLifetime);
        // The batch path runs these per item: prepared once, reused under the store's lock.
        findTxn = db.prepareStatement("SELECT kiosk_id, backend_ref, body FROM txn WHERE id = ?");
        insertTxn = db.prepareStatement("INSERT INTO txn(seq, id, kiosk_id, backend_ref, type, service_code,"
                + " created_at, received_at, body) VALUES (?,?,?,?,?,?,?,?,?)");
        nextRef = db.prepareStatement("INSERT INTO ref_counter(prefix, last) VALUES (?, 1)"
                + " ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last");
        lastSeq = readLastSeq();
        endTransaction();
    }

    /** The payment orders, sharing this store's connection and lock. */
    PaymentStore payments() {
        return payments;
    }

    // ---- enrollment ----

    synchronized void addEnrollmentCode(String code) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO enrollment_code(code) VALUES (?)")) {
            p.setString(1, code);
            p.executeUpdate();
        }
        db.commit();
    }

    /** The outcome of an enrollment attempt. */
    sealed interface Enrolled {
        record Ok(String kioskId) implements Enrolled {}

        record UnknownCode() implements Enrolled {}

        record CodeTaken() implements Enrolled {}
    }

    /**
     * Binds a code to a hardware id and (re)issues the kiosk's token. The same hardware id with the
     * same code gets the same kiosk back with a fresh token (only a hash is kept, so the old one
     * cannot be returned; it stops working).
     */
    synchronized Enrolled enroll(String code, String hardwareId, String model, String villageCode,
            String appVersion, String tokenHash) throws SQLException {
        try {
            String boundHw;
            String kioskId;
            try (PreparedStatement p = db.prepareStatement("SELECT hardware_id, kiosk_id FROM enrollment_code WHERE code = ?")) {
                p.setString(1, code);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return new Enrolled.UnknownCode();
                    }
                    boundHw = r.getString(1);
                    kioskId = r.getString(2);
                }
            }
            if (boundHw != null && !boundHw.equals(hardwareId)) {
                return new Enrolled.CodeTaken();
            }
            if (kioskId == null) {
                kioskId = nextKioskId();
                try (PreparedStatement p = db.prepareStatement("INSERT INTO kiosk(id, token_hash, hardware_id, model, village_code,"
                        + " app_version, enrolled_at) VALUES (?,?,?,?,?,?,?)")) {
                    p.setString(1, kioskId);
                    p.setString(2, tokenHash);
                    p.setString(3, hardwareId);
                    p.setString(4, model);
                    p.setString(5, villageCode);
                    p.setString(6, appVersion);
                    p.setString(7, clock.instant().toString());
                    p.executeUpdate();
                }
                try (PreparedStatement p = db.prepareStatement("UPDATE enrollment_code SET hardware_id = ?, kiosk_id = ? WHERE code = ?")) {
                    p.setString(1, hardwareId);
                    p.setString(2, kioskId);
                    p.setString(3, code);
                    p.executeUpdate();
                }
            } else {
                try (PreparedStatement p = db.prepareStatement("UPDATE kiosk SET token_hash = ?, model = ?, village_code = ?,"
                        + " app_version = ? WHERE id = ?")) {
                    p.setString(1, tokenHash);
                    p.setString(2, model);
                    p.setString(3, villageCode);
                    p.setString(4, appVersion);
                    p.setString(5, kioskId);
                    p.executeUpdate();
                }
            }
            db.commit();
            return new Enrolled.Ok(kioskId);
        } finally {
            endTransaction();
        }
    }

    private String nextKioskId() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM kiosk")) {
            r.next();
            return String.format("WJ-%04d", r.getInt(1) + 1);
        }
    }

    synchronized Optional<String> tokenHash(String kioskId) throws SQLException {
        try {
            try (PreparedStatement p = db.prepareStatement("SELECT token_hash FROM kiosk WHERE id = ?")) {
                p.setString(1, kioskId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        } finally {
            endTransaction();
        }
    }

    // ---- transactions ----

    /** One result line of a batch, in the contract's shape. */
    record Result(String id, String status, String backendRef, String reason) {
        static Result rejected(String id, String reason) {
            return new Result(id, "rejected", null, reason);
        }
    }

    /**
     * Stores a batch in ONE SQLite transaction: either every accepted item is stored and the
     * results stand, or nothing is (and the client, hearing an error, sends the same ids again).
     */
    synchronized List<Result> storeBatch(String kioskId, List<BatchItem> items) throws SQLException {
        List<Result> results = new ArrayList<>(items.size());
        String day = LocalDate.now(clock.withZone(CHINA)).format(REF_DAY);
        String now = clock.instant().toString();
        try {
            String region = region(kioskId);
            for (BatchItem item : items) {
                if (item.rejection() != null) {
                    results.add(Result.rejected(item.id(), item.rejection()));
                    continue;
                }
                results.add(storeOne(kioskId, item, day, region, now));
            }
            db.commit();
            return results;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            lastSeq = readLastSeq();
            endTransaction();
            throw e;
        }
    }

    private Result storeOne(String kioskId, BatchItem item, String day, String region, String now) throws SQLException {
        findTxn.setString(1, item.id());
        try (ResultSet r = findTxn.executeQuery()) {
            if (r.next()) {
                // Ids are scoped to the kiosk that first sent them: another kiosk must not learn the ref.
                if (!r.getString(1).equals(kioskId)) {
                    return Result.rejected(item.id(), "id already used by another kiosk");
                }
                if (!r.getString(3).equals(item.json())) {
                    // The contract still says "duplicate"; a changed body under the same id is a client bug worth seeing.
                    payloadMismatches++;
                    LOG.warning("transaction " + item.id() + " was re-sent with a different body; the first one stands");
                }
                return new Result(item.id(), "duplicate", r.getString(2), null);
            }
        }
        long seq = ++lastSeq;
        String ref = item.type().equals("application") ? applicationRef(region + day) : String.format("DB%s%07d", day, seq);
        insertTxn.setLong(1, seq);
        insertTxn.setString(2, item.id());
        insertTxn.setString(3, kioskId);
        insertTxn.setString(4, ref);
        insertTxn.setString(5, item.type());
        insertTxn.setString(6, item.serviceCode());
        insertTxn.setString(7, item.createdAt());
        insertTxn.setString(8, now);
        insertTxn.setString(9, item.json());
        insertTxn.executeUpdate();
        return new Result(item.id(), "accepted", ref, null);
    }

    /**
     * An application's 办件编号, as a county's 政务服务 system numbers cases: the county's 6-digit division code, the
     * day, and the day's sequence in that county, e.g. 44020320261122000001 (payments keep their DB… receipts).
     */
    private String applicationRef(String prefix) throws SQLException {
        nextRef.setString(1, prefix);
        try (ResultSet r = nextRef.executeQuery()) {
            r.next();
            return prefix + String.format("%06d", r.getLong(1));
        }
    }

    /** The county of a kiosk: the first 6 digits of the village code it enrolled with. */
    private String region(String kioskId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT village_code FROM kiosk WHERE id = ?")) {
            p.setString(1, kioskId);
            try (ResultSet r = p.executeQuery()) {
                String village = r.next() ? r.getString(1) : null;
                return village != null && village.length() >= 6 ? village.substring(0, 6) : "440000";
            }
        }
    }

    /** The applications stored for a person (by {@code person.idNumber}), oldest first. */
    synchronized List<StoredTransaction> applicationsOf(String idNumber) throws SQLException {
        try {
            List<StoredTransaction> out = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT id, kiosk_id, type, service_code, backend_ref, body FROM txn"
                    + " WHERE type = 'application' AND json_extract(body, '$.person.idNumber') = ? ORDER BY seq")) {
                p.setString(1, idNumber);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredTransaction(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                                r.getString(6)));
                    }
                }
            }
            return out;
        } finally {
            endTransaction();
        }
    }

    // ---- verification of printed answers ----

    /** What a verifyCode stands for: no full name or number, only what a verify page may show. */
    record Verification(String serviceCode, String serviceName, String title, String person, int rows, String firstIssued) {}

    /** Keeps what {@code code} stands for; the first issue stands when the same answer is given again. */
    synchronized void rememberVerification(String code, Verification v) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO verification(code, service_code, service_name,"
                + " title, person, row_count, first_issued) VALUES (?,?,?,?,?,?,?)")) {
            p.setString(1, code);
            p.setString(2, v.serviceCode());
            p.setString(3, v.serviceName());
            p.setString(4, v.title());
            p.setString(5, v.person());
            p.setInt(6, v.rows());
            p.setString(7, v.firstIssued());
            p.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    synchronized Optional<Verification> verification(String code) throws SQLException {
        try {
            try (PreparedStatement p = db.prepareStatement("SELECT service_code, service_name, title, person, row_count, first_issued"
                    + " FROM verification WHERE code = ?")) {
                p.setString(1, code);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Verification(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getInt(5), r.getString(6))) : Optional.empty();
                }
            }
        } finally {
            endTransaction();
        }
    }

    /** The highest stored sequence number, re-read after a rollback so the in-memory counter never runs ahead. */
    private long readLastSeq() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(seq), 0) FROM txn")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Duplicates whose body differed from the stored one (same id re-used for different content). */
    synchronized long payloadMismatches() {
        return payloadMismatches;
    }

    synchronized List<String> storedIds() throws SQLException {
        try {
            List<String> ids = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id FROM txn ORDER BY seq")) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        } finally {
            endTransaction();
        }
    }

    /** Every stored transaction with the body as the kiosk sent it, in the order stored. */
    synchronized List<StoredTransaction> storedTransactions() throws SQLException {
        try {
            List<StoredTransaction> out = new ArrayList<>();
            try (Statement s = db.createStatement();
                      ResultSet r = s.executeQuery("SELECT id, kiosk_id, type, service_code, backend_ref, body FROM txn ORDER BY seq")) {
                while (r.next()) {
                    out.add(new StoredTransaction(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6)));
                }
            }
            return out;
        } finally {
            endTransaction();
        }
    }

    /** The transaction stored under {@code id}, with its body as first accepted, if any. */
    synchronized Optional<StoredTransaction> stored(String id) throws SQLException {
        try {
            try (PreparedStatement p = db.prepareStatement(
                    "SELECT id, kiosk_id, type, service_code, backend_ref, body FROM txn WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new StoredTransaction(r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6))) : Optional.empty();
                }
            }
        } finally {
            endTransaction();
        }
    }

    synchronized int storedCount(String id) throws SQLException {
        try {
            try (PreparedStatement p = db.prepareStatement("SELECT count(*) FROM txn WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        } finally {
            endTransaction();
        }
    }

    // ---- heartbeats ----

    synchronized void addHeartbeat(String kioskId, String body) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO heartbeat(kiosk_id, received_at, body) VALUES (?,?,?)")) {
            p.setString(1, kioskId);
            p.setString(2, clock.instant().toString());
            p.setString(3, body);
            p.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    /** The body of the newest heartbeat, if any. */
    synchronized Optional<String> lastHeartbeat() throws SQLException {
        try {
            try (Statement s = db.createStatement();
                      ResultSet r = s.executeQuery("SELECT body FROM heartbeat ORDER BY rowid DESC LIMIT 1")) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } finally {
            endTransaction();
        }
    }

    synchronized int heartbeatCount() throws SQLException {
        try {
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM heartbeat")) {
                r.next();
                return r.getInt(1);
            }
        } finally {
            endTransaction();
        }
    }

    /**
     * Ends the open transaction (sqlite-jdbc begins one after every commit). Without this a read
     * would keep its snapshot until the next write: stale reads, and WAL checkpoints held back.
     * After a commit it ends an empty transaction; before one it undoes everything.
     */
    private void endTransaction() throws SQLException {
        db.rollback();
    }

    @Override
    public synchronized void close() throws SQLException {
        findTxn.close();
        insertTxn.close();
        nextRef.close();
        db.close();
    }
}
