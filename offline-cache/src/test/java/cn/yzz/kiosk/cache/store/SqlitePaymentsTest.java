package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Payments.State;
import cn.yzz.kiosk.cache.PaymentsContract;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlitePaymentsTest extends PaymentsContract {

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
        payments = store.payments();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
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
    void aFailureBetweenTheOutboxInsertAndTheJournalUpdateLeavesNeither() throws Exception {
        Transaction draft = Transactions.householdQr(0, null);
        payments.open(draft);
        payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", clock.instant().plusSeconds(300));
        // The journal row is updated after the outbox insert in paid(): fail exactly there.
        exec("CREATE TEMP TRIGGER fail_paid BEFORE UPDATE OF state ON payments WHEN NEW.state = 'PAID' "
                + "BEGIN SELECT RAISE(ABORT, 'injected power cut'); END");
        assertThat(query("SELECT count(*) FROM sqlite_temp_master WHERE name = 'fail_paid'")).isEqualTo("1");

        assertThatThrownBy(() -> payments.paid(draft.id(), KIOSK)).isInstanceOf(StoreException.class)
                .hasMessageContaining("injected power cut");

        assertThat(query("SELECT count(*) FROM outbox")).isEqualTo("0");
        assertThat(query("SELECT count(*) FROM receipts")).isEqualTo("0");
        assertThat(query("SELECT count(*) FROM receipt_counter")).as("no number taken").isEqualTo("0");
        assertThat(query("SELECT state FROM payments")).isEqualTo("OPEN");
        assertThat(query("SELECT personal IS NOT NULL FROM payments")).isEqualTo("1");
        assertThat(payments.open()).singleElement().satisfies(p -> assertThat(p.orderId()).isEqualTo("ORD-1"));

        exec("DROP TRIGGER fail_paid");
        Transaction stored = payments.paid(draft.id(), KIOSK);
        assertThat(stored.receiptNo()).isEqualTo("WJ-0042-20261122-0001");
        assertThat(query("SELECT count(*) FROM outbox")).isEqualTo("1");
        assertThat(query("SELECT personal IS NULL FROM payments")).as("the journal's copy went with PAID").isEqualTo("1");
    }

    @Test
    void theJournalSurvivesARestartAndRecoveryFinishesThePayment() throws Exception {
        Transaction paidAtBackend = Transactions.householdQr(0, null);
        Transaction neverPaid = Transactions.householdQr(1, null);
        payments.open(paidAtBackend);
        payments.open(neverPaid);
        payments.orderCreated(paidAtBackend.id(), "ORD-1", "http://pay/ORD-1", clock.instant().plusSeconds(300));
        store.close();

        open();
        var open = payments.open();
        assertThat(open).extracting(p -> p.draft()).containsExactly(paidAtBackend, neverPaid);
        Transaction stored = payments.paid(paidAtBackend.id(), KIOSK);
        assertThat(payments.close(neverPaid.id(), State.CANCELLED)).isEqualTo(State.CANCELLED);
        store.close();

        open();
        assertThat(payments.open()).isEmpty();
        assertThat(payments.paid(paidAtBackend.id(), KIOSK)).as("after a crash between commit and screen").isEqualTo(stored);
        assertThat(outbox.list(10)).hasSize(1);
        assertThat(store.integrityCheck()).isEqualTo("ok");
    }

    @Test
    void kioskStorePurgeCoversClosedPayments() throws Exception {
        Transaction cancelled = Transactions.householdQr(0, null);
        payments.open(cancelled);
        payments.close(cancelled.id(), State.CANCELLED);
        clock.advance(Duration.ofDays(31));
        assertThat(store.purgePersonal()).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM payments WHERE personal IS NOT NULL")).isEqualTo("0");
    }

    @Test
    void aStateOutsideTheCheckIsRefusedByTheSchema() {
        assertThatThrownBy(() -> exec("INSERT INTO payments (transaction_id, method, state, draft, created_at, updated_at) "
                + "VALUES ('x', 'qr', 'REFUNDED', '{}', 0, 0)")).isInstanceOf(StoreException.class);
    }
}
