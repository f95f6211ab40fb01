package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A database left by every earlier release, with rows still queued, opens and keeps every one. */
class MigrationTest {

    @TempDir
    Path dir;

    static List<Integer> earlierVersions() {
        List<Integer> v = new ArrayList<>();
        for (int i = 1; i < Migrations.LATEST; i++) {
            v.add(i);
        }
        return v;
    }

    @ParameterizedTest(name = "from schema {0}")
    @MethodSource("earlierVersions")
    void pendingRowsSurviveTheMigrationWithTheirIds(int version) throws Exception {
        Settings settings = Settings.defaults();
        PersonalDataCipher cipher = PersonalDataCipher.open(dir);
        List<Transaction> pending = new ArrayList<>();
        Transaction blocked = Transactions.payment(999, 999);
        try (Connection c = Database.connect(dir.resolve(Database.FILE_NAME), settings)) {
            assertThat(Migrations.migrate(c, version)).isZero();
            for (int i = 0; i < 20; i++) {
                Transaction t = i % 5 == 0 ? Transactions.evaluation(i, i) : Transactions.payment(i, i);
                insertAsRelease(c, version, t, cipher, "PENDING", 0);
                pending.add(t);
            }
            insertAsRelease(c, version, blocked, cipher, "BLOCKED", 50);
        }

        try (KioskStore store = KioskStore.open(dir, settings)) {
            assertThat(store.outbox().peekDue(Instant.parse("2100-01-01T00:00:00Z"), 100))
                    .extracting(OutboxEntry::transaction).containsExactlyElementsOf(pending);
            assertThat(store.outbox().status(Instant.now()).blocked()).isEqualTo(1);
            assertThat(store.outbox().unblock(blocked.id())).isTrue();
            assertThat(store.integrityCheck()).isEqualTo("ok");
            assertThat(query(store, "PRAGMA user_version")).isEqualTo(String.valueOf(Migrations.LATEST));
            assertThat(query(store, "SELECT count(*) FROM receipts")).isEqualTo("21");
            assertThat(query(store, "SELECT count(*) FROM outbox WHERE state = 'BLOCKED' OR blocked_at IS NOT NULL"))
                    .as("blocked_at backfilled, then cleared by unblock").isEqualTo("0");
            assertThat(query(store, "SELECT count(*) FROM pragma_foreign_key_check")).isEqualTo("0");
            store.outbox().enqueue(Transactions.payment(2000, 2000)); // and it takes new work
            assertThat(query(store, "SELECT count(*) FROM payments")).isEqualTo("0");
            // receipts of that day stored by the earlier release (…-0000 to …-0019, …-0999, …-2000) are never numbered again
            assertThat(store.outbox().enqueueReceipted(Transactions.householdQr(3000, "ORD-1"), "WJ-0042").receiptNo())
                    .isEqualTo("WJ-0042-20261122-2001");
            var draft = Transactions.householdQr(3001, null);
            store.payments().open(draft);
            assertThat(store.payments().open()).extracting(p -> p.draft()).containsExactly(draft);
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("damaged"));
    }

    /** Writes a row the way the release with schema {@code version} did. */
    private static void insertAsRelease(Connection c, int version, Transaction t, PersonalDataCipher cipher, String state,
                                        int attempts) throws Exception {
        long created = t.createdAt().toInstant().toEpochMilli();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO outbox (id, state, created_at, next_attempt, "
                + "attempts, payload, person) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, t.id().toString());
            p.setString(2, state);
            p.setLong(3, created);
            p.setLong(4, created);
            p.setInt(5, attempts);
            p.setString(6, TransactionJson.write(t));
            p.setBytes(7, t.person() == null ? null : cipher.encrypt(t.id(), t.person()));
            p.executeUpdate();
        }
        if (version >= 2) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO receipts (transaction_id, receipt_no, created_at) VALUES (?, ?, ?)")) {
                p.setString(1, t.id().toString());
                p.setString(2, t.receiptNo());
                p.setLong(3, created);
                p.executeUpdate();
            }
        }
    }

    private static String query(KioskStore store, String sql) throws Exception {
        return store.database().read(sql, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.getString(1);
            }
        });
    }
}
