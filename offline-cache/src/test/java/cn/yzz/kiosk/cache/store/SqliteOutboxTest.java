package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxContract;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest extends OutboxContract {

    @TempDir
    Path dir;
    private KioskStore store;

    @Override
    protected Outbox create(int maxAttempts, Clock clock) throws Exception {
        store = KioskStore.open(dir, Settings.defaults().withMaxAttempts(maxAttempts).withClock(clock));
        return store.outbox();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void enqueueWritesTheReceiptRecordInTheSameTransaction() throws Exception {
        Transaction t = Transactions.payment(0, 7);
        outbox.enqueue(t);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kiosk.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT receipt_no, transaction_id FROM receipts")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(t.receiptNo());
            assertThat(rs.getString(2)).isEqualTo(t.id().toString());
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void entriesSurviveClosingAndReopening() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        outbox.retryLater(t.id(), clock.instant().plusSeconds(5), "timeout");
        store.close();
        store = KioskStore.open(dir, Settings.defaults().withMaxAttempts(MAX_ATTEMPTS).withClock(clock));
        assertThat(store.outbox().list(10)).singleElement().satisfies(e -> {
            assertThat(e.transaction()).isEqualTo(t);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastError()).isEqualTo("timeout");
        });
        assertThat(store.integrityCheck()).isEqualTo("ok");
    }
}
