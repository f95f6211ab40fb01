package cn.yzz.kiosk.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.Villager;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * 帮办代办 in a service's run: every transaction of an assisted visit (the payment's journal draft and its stored row, an
 * application, the evaluation, rated or not) carries {@code data.assistedBy}, the staff number and nothing else of the staff
 * member's; {@code person} is the villager's; the level is the one the villager chose. A visit nobody assists carries none.
 */
class AssistedRunTest {

    private static final String STAFF = "001";
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private final FakeCounty county = new FakeCounty(clock);
    private final ManualScheduler timers = new ManualScheduler();
    private final Villager villager = Villager.of(CardFixtures.RESIDENT.card());

    private ServiceRun run(Service s, String assistedBy) {
        Offer.Result o = Offer.plan(s, new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"));
        assertThat(o.offered()).as(o.whyNot()).isTrue();
        ServiceRun r = new ServiceRun(o.plan(), new ServiceRun.Context(villager, "session-1", county, ReceiptOut.NONE,
                Runnable::run, timers, clock, () -> () -> { }, () -> { }, () -> { },
                wait -> new CompletableFuture<>(), assistedBy));
        r.start();
        return r;
    }

    @SuppressWarnings("unchecked")
    private static <S extends Step> S step(ServiceRun r, Class<S> kind) {
        assertThat(r.currentProperty().get()).isInstanceOf(kind);
        return (S) r.currentProperty().get();
    }

    private void payForOneself(ServiceRun r) {
        step(r, PayerStep.class).choose(Payer.SELF);
        step(r, FieldStep.class).choose("300");
        step(r, SummaryStep.class).confirm();
    }

    private void apply(ServiceRun r) {
        FieldStep phone = step(r, FieldStep.class);
        for (char c : "13800138000".toCharArray()) {
            phone.key(c);
        }
        phone.ok();
        step(r, FieldStep.class).confirm();
        step(r, SummaryStep.class).confirm();
    }

    @Test
    void aPaymentAndItsEvaluationCarryTheStaffNumberWhileThePersonAndTheLevelAreTheVillagers() {
        ServiceRun r = run(Services.pension(), STAFF);
        payForOneself(r);
        assertThat(county.journal.values()).as("the draft journaled before the code is shown")
                .allSatisfy(d -> assertThat(d.data()).containsEntry("assistedBy", STAFF));
        county.state = County.OrderState.PAID;
        timers.fireAll();
        Transaction paid = step(r, QrPayStep.class).stored();
        assertThat(paid.data()).containsEntry("assistedBy", STAFF).containsEntry("grade", "300");
        assertThat(paid.person().idNumber()).isEqualTo(villager.idNumber());
        assertThat(paid.person().name()).isEqualTo(villager.name());
        step(r, QrPayStep.class).next();
        step(r, ReceiptStep.class).next(); // no printer: the receipt is on screen
        EvaluateStep rate = step(r, EvaluateStep.class);
        assertThat(rate.assisted()).isTrue();
        assertThat(rate.promptProperty().get().key()).as("the villager is asked to rate it themselves")
                .isEqualTo("step.evaluate.assisted");
        rate.rate(2);
        rate.toggleReason("attitude");
        rate.submit();
        Transaction evaluation = county.queued.get(county.queued.size() - 1);
        assertThat(evaluation.type()).isEqualTo("evaluation");
        assertThat(evaluation.data()).containsEntry("assistedBy", STAFF).containsEntry("level", 2)
                .containsEntry("ratedTransactionId", paid.id().toString()).containsEntry("reasons", List.of("attitude"));
        assertThat(evaluation.person()).isNull();
        assertThat(county.queued).extracting(Transaction::type).containsExactly("payment", "evaluation");
        assertThat(county.queued).as("every transaction of the visit")
                .allSatisfy(t -> assertThat(t.data()).containsEntry("assistedBy", STAFF));
    }

    @Test
    void anApplicationCarriesTheStaffNumberBesideTheAnswers() {
        ServiceRun r = run(Services.application(), STAFF);
        apply(r);
        Transaction stored = step(r, SubmitStep.class).stored();
        assertThat(stored.data()).containsEntry("assistedBy", STAFF).containsEntry("phone", "13800138000")
                .containsEntry("agree", "true");
        assertThat(stored.person().idNumber()).isEqualTo(villager.idNumber());
        step(r, SubmitStep.class).next();
        step(r, ReceiptStep.class).next(); // no printer: the receipt is on screen
        step(r, EvaluateStep.class).rate(5);
        step(r, EvaluateStep.class).submit();
        assertThat(county.queued).extracting(Transaction::type).containsExactly("application", "evaluation");
        assertThat(county.queued).allSatisfy(t -> assertThat(t.data()).containsEntry("assistedBy", STAFF));
    }

    @Test
    void theEvaluationOfACancelledPaymentCarriesItToo() {
        ServiceRun r = run(Services.pension(), STAFF);
        payForOneself(r);
        step(r, QrPayStep.class).cancel();
        step(r, QrPayStep.class).giveUp(); // 不缴了
        EvaluateStep rate = step(r, EvaluateStep.class);
        rate.rate(3);
        rate.submit();
        assertThat(county.queued).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo("evaluation");
            assertThat(t.data()).containsEntry("assistedBy", STAFF).doesNotContainKey("ratedTransactionId");
            assertThat(t.sessionId()).isEqualTo("session-1");
        });
    }

    @Test
    void aVisitNobodyAssistsCarriesNoStaffNumber() {
        ServiceRun r = run(Services.application(), null);
        apply(r);
        step(r, SubmitStep.class).next();
        step(r, ReceiptStep.class).next(); // no printer: the receipt is on screen
        EvaluateStep rate = step(r, EvaluateStep.class);
        assertThat(rate.assisted()).isFalse();
        assertThat(rate.promptProperty().get().key()).isEqualTo("step.evaluate");
        rate.rate(4);
        rate.submit();
        assertThat(county.queued).hasSize(2).allSatisfy(t -> assertThat(t.data()).doesNotContainKey("assistedBy"));
    }
}
