package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.backend.StoredTransaction;
import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.CashPayment;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the cash journal queues, as the county receives it: over loopback to the reference backend, a paid cash
 * payment, one paid with a change voucher, one cancelled after notes (amountFen 0, all on the voucher), one with
 * nothing inserted (nothing sent) and the cash box audit are all accepted, stored with the fields the contract
 * names, and the heartbeat carries the box as the journal sums it.
 */
class CashSyncDevBackendTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void cashPaymentsVouchersAndTheBoxAuditReachTheCountyAsTheContractSays() throws Exception {
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), "7K3Q-92XD", FaultSettings.none())) {
            MutableClock clock = new MutableClock(SyncFixtures.T0);
            Enrollment enrolled = new BackendClient(SyncFixtures.config(backend.url()), clock)
                    .enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "ab".repeat(32), "1.0.0"));
            SyncConfig config = new EnrollmentFile(backend.url(), enrolled.kioskId(), enrolled.token(), "desktop",
                    "440203101201", true).syncConfig(backend.url());
            String kiosk = enrolled.kioskId();
            try (KioskStore store = KioskStore.open(dir.resolve("kiosk"), Settings.defaults().withClock(clock))) {
                CashJournal cash = store.cash();
                CashPayment exact = pay(cash, kiosk, 30000, Ending.ENOUGH, 10000, 10000, 10000);
                CashPayment over = pay(cash, kiosk, 30000, Ending.ENOUGH, 10000, 10000, 5000, 10000);
                CashPayment unpaid = pay(cash, kiosk, 30000, Ending.CANCELLED, 10000, 2000);
                CashPayment nothing = pay(cash, kiosk, 30000, Ending.TIMED_OUT);
                cash.unattributed(0, 5000, "cleared into the cash box at power-up");
                clock.advance(Duration.ofHours(3));
                Transaction audit = cash.cashboxReplaced(kiosk);

                SyncEngine engine = new SyncEngine(store.outbox(), new BackendClient(config, clock), config, clock,
                        new Random(3), () -> new HeartbeatSnapshot(List.of(), HeartbeatSnapshot.Cash.of(boxOf(store), 600)));
                SyncReport report = engine.syncOnce();
                assertThat(report.complete()).as("%s", report).isTrue();
                assertThat(store.outbox().status(clock.instant()).rejected()).isZero();
                assertThat(store.outbox().status(clock.instant()).acknowledged()).isEqualTo(4);

                JsonNode paid = stored(backend, exact);
                assertThat(paid.get("method").asText()).isEqualTo("cash");
                assertThat(paid.get("amountFen").asLong()).isEqualTo(30000);
                assertThat(paid.get("cash").toString()).isEqualTo("{\"insertedFen\":30000,\"notes\":{\"10000\":3}}");
                assertThat(paid.get("receiptNo").asText()).isEqualTo(exact.queued().receiptNo());
                assertThat(paid.at("/person/idNumber").asText()).isEqualTo(Transactions.LI.idNumber());
                assertThat(paid.at("/data/members")).hasSize(2);

                JsonNode change = stored(backend, over);
                assertThat(change.get("amountFen").asLong()).isEqualTo(30000);
                assertThat(change.at("/cash/insertedFen").asLong()).isEqualTo(35000);
                assertThat(change.at("/cash/voucherFen").asLong()).isEqualTo(5000);
                assertThat(change.at("/cash/voucherNo").asText()).isEqualTo(kiosk + "-Z20261122-01");

                JsonNode voucher = stored(backend, unpaid);
                assertThat(voucher.get("amountFen").asLong()).isZero();
                assertThat(voucher.at("/cash/voucherFen").asLong()).isEqualTo(12000);
                assertThat(voucher.at("/cash/voucherNo").asText()).isEqualTo(kiosk + "-Z20261122-02");

                assertThat(backend.stored(nothing.transactionId().toString())).as("nothing inserted, nothing sent").isEmpty();

                StoredTransaction box = backend.stored(audit.id().toString()).orElseThrow();
                assertThat(box.type()).isEqualTo("cash-audit");
                assertThat(box.json().at("/cash/cashboxFen").asLong()).isEqualTo(30000 + 35000 + 12000 + 5000);
                assertThat(box.json().at("/cash/unattributedFen").asLong()).isEqualTo(5000);
                assertThat(box.json().at("/cash/notes").toString()).isEqualTo("{\"10000\":7,\"2000\":1,\"5000\":2}");

                assertThat(engine.heartbeat()).isTrue();
                JsonNode beat = JSON.readTree(backend.lastHeartbeat().orElseThrow());
                assertThat(beat.get("cash").toString()).as("a new box after the audit")
                        .isEqualTo("{\"cashboxFen\":0,\"notes\":0,\"capacity\":600}");
            }
        }
    }

    private static CashJournal.CashBox boxOf(KioskStore store) {
        try {
            return store.cash().cashBox();
        } catch (cn.yzz.kiosk.cache.StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CashPayment pay(CashJournal cash, String kiosk, long due, Ending why, long... notes) throws Exception {
        Transaction draft = Transactions.cashDraft(0, due);
        cash.open(draft);
        for (long note : notes) {
            cash.escrowed(draft.id(), 1, note);
            cash.credited(draft.id(), 1, note);
        }
        return cash.settle(draft.id(), kiosk, why);
    }

    private static JsonNode stored(DevBackend backend, CashPayment p) {
        StoredTransaction t = backend.stored(p.transactionId().toString()).orElseThrow();
        assertThat(t.type()).isEqualTo("payment");
        return t.json();
    }
}
