package cn.yzz.kiosk.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.Villager;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** Queries, printouts and 一件事 bundles on the engine alone: a fake county, timers fired by the test. */
class QueryPrintBundleTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final FakeCounty county = new FakeCounty(clock);
    private final ManualScheduler timers = new ManualScheduler();
    private final AtomicInteger finished = new AtomicInteger();
    private final List<A4Document> printed = new ArrayList<>();
    private CompletableFuture<Integer> job;
    private IntConsumer progress;

    private final A4Out a4 = new A4Out() {
        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public String why() {
            return "";
        }

        @Override
        public CompletableFuture<Integer> print(A4Document document, IntConsumer pagesDone) {
            printed.add(document);
            progress = pagesDone;
            job = new CompletableFuture<>();
            return job;
        }
    };

    private static QueryAnswer answer(int rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of("费款所属期", "险种", "缴费金额(元)"));
        for (int i = 1; i <= rows; i++) {
            all.add(List.of(String.format("2025-%02d", (i - 1) % 12 + 1), "城乡居民养老保险", "30.00"));
        }
        return new QueryAnswer("城乡居民社保费缴费记录", all, "以税务部门系统数据为准", "http://127.0.0.1:1/verify/V1");
    }

    private ServiceRun run(Service s, Map<String, Service> catalogue) {
        Offer.Result o = Offer.plan(s, new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"),
                code -> Optional.ofNullable(catalogue.get(code)));
        assertThat(o.offered()).as(o.whyNot()).isTrue();
        ServiceRun r = new ServiceRun(o.plan(), new ServiceRun.Context(Villager.of(CardFixtures.RESIDENT.card()), "session-1",
                county, ReceiptOut.NONE, Runnable::run, timers, clock, () -> () -> { }, () -> { }, finished::incrementAndGet,
                CardSource.NONE, a4));
        r.layOutOn(Runnable::run);
        r.start();
        return r;
    }

    private ServiceRun run(Service s) {
        return run(s, Map.of());
    }

    @SuppressWarnings("unchecked")
    private <S extends Step> S step(ServiceRun r, Class<S> kind) {
        Step s = r.currentProperty().get();
        assertThat(s).isInstanceOf(kind);
        return (S) s;
    }

    @Test
    void aQueryIsAskedWithTheAnswersAndShownAPageAtATime() {
        county.queryAnswer = answer(20);
        ServiceRun r = run(Services.contributions());
        step(r, FieldStep.class).choose("2025");
        QueryStep q = step(r, QueryStep.class);
        assertThat(county.calls).contains("query SWJ-0008");
        assertThat(q.stateProperty().get()).isEqualTo(QueryStep.State.SHOWN);
        assertThat(q.pageCountProperty().get()).isEqualTo(3); // 20 rows, 8 a page
        assertThat(q.pageRows()).hasSize(8);
        q.nextPage();
        q.nextPage();
        assertThat(q.pageRows()).hasSize(4);
        q.nextPage();
        assertThat(q.pageProperty().get()).as("no page after the last").isEqualTo(2);
        q.rowsPerPageProperty().set(5); // elder mode
        assertThat(q.pageCountProperty().get()).isEqualTo(4);
        assertThat(q.pageProperty().get()).as("row 17 stays in view").isEqualTo(3);
        assertThat(q.promptProperty().get().key()).isEqualTo("step.query.shown");
        assertThat(q.printable()).isTrue();
        q.done();
        step(r, EvaluateStep.class).skip();
        assertThat(finished.get()).isEqualTo(1);
        assertThat(county.queued).as("a query looked at commits nothing").isEmpty();
    }

    @Test
    void theSpokenSummaryNamesTheLatestRowWhicheverWayTheRowsAreOrdered() {
        QueryAnswer up = new QueryAnswer("t", List.of(List.of("年度", "金额"), List.of("2024", "1"), List.of("2026", "3")), "", "");
        QueryAnswer down = new QueryAnswer("t", List.of(List.of("年度", "金额"), List.of("2026", "3"), List.of("2024", "1")), "", "");
        assertThat(QueryStep.latest(up)).isEqualTo("年度 2026，金额 3");
        assertThat(QueryStep.latest(down)).isEqualTo("年度 2026，金额 3");
    }

    @Test
    void eachWayACountyCannotAnswerHasItsOwnWordsAndATryAgain() {
        ServiceRun r = run(Services.contributions());
        step(r, FieldStep.class).choose("2025");
        QueryStep q = step(r, QueryStep.class);
        assertThat(q.problemProperty().get()).isEqualTo(QueryStep.Problem.NOT_FOUND); // queryAnswer null: 404
        assertThat(q.canGoBack()).isTrue();
        county.down = true;
        q.retry();
        assertThat(q.problemProperty().get()).isEqualTo(QueryStep.Problem.OFFLINE);
        assertThat(q.promptProperty().get().key()).isEqualTo("step.query.failed.offline");
        county.down = false;
        county.queryAnswer = answer(2);
        q.retry();
        assertThat(q.stateProperty().get()).isEqualTo(QueryStep.State.SHOWN);
    }

    @Test
    void aSlowCountyShowsProgressAfterASecondAndIsGivenUpAfterFifteenAndItsLateAnswerIgnored() {
        county.queryHangs = true;
        ServiceRun r = run(Services.contributions());
        step(r, FieldStep.class).choose("2025");
        QueryStep q = step(r, QueryStep.class);
        assertThat(q.slowProperty().get()).isFalse();
        assertThat(timers.pending()).contains(QueryStep.SLOW, QueryStep.GIVE_UP);
        timers.fire(QueryStep.SLOW);
        assertThat(q.slowProperty().get()).isTrue();
        assertThat(q.stateProperty().get()).isEqualTo(QueryStep.State.ASKING);
        CompletableFuture<QueryAnswer> late = county.pendingQuery;
        timers.fire(QueryStep.GIVE_UP);
        assertThat(q.stateProperty().get()).isEqualTo(QueryStep.State.FAILED);
        assertThat(q.problemProperty().get()).isEqualTo(QueryStep.Problem.TOO_SLOW);
        late.complete(answer(3));
        assertThat(q.stateProperty().get()).as("an answer after giving up is not shown").isEqualTo(QueryStep.State.FAILED);
    }

    @Test
    void aClientTimeoutIsTooSlowAndAServerErrorIsTheCountysTroubleNotTheLine() {
        county.queryHangs = true;
        ServiceRun r = run(Services.contributions());
        step(r, FieldStep.class).choose("2025");
        QueryStep q = step(r, QueryStep.class);
        county.pendingQuery.completeExceptionally(new County.Unreachable("timeout", null, County.Unreachable.Why.SLOW));
        assertThat(q.problemProperty().get()).isEqualTo(QueryStep.Problem.TOO_SLOW);
        q.retry();
        county.pendingQuery.completeExceptionally(new County.Unreachable("503", null, County.Unreachable.Why.SERVER));
        assertThat(q.problemProperty().get()).isEqualTo(QueryStep.Problem.BROKEN);
    }

    @Test
    void aMalformedAnswerIsAProblemNotACrash() {
        county.queryHangs = true;
        ServiceRun r = run(Services.contributions());
        step(r, FieldStep.class).choose("2025");
        QueryStep q = step(r, QueryStep.class);
        county.pendingQuery.completeExceptionally(new IllegalStateException("rows[3] has 2 cells, the heading 3"));
        assertThat(q.problemProperty().get()).isEqualTo(QueryStep.Problem.BROKEN);
    }

    @Test
    void aPrintServiceShowsAPreviewThenPrintsFollowingThePagesAndRecordsWhatWasPrintedNeverTheRows() {
        county.queryAnswer = answer(60);
        ServiceRun r = run(Services.certificate());
        QueryStep q = step(r, QueryStep.class);
        assertThat(q.isPrintService()).isTrue();
        assertThat(q.promptProperty().get().key()).isEqualTo("step.query.preview");
        q.print();
        PrintoutStep p = step(r, PrintoutStep.class);
        assertThat(printed).hasSize(1);
        assertThat(printed.get(0).qrText()).isEqualTo("http://127.0.0.1:1/verify/V1");
        assertThat(printed.get(0).header().toString()).doesNotContain(CardFixtures.RESIDENT.card().idNumber());
        assertThat(r.canLeave()).as("paper is moving").isFalse();
        progress.accept(1);
        progress.accept(2);
        assertThat(p.pagesDoneProperty().get()).isEqualTo(2);
        job.complete(3);
        assertThat(p.stateProperty().get()).isEqualTo(PrintoutStep.State.DONE);
        assertThat(p.promptProperty().get().key()).isEqualTo("step.printout.done");
        Transaction t = county.queued.get(0);
        assertThat(t.type()).isEqualTo("print");
        assertThat(t.data()).containsEntry("pages", 3).containsEntry("verifyCode", "http://127.0.0.1:1/verify/V1")
                .containsEntry("output", "a4");
        assertThat(t.data().toString()).doesNotContain("城乡居民养老保险");
        p.next();
        EvaluateStep e = step(r, EvaluateStep.class);
        e.rate(5);
        e.submit();
        assertThat(county.queued.get(1).data()).containsEntry("ratedTransactionId", t.id().toString());
    }

    @Test
    void aFailedPrintSaysWhyRecordsNothingAndCanBeTriedAgainOrLeftForTheTable() {
        county.queryAnswer = answer(5);
        ServiceRun r = run(Services.certificate());
        step(r, QueryStep.class).print();
        PrintoutStep p = step(r, PrintoutStep.class);
        job.completeExceptionally(new DeviceException(DeviceException.Kind.DEVICE_FAULT, "打印机卡纸了"));
        assertThat(p.stateProperty().get()).isEqualTo(PrintoutStep.State.FAILED);
        assertThat(p.problemProperty().get()).isEqualTo("打印机卡纸了");
        assertThat(county.queued).isEmpty();
        p.retry();
        assertThat(printed).hasSize(2);
        job.completeExceptionally(new DeviceException(DeviceException.Kind.DEVICE_FAULT, "打印机卡纸了"));
        assertThat(r.back()).isEqualTo(ServiceRun.Back.MOVED);
        assertThat(step(r, QueryStep.class).stateProperty().get()).as("the table, not asked again").isEqualTo(QueryStep.State.SHOWN);
        assertThat(county.calls.stream().filter(c -> c.startsWith("query"))).hasSize(1);
    }

    @Test
    void aBundleIdentifiesOnceSharesAnswersCommitsEachStepAndListsWhatCannotBeDoneHere() {
        Map<String, Service> catalogue = Map.of("RSJ-0014", Services.application(), "GJJ-0003", Services.housingFund());
        ServiceRun r = run(Services.bundle(), catalogue);
        BundleStep list = step(r, BundleStep.class);
        assertThat(list.count()).isEqualTo(2);
        assertThat(list.itemsProperty()).extracting(BundleStep.Item::status)
                .containsExactly(BundleStep.Status.NEXT, BundleStep.Status.LEFT, BundleStep.Status.NOT_HERE);
        assertThat(list.promptProperty().get().key()).isEqualTo("step.bundle.start");
        list.go();
        FieldStep phone = step(r, FieldStep.class);
        for (char c : "13800138000".toCharArray()) {
            phone.key(c);
        }
        phone.ok();
        step(r, FieldStep.class).confirm();
        step(r, SummaryStep.class).confirm();
        step(r, SubmitStep.class).next();
        step(r, ReceiptStep.class).next();
        list = step(r, BundleStep.class);
        assertThat(list.nextProperty().get()).isEqualTo(2);
        assertThat(r.leftUndone()).containsExactly("住房公积金退休提取", "ZZZ-0404");
        list.go();
        // The phone was given in step 1: only the confirmation, which each application needs, is asked.
        FieldStep confirm = step(r, FieldStep.class);
        assertThat(confirm.field().id()).isEqualTo("agree");
        confirm.confirm();
        step(r, SummaryStep.class).confirm();
        step(r, SubmitStep.class).next();
        step(r, ReceiptStep.class).next();
        list = step(r, BundleStep.class);
        assertThat(list.nextProperty().get()).isZero();
        list.go();
        step(r, EvaluateStep.class).skip();
        assertThat(finished.get()).isEqualTo(1);
        assertThat(county.queued).extracting(Transaction::serviceCode).containsExactly("RSJ-0014", "GJJ-0003");
        assertThat(county.queued.get(1).data()).containsEntry("phone", "13800138000");
    }

    @Test
    void aBundleLeftHalfWayKeepsWhatWasDoneAndSaysWhatIsLeft() {
        Map<String, Service> catalogue = Map.of("RSJ-0014", Services.application(), "GJJ-0003", Services.housingFund());
        ServiceRun r = run(Services.bundle(), catalogue);
        BundleStep list = step(r, BundleStep.class);
        list.skip();
        assertThat(list.nextProperty().get()).isEqualTo(2);
        assertThat(r.anyPartDone()).isFalse();
        list.go();
        FieldStep phone = step(r, FieldStep.class);
        for (char c : "13800138000".toCharArray()) {
            phone.key(c);
        }
        phone.ok();
        step(r, FieldStep.class).confirm();
        step(r, SummaryStep.class).confirm();
        step(r, SubmitStep.class).next();
        step(r, ReceiptStep.class).next();
        step(r, BundleStep.class);
        assertThat(r.anyPartDone()).isTrue();
        assertThat(r.leftUndone()).containsExactly("城乡居民基本养老保险参保登记", "ZZZ-0404");
        assertThat(county.queued).extracting(Transaction::serviceCode).containsExactly("GJJ-0003");
    }

    @Test
    void aBundleNoneOfWhoseStepsCanBeDoneHereIsNotOffered() {
        Offer.Result o = Offer.plan(Services.bundle(), new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"),
                code -> Optional.empty());
        assertThat(o.offered()).isFalse();
        assertThat(o.whyNot()).contains("none of its steps");
    }

    @Test
    void aQueryIsOfferedWithoutItsPrinterButThenOffersNoPrint() {
        Abilities noA4 = new Abilities(EnumSet.complementOf(EnumSet.of(DeviceNeed.A4_PRINTER)), true, "enhanced");
        Offer.Result q = Offer.plan(Services.contributions(), noA4);
        assertThat(q.offered()).isTrue();
        assertThat(q.plan().has(StepKind.PRINTOUT)).isFalse();
        assertThat(Offer.plan(Services.certificate(), noA4).offered()).as("a print service needs its printer").isFalse();
        assertThat(Offer.plan(Services.contributions(), new Abilities(EnumSet.allOf(DeviceNeed.class), false, "enhanced"))
                .whyNot()).contains("network");
        assertThat(Duration.ofSeconds(15)).isEqualTo(QueryStep.GIVE_UP);
    }
}
