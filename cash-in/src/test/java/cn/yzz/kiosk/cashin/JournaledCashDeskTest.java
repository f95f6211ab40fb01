package cn.yzz.kiosk.cashin;

import static cn.yzz.kiosk.cashin.Heard.draft;
import static cn.yzz.kiosk.cashin.Heard.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cashin.CashDesk.Payment;
import cn.yzz.kiosk.cashin.CashDesk.Progress;
import cn.yzz.kiosk.cashin.CashDesk.Result;
import cn.yzz.kiosk.cashin.FakeNoteAcceptor.Outcome;
import cn.yzz.kiosk.device.cash.CashHandler;
import cn.yzz.kiosk.device.cash.NoteEvent;
import cn.yzz.kiosk.device.cash.NoteEvent.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cash payments through the desk, the in-memory unit and a real SQLite cash journal. */
class JournaledCashDeskTest {

    static final String KIOSK = "WJ-0042";
    static final CashPolicy POLICY = CashPolicy.defaults().withRecovery(Duration.ofMillis(300), Duration.ofSeconds(2));

    @TempDir
    Path dir;

    KioskStore store;
    FakeNoteAcceptor unit;
    CashDesk desk;

    CashDesk open(CashPolicy policy) throws Exception {
        store = KioskStore.open(dir, Settings.defaults());
        unit = new FakeNoteAcceptor(true);
        desk = CashDesks.open(unit, store, KIOSK, policy);
        return desk;
    }

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

    @Test
    void paysWithThreeHundredYuanNotesAndDisablesAtOnce() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);

        assertThat(p.acceptsFen()).containsExactly(1_000L, 2_000L, 5_000L, 10_000L);
        assertThat(unit.enabledNow()).containsExactlyInAnyOrder(1_000L, 2_000L, 5_000L, 10_000L);
        assertThat(unit.insert(10_000)).isEqualTo(Outcome.CREDITED);
        assertThat(unit.insert(10_000)).isEqualTo(Outcome.CREDITED);
        assertThat(unit.insert(10_000)).isEqualTo(Outcome.CREDITED);
        Result r = heard.awaitEnd();

        assertThat(r.status()).isEqualTo("paid");
        assertThat(r.insertedFen()).isEqualTo(30_000);
        assertThat(r.notes()).containsExactlyEntriesOf(Map.of(10_000L, 3));
        assertThat(r.voucherFen()).isZero();
        assertThat(r.voucherNo()).isNull();
        // Disabled right after the third credit, before the unit's next step: nothing else was enabled after it.
        List<String> commands = unit.commands();
        assertThat(commands.get(commands.size() - 1)).isEqualTo("disable");
        assertThat(unit.enabledNow()).isEmpty();
        assertThat(heard.of(Progress.Credited.class)).containsExactly(new Progress.Credited(10_000, 10_000, 20_000),
                new Progress.Credited(10_000, 20_000, 10_000), new Progress.Credited(10_000, 30_000, 0));
        assertThat(heard.all.get(heard.all.size() - 1)).isInstanceOf(Progress.Ended.class);
        assertThat(heard.threads).containsOnly("kiosk-cash");
        // Each note: being read, then in escrow (its value), then credited, in that order.
        assertThat(heard.all.subList(0, 3)).containsExactly(new Progress.Reading(0), new Progress.Reading(10_000),
                new Progress.Credited(10_000, 10_000, 20_000));

        Transaction queued = store.outbox().find(p.transactionId()).map(OutboxEntry::transaction).orElseThrow();
        assertThat(queued.amountFen()).isEqualTo(30_000L);
        assertThat(queued.method()).isEqualTo(Transaction.CASH);
        assertThat(((Number) queued.cash().get("insertedFen")).longValue()).isEqualTo(30_000);
        assertThat(queued.cash().get("notes")).isEqualTo(Map.of("10000", 3));
        assertThat(queued.receiptNo()).startsWith(KIOSK + "-");
        assertThat(r.queued().id()).isEqualTo(p.transactionId());
        assertThat(store.cash().find(p.transactionId()).orElseThrow().ending()).isEqualTo(Ending.ENOUGH);
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(30_000);
        assertThat(unit.cashbox()).isEqualTo(Map.of(10_000L, 3));
    }

    @Test
    void overpaymentEndsPaidWithAChangeVoucherForTheDifference() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(25_000), heard);
        unit.insert(10_000);
        unit.insert(10_000);
        unit.insert(10_000);
        Result r = heard.awaitEnd();

        assertThat(r.status()).isEqualTo("paid");
        assertThat(r.insertedFen()).isEqualTo(30_000);
        assertThat(r.voucherFen()).isEqualTo(5_000);
        assertThat(r.voucherNo()).startsWith(KIOSK + "-Z20261122-");
        Transaction queued = store.outbox().find(p.transactionId()).orElseThrow().transaction();
        assertThat(queued.amountFen()).isEqualTo(25_000L);
        assertThat(((Number) queued.cash().get("voucherFen")).longValue()).isEqualTo(5_000);
        assertThat(queued.cash().get("voucherNo")).isEqualTo(r.voucherNo());
    }

    @Test
    void onlyNotesThatFitAreEnabledAndATooBigOneIsHandedBackWithWords() throws Exception {
        open(POLICY.withMaxVoucher(2_000));
        Heard heard = new Heard();
        Payment p = desk.start(draft(3_000), heard);
        // ¥100 would overpay ¥30 by ¥70, more than the ¥20 voucher this policy allows; ¥1 and ¥5 are not taken.
        assertThat(unit.enabledNow()).containsExactlyInAnyOrder(1_000L, 2_000L, 5_000L);
        assertThat(unit.insert(10_000)).isEqualTo(Outcome.REFUSED_BY_UNIT);

        assertThat(unit.insert(2_000)).isEqualTo(Outcome.CREDITED);
        // ¥10 left: ¥50 would now overpay by ¥40; the unit is told the narrower set.
        eventually(() -> assertThat(unit.enabledNow()).containsExactlyInAnyOrder(1_000L, 2_000L));
        assertThat(p.acceptsFen()).containsExactlyInAnyOrder(1_000L, 2_000L);

        // A note the unit had already started reading still reaches escrow: the desk hands it back with words.
        assertThat(unit.toEscrow(5_000, true)).isEqualTo(Outcome.HANDED_BACK);
        assertThat(unit.toEscrow(500, true)).isEqualTo(Outcome.HANDED_BACK);
        eventually(() -> assertThat(heard.of(Progress.Returned.class)).contains(
                new Progress.Returned(5_000, JournaledCashDesk.TOO_BIG),
                new Progress.Returned(500, JournaledCashDesk.NOT_TAKEN)));
        // The one the unit refused itself (inhibited channel) is told too, without a value it never read.
        assertThat(heard.of(Progress.Returned.class).get(0)).isEqualTo(
                new Progress.Returned(0, JournaledCashDesk.NOT_TAKEN));
        // Returned notes leave no trace of money.
        assertThat(store.cash().find(p.transactionId()).orElseThrow().creditedFen()).isEqualTo(2_000);

        assertThat(unit.insert(2_000)).isEqualTo(Outcome.CREDITED);
        Result r = heard.awaitEnd();
        assertThat(r.status()).isEqualTo("paid");
        assertThat(r.voucherFen()).isEqualTo(1_000);
    }

    @Test
    void aNoteArrivingWhenEnoughIsInIsHandedBackAsEnough() throws Exception {
        open(POLICY);
        CountDownLatch hold = new CountDownLatch(1);
        Heard heard = new Heard() {
            @Override
            public void on(Progress p) {
                super.on(p);
                if (p instanceof Progress.Credited) {
                    await(hold); // keeps the desk thread from settling until the second note is decided
                }
            }
        };
        desk.start(draft(1_000), heard);
        unit.insert(1_000);
        assertThat(unit.toEscrow(1_000, true)).isEqualTo(Outcome.HANDED_BACK);
        hold.countDown();
        Result r = heard.awaitEnd();
        assertThat(r.status()).isEqualTo("paid");
        assertThat(r.insertedFen()).isEqualTo(1_000);
        assertThat(heard.of(Progress.Returned.class)).containsExactly(
                new Progress.Returned(1_000, JournaledCashDesk.ENOUGH_ALREADY));
    }

    @Test
    void cancelWaitsForTheNoteInEscrowAndCreditsItWhenItWasPastThePointOfNoReturn() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.insert(10_000);
        assertThat(unit.toEscrow(10_000)).isEqualTo(Outcome.IN_ESCROW);
        assertThat(store.cash().find(p.transactionId()).orElseThrow().escrow()).isNotNull(); // journaled before ACCEPT

        CompletableFuture<Result> cancel = CompletableFuture.supplyAsync(() -> p.cancel(Ending.CANCELLED));
        Thread.sleep(400);
        assertThat(cancel).as("cancel must not settle with a note in escrow").isNotDone();
        eventually(() -> assertThat(unit.enabledNow()).isEmpty());

        unit.stack();
        Result r = cancel.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo("voucher");
        assertThat(r.insertedFen()).isEqualTo(20_000);
        assertThat(r.voucherFen()).isEqualTo(20_000);
        assertThat(r.voucherNo()).isNotNull();
        assertThat(heard.awaitEnd()).isEqualTo(r);
        Transaction queued = store.outbox().find(p.transactionId()).orElseThrow().transaction();
        assertThat(queued.amountFen()).isZero(); // unpaid: every note in the box is still in one transaction
        assertThat(((Number) queued.cash().get("voucherFen")).longValue()).isEqualTo(20_000);
        assertThat(p.cancel(Ending.CANCELLED)).as("idempotent").isEqualTo(r);
    }

    @Test
    void cancelWithANoteInEscrowThatTheUnitHandsBackEndsByWhatWasCredited() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.insert(5_000);
        unit.toEscrow(10_000);
        CompletableFuture<Result> cancel = CompletableFuture.supplyAsync(() -> p.cancel(Ending.CANCELLED));
        Thread.sleep(200);
        assertThat(cancel).isNotDone();
        unit.unitRejects(0x13);
        Result r = cancel.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo("voucher");
        assertThat(r.insertedFen()).isEqualTo(5_000);
        assertThat(heard.of(Progress.Returned.class)).containsExactly(
                new Progress.Returned(10_000, JournaledCashDesk.NOT_STACKED));
    }

    @Test
    void cancelWithNothingInsertedQueuesNothing() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        Result r = p.cancel(Ending.CANCELLED);
        assertThat(r.status()).isEqualTo("cancelled");
        assertThat(r.queued()).isNull();
        assertThat(store.outbox().find(p.transactionId())).isEmpty();
        assertThat(unit.enabledNow()).isEmpty();
        assertThat(desk.canTakeCash()).isTrue();
        // The next payment can start at once.
        Payment next = desk.start(draft(1_000), new Heard());
        assertThat(next.cancel(Ending.CANCELLED).status()).isEqualTo("cancelled");
    }

    @Test
    void inactivityEndsThePaymentTimedOutWithAVoucherForWhatWasCredited() throws Exception {
        open(POLICY.withInactivity(Duration.ofMillis(500)));
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.insert(10_000);
        Result r = heard.awaitEnd();
        assertThat(r.status()).isEqualTo("voucher");
        assertThat(r.voucherFen()).isEqualTo(10_000);
        assertThat(store.cash().find(p.transactionId()).orElseThrow().ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(unit.enabledNow()).isEmpty();
    }

    @Test
    void inactivityNeverDropsANoteInEscrow() throws Exception {
        open(POLICY.withInactivity(Duration.ofMillis(300)));
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.toEscrow(10_000);
        Thread.sleep(900);
        assertThat(heard.ended).as("a timeout while a note is in escrow waits for it").isNotDone();
        unit.stack();
        Result r = heard.awaitEnd();
        assertThat(r.insertedFen()).isEqualTo(10_000);
        assertThat(r.status()).isEqualTo("voucher");
        assertThat(store.cash().find(p.transactionId()).orElseThrow().ending()).isEqualTo(Ending.TIMED_OUT);
    }

    @Test
    void noNoteAtAllTimesOutCancelled() throws Exception {
        open(POLICY.withInactivity(Duration.ofMillis(300)));
        Heard heard = new Heard();
        desk.start(draft(30_000), heard);
        assertThat(heard.awaitEnd().status()).isEqualTo("cancelled");
    }

    @Test
    void cashBoxRemovedMidPaymentStopsCashUntilReplacedAndTheReplacementQueuesAnAudit() throws Exception {
        open(POLICY);
        List<String> box = new CopyOnWriteArrayList<>();
        List<Transaction> audits = new CopyOnWriteArrayList<>();
        desk.addBoxListener(new CashDesk.BoxListener() {
            @Override
            public void removed() {
                box.add("removed");
            }

            @Override
            public void replaced(Transaction audit) {
                box.add("replaced");
                audits.add(audit);
            }
        });
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.insert(10_000);
        unit.fire(NoteEvent.of(Kind.CASHBOX_REMOVED), NoteEvent.of(Kind.CASHBOX_REMOVED)); // in every poll while out: one removal
        eventually(() -> assertThat(heard.of(Progress.Trouble.class)).containsExactly(
                new Progress.Trouble(JournaledCashDesk.BOX_REMOVED)));
        assertThat(desk.canTakeCash()).isFalse();
        assertThat(unit.toEscrow(10_000, true)).isEqualTo(Outcome.HANDED_BACK);
        Result r = p.cancel(Ending.CANCELLED);
        assertThat(r.status()).isEqualTo("voucher");
        assertThat(r.voucherFen()).isEqualTo(10_000);
        assertThatThrownBy(() -> desk.start(draft(1_000), new Heard())).isInstanceOf(CashException.class)
                .hasMessageContaining("钱箱不在");

        unit.fire(NoteEvent.of(Kind.CASHBOX_REPLACED));
        eventually(() -> assertThat(box).containsExactly("removed", "replaced"));
        Transaction audit = audits.get(0);
        assertThat(audit.type()).isEqualTo("cash-audit");
        assertThat(((Number) audit.cash().get("cashboxFen")).longValue()).isEqualTo(10_000);
        assertThat(store.outbox().find(audit.id())).isPresent();
        assertThat(desk.cashBox().cashboxFen()).isZero();
        assertThat(desk.canTakeCash()).isTrue();
    }

    @Test
    void aJamIsTroubleAndCancelEndsWithAVoucherForWhatWasCredited() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.insert(2_000);
        unit.fire(NoteEvent.of(Kind.UNSAFE_JAM));
        eventually(() -> assertThat(heard.of(Progress.Trouble.class)).containsExactly(
                new Progress.Trouble(JournaledCashDesk.JAM)));
        Result r = p.cancel(Ending.CANCELLED);
        assertThat(r.status()).isEqualTo("voucher");
        assertThat(r.insertedFen()).isEqualTo(2_000);
    }

    @Test
    void aFraudAttemptOnTheNoteInEscrowIsNotCredited() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.toEscrow(10_000);
        unit.fire(FakeNoteAcceptor.event(Kind.FRAUD_ATTEMPT, 10_000));
        Result r = p.cancel(Ending.CANCELLED);
        assertThat(r.status()).isEqualTo("cancelled");
        assertThat(heard.of(Progress.Trouble.class)).contains(new Progress.Trouble(JournaledCashDesk.FRAUD));
    }

    @Test
    void aPlainCreditWithNoNoteInEscrowIsJournaledUnattributedAndOneRetoldWithAckCountsNothing() throws Exception {
        open(POLICY);
        unit.fire(FakeNoteAcceptor.event(Kind.CREDIT, 5_000));
        CashJournal.CashBox box = desk.cashBox();
        assertThat(box.unattributedFen()).isEqualTo(5_000);
        assertThat(box.cashboxFen()).isEqualTo(5_000);
        unit.eventAckMode = true;
        unit.fire(FakeNoteAcceptor.event(Kind.CREDIT, 5_000));
        assertThat(desk.cashBox().cashboxFen()).as("a retold credit is not counted twice").isEqualTo(5_000);
        // A note reaching escrow with no payment is handed back, never kept.
        assertThat(unit.toEscrow(5_000, true)).isEqualTo(Outcome.HANDED_BACK);
    }

    @Test
    void theUnitResettingMidPaymentClearsTheNoteByItsPowerUpEventAndThePaymentGoesOn() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.toEscrow(10_000);
        unit.powerCycle(Kind.CLEARED_TO_CASHBOX, true);
        // Credited once, from E2, and the unit is enabled again after the window.
        eventually(() -> assertThat(heard.of(Progress.Credited.class)).containsExactly(
                new Progress.Credited(10_000, 10_000, 20_000)));
        eventually(() -> assertThat(unit.enabledNow()).isNotEmpty());
        unit.toEscrow(10_000);
        unit.powerCycle(Kind.CLEARED_FROM_FRONT, true);
        eventually(() -> assertThat(heard.of(Progress.Returned.class)).containsExactly(
                new Progress.Returned(10_000, JournaledCashDesk.CLEARED_FRONT)));
        eventually(() -> assertThat(unit.enabledNow()).isNotEmpty());
        unit.toEscrow(5_000);
        unit.powerCycle(null, true); // neither event: by the journal, held and never credited
        eventually(() -> assertThat(heard.of(Progress.Returned.class)).hasSize(2));
        assertThat(heard.of(Progress.Returned.class).get(1)).isEqualTo(
                new Progress.Returned(5_000, JournaledCashDesk.RESET_RETURN));
        eventually(() -> assertThat(unit.enabledNow()).isNotEmpty());
        unit.insert(10_000);
        unit.insert(10_000);
        Result r = heard.awaitEnd();
        assertThat(r.status()).isEqualTo("paid");
        assertThat(r.insertedFen()).isEqualTo(30_000);
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(30_000);
        assertThat(desk.cashBox().unattributedFen()).isZero();
        assertThat(p.insertedFen()).isEqualTo(30_000);
    }

    @Test
    void aNoteCreditedJustBeforeAResetIsNotCountedAgainWhenTheUnitClearsItIntoTheBox() throws Exception {
        open(POLICY);
        Heard heard = new Heard();
        Payment p = desk.start(draft(30_000), heard);
        unit.toEscrow(10_000);
        unit.fire(FakeNoteAcceptor.event(Kind.CREDIT, 10_000)); // EE, and power lost before EB
        unit.powerCycle(Kind.CLEARED_TO_CASHBOX, true);
        eventually(() -> assertThat(unit.enabledNow()).isNotEmpty());
        Result r = p.cancel(Ending.CANCELLED);
        assertThat(r.insertedFen()).isEqualTo(10_000);
        assertThat(desk.cashBox().cashboxFen()).isEqualTo(10_000);
        assertThat(desk.cashBox().unattributedFen()).isZero();
    }

    @Test
    void nearFullTellsTheListenerOnceAndTakesCashAway() throws Exception {
        open(POLICY.withCapacity(4, 50));
        List<Long> told = new CopyOnWriteArrayList<>();
        desk.addBoxListener(new CashDesk.BoxListener() {
            @Override
            public void nearFull(CashJournal.CashBox box) {
                told.add(box.cashboxFen());
            }
        });
        Heard heard = new Heard();
        desk.start(draft(20_000), heard);
        unit.insert(10_000);
        assertThat(desk.canTakeCash()).isTrue();
        unit.insert(10_000);
        heard.awaitEnd();
        eventually(() -> assertThat(told).containsExactly(20_000L));
        assertThat(desk.canTakeCash()).isFalse();
        assertThatThrownBy(() -> desk.start(draft(1_000), new Heard())).isInstanceOf(CashException.class)
                .hasMessageContaining("钱箱快满了");
    }

    @Test
    void aUnitThatDoesNotAnswerRefusesThePaymentAndJournalsNothingOpen() throws Exception {
        open(POLICY);
        unit.fire(NoteEvent.of(Kind.LINK_LOST));
        assertThat(desk.canTakeCash()).isFalse();
        assertThatThrownBy(() -> desk.start(draft(1_000), new Heard())).isInstanceOf(CashException.class)
                .hasMessageContaining("收钞机");
        assertThat(store.cash().unfinished()).isEmpty();
    }

    @Test
    void theHandlerContractAnEscrowDecisionWithNoPaymentIsReturn() throws Exception {
        open(POLICY);
        CashHandler h = (CashHandler) desk;
        assertThat(h.escrowed(6, 10_000)).isEqualTo(CashHandler.Decision.RETURN);
        assertThat(unit.commands()).isEmpty();
        assertThat(desk.policy().acceptedFen()).isEqualTo(Set.of(1_000L, 2_000L, 5_000L, 10_000L));
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
