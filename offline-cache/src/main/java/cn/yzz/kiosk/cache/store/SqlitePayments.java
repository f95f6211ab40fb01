package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Payments;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The payment journal in DATA/kiosk.db (table {@code payments}, schema 4), beside the outbox it feeds: the
 * step from PAID to queued is one SQLite transaction on the store's single connection. Decryption happens
 * outside the connection's lock; the outbox row takes the journal's sealed personal blob as it is (same
 * transaction id, same key, same associated data).
 */
public final class SqlitePayments implements Payments {

    private static final Logger LOG = Logger.getLogger(SqlitePayments.class.getName());
    private static final String COLUMNS =
            "transaction_id, method, state, order_id, pay_url, expires_at, draft, personal, created_at, updated_at";

    private final Database db;
    private final PersonalDataCipher cipher;
    private final SqliteOutbox outbox;

    public SqlitePayments(Database db, PersonalDataCipher cipher, SqliteOutbox outbox) {
        this.db = db;
        this.cipher = cipher;
        this.outbox = outbox;
    }

    @Override
    public void open(Transaction draft) throws StoreException {
        requireDraft(draft);
        SqliteOutbox.requireAcceptingWork(db);
        byte[] personal = cipher.encrypt(draft.id(), TransactionJson.personal(draft));
        long now = db.settings().clock().millis();
        db.write("open payment " + draft.id(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO payments (transaction_id, method, state, draft, "
                    + "personal, created_at, updated_at) VALUES (?, ?, 'OPEN', ?, ?, ?, ?)")) {
                p.setString(1, draft.id().toString());
                p.setString(2, draft.method());
                p.setString(3, TransactionJson.write(draft));
                if (personal == null) {
                    p.setNull(4, Types.BLOB);
                } else {
                    p.setBytes(4, personal);
                }
                p.setLong(5, now);
                p.setLong(6, now);
                p.executeUpdate();
            }
            return null;
        });
    }

    static void requireDraft(Transaction draft) {
        if (!"payment".equals(draft.type()) || draft.method() == null) {
            throw new IllegalArgumentException("only a payment with a method is journaled: " + draft.id());
        }
        if (draft.receiptNo() != null || draft.orderId() != null) {
            throw new IllegalArgumentException("a draft has no receipt number and no order yet: " + draft.id());
        }
    }

    @Override
    public State orderCreated(UUID id, String orderId, String payUrl, Instant expiresAt) throws StoreException {
        long now = db.settings().clock().millis();
        return db.write("order created " + id, c -> {
            Row r = row(c, id);
            if (!Transaction.QR.equals(r.method)) {
                throw new Refused("payment " + id + " is paid by " + r.method + ", it has no QR order");
            }
            if (r.orderId != null && !r.orderId.equals(orderId)) {
                throw new Refused("payment " + id + " already has order " + r.orderId + ", not " + orderId);
            }
            SqliteOutbox.update(c, "UPDATE payments SET order_id = ?, pay_url = ?, expires_at = ?, updated_at = ? "
                    + "WHERE transaction_id = ?", orderId, payUrl, expiresAt == null ? null : expiresAt.toEpochMilli(),
                    now, id.toString());
            return r.state;
        });
    }

    /** What {@link #paid} found or did inside its transaction; decrypted after the commit. */
    private record Queued(Transaction stored, byte[] personal, boolean already) {}

    @Override
    public Transaction paid(UUID id, String kioskId) throws StoreException {
        ReceiptNumbers.requireKioskId(kioskId);
        long now = db.settings().clock().millis();
        // No acceptingWork() check: the villager's money is taken; refusing to record it would be the worst answer.
        Queued q = db.write("paid " + id, c -> {
            Row r = row(c, id);
            if (r.state == State.PAID) {
                SqliteOutbox.Sealed stored = SqliteOutbox.sealed(c, id);
                if (stored == null) {
                    throw new Refused("payment " + id + " is PAID but the outbox does not hold it");
                }
                return new Queued(stored.transaction(), stored.personal(), true);
            }
            Transaction draft = TransactionJson.read(id, r.draft, null);
            if (Transaction.QR.equals(r.method)) {
                if (r.orderId == null) {
                    throw new Refused("qr payment " + id + " has no order: it cannot have been paid");
                }
                draft = draft.withOrder(r.orderId);
            }
            Transaction stored = outbox.insert(c, draft, r.personal, kioskId);
            SqliteOutbox.update(c, "UPDATE payments SET state = 'PAID', personal = NULL, updated_at = ?, closed_at = ? "
                    + "WHERE transaction_id = ?", now, now, id.toString());
            if (r.state.closed()) {
                LOG.log(Level.WARNING, "payment {0} was {1} but the backend says paid: queued as paid",
                        new Object[] {id, r.state});
            }
            return new Queued(stored, r.personal, false);
        });
        Personal personal = q.personal == null ? null : cipher.decryptPersonal(id, q.personal);
        return TransactionJson.withPersonal(q.stored, personal);
    }

    @Override
    public State close(UUID id, State how) throws StoreException {
        if (how == null || !how.closed()) {
            throw new IllegalArgumentException("a payment is closed as CANCELLED or EXPIRED, not " + how);
        }
        long now = db.settings().clock().millis();
        return db.write("close payment " + id, c -> {
            Row r = row(c, id);
            if (r.state != State.OPEN) {
                return r.state;
            }
            SqliteOutbox.update(c, "UPDATE payments SET state = ?, updated_at = ?, closed_at = ? WHERE transaction_id = ?",
                    how.name(), now, now, id.toString());
            return how;
        });
    }

    @Override
    public List<OpenPayment> open() throws StoreException {
        List<Row> rows = db.read("open payments", c -> rows(c, "SELECT " + COLUMNS
                + " FROM payments WHERE state = 'OPEN' ORDER BY created_at, transaction_id"));
        List<OpenPayment> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new OpenPayment(draft(r), r.orderId, r.payUrl, r.expiresAt, r.createdAt));
        }
        return out;
    }

    @Override
    public Optional<Payment> find(UUID id) throws StoreException {
        List<Row> rows = db.read("find payment " + id,
                c -> rows(c, "SELECT " + COLUMNS + " FROM payments WHERE transaction_id = ?", id.toString()));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row r = rows.get(0);
        Transaction t = r.state == State.PAID
                ? outbox.find(id).map(OutboxEntry::transaction).orElseThrow(() -> new StoreException(
                        StoreException.Kind.STATE, "payment " + id + " is PAID but the outbox does not hold it", null))
                : draft(r);
        return Optional.of(new Payment(id, r.method, r.state, r.orderId, r.payUrl, r.expiresAt, t, r.createdAt,
                r.updatedAt));
    }

    @Override
    public Optional<Payment> findByReceiptNo(String receiptNo) throws StoreException {
        Optional<OutboxEntry> e = outbox.findByReceiptNo(receiptNo);
        return e.isEmpty() ? Optional.empty() : find(e.get().transaction().id());
    }

    @Override
    public int purgePersonal(Instant now, Duration retention) throws StoreException {
        long before = now.minus(retention).toEpochMilli();
        return db.write("purge personal data of closed payments", c -> SqliteOutbox.update(c,
                "UPDATE payments SET personal = NULL WHERE state IN ('CANCELLED', 'EXPIRED') AND closed_at < ? "
                        + "AND personal IS NOT NULL", before));
    }

    private Transaction draft(Row r) throws StoreException {
        Personal personal = r.personal == null ? null : cipher.decryptPersonal(r.id, r.personal);
        return TransactionJson.read(r.id, r.draft, personal);
    }

    private record Row(UUID id, String method, State state, String orderId, String payUrl, Instant expiresAt,
                       String draft, byte[] personal, Instant createdAt, Instant updatedAt) {}

    private static Row row(Connection c, UUID id) throws SQLException {
        List<Row> rows = rows(c, "SELECT " + COLUMNS + " FROM payments WHERE transaction_id = ?", id.toString());
        if (rows.isEmpty()) {
            throw new Refused("no payment " + id + " in the journal");
        }
        return rows.get(0);
    }

    private static List<Row> rows(Connection c, String sql, Object... args) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long expires = rs.getLong(6);
                    Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
                    out.add(new Row(UUID.fromString(rs.getString(1)), rs.getString(2), State.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), expiresAt, rs.getString(7), rs.getBytes(8),
                            Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10))));
                }
            }
        }
        return out;
    }

    /** A call the journal cannot honour (unknown id, wrong method, another order): {@link StoreException.Kind#STATE}. */
    private static final class Refused extends SQLException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
