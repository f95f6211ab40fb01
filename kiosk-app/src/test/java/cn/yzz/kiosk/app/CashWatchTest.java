package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.support.TestFxThread;
import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cashin.CashDesk;
import cn.yzz.kiosk.cashin.CashPolicy;
import cn.yzz.kiosk.device.cash.SspNoteAcceptor;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptLine;
import cn.yzz.kiosk.device.serial.MemoryCable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's cash from start to close on the real pieces: the note validator emulator on an in-memory cable, the
 * SSP driver, the journaled cash desk on the kiosk's SQLite store (opened as CountyLink opens it), and a receipt
 * printer that records what it is given.
 */
class CashWatchTest {

    private static final CashPolicy QUICK = CashPolicy.defaults().withRecovery(Duration.ofMillis(300), Duration.ofSeconds(10));

    @TempDir
    Path data;

    private final MemoryCable cable = new MemoryCable("test-cash");
    private final TestFxThread fx = new TestFxThread();
    private final List<Receipt> printed = new CopyOnWriteArrayList<>();
    private NoteAcceptorEmulator unit;
    private CountyLink link;
    private SspNoteAcceptor acceptor;
    private CashWatch watch;

    private final ReceiptOut printer = new ReceiptOut() {
        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public String why() {
            return "";
        }

        @Override
        public Paper paper() {
            return Paper.MM80;
        }

        @Override
        public CompletableFuture<?> print(Receipt r) {
            printed.add(r);
            return CompletableFuture.completedFuture(null);
        }
    };

    @AfterEach
    void close() {
        if (watch != null) {
            watch.close();
        }
        if (acceptor != null) {
            acceptor.close();
        }
        if (link != null) {
            link.close();
        }
        if (unit != null) {
            unit.close();
        }
        fx.close();
    }

    private void start() throws Exception {
        if (unit == null) {
            unit = new NoteAcceptorEmulator(cable::openDevice, data.resolve("note-acceptor.state"), Dataset.CNY);
        }
        if (link == null) {
            // Enrolled (receipt and voucher numbers begin with the kiosk's id) with a county nobody answers at.
            new cn.yzz.kiosk.cache.sync.EnrollmentFile("http://127.0.0.1:9", "WJ-0042", "token", "enhanced", "440000", true)
                    .save(data);
            link = CountyLink.open(data, HeartbeatSnapshot::empty, ok -> { });
        }
        acceptor = new SspNoteAcceptor("cash-acceptor", cable::openHost, NoteAcceptorEmulator.BAUD,
                SspNoteAcceptor.Options.defaults());
        watch = new CashWatch(acceptor, printer, fx, Clock.systemUTC(), QUICK);
        watch.start(link);
    }

    private boolean takesCash() {
        return fx.call(() -> watch.takesCashProperty().get());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static Transaction draft(long dueFen) {
        return new Transaction(UuidV7.next(), "payment", "SWJ-0001", OffsetDateTime.now(), "s1",
                new Person("440203195103152316", "李秀英"), Map.of("grade", "180"), dueFen, Transaction.CASH, null, null, null);
    }

    /** Starts a payment on the till's thread, as the cash step does; returns where its ending arrives. */
    private CompletableFuture<CashDesk.Result> pay(long dueFen) throws Exception {
        CompletableFuture<CashDesk.Result> ended = new CompletableFuture<>();
        CompletableFuture<CashDesk.Payment> started = new CompletableFuture<>();
        watch.till().work().execute(() -> {
            try {
                started.complete(watch.till().desk().get().start(draft(dueFen), p -> {
                    if (p instanceof CashDesk.Progress.Ended e) {
                        ended.complete(e.result());
                    }
                }));
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        started.get(10, TimeUnit.SECONDS);
        return ended;
    }

    private void insert(long fen) throws InterruptedException {
        await("the unit to draw in " + fen, () -> unit.insert(fen));
    }

    private static String title(Receipt r) {
        return ((ReceiptLine.Title) r.lines().get(0)).text();
    }

    private static List<String> fields(Receipt r) {
        return r.lines().stream().filter(ReceiptLine.Field.class::isInstance).map(ReceiptLine.Field.class::cast)
                .map(f -> f.label() + "=" + f.value()).toList();
    }

    @Test
    void cashIsOfferedOnceReconciledCountsInHeartbeatsAndLeavesWhileTheBoxIsOutWhoseAuditPrints() throws Exception {
        start();
        await("cash taken after the reconciliation", this::takesCash);
        assertThat(watch.snapshot(HeartbeatSnapshot.empty()).cash()).isEqualTo(new HeartbeatSnapshot.Cash(0, 0, 600));

        CompletableFuture<CashDesk.Result> ended = pay(2000);
        insert(2000);
        CashDesk.Result r = ended.get(20, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo("paid");
        assertThat(watch.snapshot(HeartbeatSnapshot.empty()).cash()).as("the heartbeat's cash")
                .isEqualTo(new HeartbeatSnapshot.Cash(2000, 1, 600));

        unit.removeCashbox();
        await("cash left out while the box is out", () -> !takesCash());
        unit.replaceCashbox();
        await("the audit printed", () -> printed.stream().anyMatch(p -> title(p).equals("钱箱清点单")));
        Receipt audit = printed.stream().filter(p -> title(p).equals("钱箱清点单")).findFirst().orElseThrow();
        assertThat(fields(audit)).contains("20 元 × 1 张=20.00 元", "合计张数=1 张");
        assertThat(audit.lines()).contains(new ReceiptLine.Amount("合计金额", new java.math.BigDecimal("20.00")));
        await("cash taken again", this::takesCash);
        assertThat(watch.snapshot(HeartbeatSnapshot.empty()).cash()).as("a new box period")
                .isEqualTo(new HeartbeatSnapshot.Cash(0, 0, 600));
        List<Transaction> audits = link.outbox().list(100).stream().map(e -> e.transaction())
                .filter(t -> t.type().equals("cash-audit")).toList();
        assertThat(audits).hasSize(1);
    }

    @Test
    void aPaymentACrashLeftOpenIsEndedAtStartAndItsVoucherPrinted() throws Exception {
        start();
        await("cash taken", this::takesCash);
        CompletableFuture<CashDesk.Result> ended = pay(5000);
        insert(2000);
        await("the note credited", () -> {
            try {
                return link.cashJournal().unfinished().stream().anyMatch(p -> p.creditedFen() == 2000);
            } catch (Exception e) {
                return false;
            }
        });
        // The kiosk stops here (as a crash would leave it): the payment stays open in the journal.
        watch.close();
        acceptor.close();
        assertThat(ended).isNotDone();
        assertThat(link.cashJournal().unfinished()).hasSize(1);

        start();
        await("the voucher owed printed", () -> printed.stream().anyMatch(p -> title(p).equals("找零券")));
        Receipt voucher = printed.stream().filter(p -> title(p).equals("找零券")).findFirst().orElseThrow();
        assertThat(voucher.lines()).contains(new ReceiptLine.Amount("找零金额", new java.math.BigDecimal("20.00")));
        assertThat(fields(voucher)).contains("缴费人=李**", "缴费=未缴费（已取消）");
        assertThat(link.cashJournal().unfinished()).isEmpty();
        Transaction queued = link.outbox().list(100).stream().map(e -> e.transaction()).filter(t -> "payment".equals(t.type()))
                .findFirst().orElseThrow();
        assertThat(queued.amountFen()).as("unpaid: the voucher is for all of it").isZero();
        assertThat(((Number) queued.cash().get("voucherFen")).longValue()).isEqualTo(2000);
        assertThat(((Number) queued.cash().get("insertedFen")).longValue()).isEqualTo(2000);
        assertThat(link.cashJournal().find(queued.id()).orElseThrow().state()).isEqualTo(CashJournal.State.VOUCHER);
        await("cash taken after the reconciliation", this::takesCash);
    }
}
