package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Payments;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.Enrollment;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.PaymentStatus;
import cn.yzz.kiosk.cache.sync.QrOrder;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CountyServices#recoverOpenPayments()} against a dev-backend, without crashing anything: the journal rows a
 * crash would leave are made by hand (or by the real path with the county's answer dropped), and recovery ends them:
 * paid → queued once; unpaid → cancelled at the county and closed here; never created as far as the kiosk knows →
 * the same order asked for again by transaction id, and ended; held by a live run → left alone.
 */
class CountyServicesRecoveryTest {

    private static final String CODE = "7K3Q-92XD";

    @TempDir
    Path dir;

    private DevBackend backend;
    private CountyLink link;
    private CountyServices services;
    private BackendClient client;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir.resolve("backend"), CODE, FaultSettings.none());
        Enrollment e = new BackendClient(SyncConfig.defaults(backend.url(), null, null, true), Clock.systemUTC())
                .enroll(new EnrollRequest(CODE, "enhanced", "440203101201", "recovery-test", "1.0.0"));
        new EnrollmentFile(backend.url(), e.kioskId(), e.token(), "enhanced", "440203101201", true).save(dir.resolve("kiosk"));
        link = CountyLink.open(dir.resolve("kiosk"), HeartbeatSnapshot::empty, ok -> { });
        services = new CountyServices(() -> Optional.of(link));
        client = link.client().orElseThrow();
    }

    @AfterEach
    void stop() {
        if (services != null) {
            services.close();
        }
        if (link != null) {
            link.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static Transaction draft() {
        return new Transaction(UuidV7.next(), "payment", "SWJ-0001", OffsetDateTime.now(ZoneOffset.ofHours(8)),
                "visit-" + UUID.randomUUID(), new Person("440203195103152316", "李秀英"),
                Map.of("insurance", "城乡居民养老保险", "year", "2026", "grade", "300"), 30000L, Transaction.QR, null, null,
                null);
    }

    /** What a crash after the order was created leaves: an OPEN row that knows its order. */
    private QrOrder journaledAndCreated(Transaction d) throws Exception {
        link.payments().open(d);
        QrOrder o = client.createQrPayment(d.id(), d.serviceCode(), d.amountFen(), d.person());
        assertThat(link.payments().orderCreated(d.id(), o.orderId(), o.payUrl(), o.expiresAt().toInstant()))
                .isEqualTo(Payments.State.OPEN);
        return o;
    }

    private Payments.Payment row(Transaction d) throws Exception {
        return link.payments().find(d.id()).orElseThrow();
    }

    private List<OutboxEntry> queued(Transaction d) throws Exception {
        return link.outbox().list(10_000).stream().filter(e -> e.transaction().id().equals(d.id())).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anOrderPaidAtTheCountyIsQueuedOnceAndASecondRecoveryDoesNothing() throws Exception {
        Transaction d = draft();
        QrOrder o = journaledAndCreated(d);
        assertThat(backend.payOrder(o.orderId())).isTrue(); // the phone paid; the kiosk died before it heard

        assertThat(services.recoverOpenPayments()).isEqualTo(1);

        Payments.Payment p = row(d);
        assertThat(p.state()).isEqualTo(Payments.State.PAID);
        List<OutboxEntry> q = queued(d);
        assertThat(q).hasSize(1);
        Transaction t = q.get(0).transaction();
        assertThat(t.method()).isEqualTo("qr");
        assertThat(t.orderId()).isEqualTo(o.orderId());
        assertThat(t.amountFen()).isEqualTo(30000L);
        assertThat(t.receiptNo()).startsWith(link.kioskId() + "-");
        assertThat(link.payments().findByReceiptNo(t.receiptNo()).orElseThrow().transactionId()).isEqualTo(d.id());

        assertThat(services.recoverOpenPayments()).as("nothing left open").isZero();
        assertThat(queued(d)).hasSize(1);
        assertThat(link.outbox().list(10_000)).filteredOn(e -> e.transaction().type().equals("payment")).hasSize(1);

        link.queued();
        await("uploaded", () -> backend.storedCount(d.id().toString()) == 1);
        assertThat(backend.storedTransactions()).filteredOn(s -> o.orderId().equals(s.orderId())).hasSize(1);
    }

    @Test
    void twoRecoveriesAtOnceStillQueueAPaidOrderOnce() throws Exception {
        // The kiosk starts one when the outbox opens and one when the county becomes reachable: they may overlap.
        Transaction d = draft();
        QrOrder o = journaledAndCreated(d);
        backend.payOrder(o.orderId());
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(services::recoverOpenPayments);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(services::recoverOpenPayments);
        assertThat(a.get(20, TimeUnit.SECONDS) + b.get(20, TimeUnit.SECONDS)).isBetween(1, 2);
        assertThat(row(d).state()).isEqualTo(Payments.State.PAID);
        assertThat(queued(d)).hasSize(1);
        assertThat(link.outbox().list(10_000)).filteredOn(e -> e.transaction().type().equals("payment")).hasSize(1);
    }

    @Test
    void anUnpaidOrderIsCancelledAtTheCountyAndClosedHere() throws Exception {
        Transaction d = draft();
        QrOrder o = journaledAndCreated(d);

        assertThat(services.recoverOpenPayments()).isEqualTo(1);

        assertThat(client.paymentStatus(o.orderId())).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(row(d).state()).isEqualTo(Payments.State.CANCELLED);
        assertThat(queued(d)).isEmpty();
        assertThat(backend.payOrder(o.orderId())).isTrue(); // the phone comes too late: the order stays cancelled
        assertThat(client.paymentStatus(o.orderId())).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(services.recoverOpenPayments()).isZero();
        assertThat(queued(d)).isEmpty();
    }

    @Test
    void anOrderTheKioskNeverHeardOfIsAskedForAgainByTransactionIdAndEnded() throws Exception {
        // Journaled, then the kiosk died before POST /payments/qr answered: the county may or may not have made it.
        Transaction never = draft();
        link.payments().open(never);
        Transaction unheard = draft();
        link.payments().open(unheard);
        QrOrder made = client.createQrPayment(unheard.id(), unheard.serviceCode(), unheard.amountFen(), unheard.person());

        assertThat(services.recoverOpenPayments()).isEqualTo(2);

        Payments.Payment p = row(unheard);
        assertThat(p.orderId()).as("the same order, asked for again by transaction id").isEqualTo(made.orderId());
        assertThat(p.state()).isEqualTo(Payments.State.CANCELLED);
        assertThat(client.paymentStatus(made.orderId())).isEqualTo(PaymentStatus.CANCELLED);
        Payments.Payment q = row(never);
        assertThat(q.orderId()).isNotNull();
        assertThat(q.state()).isEqualTo(Payments.State.CANCELLED);
        assertThat(client.paymentStatus(q.orderId())).isEqualTo(PaymentStatus.CANCELLED);
        // Asking once more still names those orders: no second order was made for either transaction.
        assertThat(client.createQrPayment(never.id(), never.serviceCode(), never.amountFen(), never.person()).orderId())
                .isEqualTo(q.orderId());
        assertThat(queued(never)).isEmpty();
        assertThat(queued(unheard)).isEmpty();
    }

    @Test
    void theRealPathWhoseOrderAnswerWasLostIsLeftToRecovery() throws Exception {
        // The county makes the order but its answer is lost: the run fails (the QR code was never shown) and lets go.
        backend.faults().set("drop-after-commit=1,only=payments/qr");
        Transaction d = draft();
        assertThatThrownBy(() -> services.openQrOrder(d).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(County.Unreachable.class);
        assertThat(row(d).state()).isEqualTo(Payments.State.OPEN);
        assertThat(row(d).orderId()).isNull();
        backend.faults().clear();

        assertThat(services.recoverOpenPayments()).isEqualTo(1);

        Payments.Payment p = row(d);
        assertThat(p.state()).isEqualTo(Payments.State.CANCELLED);
        assertThat(client.paymentStatus(p.orderId())).isEqualTo(PaymentStatus.CANCELLED);
    }

    @Test
    void aPaymentALiveRunHoldsIsNotTouchedAndAnUnreachableCountyLeavesTheRestOpen() throws Exception {
        Transaction live = draft();
        County.QrOrder shown = services.openQrOrder(live).get(20, TimeUnit.SECONDS); // on screen now
        Transaction left = draft();
        QrOrder o = journaledAndCreated(left);

        backend.faults().set("drop-before-commit=1");
        assertThat(services.recoverOpenPayments()).as("the county does not answer").isZero();
        assertThat(row(left).state()).isEqualTo(Payments.State.OPEN);
        backend.faults().clear();

        assertThat(services.recoverOpenPayments()).as("only the one no run holds").isEqualTo(1);
        assertThat(row(left).state()).isEqualTo(Payments.State.CANCELLED);
        assertThat(client.paymentStatus(o.orderId())).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(row(live).state()).isEqualTo(Payments.State.OPEN);
        assertThat(client.paymentStatus(shown.orderId())).as("still payable on screen").isEqualTo(PaymentStatus.PENDING);

        // The villager pays; the run commits it; recovery still has nothing to do.
        assertThat(backend.payOrder(shown.orderId())).isTrue();
        assertThat(services.orderState(shown.orderId()).get(20, TimeUnit.SECONDS)).isEqualTo(County.OrderState.PAID);
        Transaction t = services.commitPaid(live.id()).get(20, TimeUnit.SECONDS);
        assertThat(t.orderId()).isEqualTo(shown.orderId());
        assertThat(services.recoverOpenPayments()).isZero();
        assertThat(queued(live)).hasSize(1);
        assertThat(services.commitPaid(live.id()).get(20, TimeUnit.SECONDS).receiptNo())
                .as("committing again returns the same").isEqualTo(t.receiptNo());
        assertThat(queued(live)).hasSize(1);
    }
}
