package cn.yzz.kiosk.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.Villager;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptLine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Paying in cash on the engine alone, through a cash desk double that ends payments by the contract's rules:
 * the JavaFX thread and the till's thread are the test's own.
 */
class CashPayStepTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final FakeCounty county = new FakeCounty(clock);
    private final FakeCashDesk desk = new FakeCashDesk();
    private final ManualScheduler timers = new ManualScheduler();
    private final AtomicInteger holds = new AtomicInteger();
    private final AtomicInteger wakes = new AtomicInteger();
    private final AtomicInteger slipsTaken = new AtomicInteger();
    private final List<Receipt> printed = new ArrayList<>();
    private boolean printerReady = true;
    private boolean printerFails;
    private boolean noDesk;

    private final ReceiptOut printer = new ReceiptOut() {
        @Override
        public boolean ready() {
            return printerReady;
        }

        @Override
        public String why() {
            return printerReady ? "" : "打印机缺纸";
        }

        @Override
        public Paper paper() {
            return Paper.MM80;
        }

        @Override
        public CompletableFuture<?> print(Receipt r) {
            if (printerFails) {
                return CompletableFuture.failedFuture(new DeviceException(DeviceException.Kind.MEDIA_ERROR, "打印机卡纸"));
            }
            printed.add(r);
            return CompletableFuture.completedFuture(null);
        }
    };

    /** The pension at grade 180 for oneself, up to the summary. */
    private ServiceRun toSummary() {
        Offer.Result o = Offer.plan(Services.pension(), new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"));
        assertThat(o.offered()).as(o.whyNot()).isTrue();
        ServiceRun r = new ServiceRun(o.plan(), new ServiceRun.Context(Villager.of(CardFixtures.RESIDENT.card()), "session-1",
                county, printer, Runnable::run, timers, clock, () -> {
                    holds.incrementAndGet();
                    return holds::decrementAndGet;
                }, slipsTaken::incrementAndGet, () -> { }, CardSource.NONE, A4Out.NONE, null,
                new Till(() -> noDesk ? null : desk, Runnable::run, wakes::incrementAndGet)));
        r.start();
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        return r;
    }

    private CashPayStep payInCash(ServiceRun r) {
        SummaryStep summary = step(r, SummaryStep.class);
        assertThat(summary.methods()).containsExactly(PayMethod.QR, PayMethod.CASH);
        assertThat(summary.promptProperty().get().key()).isEqualTo("step.summary.pay.choose");
        summary.confirm(PayMethod.CASH);
        return step(r, CashPayStep.class);
    }

    @SuppressWarnings("unchecked")
    private static <S extends Step> S step(ServiceRun r, Class<S> kind) {
        Step s = r.currentProperty().get();
        assertThat(s).isInstanceOf(kind);
        return (S) s;
    }

    private static List<String> fields(Receipt r) {
        return r.lines().stream().filter(ReceiptLine.Field.class::isInstance).map(ReceiptLine.Field.class::cast)
                .map(f -> f.label() + "=" + f.value()).toList();
    }

    @Test
    void notesAreCreditedAndSpokenWithWhatIsLeftUntilPaidThenTheReceipt() {
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.INSERTING);
        assertThat(pay.acceptsProperty().get()).as("largest first").containsExactly(10000L, 5000L, 2000L);
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.cash.insert");
        assertThat(holds.get()).as("the session holds money from the start").isEqualTo(1);
        assertThat(r.canLeave()).isFalse();
        assertThat(r.back()).isEqualTo(ServiceRun.Back.REFUSED);

        desk.reading(10000);
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.READING);
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.cash.reading");
        desk.insert(10000);
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.INSERTING);
        assertThat(pay.insertedFenProperty().get()).isEqualTo(10000);
        assertThat(pay.leftFenProperty().get()).isEqualTo(8000);
        assertThat(pay.promptProperty().get()).isEqualTo(cn.yzz.kiosk.app.voice.Prompt.of("step.cash.credited",
                Money.spoken(10000), Money.spoken(8000)));
        desk.insert(5000);
        desk.insert(2000);
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.INSERTING);
        desk.insert(1000);

        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.PAID);
        Transaction paid = pay.stored();
        assertThat(paid).isSameAs(desk.queued.get(0));
        assertThat(r.committed()).isSameAs(paid);
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.pay.paid");
        assertThat(pay.slipProperty().get()).isEqualTo(CashPayStep.Slip.NONE);
        assertThat(printed).as("no voucher when nothing is over").isEmpty();
        assertThat(holds.get()).isZero();
        assertThat(wakes.get()).as("the sync engine is woken for what the desk queued").isEqualTo(1);
        assertThat(county.queued).as("the desk queues the payment; the step builds no second transaction").isEmpty();
        assertThat(desk.endings).containsExactly(CashJournal.Ending.ENOUGH);

        pay.next();
        ReceiptStep receipt = step(r, ReceiptStep.class);
        assertThat(receipt.content().lines()).extracting(e -> e.getKey() + "=" + e.getValue())
                .contains("支付方式=现金", "投入现金=180.00 元", "凭条号=" + paid.receiptNo());
        receipt.print();
        assertThat(printed).hasSize(1);
    }

    @Test
    void overpaymentIsPaidAndItsVoucherPrintsAtOnceAsASlipOfItsOwn() {
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        desk.insert(10000);
        desk.insert(10000);

        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.PAID);
        CashSlips.Voucher v = pay.voucher();
        assertThat(v.fen()).isEqualTo(2000);
        assertThat(v.number()).isEqualTo("WJ-0042-V0001");
        assertThat(pay.stored().cash()).containsEntry("voucherFen", 2000L).containsEntry("voucherNo", "WJ-0042-V0001");
        assertThat(pay.promptProperty().get()).isEqualTo(cn.yzz.kiosk.app.voice.Prompt.of("step.cash.paid.voucher",
                Money.spoken(18000), Money.spoken(2000)));
        assertThat(pay.slipProperty().get()).isEqualTo(CashPayStep.Slip.PRINTED);
        assertThat(printed).hasSize(1);
        Receipt slip = printed.get(0);
        assertThat(slip.lines().get(0)).isEqualTo(new ReceiptLine.Title("找零券"));
        assertThat(slip.lines()).contains(new ReceiptLine.Amount("找零金额", new BigDecimal("20.00")),
                new ReceiptLine.Qr("WJ-0042-V0001"), new ReceiptLine.Text("凭此券到村委会领取找零", ReceiptLine.Align.CENTRE));
        assertThat(fields(slip)).contains("券号=WJ-0042-V0001", "缴费人=" + cn.yzz.kiosk.device.Mask.name(
                CardFixtures.RESIDENT.card().name()), "终端=WJ-0042", "时间=2026-12-06 10:00:00", "缴费凭条=" + pay.stored().receiptNo());
        assertThat(String.join(" ", fields(slip))).doesNotContain(CardFixtures.RESIDENT.card().idNumber());
        assertThat(slipsTaken.get()).as("the end reminds to take the slips").isEqualTo(1);
        assertThat(holds.get()).as("released once the voucher is out").isZero();

        pay.next();
        ReceiptStep receipt = step(r, ReceiptStep.class);
        assertThat(receipt.content().lines()).extracting(e -> e.getKey() + "=" + e.getValue())
                .contains("投入现金=200.00 元", "找零券=20.00 元 WJ-0042-V0001");
    }

    @Test
    void cancelIsAskedAgainThenANoteInIsAVoucherAndNoReceipt() {
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        desk.insert(10000);
        pay.cancel();
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.CONFIRM_CANCEL);
        assertThat(pay.promptProperty().get()).isEqualTo(cn.yzz.kiosk.app.voice.Prompt.of("step.cash.confirm.cancel",
                Money.spoken(10000)));
        pay.keepPaying();
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.INSERTING);
        assertThat(desk.endings).isEmpty();
        pay.cancel();
        pay.confirmCancel();

        assertThat(desk.endings).containsExactly(CashJournal.Ending.CANCELLED);
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.VOUCHER);
        assertThat(pay.voucher().fen()).isEqualTo(10000);
        assertThat(fields(printed.get(0))).contains("缴费=未缴费（已取消）", "投入现金=100.00 元");
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.cash.voucher");
        assertThat(desk.queued).hasSize(1);
        assertThat(desk.queued.get(0).amountFen()).isZero();
        assertThat(r.committed()).as("an unpaid payment has no receipt").isNull();
        pay.next();
        assertThat(r.currentProperty().get()).isInstanceOf(EvaluateStep.class);
    }

    @Test
    void cancelWithNothingInEndsQuietlyAndBackLeadsToPayingByPhone() {
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        pay.cancel();
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.cash.confirm.cancel.none");
        pay.confirmCancel();
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.CANCELLED);
        assertThat(desk.queued).isEmpty();
        assertThat(printed).isEmpty();
        assertThat(holds.get()).isZero();
        assertThat(r.back()).isEqualTo(ServiceRun.Back.MOVED);
        step(r, SummaryStep.class).confirm(PayMethod.QR);
        assertThat(r.currentProperty().get()).isInstanceOf(QrPayStep.class);
    }

    @Test
    void aNoteHandedBackIsSaidInPlainWordsUntilTheNextIsCredited() {
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        desk.handBack(500, "5 元的纸币本机不收");
        assertThat(pay.returnedProperty().get()).isEqualTo("5 元的纸币本机不收");
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.INSERTING);
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.cash.returned");
        desk.insert(5000);
        assertThat(pay.returnedProperty().get()).isEmpty();
    }

    @Test
    void troubleHoldsTheMoneyAndCancelTurnsWhatIsInIntoAVoucher() {
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        desk.insert(2000);
        desk.trouble("纸币卡在机器里了，请找村委会工作人员");
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.TROUBLE);
        assertThat(pay.problemProperty().get()).contains("卡在");
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.cash.trouble");
        assertThat(r.canLeave()).isFalse();
        pay.cancel();
        pay.keepPaying();
        assertThat(pay.stateProperty().get()).as("back to the trouble, not to inserting").isEqualTo(CashPayStep.State.TROUBLE);
        pay.cancel();
        pay.confirmCancel();
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.VOUCHER);
        assertThat(pay.voucher().fen()).isEqualTo(2000);
    }

    @Test
    void aDeskThatCannotTakeCashSaysWhyAndLetsTheVillagerGoBack() {
        desk.refuse = "钱箱快满了，暂时不能收现金";
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.FAILED);
        assertThat(pay.problemProperty().get()).isEqualTo("钱箱快满了，暂时不能收现金");
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.cash.failed");
        assertThat(holds.get()).isZero();
        assertThat(r.canGoBack()).isTrue();
        desk.refuse = null;
        pay.again();
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.INSERTING);
    }

    @Test
    void withoutADeskCashFailsInPlainWords() {
        noDesk = true;
        CashPayStep pay = payInCash(toSummary());
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.FAILED);
        assertThat(pay.problemProperty().get()).isNotEmpty();
    }

    @Test
    void aPrinterThatCannotShowsTheVoucherOnScreenAndHoldsTheVisitUntilNext() {
        printerFails = true;
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        desk.insert(10000);
        desk.insert(10000);
        assertThat(pay.slipProperty().get()).isEqualTo(CashPayStep.Slip.ON_SCREEN);
        assertThat(pay.slipProblemProperty().get()).isEqualTo("打印机卡纸");
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.cash.voucher.screen");
        assertThat(holds.get()).as("the voucher number is on screen: the idle watch must not wipe it").isEqualTo(1);
        pay.next();
        assertThat(holds.get()).isZero();
        assertThat(r.currentProperty().get()).isInstanceOf(ReceiptStep.class);
    }

    @Test
    void theDeskEndingAPaymentNobodyFinishedGivesAVoucherAndLetsTheVisitGo() {
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        desk.insert(5000);
        desk.payment().cancel(CashJournal.Ending.TIMED_OUT); // the desk's own inactivity timeout
        assertThat(pay.stateProperty().get()).isEqualTo(CashPayStep.State.VOUCHER);
        assertThat(pay.voucher().fen()).isEqualTo(5000);
        assertThat(holds.get()).as("the voucher is out: the idle watch may end the visit").isZero();
    }

    @Test
    void theNotesTakenFollowTheDeskAfterEachCredit() {
        ServiceRun r = toSummary();
        CashPayStep pay = payInCash(r);
        desk.accepts = new java.util.TreeSet<>(List.of(2000L, 5000L));
        desk.insert(10000);
        assertThat(pay.acceptsProperty().get()).containsExactly(5000L, 2000L);
    }

    @Test
    void aVisitEndedByAnErrorEndsThePaymentAndPrintsTheVoucherOwed() {
        ServiceRun r = toSummary();
        payInCash(r);
        desk.insert(10000);
        r.end();
        assertThat(desk.endings).containsExactly(CashJournal.Ending.CANCELLED);
        assertThat(printed).hasSize(1);
        assertThat(holds.get()).isZero();
    }

    @Test
    void theAuditSlipCountsEachValueAndTheTotal() {
        java.util.Map<String, Object> cash = new java.util.LinkedHashMap<>();
        cash.put("cashboxFen", 57000L);
        cash.put("notes", java.util.Map.of("10000", 5, "5000", 1, "2000", 1));
        cash.put("unattributedFen", 2000L);
        cash.put("periodStart", "2026-12-01T08:00:00+08:00");
        cash.put("periodEnd", "2026-12-06T10:00:00+08:00");
        Transaction audit = new Transaction(java.util.UUID.randomUUID(), "cash-audit", null,
                java.time.OffsetDateTime.now(clock), "admin", null, java.util.Map.of(), null, null, null, cash, null);
        Receipt slip = CashSlips.audit(CashSlips.Audit.of(audit, "WJ-0042"), Paper.MM80);
        assertThat(slip.lines().get(0)).isEqualTo(new ReceiptLine.Title("钱箱清点单"));
        assertThat(fields(slip)).containsSubsequence("20 元 × 1 张=20.00 元", "50 元 × 1 张=50.00 元", "100 元 × 5 张=500.00 元")
                .contains("合计张数=7 张", "起=2026-12-01 08:00:00", "止=2026-12-06 10:00:00", "终端=WJ-0042",
                        "其中未归属=20.00 元（请核对）");
        assertThat(slip.lines()).contains(new ReceiptLine.Amount("合计金额", new BigDecimal("570.00")));
    }
}
