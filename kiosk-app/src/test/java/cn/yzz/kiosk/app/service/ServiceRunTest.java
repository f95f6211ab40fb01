package cn.yzz.kiosk.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A service's visit from the first step to the evaluation, on the engine alone: a fake county that answers
 * at once, timers fired by the test, the JavaFX thread stood in for by the test's own.
 */
class ServiceRunTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final FakeCounty county = new FakeCounty(clock);
    private final ManualScheduler timers = new ManualScheduler();
    private final AtomicInteger holds = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger receipts = new AtomicInteger();
    private final List<Receipt> printed = new ArrayList<>();
    private boolean printerReady = true;
    private boolean printerFails;

    private final ReceiptOut printer = new ReceiptOut() {
        @Override
        public boolean ready() {
            return printerReady;
        }

        @Override
        public String why() {
            return printerReady ? "" : "缺纸";
        }

        @Override
        public Paper paper() {
            return Paper.MM80;
        }

        @Override
        public CompletableFuture<?> print(Receipt r) {
            if (printerFails) {
                return CompletableFuture.failedFuture(new DeviceException(DeviceException.Kind.MEDIA_ERROR, "打印机缺纸"));
            }
            printed.add(r);
            return CompletableFuture.completedFuture(null);
        }
    };

    /** The card reads a question started, in order; the test completes them as cards are placed. */
    private final List<CompletableFuture<cn.yzz.kiosk.device.idcard.IdCard>> reads = new ArrayList<>();

    private ServiceRun run(Service s) {
        Offer.Result o = Offer.plan(s, new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"));
        assertThat(o.offered()).as(o.whyNot()).isTrue();
        ServiceRun r = new ServiceRun(o.plan(), new ServiceRun.Context(cn.yzz.kiosk.app.flow.Villager.of(CardFixtures.RESIDENT.card()), "session-1", county, printer,
                Runnable::run, timers, clock, () -> {
                    holds.incrementAndGet();
                    return holds::decrementAndGet;
                }, receipts::incrementAndGet, finished::incrementAndGet, wait -> {
                    CompletableFuture<cn.yzz.kiosk.device.idcard.IdCard> f = new CompletableFuture<>();
                    reads.add(f);
                    return f;
                }));
        r.start();
        return r;
    }

    @SuppressWarnings("unchecked")
    private <S extends Step> S step(ServiceRun r, Class<S> kind) {
        Step s = r.currentProperty().get();
        assertThat(s).isInstanceOf(kind);
        return (S) s;
    }

    @Test
    void paysForOneselfByPhoneThenPrintsAndRates() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("300");
        SummaryStep summary = step(r, SummaryStep.class);
        assertThat(summary.amountFen()).contains(30000L);
        summary.confirm();
        QrPayStep pay = step(r, QrPayStep.class);
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.SHOWING);
        assertThat(county.journal).hasSize(1); // journaled before the code was shown
        assertThat(holds.get()).as("the session holds money while the order is open").isEqualTo(1);
        assertThat(r.canLeave()).isFalse();
        assertThat(r.back()).isEqualTo(ServiceRun.Back.REFUSED);
        timers.fireAll(); // a poll: still pending
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.SHOWING);
        county.state = County.OrderState.PAID;
        timers.fireAll();
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.PAID);
        assertThat(holds.get()).isZero();
        Transaction paid = pay.stored();
        assertThat(paid.method()).isEqualTo("qr");
        assertThat(paid.orderId()).isEqualTo("PO1");
        assertThat(paid.amountFen()).isEqualTo(30000L);
        assertThat(paid.data()).containsEntry("grade", "300").doesNotContainKey("members");
        assertThat(paid.person().idNumber()).isEqualTo(CardFixtures.RESIDENT.card().idNumber());
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.pay.paid");
        pay.next();
        ReceiptStep receipt = step(r, ReceiptStep.class);
        receipt.print();
        assertThat(printed).hasSize(1);
        assertThat(receipts.get()).isEqualTo(1);
        assertThat(receipt.content().qr()).contains(paid.receiptNo()).contains(paid.id().toString());
        receipt.next();
        EvaluateStep rate = step(r, EvaluateStep.class);
        rate.rate(4);
        rate.submit();
        assertThat(finished.get()).isEqualTo(1);
        Transaction evaluation = county.queued.get(county.queued.size() - 1);
        assertThat(evaluation.type()).isEqualTo("evaluation");
        assertThat(evaluation.data()).containsEntry("ratedTransactionId", paid.id().toString()).containsEntry("level", 4);
        assertThat(county.queued).extracting(Transaction::type).containsExactly("payment", "evaluation");
    }

    @Test
    void householdMembersAreTickedAndPaidForEach() {
        county.household = List.of(new Member("陈志强", "441802198503120035", "本人"),
                new Member("林小红", "441802198601010024", "妻"), new Member("陈浩然", "441802201001010011", "子"));
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.HOUSEHOLD);
        FieldStep members = step(r, FieldStep.class);
        assertThat(members.loadingProperty().get()).isEqualTo(FieldStep.Loading.LOADED);
        members.ok();
        assertThat(members.problemProperty().get().key()).isEqualTo("form.error.household");
        members.toggle(members.members().get(1));
        members.toggle(members.members().get(2));
        members.ok();
        step(r, FieldStep.class).choose("180");
        SummaryStep summary = step(r, SummaryStep.class);
        assertThat(summary.amountFen()).contains(36000L);
        assertThat(summary.lines()).extracting(SummaryStep.Line::value).anyMatch(v -> v.contains("林*") && !v.contains("林小红"));
        summary.confirm();
        county.state = County.OrderState.PAID;
        timers.fireAll();
        Transaction paid = step(r, QrPayStep.class).stored();
        assertThat(paid.data().get("members")).isEqualTo(List.of(
                Map.of("idNumber", "441802198601010024", "name", "林小红"),
                Map.of("idNumber", "441802201001010011", "name", "陈浩然")));
        assertThat(paid.amountFen()).isEqualTo(36000L);
    }

    /** The bundled catalogue's SWJ-0002 and SWJ-0003 are for the household only, or another person only: no 为谁缴费 to ask. */
    @Test
    void aPaymentForOnlyTheHouseholdAsksItsMembersWithoutAskingWhomFor() {
        county.household = List.of(new Member("陈志强", "441802198503120035", "本人"),
                new Member("林小红", "441802198601010024", "妻"));
        Service s = Services.pension();
        ServiceRun r = run(Services.with(s, s.kind(), s.online(), s.models(), List.of(Payer.HOUSEHOLD), s.pay(), s.output(),
                s.devices(), s.identity()));
        FieldStep members = step(r, FieldStep.class);
        assertThat(members.field().type()).isEqualTo(FieldType.HOUSEHOLD);
        members.toggle(members.members().get(0));
        members.toggle(members.members().get(1));
        members.ok();
        step(r, FieldStep.class).choose("180");
        assertThat(step(r, SummaryStep.class).amountFen()).contains(36000L);
    }

    @Test
    void aPaymentForOnlyAnotherPersonAsksTheirNumber() {
        Service s = Services.pension();
        ServiceRun r = run(Services.with(s, s.kind(), s.online(), s.models(), List.of(Payer.OTHER), s.pay(), s.output(),
                s.devices(), s.identity()));
        assertThat(step(r, FieldStep.class).field().type()).isEqualTo(FieldType.IDNUMBER);
    }

    @Test
    void aServiceForTheHouseholdOnlyAsksForTheMembersWithoutAPayerQuestion() {
        county.household = List.of(new Member("陈志强", "441802198503120035", "本人"));
        Service household = Services.with(Services.pension(), Services.pension().kind(), true, List.of(), List.of(Payer.HOUSEHOLD),
                Services.pension().pay(), Services.pension().output(), Services.pension().devices(), Services.pension().identity());
        ServiceRun r = run(household);
        FieldStep members = step(r, FieldStep.class);
        assertThat(members.field().id()).isEqualTo("members");
        members.toggle(members.members().get(0));
        members.ok();
        step(r, FieldStep.class).choose("300");
        assertThat(step(r, SummaryStep.class).lines()).as("no payer line: nothing was asked")
                .noneMatch(SummaryStep.Line::payer);
    }

    @Test
    void anotherPersonByKeyedNumberWithTheCheckCharacterVerified() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.OTHER);
        FieldStep number = step(r, FieldStep.class);
        for (char c : "441826195008010021".toCharArray()) {
            number.key(c);
        }
        number.ok();
        assertThat(number.problemProperty().get().key()).isEqualTo("form.error.idnumber.check");
        number.delete();
        number.key('0');
        number.ok();
        step(r, FieldStep.class).choose("500");
        step(r, SummaryStep.class).confirm();
        county.state = County.OrderState.PAID;
        timers.fireAll();
        Transaction paid = step(r, QrPayStep.class).stored();
        assertThat(paid.data().get("members")).isEqualTo(List.of(Map.of("idNumber", "441826195008010020", "name", "")));
        assertThat(paid.amountFen()).isEqualTo(50000L);
    }

    @Test
    void theOtherPersonsCardPlacedOnThePadFillsTheirNumberAndNameButTheVillagersOwnCardDoesNot() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.OTHER);
        FieldStep number = step(r, FieldStep.class);
        assertThat(reads).as("the pad is watched for the other person's card").hasSize(1);
        reads.get(0).complete(CardFixtures.RESIDENT.card()); // the villager's own card, still on the pad
        assertThat(number.cardNoteProperty().get()).isEqualTo("own");
        assertThat(number.promptProperty().get().key()).isEqualTo("step.field.card.own");
        assertThat(r.currentProperty().get()).isSameAs(number);
        timers.fireAll();
        assertThat(reads).as("looked at again a moment later").hasSize(2);
        reads.get(1).complete(CardFixtures.ELDER_YAO_LONG_TERM.card());
        FieldStep grade = step(r, FieldStep.class);
        assertThat(grade.field().id()).isEqualTo("grade");
        assertThat(r.answers().members()).singleElement().satisfies(m -> {
            assertThat(m.idNumber()).isEqualTo(CardFixtures.ELDER_YAO_LONG_TERM.card().idNumber());
            assertThat(m.name()).isEqualTo(CardFixtures.ELDER_YAO_LONG_TERM.card().name());
        });
        r.back();
        assertThat(step(r, FieldStep.class)).isSameAs(number);
        assertThat(reads).as("back on the question, the pad is watched again").hasSize(3);
    }

    @Test
    void leavingANumberQuestionStopsWatchingThePad() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.OTHER);
        FieldStep number = step(r, FieldStep.class);
        for (char c : "441826195008010020".toCharArray()) {
            number.key(c);
        }
        number.ok();
        assertThat(reads.get(0)).as("the read stops when the villager keys the number instead").isCancelled();
        r.end();
        assertThat(reads).allMatch(CompletableFuture::isDone);
    }

    @Test
    void cancellingLeavesNothingPaidAndStillOffersTheEvaluation() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        step(r, SummaryStep.class).confirm();
        QrPayStep pay = step(r, QrPayStep.class);
        pay.cancel();
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.CANCELLED);
        assertThat(county.calls).contains("cancel", "close CANCELLED");
        assertThat(holds.get()).isZero();
        assertThat(r.canLeave()).isTrue();
        pay.giveUp();
        EvaluateStep rate = step(r, EvaluateStep.class);
        rate.rate(3);
        rate.submit();
        Transaction evaluation = county.queued.get(0);
        assertThat(county.queued).hasSize(1);
        assertThat(evaluation.data()).doesNotContainKey("ratedTransactionId");
        assertThat(evaluation.serviceCode()).isEqualTo("SWJ-0001");
        assertThat(evaluation.sessionId()).isEqualTo("session-1");
    }

    @Test
    void aPaymentMadeAsTheVillagerCancelsIsHonoured() {
        county.paidWhenCancelled = true;
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        step(r, SummaryStep.class).confirm();
        QrPayStep pay = step(r, QrPayStep.class);
        pay.cancel();
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.PAID);
        assertThat(county.queued).extracting(Transaction::type).containsExactly("payment");
    }

    @Test
    void anExpiredOrderOffersANewOneWithANewTransactionId() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        step(r, SummaryStep.class).confirm();
        QrPayStep pay = step(r, QrPayStep.class);
        county.state = County.OrderState.EXPIRED;
        timers.fireAll();
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.EXPIRED);
        assertThat(county.calls).contains("close EXPIRED");
        county.state = County.OrderState.PENDING;
        pay.again();
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.SHOWING);
        assertThat(pay.orderProperty().get().orderId()).isEqualTo("PO2");
        assertThat(county.journal).hasSize(2);
        county.state = County.OrderState.PAID;
        timers.fireAll();
        assertThat(county.queued).hasSize(1);
    }

    @Test
    void aLineThatDropsWhileTheOrderIsOpenLosesNothingAndPollingResumes() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        step(r, SummaryStep.class).confirm();
        QrPayStep pay = step(r, QrPayStep.class);
        county.down = true;
        timers.fireAll();
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.LINE_DOWN);
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.pay.line.down");
        assertThat(holds.get()).isEqualTo(1);
        assertThat(timers.pending()).as("still polling").hasSize(1);
        timers.fireAll();
        county.down = false;
        county.state = County.OrderState.PAID;
        timers.fireAll();
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.PAID);
        assertThat(county.queued).hasSize(1);
    }

    @Test
    void aPollTheCountyAnswersWithRetryAfterWaitsThatLongNotASecond() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        step(r, SummaryStep.class).confirm();
        QrPayStep pay = step(r, QrPayStep.class);
        county.down = true;
        county.retryAfter = java.time.Duration.ofSeconds(30); // sync-api.md: "the client waits at least that long"
        timers.fireAll();
        assertThat(timers.pending()).containsExactly(java.time.Duration.ofSeconds(30));
        county.retryAfter = java.time.Duration.ofMillis(200); // never faster than the contract's once a second
        timers.fireAll();
        assertThat(timers.pending()).containsExactly(QrPayStep.POLL);
        county.down = false;
        county.state = County.OrderState.PAID;
        timers.fireAll();
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.PAID);
    }

    @Test
    void noOrderWhenTheLineIsDownAtTheStartSaysSoAndCanBeTriedAgain() {
        county.down = true;
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        step(r, SummaryStep.class).confirm();
        QrPayStep pay = step(r, QrPayStep.class);
        assertThat(pay.stateProperty().get()).isEqualTo(QrPayStep.State.FAILED);
        assertThat(pay.promptProperty().get().key()).isEqualTo("step.pay.unreachable");
        assertThat(holds.get()).isZero();
        assertThat(r.back()).isEqualTo(ServiceRun.Back.MOVED);
        assertThat(r.currentProperty().get()).isInstanceOf(SummaryStep.class);
    }

    @Test
    void aPrinterThatFailsShowsTheReceiptOnScreenAndTheVisitStillEnds() {
        printerFails = true;
        ServiceRun r = run(Services.application());
        FieldStep phone = step(r, FieldStep.class);
        for (char c : "13800138000".toCharArray()) {
            phone.key(c);
        }
        phone.ok();
        step(r, FieldStep.class).confirm();
        step(r, SummaryStep.class).confirm();
        SubmitStep submit = step(r, SubmitStep.class);
        assertThat(submit.stateProperty().get()).isEqualTo(SubmitStep.State.DONE);
        assertThat(submit.stored().receiptNo()).isEqualTo("WJ-0042-20261206-0001");
        assertThat(submit.stored().data()).containsEntry("phone", "13800138000").containsEntry("agree", "true");
        submit.next();
        ReceiptStep receipt = step(r, ReceiptStep.class);
        receipt.print();
        assertThat(receipt.stateProperty().get()).isEqualTo(ReceiptStep.State.ON_SCREEN);
        assertThat(receipt.problemProperty().get()).isEqualTo("打印机缺纸");
        assertThat(receipts.get()).isZero();
        receipt.next();
        step(r, EvaluateStep.class).skip();
        assertThat(finished.get()).isEqualTo(1);
        assertThat(county.queued).extracting(Transaction::type).containsExactly("application");
    }

    @Test
    void aPrinterAlreadyDownSkipsTheQuestion() {
        printerReady = false;
        ServiceRun r = run(Services.application());
        FieldStep phone = step(r, FieldStep.class);
        for (char c : "13800138000".toCharArray()) {
            phone.key(c);
        }
        phone.ok();
        step(r, FieldStep.class).confirm();
        step(r, SummaryStep.class).confirm();
        step(r, SubmitStep.class).next();
        assertThat(step(r, ReceiptStep.class).stateProperty().get()).isEqualTo(ReceiptStep.State.ON_SCREEN);
    }

    /** The screens listen to a step's read-only lists; those listeners must not be lost to a garbage collection. */
    @Test
    void whatAScreenListensToOutlivesAGarbageCollection() throws Exception {
        county.household = List.of(new Member("陈志强", "441802198503120035", "本人"));
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.HOUSEHOLD);
        FieldStep members = step(r, FieldStep.class);
        java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
        members.ticked().addListener((javafx.collections.SetChangeListener<Member>) c -> heard.incrementAndGet());
        collectGarbage();
        members.toggle(members.members().get(0));
        assertThat(heard.get()).as("a tick heard after a GC").isEqualTo(1);
        assertThat(members.ticked()).isSameAs(members.ticked());
        assertThat(members.members()).isSameAs(members.members());

        ServiceRun app = run(Services.application());
        FieldStep phone = step(app, FieldStep.class);
        for (char c : "13800138000".toCharArray()) {
            phone.key(c);
        }
        phone.ok();
        step(app, FieldStep.class).confirm();
        step(app, SummaryStep.class).confirm();
        step(app, SubmitStep.class).next();
        step(app, ReceiptStep.class).skip();
        EvaluateStep rate = step(app, EvaluateStep.class);
        rate.rate(1);
        rate.reasons().addListener((javafx.collections.SetChangeListener<String>) c -> heard.incrementAndGet());
        collectGarbage();
        rate.toggleReason("attitude");
        assertThat(heard.get()).as("a reason heard after a GC").isEqualTo(2);
    }

    private static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
    }

    @Test
    void aLowRatingNeedsAReason() {
        ServiceRun r = run(Services.application());
        FieldStep phone = step(r, FieldStep.class);
        for (char c : "13800138000".toCharArray()) {
            phone.key(c);
        }
        phone.ok();
        step(r, FieldStep.class).confirm();
        step(r, SummaryStep.class).confirm();
        step(r, SubmitStep.class).next();
        step(r, ReceiptStep.class).skip();
        EvaluateStep rate = step(r, EvaluateStep.class);
        rate.rate(1);
        rate.submit();
        assertThat(rate.missingReasonProperty().get()).isTrue();
        assertThat(finished.get()).isZero();
        rate.toggleReason("attitude");
        rate.toggleReason("device");
        rate.submit();
        assertThat(finished.get()).isEqualTo(1);
        Transaction evaluation = county.queued.get(county.queued.size() - 1);
        assertThat(evaluation.data()).containsEntry("level", 1).containsEntry("reasons", List.of("attitude", "device"));
    }

    @Test
    void theSummaryChangesAnAnswerAndComesBack() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        SummaryStep summary = step(r, SummaryStep.class);
        SummaryStep.Line grade = summary.lines().stream().filter(l -> l.field() != null).findFirst().orElseThrow();
        summary.edit(grade);
        step(r, FieldStep.class).choose("500");
        assertThat(step(r, SummaryStep.class).amountFen()).contains(50000L);
        // whom it is for, changed to the household: the members are asked before the summary comes back
        county.household = List.of(new Member("陈志强", "441802198503120035", "本人"));
        SummaryStep again = step(r, SummaryStep.class);
        again.edit(again.lines().get(0));
        step(r, PayerStep.class).choose(Payer.HOUSEHOLD);
        FieldStep members = step(r, FieldStep.class);
        members.toggle(members.members().get(0));
        members.ok();
        assertThat(step(r, SummaryStep.class).amountFen()).contains(50000L);
    }

    @Test
    void backWalksTheWayTheVillagerCame() {
        ServiceRun r = run(Services.pension());
        assertThat(r.back()).isEqualTo(ServiceRun.Back.AT_START);
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        assertThat(r.back()).isEqualTo(ServiceRun.Back.MOVED);
        FieldStep grade = step(r, FieldStep.class);
        assertThat(grade.chosen()).isEqualTo("180");
        assertThat(r.back()).isEqualTo(ServiceRun.Back.MOVED);
        step(r, PayerStep.class);
    }

    @Test
    void aVisitEndedByForceWithTheOrderOpenAsksTheCountyToCancelItAndLetsGoOfTheMoneyHold() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("180");
        step(r, SummaryStep.class).confirm();
        assertThat(holds.get()).isEqualTo(1);
        r.end(); // as an unexpected error does
        assertThat(county.calls).contains("abandon PO1");
        assertThat(holds.get()).isZero();
        assertThat(timers.pending()).as("no poll after the end").isEmpty();
    }

    @Test
    void endingTheVisitForgetsTheAnswers() {
        ServiceRun r = run(Services.pension());
        step(r, PayerStep.class).choose(Payer.OTHER);
        FieldStep number = step(r, FieldStep.class);
        for (char c : "441826195008010020".toCharArray()) {
            number.key(c);
        }
        number.ok();
        r.end();
        assertThat(r.answers().members()).isEmpty();
        assertThat(r.answers().get("payee")).isNull();
        assertThat(r.ended()).isTrue();
    }
}
