package cn.yzz.kiosk.cache.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered forward-only steps; {@code PRAGMA user_version} is the number of the
 * last step applied. Each step runs in one transaction with its version bump, so a power cut
 * leaves the database at the old version or the new one, never between. Never edit a released
 * step: add one.
 */
public final class Migrations {

    static final List<List<String>> STEPS = List.of(
            // 1: the outbox. created_at and next_attempt are epoch milliseconds (ordering and due
            // times); the transaction itself, with its original offset, is in payload (JSON);
            // the person is an AES-GCM blob (PersonalDataCipher).
            List.of("""
                    CREATE TABLE outbox (
                      id              TEXT PRIMARY KEY,
                      state           TEXT NOT NULL CHECK (state IN ('PENDING','BLOCKED','REJECTED','ACKNOWLEDGED')),
                      created_at      INTEGER NOT NULL,
                      next_attempt    INTEGER NOT NULL,
                      attempts        INTEGER NOT NULL DEFAULT 0,
                      backend_ref     TEXT,
                      last_error      TEXT,
                      acknowledged_at INTEGER,
                      payload         TEXT NOT NULL,
                      person          BLOB
                    ) STRICT""",
                    "CREATE INDEX outbox_due ON outbox (state, next_attempt)"),
            // 2: the local receipt record, written with its transaction; blocked_at for the
            // administrator. Rows from version 1 get their receipt record from the payload.
            List.of("""
                    CREATE TABLE receipts (
                      transaction_id TEXT PRIMARY KEY REFERENCES outbox (id),
                      receipt_no     TEXT,
                      created_at     INTEGER NOT NULL
                    ) STRICT""",
                    "CREATE INDEX receipts_no ON receipts (receipt_no)",
                    "ALTER TABLE outbox ADD COLUMN blocked_at INTEGER",
                    """
                    INSERT INTO receipts (transaction_id, receipt_no, created_at)
                      SELECT id, json_extract(payload, '$.receiptNo'), created_at FROM outbox""",
                    "UPDATE outbox SET blocked_at = next_attempt WHERE state = 'BLOCKED'"),
            // 3: the last good catalogue, for working offline.
            List.of("""
                    CREATE TABLE catalogue (
                      id        INTEGER PRIMARY KEY CHECK (id = 1),
                      etag      TEXT,
                      json      TEXT NOT NULL,
                      stored_at INTEGER NOT NULL
                    ) STRICT"""),
            // 4: receipt numbers made at commit, and the payment journal. From here the personal blob
            // (outbox.person, payments.personal) is PersonalDataCipher version 2 (person and data.members);
            // version-1 blobs of earlier rows still decrypt and are not rewritten. receipt_counter holds the
            // last sequence number given per kiosk and kiosk-local day (yyyyMMdd), updated in the enqueue's
            // transaction. payments: one row per payment attempt, journaled before the QR code is shown;
            // draft is the transaction that will be queued when paid, without personal data (TransactionJson),
            // whose personal part is the encrypted blob. state is a TEXT with a CHECK: a later step adds states
            // (cash) by rebuilding the table (the 12-step ALTER TABLE procedure). Times are epoch milliseconds.
            List.of("""
                    CREATE TABLE receipt_counter (
                      kiosk_id TEXT NOT NULL,
                      day      TEXT NOT NULL,
                      last     INTEGER NOT NULL,
                      PRIMARY KEY (kiosk_id, day)
                    ) STRICT""",
                    """
                    CREATE TABLE payments (
                      transaction_id TEXT PRIMARY KEY,
                      method         TEXT NOT NULL CHECK (method IN ('qr','cash')),
                      state          TEXT NOT NULL CHECK (state IN ('OPEN','PAID','CANCELLED','EXPIRED')),
                      order_id       TEXT,
                      pay_url        TEXT,
                      expires_at     INTEGER,
                      draft          TEXT NOT NULL,
                      personal       BLOB,
                      created_at     INTEGER NOT NULL,
                      updated_at     INTEGER NOT NULL,
                      closed_at      INTEGER
                    ) STRICT""",
                    "CREATE INDEX payments_state ON payments (state, created_at)",
                    "CREATE INDEX payments_order ON payments (order_id)"),
            // 5: the cash-in journal (SqliteCashJournal). cash_payments: one row per cash payment, its state and
            // the note in escrow (the intent written before the unit may take it); what it was credited is not
            // stored here but summed from its CREDIT events. draft/personal as in payments: the personal blob is
            // erased when the payment is queued, purged after the retention period when it was cancelled.
            // At most one payment not ended (the partial unique index). cash_events: append-only (triggers refuse
            // UPDATE and DELETE), each row hashed over its fields and the previous row's hash (SHA-256, see
            // SqliteCashJournal.hash); value_fen is the note's value. cash_periods: one row per cash box
            // period, ended in the transaction that queues its cash-audit (audit_id). The cash box counters are
            // the sums of the current period's CREDIT and UNATTRIBUTED events: no second copy to drift.
            List.of("""
                    CREATE TABLE cash_periods (
                      id         INTEGER PRIMARY KEY,
                      started_at INTEGER NOT NULL,
                      ended_at   INTEGER,
                      audit_id   TEXT REFERENCES outbox (id)
                    ) STRICT""",
                    """
                    CREATE TABLE cash_payments (
                      transaction_id TEXT PRIMARY KEY,
                      state          TEXT NOT NULL CHECK (state IN ('OPEN','COLLECTING','PAID','VOUCHER','CANCELLED')),
                      due_fen        INTEGER NOT NULL CHECK (due_fen > 0),
                      escrow_channel INTEGER,
                      escrow_fen     INTEGER CHECK (escrow_fen > 0),
                      escrow_at      INTEGER,
                      ending         TEXT CHECK (ending IN ('ENOUGH','CANCELLED','TIMED_OUT','RECOVERED')),
                      voucher_no     TEXT UNIQUE,
                      voucher_fen    INTEGER NOT NULL DEFAULT 0 CHECK (voucher_fen >= 0),
                      draft          TEXT NOT NULL,
                      personal       BLOB,
                      created_at     INTEGER NOT NULL,
                      updated_at     INTEGER NOT NULL,
                      ended_at       INTEGER,
                      CHECK ((escrow_fen IS NULL) = (escrow_at IS NULL)),
                      CHECK ((state IN ('PAID','VOUCHER','CANCELLED')) = (ended_at IS NOT NULL AND ending IS NOT NULL)),
                      CHECK (escrow_fen IS NULL OR ended_at IS NULL)
                    ) STRICT""",
                    "CREATE UNIQUE INDEX cash_payments_one_unended ON cash_payments ((state IN ('OPEN','COLLECTING'))) "
                            + "WHERE state IN ('OPEN','COLLECTING')",
                    "CREATE INDEX cash_payments_state ON cash_payments (state, created_at)",
                    """
                    CREATE TABLE cash_events (
                      seq            INTEGER PRIMARY KEY,
                      period         INTEGER NOT NULL REFERENCES cash_periods (id),
                      kind           TEXT NOT NULL CHECK (kind IN ('OPENED','ESCROW','RETURNED','CREDIT','UNATTRIBUTED',
                                         'SETTLED','CASHBOX_REMOVED','CASHBOX_REPLACED')),
                      transaction_id TEXT REFERENCES cash_payments (transaction_id),
                      channel        INTEGER,
                      value_fen      INTEGER,
                      at             INTEGER NOT NULL,
                      detail         TEXT,
                      hash           BLOB NOT NULL,
                      CHECK (kind NOT IN ('ESCROW','CREDIT','UNATTRIBUTED') OR value_fen > 0),
                      CHECK ((kind IN ('UNATTRIBUTED','CASHBOX_REMOVED','CASHBOX_REPLACED')) = (transaction_id IS NULL))
                    ) STRICT""",
                    "CREATE INDEX cash_events_period ON cash_events (period, kind)",
                    "CREATE INDEX cash_events_payment ON cash_events (transaction_id, kind)",
                    """
                    CREATE TRIGGER cash_events_no_update BEFORE UPDATE ON cash_events
                    BEGIN SELECT RAISE(ABORT, 'the cash journal is append-only'); END""",
                    """
                    CREATE TRIGGER cash_events_no_delete BEFORE DELETE ON cash_events
                    BEGIN SELECT RAISE(ABORT, 'the cash journal is append-only'); END"""),
            // 6: the administrator's console. audit: every console and kioskctl action (who, when, what, result), in
            // words already masked (AuditLog masks ID-shaped numbers again). reachability: per clock hour (epoch
            // hours, UTC), how many contacts with the county backend succeeded and failed, for the 网络 page's chart.
            List.of("""
                    CREATE TABLE audit (
                      id     INTEGER PRIMARY KEY,
                      at     INTEGER NOT NULL,
                      who    TEXT NOT NULL,
                      what   TEXT NOT NULL,
                      result TEXT NOT NULL
                    ) STRICT""",
                    "CREATE INDEX audit_at ON audit (at)",
                    """
                    CREATE TABLE reachability (
                      hour   INTEGER PRIMARY KEY,
                      ok     INTEGER NOT NULL DEFAULT 0 CHECK (ok >= 0),
                      failed INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0)
                    ) STRICT"""));

    public static final int LATEST = STEPS.size();

    private Migrations() {}

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    /**
     * Brings the schema up to {@code target} (tests build older schemas with it).
     *
     * @return the version the database had before
     */
    public static int migrate(Connection c, int target) throws SQLException {
        int from = version(c);
        if (from > LATEST) {
            throw new SQLException("database schema " + from + " is newer than this kiosk software (" + LATEST
                    + "): refusing to touch it");
        }
        for (int v = from + 1; v <= target; v++) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : STEPS.get(v - 1)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + v);
                    s.execute("COMMIT");
                } catch (SQLException e) {
                    s.execute("ROLLBACK");
                    throw e;
                }
            }
        }
        return from;
    }
}
