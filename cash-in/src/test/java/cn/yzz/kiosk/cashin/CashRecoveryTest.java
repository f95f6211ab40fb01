package cn.yzz.kiosk.cashin;

import static cn.yzz.kiosk.cashin.FakeNoteAcceptor.event;
import static cn.yzz.kiosk.cashin.Heard.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.CashJournal.State;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cashin.CashDesk.Recovery;
import cn.yzz.kiosk.cashin.CashDesk.Result;
import cn.yzz.kiosk.device.cash.NoteEvent;
import cn.yzz.kiosk.device.cash.NoteEvent.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up reconciliation, one test per rule of {@link JournaledCashDesk}'s table: the journal is left as a crash
 * or power cut leaves it (written through the real SQLite journal, then the store closed and opened again), a new
 * desk starts over a unit whose link comes up with the power-up events, and recover() ends every open payment.
 */
class CashRecoveryTest {

    static final String KIOSK = "WJ-0042";
    static final CashPolicy POLICY = CashPolicy.defaults().withRecovery(Duration.ofMillis(300), Duration.ofSeconds(3));

    @TempDir
    Path dir;

    KioskStore store;
    FakeNoteAcceptor unit;
    CashDesk desk;

    @AfterEach
    void close() throws Exception {
        if (desk != null) {
            desk.close();
        }
        if (unit != null) {
            unit.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** A payment of {@code dueFen} left open by a crash, with {@code credited} notes in and maybe one in escrow. */
    UUID crashedWith(long dueFen, long[] credited, Long inEscrow) throws Exception {
        Transaction d = draft(dueFen);
        try (KioskStore before = KioskStore.open(dir, Settings.defaults())) {
            CashJournal j = before.cash();
            j.open(d);
            for (long v : credited) {
                j.escrowed(d.id(), channel(v), v);
                j.credited(d.id(), channel(v), v);
            }
            if (inEscrow != null) {
                j.escrowed(d.id(), channel(inEscrow), inEscrow);
            }
        }
        return d.id();
    }

    /** The kiosk starts again: the unit's link comes up a moment later and its first polls report {@code events}. */
    Recovery restart(NoteEvent... events) throws Exception {
        return restart(false, events);
    }

    Recovery restart(boolean eventAckMode, NoteEvent... events) throws Exception {
        store = KioskStore.open(dir, Settings.defaults());
        unit = new FakeNoteAcceptor(false);
        unit.eventAckMode = eventAckMode;
        desk = CashDesks.open(unit, store, KIOSK, POLICY);
        assertThat(desk.canTakeCash()).as("not before the reconciliation").isFalse();
        CompletableFuture<Void> boot = CompletableFuture.runAsync(() -> {
            sleep(200);
            unit.comeUp(events);
        });
        Recovery r = desk.recover();
        boot.get(5, TimeUnit.SECONDS);
        assertThat(store.cash().unfinished()).isEmpty();
        return r;
    }

    static NoteEvent reset() {
        return NoteEvent.of(Kind.SLAVE_RESET);
    }

    @Test
    void escrowAndClearedFromFrontIsReturned() throws Exception {
        UUID id = crashedWith(30_000, new long[] {5_000}, 10_000L);
        Recovery r = restart(reset(), NoteEvent.of(Kind.DISABLED), event(Kind.CLEARED_FROM_FRONT, 10_000));
        assertThat(r.clearedFromFront()).isEqualTo(1);
        Result only = only(r, id);
        assertThat(only.status()).isEqualTo("voucher");
        assertThat(only.insertedFen()).isEqualTo(5_000);
        assertThat(only.voucherFen()).isEqualTo(5_000);
        assertThat(store.cash().find(id).orElseThrow().ending()).isEqualTo(Ending.RECOVERED);
        assertThat(store.outbox().find(id).orElseThrow().transaction().amountFen()).isZero();
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(5_000);
    }

    @Test
    void escrowAndClearedIntoTheCashBoxIsCreditedToThatPaymentOnce() throws Exception {
        UUID id = crashedWith(20_000, new long[] {10_000}, 10_000L);
        Recovery r = restart(reset(), event(Kind.CLEARED_TO_CASHBOX, 10_000), event(Kind.CLEARED_TO_CASHBOX, 10_000));
        assertThat(r.clearedToCashbox()).isEqualTo(2);
        Result only = only(r, id);
        assertThat(only.status()).isEqualTo("paid");
        assertThat(only.insertedFen()).isEqualTo(20_000);
        assertThat(only.notes()).isEqualTo(Map.of(10_000L, 2));
        // The second E2 had no note in escrow to belong to: the same note again, never counted twice.
        assertThat(r.unattributedFen()).isZero();
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(20_000);
        assertThat(store.outbox().find(id).orElseThrow().transaction().amountFen()).isEqualTo(20_000L);
    }

    @Test
    void escrowAndClearedIntoTheCashBoxOfUnknownChannelIsCreditedAtTheJournaledValue() throws Exception {
        UUID id = crashedWith(30_000, new long[0], 5_000L);
        Recovery r = restart(reset(), new NoteEvent(Kind.CLEARED_TO_CASHBOX, 0, 0, -1));
        Result only = only(r, id);
        assertThat(only.status()).isEqualTo("voucher");
        assertThat(only.insertedFen()).isEqualTo(5_000);
        assertThat(r.unattributedFen()).isZero();
    }

    @Test
    void escrowAndACreditAtTheFirstPollIsCredited() throws Exception {
        // Only the kiosk process died after ACCEPT: the unit stacked the note and reports EE to the next poll.
        UUID id = crashedWith(10_000, new long[0], 10_000L);
        Recovery r = restart(event(Kind.CREDIT, 10_000), NoteEvent.of(Kind.STACKED));
        Result only = only(r, id);
        assertThat(only.status()).isEqualTo("paid");
        assertThat(only.voucherFen()).isZero();
        assertThat(r.unattributedFen()).isZero();
    }

    @Test
    void escrowAndARejectAtTheFirstPollIsReturned() throws Exception {
        // The process died while holding: the unit timed the note out back to the villager (reject code 0x13).
        UUID id = crashedWith(10_000, new long[] {2_000}, 10_000L);
        Recovery r = restart(NoteEvent.of(Kind.REJECTING), new NoteEvent(Kind.REJECTED, 0, 0, 0x13));
        Result only = only(r, id);
        assertThat(only.status()).isEqualTo("voucher");
        assertThat(only.insertedFen()).isEqualTo(2_000);
    }

    @Test
    void escrowWithNeitherEventIsReturnedByTheJournal() throws Exception {
        UUID id = crashedWith(10_000, new long[0], 10_000L);
        Recovery r = restart(reset(), NoteEvent.of(Kind.DISABLED));
        Result only = only(r, id);
        assertThat(only.status()).isEqualTo("cancelled");
        assertThat(only.queued()).isNull();
        assertThat(store.outbox().find(id)).isEmpty();
        assertThat(store.cash().find(id).orElseThrow().state()).isEqualTo(State.CANCELLED);
        assertThat(desk.cashBox().cashboxFen()).isZero();
    }

    @Test
    void noEscrowAndAClearingIntoTheBoxIsTheNoteCreditedBeforeTheCutAndNotCountedAgain() throws Exception {
        UUID id = crashedWith(30_000, new long[] {10_000}, null);
        Recovery r = restart(reset(), event(Kind.CLEARED_TO_CASHBOX, 10_000));
        Result only = only(r, id);
        assertThat(r.clearedToCashbox()).isEqualTo(1);
        assertThat(only.insertedFen()).isEqualTo(10_000);
        assertThat(only.status()).isEqualTo("voucher");
        assertThat(r.unattributedFen()).isZero();
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(10_000);
    }

    @Test
    void noEscrowAndACreditPolledWithAckIsTheUnitRepeatingOneAlreadyCounted() throws Exception {
        // The kiosk committed its last credit and died before the EVENT ACK: the unit tells it again.
        UUID id = crashedWith(30_000, new long[] {10_000}, null);
        Recovery r = restart(true, event(Kind.CREDIT, 10_000));
        assertThat(only(r, id).insertedFen()).isEqualTo(10_000);
        assertThat(r.unattributedFen()).isZero();
        assertThat(desk.cashBox().unattributedNotes()).isZero();
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(10_000);
    }

    @Test
    void noEscrowAndAPlainCreditIsUnattributed() throws Exception {
        // A plain-SSP unit never retells a CREDIT: the note is in the box and in no payment; the box audit lists it.
        UUID id = crashedWith(30_000, new long[] {10_000}, null);
        Recovery r = restart(event(Kind.CREDIT, 5_000));
        assertThat(only(r, id).insertedFen()).isEqualTo(10_000);
        assertThat(r.unattributedFen()).isEqualTo(5_000);
        assertThat(desk.cashBox().unattributedNotes()).isEqualTo(1);
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(15_000);
    }

    @Test
    void noEscrowAndAClearingFromTheFrontMovesNothing() throws Exception {
        UUID id = crashedWith(30_000, new long[] {10_000}, null);
        Recovery r = restart(reset(), event(Kind.CLEARED_FROM_FRONT, 5_000));
        assertThat(r.clearedFromFront()).isEqualTo(1);
        assertThat(only(r, id).insertedFen()).isEqualTo(10_000);
        assertThat(r.unattributedFen()).isZero();
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(10_000);
    }

    @Test
    void enoughCreditedButNotSettledEndsPaidWithAVoucherForTheOverpayment() throws Exception {
        UUID id = crashedWith(25_000, new long[] {10_000, 10_000, 10_000}, null);
        Recovery r = restart();
        Result only = only(r, id);
        assertThat(only.status()).isEqualTo("paid");
        assertThat(only.voucherFen()).isEqualTo(5_000);
        assertThat(only.voucherNo()).isNotNull();
        assertThat(store.cash().find(id).orElseThrow().ending()).isEqualTo(Ending.RECOVERED);
    }

    @Test
    void aClearingThatComesInALaterPollWithinTheWindowStillCounts() throws Exception {
        UUID id = crashedWith(10_000, new long[0], 10_000L);
        store = KioskStore.open(dir, Settings.defaults());
        unit = new FakeNoteAcceptor(false);
        desk = CashDesks.open(unit, store, KIOSK, POLICY);
        CompletableFuture<Void> boot = CompletableFuture.runAsync(() -> {
            sleep(100);
            unit.comeUp(reset(), NoteEvent.of(Kind.DISABLED));
            sleep(250); // less than the window after the reset
            unit.fire(event(Kind.CLEARED_TO_CASHBOX, 10_000));
        });
        Recovery r = desk.recover();
        boot.get(5, TimeUnit.SECONDS);
        assertThat(only(r, id).status()).isEqualTo("paid");
    }

    @Test
    void aUnitThatNeverAnswersLeavesThePaymentsOpenForTheNextTry() throws Exception {
        UUID id = crashedWith(10_000, new long[] {10_000}, null);
        store = KioskStore.open(dir, Settings.defaults());
        unit = new FakeNoteAcceptor(false);
        desk = CashDesks.open(unit, store, KIOSK, POLICY.withRecovery(Duration.ofMillis(300), Duration.ofMillis(500)));
        assertThatThrownBy(() -> desk.recover()).isInstanceOf(CashException.class).hasMessageContaining("收钞机没有响应");
        assertThat(store.cash().unfinished()).extracting(CashJournal.CashPayment::transactionId).containsExactly(id);
        unit.comeUp();
        assertThatThrownBy(() -> desk.start(draft(1_000), new Heard())).isInstanceOf(CashException.class)
                .hasMessageContaining("还没有结清");
        Recovery r = desk.recover();
        assertThat(only(r, id).status()).isEqualTo("paid");
        assertThat(desk.canTakeCash()).isTrue();
    }

    @Test
    void nothingOpenRecoversNothingAndCashIsOfferedAfter() throws Exception {
        Recovery r = restart(reset());
        assertThat(r.ended()).isEmpty();
        assertThat(desk.canTakeCash()).isTrue();
        Heard heard = new Heard();
        desk.start(draft(1_000), heard);
        unit.insert(1_000);
        assertThat(heard.awaitEnd().status()).isEqualTo("paid");
    }

    @Test
    void aPaymentLeftOpenByADeskThatDiedIsRecoveredByTheNextDesk() throws Exception {
        // The whole path: a desk takes one note and holds the next in escrow, the process dies (the desk closed
        // without settling), the unit keeps the accepted note and stacks it; the next desk hears its CREDIT.
        store = KioskStore.open(dir, Settings.defaults());
        unit = new FakeNoteAcceptor(true);
        desk = CashDesks.open(unit, store, KIOSK, POLICY);
        Heard heard = new Heard();
        UUID id = desk.start(draft(30_000), heard).transactionId();
        unit.insert(10_000);
        unit.toEscrow(10_000);
        desk.close();
        FakeNoteAcceptor same = unit;
        desk = CashDesks.open(same, store, KIOSK, POLICY);
        same.stack();
        Recovery r = desk.recover();
        Result only = only(r, id);
        assertThat(only.insertedFen()).isEqualTo(20_000);
        assertThat(only.status()).isEqualTo("voucher");
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(20_000);
        assertThat(same.cashbox()).isEqualTo(Map.of(10_000L, 2));
    }

    static Result only(Recovery r, UUID id) {
        assertThat(r.ended()).hasSize(1);
        assertThat(r.ended().get(0).transactionId()).isEqualTo(id);
        return r.ended().get(0);
    }

    static int channel(long valueFen) {
        return FakeNoteAcceptor.CHANNELS.indexOf(valueFen) + 1;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
