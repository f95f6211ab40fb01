package cn.yzz.kiosk.backend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * QR payment orders, in the backend's database. One order per transactionId (creating it twice
 * returns the same order); a paid order is final; a pending order expires after its lifetime (by default
 * {@link #DEFAULT_LIFETIME}).
 */
final class PaymentStore {
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    /** An order as the backend keeps it. */
    record Order(String orderId, String transactionId, String kioskId, long amountFen, String status, Instant expiresAt) {}

    private final Connection db;
    private final Object lock;
    private final Clock clock;
    private final Duration lifetime;

    /** Shares the store's connection and lock: one writer for the whole database. */
    PaymentStore(Connection db, Object lock, Clock clock, Duration lifetime) throws SQLException {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a payment order's lifetime must be positive, got " + lifetime);
        }
        this.db = db;
        this.lock = lock;
        this.clock = clock;
        this.lifetime = lifetime;
        synchronized (lock) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS payment(order_id TEXT PRIMARY KEY, transaction_id TEXT NOT NULL UNIQUE,"
                        + " kiosk_id TEXT NOT NULL, service_code TEXT NOT NULL, amount_fen INTEGER NOT NULL, status TEXT NOT NULL,"
                        + " expires_at TEXT NOT NULL)");
            }
            db.commit();
        }
    }

    Order create(String kioskId, String transactionId, String serviceCode, long amountFen) throws SQLException {
        synchronized (lock) {
            Optional<Order> existing = byTransaction(transactionId);
            if (existing.isPresent()) {
                db.rollback(); // ends the read transaction (see BackendStore.endTransaction)
                return existing.get();
            }
            String orderId = "PO" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(java.util.Locale.ROOT);
            Instant expires = clock.instant().plus(lifetime);
            try (PreparedStatement p = db.prepareStatement("INSERT INTO payment VALUES (?,?,?,?,?,?,?)")) {
                p.setString(1, orderId);
                p.setString(2, transactionId);
                p.setString(3, kioskId);
                p.setString(4, serviceCode);
                p.setLong(5, amountFen);
                p.setString(6, "pending");
                p.setString(7, expires.toString());
                p.executeUpdate();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
            return new Order(orderId, transactionId, kioskId, amountFen, "pending", expires);
        }
    }

    Optional<Order> get(String orderId) throws SQLException {
        synchronized (lock) {
            try {
                return one("SELECT order_id, transaction_id, amount_fen, status, expires_at, kiosk_id FROM payment WHERE order_id = ?", orderId);
            } finally {
                db.rollback(); // ends the read transaction (see BackendStore.endTransaction)
            }
        }
    }

    /** Moves a pending order to {@code to}; a final order (paid, cancelled, expired) stays as it is. */
    Optional<Order> settle(String orderId, String to) throws SQLException {
        synchronized (lock) {
            Optional<Order> o = get(orderId);
            if (o.isEmpty() || !o.get().status().equals("pending")) {
                return o;
            }
            try (PreparedStatement p = db.prepareStatement("UPDATE payment SET status = ? WHERE order_id = ?")) {
                p.setString(1, to);
                p.setString(2, orderId);
                p.executeUpdate();
                db.commit();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
            return get(orderId);
        }
    }

    private Optional<Order> byTransaction(String transactionId) throws SQLException {
        return one("SELECT order_id, transaction_id, amount_fen, status, expires_at, kiosk_id FROM payment WHERE transaction_id = ?",
                transactionId);
    }

    private Optional<Order> one(String sql, String key) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Instant expires = Instant.parse(r.getString(5));
                String status = r.getString(4);
                // Expiry is read-time: a pending order past its time reads as expired.
                if (status.equals("pending") && clock.instant().isAfter(expires)) {
                    status = "expired";
                }
                return Optional.of(new Order(r.getString(1), r.getString(2), r.getString(6), r.getLong(3), status, expires));
            }
        }
    }
}
