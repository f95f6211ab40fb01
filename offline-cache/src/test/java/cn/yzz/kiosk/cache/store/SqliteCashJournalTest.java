package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.CashJournal.CashPayment;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.CashJournal.State;
import cn.yzz.kiosk.cache.CashJournalContract;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCashJournalTest extends CashJournalContract {

    @TempDir
    Path dir;
    private KioskStore store;
    private Clock storeClock;

    @Override
    protected void create(Clock clock) throws Exception {
        storeClock = clock;
        open();
    }

    private void open() throws StoreException {
        store = KioskStore.open(dir, Settings.defaults().withClock(storeClock));
        outbox = store.outbox();
        cash = store.cash();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private SqliteCashJournal journal() {
        return (SqliteCashJournal) cash;
    }

    private String query(String sql) throws StoreException {
        return store.database().read(sql, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    private void exec(String sql) throws StoreException {
        store.database().read(sql, c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    @Test
    void theJournalSurvivesARestartAsItStood() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        cash.escrowed(draft.id(), 4, 5000);
        CashPayment before = cash.find(draft.id()).orElseThrow();
        store.close();

        open();
        assertThat(cash.unfinished()).containsExactly(before);
        assertThat(cash.cashBox().cashboxFen()).isEqualTo(10000);
        cash.returned(draft.id(), "cleared from the front at power-up");
        CashPayment ended = cash.settle(draft.id(), KIOSK, Ending.RECOVERED);
        assertThat(ended.state()).isEqualTo(State.VOUCHER);
        assertThat(ended.queued().person()).isEqualTo(Transactions.LI);
        assertThat(store.integrityCheck()).isEqualTo("ok");
        assertThat(journal().verifyChain()).isEmpty();
    }

    @Test
    void theJournalRowsAreAppendOnlyAndHashChained() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        cash.unattributed(5, 10000, "power-up");
        cash.settle(draft.id(), KIOSK, Ending.CANCELLED);
        cash.cashboxRemoved();
        cash.cashboxReplaced(KIOSK);
        assertThat(query("SELECT group_concat(kind, ' ') FROM (SELECT kind FROM cash_events ORDER BY seq)"))
                .isEqualTo("OPENED ESCROW CREDIT UNATTRIBUTED SETTLED CASHBOX_REMOVED CASHBOX_REPLACED");
        assertThat(journal().verifyChain()).isEmpty();

        assertThatThrownBy(() -> exec("UPDATE cash_events SET value_fen = 5000 WHERE kind = 'CREDIT'"))
                .isInstanceOf(StoreException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> exec("DELETE FROM cash_events WHERE kind = 'UNATTRIBUTED'"))
                .isInstanceOf(StoreException.class).hasMessageContaining("append-only");

        // Someone with the file and a sqlite3 shell gets past the triggers; the chain still tells.
        exec("DROP TRIGGER cash_events_no_update");
        exec("UPDATE cash_events SET value_fen = 5000 WHERE kind = 'CREDIT'");
        assertThat(journal().verifyChain()).contains("cash journal row 3 does not match its hash");
        exec("UPDATE cash_events SET value_fen = 10000 WHERE kind = 'CREDIT'");
        assertThat(journal().verifyChain()).isEmpty();
        exec("DROP TRIGGER cash_events_no_delete");
        exec("DELETE FROM cash_events WHERE kind = 'UNATTRIBUTED'");
        assertThat(journal().verifyChain()).contains("cash journal row 4 is missing (next is 5)");
    }

    @Test
    void theAuditCarriesTheHashOfThePeriodsLastRow() throws Exception {
        Transaction draft = opened(10000);
        insert(draft.id(), 10000);
        cash.settle(draft.id(), KIOSK, Ending.ENOUGH);
        Transaction audit = cash.cashboxReplaced(KIOSK);
        assertThat(audit.cash().get("journalHash")).isEqualTo(
                query("SELECT lower(hex(hash)) FROM cash_events WHERE kind = 'CASHBOX_REPLACED'"));
        assertThat(query("SELECT audit_id FROM cash_periods WHERE id = 1")).isEqualTo(audit.id().toString());
        assertThat(query("SELECT count(*) FROM cash_periods WHERE ended_at IS NULL")).isEqualTo("1");
    }

    @Test
    void aFailureBetweenTheOutboxInsertAndTheStateChangeLeavesNeither() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        insert(draft.id(), 10000);
        insert(draft.id(), 20000);
        exec("CREATE TEMP TRIGGER fail_paid BEFORE UPDATE OF state ON cash_payments WHEN NEW.state = 'PAID' "
                + "BEGIN SELECT RAISE(ABORT, 'injected power cut'); END");

        assertThatThrownBy(() -> cash.settle(draft.id(), KIOSK, Ending.ENOUGH)).isInstanceOf(StoreException.class)
                .hasMessageContaining("injected power cut");

        assertThat(query("SELECT count(*) FROM outbox")).isEqualTo("0");
        assertThat(query("SELECT count(*) FROM receipts")).isEqualTo("0");
        assertThat(query("SELECT count(*) FROM cash_events WHERE kind = 'SETTLED'")).isEqualTo("0");
        assertThat(query("SELECT state || ' ' || (personal IS NOT NULL) || ' ' || coalesce(voucher_no, '-') "
                + "FROM cash_payments")).isEqualTo("COLLECTING 1 -");

        exec("DROP TRIGGER fail_paid");
        CashPayment p = cash.settle(draft.id(), KIOSK, Ending.ENOUGH);
        assertThat(p.voucherNo()).as("no number was spent by the failed try").isEqualTo("WJ-0042-Z20261122-01");
        assertThat(p.queued().receiptNo()).isEqualTo("WJ-0042-20261122-0001");
    }

    @Test
    void aFailedCreditCountsNowhere() throws Exception {
        Transaction draft = opened(30000);
        cash.escrowed(draft.id(), 5, 10000);
        exec("CREATE TEMP TRIGGER fail_credit BEFORE INSERT ON cash_events WHEN NEW.kind = 'CREDIT' "
                + "BEGIN SELECT RAISE(ABORT, 'injected power cut'); END");
        assertThatThrownBy(() -> cash.credited(draft.id(), 5, 10000)).isInstanceOf(StoreException.class);
        CashPayment p = cash.find(draft.id()).orElseThrow();
        assertThat(p.creditedFen()).isZero();
        assertThat(p.escrow()).as("the intent stays for recovery").isNotNull();
        assertThat(cash.cashBox().cashboxFen()).isZero();
    }

    @Test
    void personalDataIsEncryptedInTheJournalAndLeavesItWhenQueued() throws Exception {
        Transaction paid = opened(10000);
        assertThat(query("SELECT count(*) FROM cash_payments WHERE draft LIKE '%440203%' OR draft LIKE '%李%'"))
                .isEqualTo("0");
        assertThat(query("SELECT length(personal) > 0 FROM cash_payments")).isEqualTo("1");
        insert(paid.id(), 10000);
        cash.settle(paid.id(), KIOSK, Ending.ENOUGH);
        assertThat(query("SELECT personal IS NULL FROM cash_payments WHERE transaction_id = '" + paid.id() + "'"))
                .as("the outbox's copy is the one kept").isEqualTo("1");
        assertThat(outbox.find(paid.id()).orElseThrow().transaction().person()).isEqualTo(Transactions.LI);
        store.close();
        for (String name : new String[] {"kiosk.db", "kiosk.db-wal"}) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain("440203195103152316");
            }
        }
        open();
    }

    @Test
    void aCancelledPaymentsPersonalPartIsPurgedAfterTheRetention() throws Exception {
        Transaction draft = opened(10000);
        cash.settle(draft.id(), KIOSK, Ending.CANCELLED);
        clock.advance(Duration.ofDays(29));
        assertThat(store.purgePersonal()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(store.purgePersonal()).isEqualTo(1);
        CashPayment p = cash.find(draft.id()).orElseThrow();
        assertThat(p.draft().person()).isNull();
        assertThat(p.draft().data()).doesNotContainKey(Transaction.MEMBERS);
        assertThat(p.draft().amountFen()).isEqualTo(10000);
    }

    @Test
    void theSchemaItselfAllowsOneUnendedPaymentAndOnlyKnownStates() throws Exception {
        opened(10000);
        assertThatThrownBy(() -> exec("INSERT INTO cash_payments (transaction_id, state, due_fen, draft, created_at, "
                + "updated_at) VALUES ('x', 'OPEN', 100, '{}', 0, 0)")).isInstanceOf(StoreException.class)
                .hasMessageContaining("UNIQUE");
        assertThatThrownBy(() -> exec("INSERT INTO cash_payments (transaction_id, state, due_fen, draft, created_at, "
                + "updated_at, ended_at, ending) VALUES ('y', 'REFUNDED', 100, '{}', 0, 0, 0, 'ENOUGH')"))
                .isInstanceOf(StoreException.class).hasMessageContaining("CHECK");
    }

    @Test
    void aStoreAtSchema4MigratesAndStartsItsFirstCashBoxPeriod() throws Exception {
        store.close();
        Path old = dir.resolve("old");
        Database.open(old, Settings.defaults().withClock(clock), 4).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve(Database.FILE_NAME));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            assertThat(rs.getInt(1)).isEqualTo(4);
        }
        store = KioskStore.open(old, Settings.defaults().withClock(clock));
        cash = store.cash();
        assertThat(query("PRAGMA user_version")).isEqualTo(String.valueOf(Migrations.LATEST));
        assertThat(cash.cashBox().periodStart()).isEqualTo(clock.instant());
        assertThat(cash.cashBox().cashboxFen()).isZero();
    }

    @Test
    void aFullDiskRefusesNewPaymentsAndNotesButEndsTheOneInProgressAndLosesNothing() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        long pages = Long.parseLong(query("PRAGMA page_count"));
        store.database().maxPageCount(pages);
        // Journal notes until SQLite says the (capped) disk is full.
        StoreException full = null;
        for (int i = 0; i < 1000 && full == null; i++) {
            try {
                cash.unattributed(5, 10000, "x".repeat(190));
            } catch (StoreException e) {
                full = e;
            }
        }
        assertThat(full).isNotNull();
        assertThat(full.kind()).isEqualTo(StoreException.Kind.DISK_FULL);
        assertThat(store.acceptingWork()).isFalse();
        long unattributed = cash.cashBox().unattributedNotes();
        assertThatThrownBy(() -> cash.open(Transactions.cashDraft(9, 100)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.DISK_FULL));
        assertThatThrownBy(() -> cash.escrowed(draft.id(), 5, 10000)).as("a new note is handed back")
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.DISK_FULL));
        assertThat(cash.find(draft.id()).orElseThrow().creditedFen()).as("readable, nothing lost").isEqualTo(10000);

        store.database().maxPageCount(pages + 100); // the administrator frees space
        CashPayment ended = cash.settle(draft.id(), KIOSK, Ending.CANCELLED);
        assertThat(ended.state()).isEqualTo(State.VOUCHER);
        assertThat(cash.cashBox().unattributedNotes()).isEqualTo(unattributed);
        assertThat(cash.cashBox().cashboxFen()).isEqualTo(10000 + unattributed * 10000);
        assertThat(store.recheck()).isTrue();
        assertThat(store.integrityCheck()).isEqualTo("ok");
        assertThat(journal().verifyChain()).isEmpty();
    }
}
