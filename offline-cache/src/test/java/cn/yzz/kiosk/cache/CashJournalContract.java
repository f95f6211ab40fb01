package cn.yzz.kiosk.cache;

import static cn.yzz.kiosk.cache.Transactions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.CashJournal.CashBox;
import cn.yzz.kiosk.cache.CashJournal.CashPayment;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.CashJournal.Escrow;
import cn.yzz.kiosk.cache.CashJournal.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cash-in journal's contract: every state move and every refusal (SqliteCashJournalTest runs it). */
public abstract class CashJournalContract {

    protected static final String KIOSK = "WJ-0042";
    protected final TestClock clock = new TestClock(T0.toInstant().plus(Duration.ofMinutes(1)));
    protected Outbox outbox;
    protected CashJournal cash;

    /** A fresh, empty journal and the outbox it queues into, stamping times from {@code clock}. */
    protected abstract void create(Clock clock) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        create(clock);
    }

    protected Transaction opened(long dueFen) throws StoreException {
        Transaction draft = Transactions.cashDraft(0, dueFen);
        cash.open(draft);
        return draft;
    }

    /** One note through escrow to credit, as the desk does it. */
    protected CashPayment insert(UUID id, long valueFen) throws StoreException {
        cash.escrowed(id, channel(valueFen), valueFen);
        return cash.credited(id, channel(valueFen), valueFen);
    }

    protected static int channel(long valueFen) {
        return switch ((int) valueFen) {
            case 500 -> 1;
            case 1000 -> 2;
            case 2000 -> 3;
            case 5000 -> 4;
            default -> 5;
        };
    }

    private static void refused(ThrowingCallable call, String words) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.STATE)).hasMessageContaining(words);
    }

    private List<Transaction> queued() throws StoreException {
        return outbox.peekDue(Instant.parse("2100-01-01T00:00:00Z"), 100).stream().map(OutboxEntry::transaction).toList();
    }

    @Test
    void anOpenedPaymentIsUnfinishedWithItsWholeDraftAndNothingQueued() throws Exception {
        Transaction draft = opened(30000);

        CashPayment p = cash.find(draft.id()).orElseThrow();
        assertThat(p.state()).isEqualTo(State.OPEN);
        assertThat(p.dueFen()).isEqualTo(30000);
        assertThat(p.creditedFen()).isZero();
        assertThat(p.notes()).isEmpty();
        assertThat(p.escrow()).isNull();
        assertThat(p.draft()).isEqualTo(draft);
        assertThat(p.draft().person()).isEqualTo(Transactions.LI);
        assertThat(p.draft().data()).containsKey(Transaction.MEMBERS);
        assertThat(p.queued()).isNull();
        assertThat(p.ending()).isNull();
        assertThat(p.openedAt()).isEqualTo(clock.instant());
        assertThat(cash.unfinished()).extracting(CashPayment::transactionId).containsExactly(draft.id());
        assertThat(cash.cashBox().openPayments()).isEqualTo(1);
        assertThat(queued()).isEmpty();
    }

    @Test
    void openRefusesTheSameIdTwiceAndASecondPaymentWhileOneIsNotEnded() throws Exception {
        Transaction draft = opened(30000);
        refused(() -> cash.open(draft), "journaled already");
        refused(() -> cash.open(Transactions.cashDraft(5, 10000)), "is not ended");
        cash.settle(draft.id(), KIOSK, Ending.CANCELLED);
        Transaction next = Transactions.cashDraft(10, 10000);
        cash.open(next);
        assertThat(cash.unfinished()).extracting(CashPayment::transactionId).containsExactly(next.id());
    }

    @Test
    void openTakesOnlyACashPaymentDraftWithAnAmountDue() {
        assertThatThrownBy(() -> cash.open(Transactions.householdQr(0, null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cash.open(Transactions.cashDraft(0, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cash.open(Transactions.cashDraft(0, 100).withReceiptNo("WJ-0042-20261122-0001")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNoteInEscrowMakesThePaymentCollectingAndASecondIsRefused() throws Exception {
        Transaction draft = opened(30000);
        clock.advance(Duration.ofSeconds(3));
        cash.escrowed(draft.id(), 5, 10000);

        CashPayment p = cash.find(draft.id()).orElseThrow();
        assertThat(p.state()).isEqualTo(State.COLLECTING);
        assertThat(p.escrow()).isEqualTo(new Escrow(5, 10000, clock.instant()));
        assertThat(p.creditedFen()).as("escrow is not credit").isZero();
        assertThat(cash.cashBox().cashboxFen()).isZero();
        refused(() -> cash.escrowed(draft.id(), 4, 5000), "already holds a note");
    }

    @Test
    void aReturnedNoteClosesTheEscrowWithoutCreditAndAnotherMayFollow() throws Exception {
        Transaction draft = opened(30000);
        cash.escrowed(draft.id(), 5, 10000);
        cash.returned(draft.id(), "取消");
        cash.returned(draft.id(), "reported twice"); // nothing in escrow: changes nothing

        CashPayment p = cash.find(draft.id()).orElseThrow();
        assertThat(p.state()).isEqualTo(State.COLLECTING);
        assertThat(p.escrow()).isNull();
        assertThat(p.creditedFen()).isZero();
        cash.escrowed(draft.id(), 4, 5000);
        assertThat(cash.find(draft.id()).orElseThrow().escrow().valueFen()).isEqualTo(5000);
    }

    @Test
    void creditClosesTheEscrowAndCountsInThePaymentAndTheCashBoxAtOnce() throws Exception {
        Transaction draft = opened(30000);
        CashPayment after = insert(draft.id(), 10000);

        assertThat(after.state()).isEqualTo(State.COLLECTING);
        assertThat(after.escrow()).isNull();
        assertThat(after.creditedFen()).isEqualTo(10000);
        assertThat(after.notes()).containsExactly(Map.entry(10000L, 1));
        after = insert(draft.id(), 5000);
        after = insert(draft.id(), 10000);
        assertThat(after.creditedFen()).isEqualTo(25000);
        assertThat(after.notes()).containsExactly(Map.entry(5000L, 1), Map.entry(10000L, 2));
        assertThat(cash.find(draft.id()).orElseThrow()).isEqualTo(after);

        CashBox box = cash.cashBox();
        assertThat(box.cashboxFen()).isEqualTo(25000);
        assertThat(box.notes()).containsExactly(Map.entry(5000L, 1), Map.entry(10000L, 2));
        assertThat(box.noteCount()).isEqualTo(3);
        assertThat(box.unattributedFen()).isZero();
    }

    @Test
    void eachCreditIsOneMoreNoteEvenWithoutAnEscrow() throws Exception {
        Transaction draft = opened(30000);
        cash.credited(draft.id(), 5, 10000); // a note cleared into the box at power-up, its escrow already closed
        CashPayment p = cash.credited(draft.id(), 5, 10000);
        assertThat(p.state()).isEqualTo(State.COLLECTING);
        assertThat(p.creditedFen()).isEqualTo(20000);
    }

    @Test
    void exactlyEnoughIsPaidAndQueuedWithItsReceiptNumberAndNoVoucher() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        insert(draft.id(), 10000);
        insert(draft.id(), 10000);
        clock.advance(Duration.ofSeconds(20));

        CashPayment p = cash.settle(draft.id(), KIOSK, Ending.ENOUGH);

        assertThat(p.state()).isEqualTo(State.PAID);
        assertThat(p.ending()).isEqualTo(Ending.ENOUGH);
        assertThat(p.voucherFen()).isZero();
        assertThat(p.voucherNo()).isNull();
        Transaction t = p.queued();
        assertThat(t.receiptNo()).isEqualTo("WJ-0042-20261122-0001");
        assertThat(t.method()).isEqualTo(Transaction.CASH);
        assertThat(t.amountFen()).isEqualTo(30000);
        assertThat(t.cash()).isEqualTo(Map.of("insertedFen", 30000, "notes", Map.of("10000", 3)));
        assertThat(t.person()).isEqualTo(Transactions.LI);
        assertThat(t.data()).isEqualTo(draft.data());
        assertThat(t.createdAt()).isEqualTo(draft.createdAt());
        assertThat(queued()).containsExactly(t);
        assertThat(cash.unfinished()).isEmpty();
        assertThat(cash.cashBox().openPayments()).isZero();
        assertThat(cash.find(draft.id()).orElseThrow().queued()).isEqualTo(t);
    }

    @Test
    void overpaymentIsPaidWithAChangeVoucherNumberedPerKioskAndDay() throws Exception {
        Transaction first = opened(30000);
        insert(first.id(), 10000);
        insert(first.id(), 10000);
        insert(first.id(), 10000);
        insert(first.id(), 5000);
        CashPayment p = cash.settle(first.id(), KIOSK, Ending.ENOUGH);

        assertThat(p.state()).isEqualTo(State.PAID);
        assertThat(p.voucherFen()).isEqualTo(5000);
        assertThat(p.voucherNo()).isEqualTo("WJ-0042-Z20261122-01");
        assertThat(p.queued().amountFen()).isEqualTo(30000);
        assertThat(p.queued().cash()).isEqualTo(Map.of("insertedFen", 35000, "notes", Map.of("10000", 3, "5000", 1),
                "voucherFen", 5000, "voucherNo", "WJ-0042-Z20261122-01"));

        Transaction second = Transactions.cashDraft(60, 1000);
        cash.open(second);
        insert(second.id(), 2000);
        assertThat(cash.settle(second.id(), KIOSK, Ending.ENOUGH).voucherNo()).isEqualTo("WJ-0042-Z20261122-02");
    }

    @Test
    void tooLittleEndsAsAVoucherForEverythingInsertedQueuedUnpaid() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        insert(draft.id(), 2000);

        CashPayment p = cash.settle(draft.id(), KIOSK, Ending.CANCELLED);

        assertThat(p.state()).isEqualTo(State.VOUCHER);
        assertThat(p.ending()).isEqualTo(Ending.CANCELLED);
        assertThat(p.voucherFen()).isEqualTo(12000);
        assertThat(p.voucherNo()).isEqualTo("WJ-0042-Z20261122-01");
        assertThat(p.queued().amountFen()).as("unpaid").isZero();
        assertThat(p.queued().cash()).isEqualTo(Map.of("insertedFen", 12000, "notes", Map.of("10000", 1, "2000", 1),
                "voucherFen", 12000, "voucherNo", "WJ-0042-Z20261122-01"));
        assertThat(p.queued().receiptNo()).isEqualTo("WJ-0042-20261122-0001");
        assertThat(queued()).containsExactly(p.queued());
    }

    @Test
    void nothingCreditedEndsCancelledAndQueuesNothing() throws Exception {
        Transaction draft = opened(30000);
        cash.escrowed(draft.id(), 5, 10000);
        cash.returned(draft.id(), "取消");

        CashPayment p = cash.settle(draft.id(), KIOSK, Ending.TIMED_OUT);

        assertThat(p.state()).isEqualTo(State.CANCELLED);
        assertThat(p.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(p.queued()).isNull();
        assertThat(p.voucherNo()).isNull();
        assertThat(queued()).isEmpty();
        assertThat(cash.unfinished()).isEmpty();
    }

    @Test
    void settleIsIdempotentAndQueuesOnce() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        CashPayment first = cash.settle(draft.id(), KIOSK, Ending.CANCELLED);
        clock.advance(Duration.ofMinutes(1));

        CashPayment again = cash.settle(draft.id(), KIOSK, Ending.RECOVERED);

        assertThat(again).isEqualTo(first);
        assertThat(again.ending()).as("ended as it ended").isEqualTo(Ending.CANCELLED);
        assertThat(queued()).hasSize(1);
    }

    @Test
    void settleRefusesWhileANoteIsInEscrowAndEnoughWhenItIsNot() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        cash.escrowed(draft.id(), 5, 10000);
        refused(() -> cash.settle(draft.id(), KIOSK, Ending.CANCELLED), "in escrow");
        cash.returned(draft.id(), "取消");
        refused(() -> cash.settle(draft.id(), KIOSK, Ending.ENOUGH), "not enough");
        assertThat(cash.find(draft.id()).orElseThrow().state()).isEqualTo(State.COLLECTING);
        assertThat(queued()).isEmpty();
    }

    @Test
    void anEndedPaymentTakesNoNoteButReturnedIsHarmless() throws Exception {
        Transaction draft = opened(10000);
        insert(draft.id(), 10000);
        cash.settle(draft.id(), KIOSK, Ending.ENOUGH);

        refused(() -> cash.credited(draft.id(), 5, 10000), "unattributed");
        refused(() -> cash.escrowed(draft.id(), 5, 10000), "takes no more notes");
        cash.returned(draft.id(), "late report");
        assertThat(cash.find(draft.id()).orElseThrow().creditedFen()).isEqualTo(10000);
        assertThat(cash.cashBox().cashboxFen()).isEqualTo(10000);
    }

    @Test
    void unknownIdsAreRefused() throws Exception {
        UUID nobody = UuidV7.next();
        refused(() -> cash.escrowed(nobody, 5, 10000), "no cash payment");
        refused(() -> cash.credited(nobody, 5, 10000), "no cash payment");
        refused(() -> cash.returned(nobody, "x"), "no cash payment");
        refused(() -> cash.settle(nobody, KIOSK, Ending.CANCELLED), "no cash payment");
        assertThat(cash.find(nobody)).isEmpty();
        assertThatThrownBy(() -> cash.credited(nobody, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnattributedNoteCountsInTheCashBoxAndIsListedApart() throws Exception {
        cash.unattributed(5, 10000, "cleared into the box at power-up, no note in escrow");
        Transaction draft = opened(10000);
        insert(draft.id(), 5000);

        CashBox box = cash.cashBox();
        assertThat(box.cashboxFen()).isEqualTo(15000);
        assertThat(box.notes()).containsExactly(Map.entry(5000L, 1), Map.entry(10000L, 1));
        assertThat(box.noteCount()).isEqualTo(2);
        assertThat(box.unattributedFen()).isEqualTo(10000);
        assertThat(box.unattributedNotes()).isEqualTo(1);
        assertThat(cash.find(draft.id()).orElseThrow().creditedFen()).isEqualTo(5000);
    }

    @Test
    void replacingTheCashBoxQueuesAnAuditOfThePeriodAndStartsANewOneAtZero() throws Exception {
        Instant firstStart = cash.cashBox().periodStart();
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        insert(draft.id(), 10000);
        insert(draft.id(), 10000);
        insert(draft.id(), 5000);
        cash.settle(draft.id(), KIOSK, Ending.ENOUGH);
        cash.unattributed(3, 2000, "power-up");
        clock.advance(Duration.ofHours(2));
        cash.cashboxRemoved();
        assertThat(cash.cashBox().cashboxFen()).as("the period goes on until replaced").isEqualTo(37000);
        clock.advance(Duration.ofMinutes(5));

        Transaction audit = cash.cashboxReplaced(KIOSK);

        assertThat(audit.type()).isEqualTo("cash-audit");
        assertThat(audit.serviceCode()).isNull();
        assertThat(audit.amountFen()).isNull();
        assertThat(audit.person()).isNull();
        assertThat(audit.receiptNo()).isEqualTo("WJ-0042-20261122-0002");
        assertThat(audit.createdAt().toInstant()).isEqualTo(clock.instant());
        assertThat(audit.createdAt().getOffset()).as("the kiosk's offset, as its payments").isEqualTo(T0.getOffset());
        assertThat(audit.cash()).containsEntry("cashboxFen", 37000)
                .containsEntry("notes", Map.of("10000", 3, "5000", 1, "2000", 1))
                .containsEntry("unattributedFen", 2000)
                .containsEntry("periodEnd", "2026-11-22T11:36:00+08:00")
                .containsKey("journalHash");
        assertThat(Instant.parse((String) audit.cash().get("periodStart"))).isEqualTo(firstStart.truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
        assertThat(queued()).hasSize(2).contains(audit);

        CashBox box = cash.cashBox();
        assertThat(box.cashboxFen()).isZero();
        assertThat(box.notes()).isEmpty();
        assertThat(box.noteCount()).isZero();
        assertThat(box.unattributedFen()).isZero();
        assertThat(box.periodStart()).isEqualTo(clock.instant());

        Transaction next = Transactions.cashDraft(8000, 5000);
        cash.open(next);
        insert(next.id(), 5000);
        assertThat(cash.cashBox().cashboxFen()).isEqualTo(5000);
    }

    @Test
    void anEmptyBoxIsAuditedAtZero() throws Exception {
        Transaction audit = cash.cashboxReplaced(KIOSK);
        assertThat(audit.cash()).containsEntry("cashboxFen", 0).containsEntry("notes", Map.of())
                .containsEntry("unattributedFen", 0);
        assertThat(cash.cashboxReplaced(KIOSK).id()).isNotEqualTo(audit.id());
    }

    @Test
    void aBoxReplacedDuringAPaymentSplitsItsNotesBetweenThePeriodsNotThePayment() throws Exception {
        Transaction draft = opened(30000);
        insert(draft.id(), 10000);
        Transaction audit = cash.cashboxReplaced(KIOSK);
        insert(draft.id(), 20000);
        CashPayment p = cash.settle(draft.id(), KIOSK, Ending.ENOUGH);

        assertThat(audit.cash()).containsEntry("cashboxFen", 10000);
        assertThat(cash.cashBox().cashboxFen()).isEqualTo(20000);
        assertThat(p.creditedFen()).isEqualTo(30000);
        assertThat(p.queued().cash()).containsEntry("insertedFen", 30000);
    }
}
