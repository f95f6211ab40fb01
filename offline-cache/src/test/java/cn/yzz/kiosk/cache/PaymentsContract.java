package cn.yzz.kiosk.cache;

import static cn.yzz.kiosk.cache.Transactions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.Payments.OpenPayment;
import cn.yzz.kiosk.cache.Payments.Payment;
import cn.yzz.kiosk.cache.Payments.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payment journal's contract; every implementation runs it (SqlitePaymentsTest, MemoryPaymentsTest). */
public abstract class PaymentsContract {

    protected static final String KIOSK = "WJ-0042";
    protected final TestClock clock = new TestClock(T0.toInstant().plus(Duration.ofMinutes(1)));
    protected Outbox outbox;
    protected Payments payments;

    /** A fresh, empty journal and the outbox it queues into, stamping times from {@code clock}. */
    protected abstract void create(Clock clock) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        create(clock);
    }

    private Transaction opened(long secondsAfterT0) throws StoreException {
        Transaction draft = Transactions.householdQr(secondsAfterT0, null);
        payments.open(draft);
        return draft;
    }

    private Instant expiry() {
        return clock.instant().plus(Duration.ofMinutes(5));
    }

    @Test
    void anOpenedPaymentIsListedForRecoveryWithItsWholeDraftThenItsOrder() throws Exception {
        Transaction draft = opened(0);
        assertThat(payments.open()).singleElement().satisfies(p -> {
            assertThat(p.draft()).isEqualTo(draft);
            assertThat(p.draft().person()).isEqualTo(Transactions.LI);
            assertThat(p.draft().data()).containsKey("members");
            assertThat(p.orderId()).isNull();
            assertThat(p.payUrl()).isNull();
            assertThat(p.expiresAt()).isNull();
        });
        assertThat(payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry())).isEqualTo(State.OPEN);
        OpenPayment p = payments.open().get(0);
        assertThat(p.orderId()).isEqualTo("ORD-1");
        assertThat(p.payUrl()).isEqualTo("http://pay/ORD-1");
        assertThat(p.expiresAt()).isEqualTo(expiry());
        assertThat(outbox.list(10)).as("nothing queued before paid").isEmpty();
    }

    @Test
    void paidQueuesTheDraftWithItsOrderAndReceiptNumberAndClosesTheRow() throws Exception {
        Transaction draft = opened(0);
        payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry());

        Transaction stored = payments.paid(draft.id(), KIOSK);

        assertThat(stored.receiptNo()).isEqualTo("WJ-0042-20261122-0001");
        assertThat(stored.method()).isEqualTo("qr");
        assertThat(stored.orderId()).isEqualTo("ORD-1");
        assertThat(stored).isEqualTo(draft.withOrder("ORD-1").withReceiptNo("WJ-0042-20261122-0001"));
        assertThat(outbox.peekDue(clock.instant(), 10)).extracting(OutboxEntry::transaction).containsExactly(stored);
        assertThat(payments.open()).isEmpty();
        Payment p = payments.find(draft.id()).orElseThrow();
        assertThat(p.state()).isEqualTo(State.PAID);
        assertThat(p.transaction()).isEqualTo(stored);
        assertThat(payments.findByReceiptNo("WJ-0042-20261122-0001")).map(Payment::transactionId).contains(draft.id());
        assertThat(payments.findByReceiptNo("WJ-0042-20261122-0002")).isEmpty();
    }

    @Test
    void paidIsIdempotentAndASecondCallQueuesNothingAndTakesNoNumber() throws Exception {
        Transaction draft = opened(0);
        payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry());
        Transaction first = payments.paid(draft.id(), KIOSK);
        Transaction second = payments.paid(draft.id(), KIOSK); // start-up recovery racing the poller, or a restart

        assertThat(second).isEqualTo(first);
        assertThat(outbox.list(10)).hasSize(1);
        Transaction next = opened(10);
        payments.orderCreated(next.id(), "ORD-2", "http://pay/ORD-2", expiry());
        assertThat(payments.paid(next.id(), KIOSK).receiptNo()).isEqualTo("WJ-0042-20261122-0002");
    }

    @Test
    void aQrPaymentWithoutAnOrderCannotBePaidAndUnknownIdsAreStateErrors() throws Exception {
        Transaction draft = opened(0);
        assertThatThrownBy(() -> payments.paid(draft.id(), KIOSK)).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.STATE);
        assertThat(outbox.list(10)).isEmpty();
        assertThat(payments.open()).hasSize(1);
        UUID unknown = UuidV7.next();
        assertThatThrownBy(() -> payments.paid(unknown, KIOSK)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> payments.close(unknown, State.CANCELLED)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> payments.orderCreated(unknown, "O", "u", expiry())).isInstanceOf(StoreException.class);
        assertThat(payments.find(unknown)).isEmpty();
    }

    @Test
    void aPaymentIsJournaledOnceAndOnlyAsADraftPayment() throws Exception {
        Transaction draft = opened(0);
        assertThatThrownBy(() -> payments.open(draft)).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.STATE);
        assertThatThrownBy(() -> payments.open(Transactions.evaluation(0, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> payments.open(Transactions.householdQr(1, "ORD-X")))
                .as("the order comes after the journal").isInstanceOf(IllegalArgumentException.class);
        assertThat(payments.open()).hasSize(1);
    }

    @Test
    void theSameOrderAgainIsHarmlessButAnotherOrderIsRefused() throws Exception {
        Transaction draft = opened(0);
        payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry());
        assertThat(payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry())).isEqualTo(State.OPEN);
        assertThatThrownBy(() -> payments.orderCreated(draft.id(), "ORD-2", "http://pay/ORD-2", expiry()))
                .isInstanceOf(StoreException.class);
        assertThat(payments.open().get(0).orderId()).isEqualTo("ORD-1");
    }

    @Test
    void closingLeavesTheListAndKeepsTheFirstWayItClosed() throws Exception {
        Transaction cancelled = opened(0);
        Transaction expired = opened(1);
        assertThat(payments.close(cancelled.id(), State.CANCELLED)).isEqualTo(State.CANCELLED);
        assertThat(payments.close(expired.id(), State.EXPIRED)).isEqualTo(State.EXPIRED);
        assertThat(payments.close(cancelled.id(), State.EXPIRED)).isEqualTo(State.CANCELLED);
        assertThat(payments.open()).isEmpty();
        assertThat(payments.find(expired.id()).orElseThrow().state()).isEqualTo(State.EXPIRED);
        assertThatThrownBy(() -> payments.close(cancelled.id(), State.PAID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> payments.close(cancelled.id(), State.OPEN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.list(10)).isEmpty();
    }

    @Test
    void aPaidRowNeverGoesBack() throws Exception {
        Transaction draft = opened(0);
        payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry());
        Transaction stored = payments.paid(draft.id(), KIOSK);
        assertThat(payments.close(draft.id(), State.CANCELLED)).as("the caller learns it was paid").isEqualTo(State.PAID);
        assertThat(payments.close(draft.id(), State.EXPIRED)).isEqualTo(State.PAID);
        assertThat(payments.find(draft.id()).orElseThrow().state()).isEqualTo(State.PAID);
        assertThat(payments.paid(draft.id(), KIOSK)).isEqualTo(stored);
        assertThat(outbox.list(10)).hasSize(1);
    }

    @Test
    void aCancelThatLostTheRaceWithThePhoneIsStillQueuedOnceWhenTheBackendSaysPaid() throws Exception {
        Transaction draft = opened(0);
        payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry());
        payments.close(draft.id(), State.CANCELLED);
        Transaction stored = payments.paid(draft.id(), KIOSK);
        assertThat(stored.orderId()).isEqualTo("ORD-1");
        assertThat(stored.person()).isEqualTo(Transactions.LI);
        assertThat(payments.find(draft.id()).orElseThrow().state()).isEqualTo(State.PAID);
        assertThat(outbox.list(10)).extracting(OutboxEntry::transaction).containsExactly(stored);
    }

    @Test
    void anOrderCreatedAfterTheVillagerCancelledTellsTheCallerToCancelIt() throws Exception {
        Transaction draft = opened(0);
        payments.close(draft.id(), State.CANCELLED);
        assertThat(payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry())).isEqualTo(State.CANCELLED);
        assertThat(payments.find(draft.id()).orElseThrow().orderId()).isEqualTo("ORD-1");
    }

    @Test
    void aCashDraftIsQueuedAsCashWithoutAnOrder() throws Exception {
        Transaction cash = new Transaction(UuidV7.next(), "payment", "RSJ-0007", T0, "s-c", Transactions.LI,
                Map.of("grade", "300"), 30000L, Transaction.CASH, null,
                Map.of("insertedFen", 30000, "notes", Map.of("10000", 3)), null);
        payments.open(cash);
        assertThatThrownBy(() -> payments.orderCreated(cash.id(), "O", "u", expiry())).isInstanceOf(StoreException.class);
        Transaction stored = payments.paid(cash.id(), KIOSK);
        assertThat(stored).isEqualTo(cash.withReceiptNo("WJ-0042-20261122-0001"));
    }

    @Test
    void recoveryListsOnlyOpenRowsOldestFirst() throws Exception {
        Transaction a = opened(0);
        clock.advance(Duration.ofSeconds(1));
        Transaction b = opened(1);
        clock.advance(Duration.ofSeconds(1));
        Transaction c = opened(2);
        payments.orderCreated(a.id(), "ORD-A", "http://pay/A", expiry());
        payments.orderCreated(b.id(), "ORD-B", "http://pay/B", expiry());
        payments.paid(a.id(), KIOSK);
        assertThat(payments.open()).extracting(p -> p.draft().id()).containsExactly(b.id(), c.id());
        assertThat(payments.open()).extracting(OpenPayment::orderId).containsExactly("ORD-B", null);
    }

    @Test
    void personalDataOfAClosedRowIsPurgedAfterTheRetentionAndAnOpenRowKeepsIt() throws Exception {
        Transaction open = opened(0);
        Transaction cancelled = opened(1);
        payments.close(cancelled.id(), State.CANCELLED);
        clock.advance(Duration.ofDays(31));
        assertThat(payments.purgePersonal(clock.instant(), Duration.ofDays(30))).isEqualTo(1);
        assertThat(payments.purgePersonal(clock.instant(), Duration.ofDays(30))).as("idempotent").isZero();
        Transaction left = payments.find(cancelled.id()).orElseThrow().transaction();
        assertThat(left.person()).isNull();
        assertThat(left.data()).doesNotContainKey("members");
        assertThat(payments.open().get(0).draft()).isEqualTo(open);
    }

    @Test
    void aPaidRowsPersonalDataLivesOnlyInTheOutboxAndGoesWithItsPurge() throws Exception {
        Transaction draft = opened(0);
        payments.orderCreated(draft.id(), "ORD-1", "http://pay/ORD-1", expiry());
        Transaction stored = payments.paid(draft.id(), KIOSK);
        assertThat(payments.find(draft.id()).orElseThrow().transaction().person()).isEqualTo(Transactions.LI);
        outbox.acknowledge(stored.id(), "CNTY-1");
        clock.advance(Duration.ofDays(31));
        outbox.purgePersonal(clock.instant(), Duration.ofDays(30));
        Payment p = payments.find(draft.id()).orElseThrow();
        assertThat(p.transaction()).isEqualTo(stored.withoutPersonalData());
        assertThat(payments.findByReceiptNo(stored.receiptNo()).orElseThrow().transaction().receiptNo())
                .as("the receipt can still be reprinted").isEqualTo("WJ-0042-20261122-0001");
        assertThat(payments.paid(draft.id(), KIOSK)).isEqualTo(stored.withoutPersonalData());
    }
}
