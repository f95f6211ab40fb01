package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.ContractTime;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.store.PersonalDataCipher.Personal;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cash-in journal in DATA/kiosk.db (tables {@code cash_payments}, {@code cash_events}, {@code cash_periods};
 * schema 5, see {@link Migrations}), on the store's single connection: every call is one IMMEDIATE transaction,
 * committed before it returns. What a payment was credited and what the cash box holds are sums over the
 * append-only {@code cash_events}, never counters kept beside them.
 *
 * <p>Each event row carries {@code hash = SHA-256(previous row's hash ‖ the row's fields)} (the first row chains
 * from 32 zero bytes), so an edited, removed or re-ordered row shows in {@link #verifyChain()}; a cash box's
 * {@code cash-audit} carries the hash of its last row ({@code journalHash}) so that a cut-off tail shows too.
 *
 * <p>Voucher numbers are {@code <kioskId>-Z<yyyyMMdd>-<seq>} (seq at least 2 digits, from 01 each kiosk-local
 * day of the payment, e.g. {@code WJ-0042-Z20261122-03}): unique in the journal (a UNIQUE column), Z for 找零,
 * and short enough to read out at the village committee's counter.
 */
public final class SqliteCashJournal implements CashJournal {

    private static final Logger LOG = Logger.getLogger(SqliteCashJournal.class.getName());
    private static final String COLUMNS = "transaction_id, state, due_fen, escrow_channel, escrow_fen, escrow_at, "
            + "ending, voucher_no, voucher_fen, draft, personal, created_at, updated_at";
    private static final String UNENDED = "state IN ('OPEN','COLLECTING')";
    private static final byte[] GENESIS = new byte[32];
    private static final int MAX_DETAIL = 200;

    private final Database db;
    private final PersonalDataCipher cipher;
    private final SqliteOutbox outbox;

    public SqliteCashJournal(Database db, PersonalDataCipher cipher, SqliteOutbox outbox) {
        this.db = db;
        this.cipher = cipher;
        this.outbox = outbox;
    }

    /** Starts the first cash box period if there is none (a store opened for the first time since schema 5). */
    public void startFirstPeriod() throws StoreException {
        boolean none = db.read("cash box period", c -> currentPeriod(c) == null);
        if (none) {
            long now = db.settings().clock().millis();
            db.write("start the first cash box period", c -> {
                if (currentPeriod(c) == null) {
                    newPeriod(c, now);
                }
                return null;
            });
        }
    }

    @Override
    public void open(Transaction draft) throws StoreException {
        requireDraft(draft);
        SqliteOutbox.requireAcceptingWork(db);
        byte[] personal = cipher.encrypt(draft.id(), TransactionJson.personal(draft));
        long now = db.settings().clock().millis();
        String id = draft.id().toString();
        db.write("open cash payment " + id, c -> {
            if (!rows(c, "SELECT " + COLUMNS + " FROM cash_payments WHERE transaction_id = ?", id).isEmpty()) {
                throw new Refused("cash payment " + id + " is journaled already");
            }
            List<Row> unended = rows(c, "SELECT " + COLUMNS + " FROM cash_payments WHERE " + UNENDED);
            if (!unended.isEmpty()) {
                throw new Refused("cash payment " + unended.get(0).id + " is not ended: end it before opening another");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO cash_payments (transaction_id, state, due_fen, "
                    + "draft, personal, created_at, updated_at) VALUES (?, 'OPEN', ?, ?, ?, ?, ?)")) {
                p.setString(1, id);
                p.setLong(2, draft.amountFen());
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
            event(c, Kind.OPENED, id, null, draft.amountFen(), now, null);
            return null;
        });
    }

    private static void requireDraft(Transaction draft) {
        if (!"payment".equals(draft.type()) || !Transaction.CASH.equals(draft.method())) {
            throw new IllegalArgumentException("only a payment with method cash is journaled here: " + draft.id());
        }
        if (draft.amountFen() == null || draft.amountFen() <= 0) {
            throw new IllegalArgumentException("a cash payment is for an amount due over 0 fen: " + draft.id());
        }
        if (draft.receiptNo() != null || draft.cash() != null) {
            throw new IllegalArgumentException("a draft has no receipt number and no cash yet: " + draft.id());
        }
    }

    @Override
    public void escrowed(UUID transactionId, int channel, long valueFen) throws StoreException {
        requireNote(valueFen);
        // A new note is new work: after a disk failure the unit hands it back (what is in stays recorded).
        SqliteOutbox.requireAcceptingWork(db);
        long now = db.settings().clock().millis();
        String id = transactionId.toString();
        db.write("note in escrow for " + id, c -> {
            Row r = row(c, id);
            if (r.state.ended()) {
                throw new Refused("cash payment " + id + " is " + r.state + ": it takes no more notes");
            }
            if (r.escrowFen != null) {
                throw new Refused("cash payment " + id + " already holds a note of " + r.escrowFen + " fen in escrow");
            }
            SqliteOutbox.update(c, "UPDATE cash_payments SET state = 'COLLECTING', escrow_channel = ?, escrow_fen = ?, "
                    + "escrow_at = ?, updated_at = ? WHERE transaction_id = ?", channel, valueFen, now, now, id);
            event(c, Kind.ESCROW, id, channel, valueFen, now, null);
            return null;
        });
    }

    @Override
    public void returned(UUID transactionId, String why) throws StoreException {
        long now = db.settings().clock().millis();
        String id = transactionId.toString();
        db.write("note returned for " + id, c -> {
            Row r = row(c, id);
            if (r.escrowFen == null) {
                return null; // nothing in escrow: a repeated report of the same return changes nothing
            }
            SqliteOutbox.update(c, "UPDATE cash_payments SET escrow_channel = NULL, escrow_fen = NULL, escrow_at = NULL, "
                    + "updated_at = ? WHERE transaction_id = ?", now, id);
            event(c, Kind.RETURNED, id, r.escrowChannel, r.escrowFen, now, why);
            return null;
        });
    }

    /** What a call read inside its transaction; opened (decrypted) after the commit. */
    private record Found(Row row, SortedMap<Long, Integer> notes, SqliteOutbox.Sealed queued) {}

    @Override
    public CashPayment credited(UUID transactionId, int channel, long valueFen) throws StoreException {
        requireNote(valueFen);
        long now = db.settings().clock().millis();
        String id = transactionId.toString();
        Found f = db.write("note credited to " + id, c -> {
            Row r = row(c, id);
            if (r.state.ended()) {
                throw new Refused("cash payment " + id + " is " + r.state + ": record the note as unattributed");
            }
            if (r.escrowFen != null && r.escrowFen != valueFen) {
                LOG.log(Level.WARNING, "cash payment {0}: the unit credited {1} fen for a note of {2} fen in escrow; "
                        + "the unit''s value counts", new Object[] {id, valueFen, r.escrowFen});
            }
            SqliteOutbox.update(c, "UPDATE cash_payments SET state = 'COLLECTING', escrow_channel = NULL, "
                    + "escrow_fen = NULL, escrow_at = NULL, updated_at = ? WHERE transaction_id = ?", now, id);
            event(c, Kind.CREDIT, id, channel, valueFen, now, null);
            return found(c, id);
        });
        try {
            return payment(f);
        } catch (StoreException e) {
            // The note is committed: a caller that saw this fail would record it again. The figures it acts on need no
            // decryption, so the payment is told without its personal part (the queued transaction keeps its own).
            LOG.log(Level.SEVERE, "cash payment " + id + ": credit committed, its personal part unreadable: " + e.getMessage());
            return withoutPersonal(f);
        }
    }

    private CashPayment withoutPersonal(Found f) throws StoreException {
        Row r = f.row;
        Transaction draft = TransactionJson.read(r.id, r.draft, null);
        Escrow escrow = r.escrowFen == null ? null
                : new Escrow(r.escrowChannel, r.escrowFen, Instant.ofEpochMilli(r.escrowAt));
        return new CashPayment(r.id, r.state, r.dueFen, sum(f.notes), Collections.unmodifiableSortedMap(f.notes),
                escrow, draft, null, r.voucherNo, r.voucherFen, r.ending, Instant.ofEpochMilli(r.createdAt),
                Instant.ofEpochMilli(r.updatedAt));
    }

    @Override
    public void unattributed(int channel, long valueFen, String why) throws StoreException {
        requireNote(valueFen);
        long now = db.settings().clock().millis();
        db.write("unattributed note", c -> {
            event(c, Kind.UNATTRIBUTED, null, channel, valueFen, now, why);
            return null;
        });
        LOG.log(Level.WARNING, "a note of {0} fen went into the cash box with no payment ({1}): listed for the "
                + "administrator", new Object[] {valueFen, why});
    }

    private static void requireNote(long valueFen) {
        if (valueFen <= 0) {
            throw new IllegalArgumentException("a note is worth more than 0 fen: " + valueFen);
        }
    }

    @Override
    public CashPayment settle(UUID transactionId, String kioskId, Ending why) throws StoreException {
        ReceiptNumbers.requireKioskId(kioskId);
        if (why == null) {
            throw new IllegalArgumentException("a payment ends for a reason");
        }
        long now = db.settings().clock().millis();
        String id = transactionId.toString();
        // No acceptingWork() check: the villager's notes are in the box; refusing to record them would be the worst answer.
        Found f = db.write("settle cash payment " + id, c -> {
            Row r = row(c, id);
            if (r.state.ended()) {
                return found(c, id);
            }
            if (r.escrowFen != null) {
                throw new Refused("cash payment " + id + " holds a note of " + r.escrowFen
                        + " fen in escrow: record it returned or credited first");
            }
            SortedMap<Long, Integer> notes = notesOf(c, id);
            long credited = sum(notes);
            if (why == Ending.ENOUGH && credited < r.dueFen) {
                throw new Refused("cash payment " + id + " has " + credited + " of " + r.dueFen + " fen: not enough");
            }
            if (credited == 0) {
                SqliteOutbox.update(c, "UPDATE cash_payments SET state = 'CANCELLED', ending = ?, updated_at = ?, "
                        + "ended_at = ? WHERE transaction_id = ?", why.name(), now, now, id);
                event(c, Kind.SETTLED, id, null, 0L, now, "CANCELLED " + why);
                return found(c, id);
            }
            State state = credited >= r.dueFen ? State.PAID : State.VOUCHER;
            long voucherFen = state == State.PAID ? credited - r.dueFen : credited;
            Transaction draft = TransactionJson.read(r.id, r.draft, null);
            String voucherNo = voucherFen > 0 ? nextVoucherNo(c, kioskId, ReceiptNumbers.day(draft)) : null;
            Map<String, Object> cash = new LinkedHashMap<>();
            cash.put("insertedFen", fen(credited));
            cash.put("notes", noteCounts(notes));
            if (voucherFen > 0) {
                cash.put("voucherFen", fen(voucherFen));
                cash.put("voucherNo", voucherNo);
            }
            Transaction queued = new Transaction(draft.id(), draft.type(), draft.serviceCode(), draft.createdAt(),
                    draft.sessionId(), null, draft.data(), state == State.PAID ? r.dueFen : 0L, Transaction.CASH, null,
                    cash, null);
            outbox.insert(c, queued, r.personal, kioskId);
            SqliteOutbox.update(c, "UPDATE cash_payments SET state = ?, ending = ?, voucher_no = ?, voucher_fen = ?, "
                    + "personal = NULL, updated_at = ?, ended_at = ? WHERE transaction_id = ?",
                    state.name(), why.name(), voucherNo, voucherFen, now, now, id);
            event(c, Kind.SETTLED, id, null, credited, now, state + " " + why
                    + (voucherNo == null ? "" : " " + voucherNo + " " + voucherFen));
            return found(c, id);
        });
        return payment(f);
    }

    /**
     * The next voucher number of {@code kioskId} on {@code day}: one past the highest of that day in the journal
     * (the UNIQUE column makes a number given twice impossible; there is no counter to drift).
     */
    private static String nextVoucherNo(Connection c, String kioskId, String day) throws SQLException {
        String prefix = kioskId + "-Z" + day + "-";
        long last = 0;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT voucher_no FROM cash_payments WHERE substr(voucher_no, 1, ?) = ?")) {
            p.setInt(1, prefix.length());
            p.setString(2, prefix);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    last = Math.max(last, ReceiptNumbers.seqOf(rs.getString(1), prefix));
                }
            }
        }
        return prefix + String.format("%02d", last + 1);
    }

    @Override
    public List<CashPayment> unfinished() throws StoreException {
        List<Found> found = db.read("unfinished cash payments", c -> {
            List<Found> out = new ArrayList<>();
            for (Row r : rows(c, "SELECT " + COLUMNS + " FROM cash_payments WHERE " + UNENDED
                    + " ORDER BY created_at, transaction_id")) {
                out.add(found(c, r.id.toString()));
            }
            return out;
        });
        List<CashPayment> out = new ArrayList<>(found.size());
        for (Found f : found) {
            out.add(payment(f));
        }
        return out;
    }

    @Override
    public Optional<CashPayment> find(UUID transactionId) throws StoreException {
        String id = transactionId.toString();
        Found f = db.read("find cash payment " + id, c ->
                rows(c, "SELECT " + COLUMNS + " FROM cash_payments WHERE transaction_id = ?", id).isEmpty()
                        ? null : found(c, id));
        return f == null ? Optional.empty() : Optional.of(payment(f));
    }

    @Override
    public CashBox cashBox() throws StoreException {
        return db.read("cash box", c -> {
            Period period = currentPeriod(c);
            if (period == null) { // before startFirstPeriod(): an empty box
                return new CashBox(0, Collections.emptySortedMap(), 0, 0, 0, countUnended(c), null);
            }
            return box(c, period);
        });
    }

    private static CashBox box(Connection c, Period period) throws SQLException {
        SortedMap<Long, Integer> notes = new TreeMap<>();
        long unattributedFen = 0;
        int unattributedNotes = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT kind, value_fen, count(*) FROM cash_events "
                + "WHERE period = ? AND kind IN ('CREDIT','UNATTRIBUTED') GROUP BY kind, value_fen")) {
            p.setLong(1, period.id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long value = rs.getLong(2);
                    int n = rs.getInt(3);
                    notes.merge(value, n, Integer::sum);
                    if (Kind.UNATTRIBUTED.name().equals(rs.getString(1))) {
                        unattributedFen += value * n;
                        unattributedNotes += n;
                    }
                }
            }
        }
        int count = notes.values().stream().mapToInt(Integer::intValue).sum();
        return new CashBox(sum(notes), Collections.unmodifiableSortedMap(notes), count, unattributedFen,
                unattributedNotes, countUnended(c), Instant.ofEpochMilli(period.startedAt));
    }

    private static int countUnended(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM cash_payments WHERE " + UNENDED);
             ResultSet rs = p.executeQuery()) {
            return rs.getInt(1);
        }
    }

    @Override
    public void cashboxRemoved() throws StoreException {
        long now = db.settings().clock().millis();
        db.write("cash box removed", c -> {
            event(c, Kind.CASHBOX_REMOVED, null, null, null, now, null);
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>The audit's {@code cash}: {@code cashboxFen}, {@code notes} ({"10000": 12}), {@code unattributedFen},
     * {@code periodStart}, {@code periodEnd} (RFC 3339) and {@code journalHash} (hex SHA-256 of the period's last
     * journal row, the CASHBOX_REPLACED event). It has a receipt number (the audit receipt) and no amountFen:
     * it moves no money of a villager's. Its {@code createdAt} is in the offset of the newest cash payment's
     * draft (the kiosk's local offset), or of the store's clock when there was none.
     */
    @Override
    public Transaction cashboxReplaced(String kioskId) throws StoreException {
        ReceiptNumbers.requireKioskId(kioskId);
        long now = db.settings().clock().millis();
        return db.write("cash box replaced", c -> {
            Period period = currentPeriod(c);
            if (period == null) {
                period = newPeriod(c, now);
            }
            byte[] head = event(c, Kind.CASHBOX_REPLACED, null, null, null, now, null);
            CashBox box = box(c, period);
            ZoneId zone = kioskZone(c);
            Map<String, Object> cash = new LinkedHashMap<>();
            cash.put("cashboxFen", fen(box.cashboxFen()));
            cash.put("notes", noteCounts(box.notes()));
            cash.put("unattributedFen", fen(box.unattributedFen()));
            cash.put("periodStart", time(period.startedAt, zone));
            cash.put("periodEnd", time(now, zone));
            cash.put("journalHash", HexFormat.of().formatHex(head));
            Transaction audit = new Transaction(UuidV7.next(), "cash-audit", null,
                    OffsetDateTime.ofInstant(Instant.ofEpochMilli(now), zone), null, null, Map.of(), null, null, null,
                    cash, null);
            Transaction stored = outbox.insert(c, audit, null, kioskId);
            SqliteOutbox.update(c, "UPDATE cash_periods SET ended_at = ?, audit_id = ? WHERE id = ?",
                    now, audit.id().toString(), period.id);
            newPeriod(c, now);
            return stored;
        });
    }

    private ZoneId kioskZone(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT json_extract(draft, '$.createdAt') FROM cash_payments "
                + "ORDER BY created_at DESC LIMIT 1"); ResultSet rs = p.executeQuery()) {
            if (rs.next() && rs.getString(1) != null) {
                return OffsetDateTime.parse(rs.getString(1)).getOffset();
            }
        }
        return db.settings().clock().getZone();
    }

    private static String time(long epochMs, ZoneId zone) {
        return ContractTime.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), zone));
    }

    /** Erases the personal part of cancelled payments ended before {@code now - retention}; returns how many. */
    public int purgePersonal(Instant now, Duration retention) throws StoreException {
        long before = now.minus(retention).toEpochMilli();
        return db.write("purge personal data of cancelled cash payments", c -> SqliteOutbox.update(c,
                "UPDATE cash_payments SET personal = NULL WHERE state = 'CANCELLED' AND ended_at < ? "
                        + "AND personal IS NOT NULL", before));
    }

    /**
     * Re-computes the hash chain over every journal row: empty when it holds, else the first row that breaks it
     * (for the nightly check, kioskctl and tests).
     */
    public Optional<String> verifyChain() throws StoreException {
        return db.read("verify the cash journal", c -> {
            byte[] prev = GENESIS;
            long expectedSeq = 1;
            try (PreparedStatement p = c.prepareStatement("SELECT seq, period, kind, transaction_id, channel, value_fen, "
                    + "at, detail, hash FROM cash_events ORDER BY seq"); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != expectedSeq) {
                        return Optional.of("cash journal row " + expectedSeq + " is missing (next is " + seq + ")");
                    }
                    Integer channel = rs.getObject(5) == null ? null : rs.getInt(5);
                    Long value = rs.getObject(6) == null ? null : rs.getLong(6);
                    byte[] want = hash(prev, seq, rs.getLong(2), rs.getString(3), rs.getString(4), channel, value,
                            rs.getLong(7), rs.getString(8));
                    if (!Arrays.equals(want, rs.getBytes(9))) {
                        return Optional.of("cash journal row " + seq + " does not match its hash");
                    }
                    prev = want;
                    expectedSeq++;
                }
            }
            return Optional.empty();
        });
    }

    // ---- rows, events, periods ----

    private enum Kind { OPENED, ESCROW, RETURNED, CREDIT, UNATTRIBUTED, SETTLED, CASHBOX_REMOVED, CASHBOX_REPLACED }

    private record Period(long id, long startedAt) {}

    private static Period currentPeriod(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, started_at FROM cash_periods WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1");
             ResultSet rs = p.executeQuery()) {
            return rs.next() ? new Period(rs.getLong(1), rs.getLong(2)) : null;
        }
    }

    private static Period newPeriod(Connection c, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO cash_periods (started_at) VALUES (?)")) {
            p.setLong(1, now);
            p.executeUpdate();
        }
        return currentPeriod(c);
    }

    /** Appends one journal row in the caller's transaction; returns its hash. */
    private static byte[] event(Connection c, Kind kind, String id, Integer channel, Long valueFen, long at,
                                String detail) throws SQLException {
        Period period = currentPeriod(c);
        if (period == null) {
            period = newPeriod(c, at);
        }
        long seq = 1;
        byte[] prev = GENESIS;
        try (PreparedStatement p = c.prepareStatement("SELECT seq, hash FROM cash_events ORDER BY seq DESC LIMIT 1");
             ResultSet rs = p.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                prev = rs.getBytes(2);
            }
        }
        String d = detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        byte[] hash = hash(prev, seq, period.id, kind.name(), id, channel, valueFen, at, d);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO cash_events (seq, period, kind, transaction_id, "
                + "channel, value_fen, at, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, seq);
            p.setLong(2, period.id);
            p.setString(3, kind.name());
            p.setObject(4, id);
            p.setObject(5, channel);
            p.setObject(6, valueFen);
            p.setLong(7, at);
            p.setObject(8, d);
            p.setBytes(9, hash);
            p.executeUpdate();
        }
        return hash;
    }

    /** SHA-256 of the previous hash and the row's fields, each written as present-flag + value (DataOutput). */
    static byte[] hash(byte[] prev, long seq, long period, String kind, String id, Integer channel, Long valueFen,
                       long at, String detail) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(prev);
            out.writeLong(seq);
            out.writeLong(period);
            out.writeUTF(kind);
            writeNullable(out, id);
            out.writeBoolean(channel != null);
            out.writeInt(channel == null ? 0 : channel);
            out.writeBoolean(valueFen != null);
            out.writeLong(valueFen == null ? 0 : valueFen);
            out.writeLong(at);
            writeNullable(out, detail);
            out.flush();
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        out.writeUTF(s == null ? "" : s);
    }

    private static SortedMap<Long, Integer> notesOf(Connection c, String id) throws SQLException {
        SortedMap<Long, Integer> notes = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT value_fen, count(*) FROM cash_events "
                + "WHERE transaction_id = ? AND kind = 'CREDIT' GROUP BY value_fen")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    notes.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        return notes;
    }

    private static long sum(SortedMap<Long, Integer> notes) {
        long total = 0;
        for (var e : notes.entrySet()) {
            total += e.getKey() * e.getValue();
        }
        return total;
    }

    /** {"10000": 3, …}: note value in fen as a string → count, as the contract sends it. */
    private static Map<String, Object> noteCounts(SortedMap<Long, Integer> notes) {
        Map<String, Object> out = new TreeMap<>();
        notes.forEach((value, n) -> out.put(Long.toString(value), n));
        return out;
    }

    /** An amount as the stored JSON reads back (Integer when it fits), so a re-read transaction equals the queued one. */
    private static Object fen(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }

    private Found found(Connection c, String id) throws SQLException {
        Row r = row(c, id);
        SqliteOutbox.Sealed queued = r.state == State.PAID || r.state == State.VOUCHER ? SqliteOutbox.sealed(c, r.id) : null;
        if ((r.state == State.PAID || r.state == State.VOUCHER) && queued == null) {
            throw new Refused("cash payment " + id + " is " + r.state + " but the outbox does not hold it");
        }
        return new Found(r, notesOf(c, id), queued);
    }

    private CashPayment payment(Found f) throws StoreException {
        Row r = f.row;
        Personal personal = r.personal == null ? null : cipher.decryptPersonal(r.id, r.personal);
        Transaction draft = TransactionJson.read(r.id, r.draft, personal);
        Transaction queued = null;
        if (f.queued != null) {
            Personal p = f.queued.personal() == null ? null : cipher.decryptPersonal(r.id, f.queued.personal());
            queued = TransactionJson.withPersonal(f.queued.transaction(), p);
        }
        Escrow escrow = r.escrowFen == null ? null
                : new Escrow(r.escrowChannel, r.escrowFen, Instant.ofEpochMilli(r.escrowAt));
        return new CashPayment(r.id, r.state, r.dueFen, sum(f.notes), Collections.unmodifiableSortedMap(f.notes),
                escrow, draft, queued, r.voucherNo, r.voucherFen, r.ending, Instant.ofEpochMilli(r.createdAt),
                Instant.ofEpochMilli(r.updatedAt));
    }

    private record Row(UUID id, State state, long dueFen, Integer escrowChannel, Long escrowFen, Long escrowAt,
                       Ending ending, String voucherNo, long voucherFen, String draft, byte[] personal, long createdAt,
                       long updatedAt) {}

    private static Row row(Connection c, String id) throws SQLException {
        List<Row> rows = rows(c, "SELECT " + COLUMNS + " FROM cash_payments WHERE transaction_id = ?", id);
        if (rows.isEmpty()) {
            throw new Refused("no cash payment " + id + " in the journal");
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
                    String ending = rs.getString(7);
                    out.add(new Row(UUID.fromString(rs.getString(1)), State.valueOf(rs.getString(2)), rs.getLong(3),
                            rs.getObject(4) == null ? null : rs.getInt(4), rs.getObject(5) == null ? null : rs.getLong(5),
                            rs.getObject(6) == null ? null : rs.getLong(6),
                            ending == null ? null : Ending.valueOf(ending), rs.getString(8), rs.getLong(9),
                            rs.getString(10), rs.getBytes(11), rs.getLong(12), rs.getLong(13)));
                }
            }
        }
        return out;
    }

    /** A call the journal cannot honour (unknown id, an ended payment, a second note in escrow): STATE. */
    private static final class Refused extends SQLException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
