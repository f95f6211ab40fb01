package cn.yzz.kiosk.cache;

import static cn.yzz.kiosk.cache.Transactions.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.OutboxEntry.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox contract; every implementation runs it (SqliteOutboxTest, MemoryOutboxTest). */
public abstract class OutboxContract {

    protected static final int MAX_ATTEMPTS = 3;
    protected final TestClock clock = new TestClock(T0.toInstant().plus(Duration.ofHours(1)));
    protected Outbox outbox;

    /** A fresh, empty outbox that blocks after {@code maxAttempts} and stamps times from {@code clock}. */
    protected abstract Outbox create(int maxAttempts, Clock clock) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        outbox = create(MAX_ATTEMPTS, clock);
    }

    private Instant now() {
        return clock.instant();
    }

    @Test
    void enqueuedTransactionComesBackWholeAndDue() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        List<OutboxEntry> due = outbox.peekDue(now(), 10);
        assertThat(due).hasSize(1);
        OutboxEntry e = due.get(0);
        assertThat(e.transaction()).isEqualTo(t);
        assertThat(e.state()).isEqualTo(State.PENDING);
        assertThat(e.attempts()).isZero();
        assertThat(e.backendRef()).isNull();
    }

    @Test
    void transactionWithoutPersonOrMoneyRoundTrips() throws Exception {
        Transaction t = Transactions.evaluation(0, 1);
        outbox.enqueue(t);
        assertThat(outbox.peekDue(now(), 10)).extracting(OutboxEntry::transaction).containsExactly(t);
    }

    @Test
    void peekDueIsOldestFirstByCreationThenIdAndHonoursMax() throws Exception {
        Transaction late = Transactions.payment(30, 1);
        Transaction early = Transactions.payment(10, 2);
        Transaction sameA = Transactions.payment(20, 3);
        Transaction sameB = Transactions.payment(20, 4); // made after sameA: larger UUIDv7
        outbox.enqueue(late);
        outbox.enqueue(sameB);
        outbox.enqueue(early);
        outbox.enqueue(sameA);
        assertThat(outbox.peekDue(now(), 10)).extracting(e -> e.transaction().id())
                .containsExactly(early.id(), sameA.id(), sameB.id(), late.id());
        assertThat(outbox.peekDue(now(), 2)).extracting(e -> e.transaction().id()).containsExactly(early.id(), sameA.id());
    }

    @Test
    void peekDueCanLeaveOutTheEntriesStillUnderWay() throws Exception {
        List<Transaction> ts = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Transaction t = Transactions.payment(i, i);
            outbox.enqueue(t);
            ts.add(t);
        }
        java.util.Set<java.util.UUID> underWay = java.util.Set.of(ts.get(0).id(), ts.get(2).id());
        assertThat(outbox.peekDue(now(), 3, underWay)).extracting(e -> e.transaction().id())
                .containsExactly(ts.get(1).id(), ts.get(3).id(), ts.get(4).id());
        assertThat(outbox.peekDue(now(), 10, underWay)).hasSize(4);
        assertThat(outbox.peekDue(now(), 10, java.util.Set.of())).hasSize(6);
    }

    @Test
    void peekDoesNotRemove() throws Exception {
        outbox.enqueue(Transactions.payment(0, 1));
        outbox.peekDue(now(), 10);
        assertThat(outbox.peekDue(now(), 10)).hasSize(1);
    }

    @Test
    void enqueueingTheSameIdTwiceIsRefused() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        assertThatThrownBy(() -> outbox.enqueue(t)).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.STATE);
        assertThat(outbox.list(10)).hasSize(1);
    }

    @Test
    void acknowledgedEntryKeepsBackendRefAndIsNoLongerDue() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        outbox.acknowledge(t.id(), "CNTY-1");
        assertThat(outbox.peekDue(now(), 10)).isEmpty();
        OutboxEntry e = outbox.list(10).get(0);
        assertThat(e.state()).isEqualTo(State.ACKNOWLEDGED);
        assertThat(e.backendRef()).isEqualTo("CNTY-1");
    }

    @Test
    void acknowledgingTwiceIsHarmlessAndKeepsTheFirstRef() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        outbox.acknowledge(t.id(), "CNTY-1");
        outbox.acknowledge(t.id(), "CNTY-1-again");
        assertThat(outbox.list(10).get(0).backendRef()).isEqualTo("CNTY-1");
        assertThat(outbox.status(now()).acknowledged()).isEqualTo(1);
    }

    @Test
    void aWholeBatchIsAcknowledgedAtOnceAndARepeatKeepsTheFirstRefs() throws Exception {
        Transaction a = Transactions.payment(0, 1);
        Transaction b = Transactions.payment(1, 2);
        Transaction c = Transactions.payment(2, 3);
        outbox.enqueue(a);
        outbox.enqueue(b);
        outbox.enqueue(c);
        outbox.acknowledge(a.id(), "CNTY-A");
        java.util.Map<UUID, String> refs = new java.util.LinkedHashMap<>();
        refs.put(a.id(), "CNTY-A-again");
        refs.put(b.id(), "CNTY-B");
        outbox.acknowledgeAll(refs);
        assertThat(outbox.status(now()).acknowledged()).isEqualTo(2);
        assertThat(outbox.peekDue(now(), 10)).extracting(e -> e.transaction().id()).containsExactly(c.id());
        assertThat(outbox.list(10)).filteredOn(e -> e.transaction().id().equals(a.id()))
                .extracting(OutboxEntry::backendRef).containsExactly("CNTY-A");
        outbox.acknowledgeAll(java.util.Map.of()); // nothing to do
    }

    @Test
    void marksOnAnUnknownIdAreStateErrors() {
        UUID unknown = UuidV7.next();
        assertThatThrownBy(() -> outbox.acknowledge(unknown, "x")).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.STATE);
        assertThatThrownBy(() -> outbox.reject(unknown, "x")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> outbox.retryLater(unknown, now(), "x")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> outbox.unblock(unknown)).isInstanceOf(StoreException.class);
    }

    @Test
    void rejectedEntryIsKeptWithItsReasonAndNeverRetried() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        outbox.reject(t.id(), "unknown service");
        outbox.retryLater(t.id(), now(), "late failure"); // a late answer must not revive it
        assertThat(outbox.peekDue(now().plus(Duration.ofDays(1)), 10)).isEmpty();
        OutboxEntry e = outbox.list(10).get(0);
        assertThat(e.state()).isEqualTo(State.REJECTED);
        assertThat(e.lastError()).isEqualTo("unknown service");
        assertThat(e.transaction()).isEqualTo(t);
    }

    @Test
    void acknowledgedEntryIsNotRejectedByALateAnswer() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        outbox.acknowledge(t.id(), "CNTY-1");
        outbox.reject(t.id(), "late");
        assertThat(outbox.list(10).get(0).state()).isEqualTo(State.ACKNOWLEDGED);
    }

    @Test
    void failedSendLeavesEntryQueuedUntilItsNextAttempt() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        Instant next = now().plusSeconds(60);
        outbox.retryLater(t.id(), next, "connection reset");
        assertThat(outbox.peekDue(now(), 10)).isEmpty();
        List<OutboxEntry> due = outbox.peekDue(next, 10);
        assertThat(due).hasSize(1);
        assertThat(due.get(0).attempts()).isEqualTo(1);
        assertThat(due.get(0).nextAttempt()).isEqualTo(next);
        assertThat(due.get(0).lastError()).isEqualTo("connection reset");
    }

    @Test
    void blocksEntryAfterMaxAttemptsAndUnblockMakesItDueNow() throws Exception {
        Transaction t = Transactions.payment(0, 1);
        outbox.enqueue(t);
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            outbox.retryLater(t.id(), now(), "503");
        }
        assertThat(outbox.peekDue(now().plus(Duration.ofDays(365)), 10)).isEmpty();
        assertThat(outbox.status(now()).blocked()).isEqualTo(1);
        assertThat(outbox.status(now()).pending()).isZero();
        assertThat(outbox.unblock(t.id())).isTrue();
        assertThat(outbox.unblock(t.id())).as("already pending").isFalse();
        List<OutboxEntry> due = outbox.peekDue(now(), 10);
        assertThat(due).hasSize(1);
        assertThat(due.get(0).attempts()).isZero();
    }

    @Test
    void statusCountsEveryStateAndTheOldestPendingAge() throws Exception {
        assertThat(outbox.status(now())).isEqualTo(new QueueStatus(0, 0, 0, 0, 0));
        Transaction a = Transactions.payment(0, 1);
        Transaction b = Transactions.payment(60, 2);
        Transaction c = Transactions.payment(120, 3);
        Transaction d = Transactions.payment(180, 4);
        for (Transaction t : List.of(a, b, c, d)) {
            outbox.enqueue(t);
        }
        outbox.acknowledge(a.id(), "r");
        outbox.reject(c.id(), "bad");
        Instant now = T0.toInstant().plusSeconds(1000);
        assertThat(outbox.status(now)).isEqualTo(new QueueStatus(2, 0, 1, 1, 940));
    }

    @Test
    void listIsNewestFirstWithMax() throws Exception {
        Transaction a = Transactions.payment(0, 1);
        Transaction b = Transactions.payment(60, 2);
        Transaction c = Transactions.payment(120, 3);
        outbox.enqueue(b);
        outbox.enqueue(a);
        outbox.enqueue(c);
        assertThat(outbox.list(2)).extracting(e -> e.transaction().id()).containsExactly(c.id(), b.id());
    }

    @Test
    void purgeRemovesPersonOnlyFromEntriesAcknowledgedBeforeTheRetention() throws Exception {
        Transaction old = Transactions.payment(0, 1);
        Transaction recent = Transactions.payment(10, 2);
        Transaction pending = Transactions.payment(20, 3);
        outbox.enqueue(old);
        outbox.enqueue(recent);
        outbox.enqueue(pending);
        outbox.acknowledge(old.id(), "r1");
        clock.advance(Duration.ofDays(20));
        outbox.acknowledge(recent.id(), "r2");
        clock.advance(Duration.ofDays(11));

        assertThat(outbox.purgePersonal(now(), Duration.ofDays(30))).isEqualTo(1);
        assertThat(outbox.purgePersonal(now(), Duration.ofDays(30))).as("idempotent").isZero();

        List<OutboxEntry> all = outbox.list(10);
        assertThat(all).filteredOn(e -> e.transaction().id().equals(old.id())).singleElement()
                .satisfies(e -> {
                    assertThat(e.transaction().person()).isNull();
                    assertThat(e.transaction().receiptNo()).isEqualTo(old.receiptNo());
                    assertThat(e.backendRef()).isEqualTo("r1");
                });
        assertThat(all).filteredOn(e -> !e.transaction().id().equals(old.id()))
                .allSatisfy(e -> assertThat(e.transaction().person()).isEqualTo(Transactions.LI));
    }

    // v1.1: method, orderId, data.members; receipt numbers made at commit //

    @Test
    void aHouseholdQrPaymentComesBackWholeWithMethodOrderAndMembers() throws Exception {
        Transaction t = Transactions.householdQr(0, "ORD-1").withReceiptNo("WJ-0042-20261122-0001");
        outbox.enqueue(t);
        Transaction back = outbox.peekDue(now(), 10).get(0).transaction();
        assertThat(back).isEqualTo(t);
        assertThat(back.method()).isEqualTo("qr");
        assertThat(back.orderId()).isEqualTo("ORD-1");
        assertThat(back.data().get("members")).isEqualTo(Transactions.members(Transactions.MING, Transactions.FANG));
        assertThat(outbox.find(t.id())).map(OutboxEntry::transaction).contains(t);
        assertThat(outbox.find(UuidV7.next())).isEmpty();
    }

    @Test
    void aQrPaymentWithoutItsOrderIsNotQueued() {
        Transaction draft = Transactions.householdQr(0, null);
        assertThatThrownBy(() -> outbox.enqueue(draft)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.enqueueReceipted(draft, "WJ-0042")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receiptNumbersCountFromOneEachKioskLocalDayAndPerKiosk() throws Exception {
        java.time.ZoneOffset cst = java.time.ZoneOffset.ofHours(8);
        // 23:30 on the 22nd in Guangdong is 15:30 UTC; 00:10 on the 23rd is still the 22nd in UTC: the kiosk's day counts
        var lateOn22 = java.time.OffsetDateTime.of(2026, 11, 22, 23, 30, 0, 0, cst);
        var earlyOn23 = java.time.OffsetDateTime.of(2026, 11, 23, 0, 10, 0, 0, cst);
        assertThat(outbox.enqueueReceipted(Transactions.householdQr(0, "O1"), "WJ-0042").receiptNo())
                .isEqualTo("WJ-0042-20261122-0001");
        assertThat(outbox.enqueueReceipted(Transactions.householdQr(lateOn22, "O2"), "WJ-0042").receiptNo())
                .isEqualTo("WJ-0042-20261122-0002");
        assertThat(outbox.enqueueReceipted(Transactions.householdQr(earlyOn23, "O3"), "WJ-0042").receiptNo())
                .isEqualTo("WJ-0042-20261123-0001");
        assertThat(outbox.enqueueReceipted(Transactions.householdQr(5, "O4"), "WJ-0042").receiptNo())
                .as("back on the 22nd: the 22nd's counter goes on").isEqualTo("WJ-0042-20261122-0003");
        assertThat(outbox.enqueueReceipted(Transactions.householdQr(6, "O5"), "WJ-0043").receiptNo())
                .as("another kiosk (the same store in tests)").isEqualTo("WJ-0043-20261122-0001");
        Transaction stored = outbox.findByReceiptNo("WJ-0042-20261122-0002").orElseThrow().transaction();
        assertThat(stored.createdAt()).isEqualTo(lateOn22);
        assertThat(stored.orderId()).isEqualTo("O2");
        assertThat(outbox.findByReceiptNo("WJ-0042-20261122-0009")).isEmpty();
    }

    @Test
    void aFailedReceiptedEnqueueTakesNoNumberAndANumberAlreadyStoredIsNeverGivenAgain() throws Exception {
        Transaction first = outbox.enqueueReceipted(Transactions.householdQr(0, "O1"), "WJ-0042");
        assertThat(first.receiptNo()).isEqualTo("WJ-0042-20261122-0001");
        Transaction again = first.withReceiptNo(null);
        assertThatThrownBy(() -> outbox.enqueueReceipted(again, "WJ-0042")).isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.STATE);
        assertThatThrownBy(() -> outbox.enqueueReceipted(first, "WJ-0042"))
                .as("already numbered").isInstanceOf(IllegalArgumentException.class);
        // a number written by a tool or an earlier release with plain enqueue
        outbox.enqueue(Transactions.householdQr(1, "O2").withReceiptNo("WJ-0042-20261122-0003"));
        assertThat(outbox.enqueueReceipted(Transactions.householdQr(2, "O3"), "WJ-0042").receiptNo())
                .as("the failed one took none").isEqualTo("WJ-0042-20261122-0002");
        assertThat(outbox.enqueueReceipted(Transactions.householdQr(3, "O4"), "WJ-0042").receiptNo())
                .as("0003 is taken").isEqualTo("WJ-0042-20261122-0004");
        assertThat(outbox.list(10)).extracting(e -> e.transaction().receiptNo()).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void purgeRemovesTheMembersWithThePersonAndTheRestStillReads() throws Exception {
        Transaction t = outbox.enqueueReceipted(Transactions.householdQr(0, "O1"), "WJ-0042");
        outbox.acknowledge(t.id(), "CNTY-1");
        clock.advance(Duration.ofDays(31));
        assertThat(outbox.purgePersonal(now(), Duration.ofDays(30))).isEqualTo(1);
        Transaction left = outbox.list(10).get(0).transaction();
        assertThat(left.person()).isNull();
        assertThat(left.data()).doesNotContainKey("members").containsEntry("grade", "300");
        assertThat(left).isEqualTo(t.withoutPersonalData());
        assertThat(outbox.findByReceiptNo(t.receiptNo())).map(OutboxEntry::transaction).contains(left);
    }

    private static final long DAY = Duration.ofDays(1).toSeconds();

    @Test
    void theLastDaysCountWhatWasMadeEachLocalDayAndWhatBecameOfIt() throws Exception {
        // T0 is 2026-11-22 09:30 in Guangdong; "now" is an hour later, so today is the 22nd.
        java.time.ZoneId guangdong = java.time.ZoneId.of("Asia/Shanghai");
        Transaction weekAgo = Transactions.payment(-7 * DAY, 1); // the 15th: before the 7 days
        Transaction sixDaysAgo = Transactions.payment(-6 * DAY, 2); // the 16th, first day shown
        Transaction lastMinute = Transactions.payment(-2 * DAY + 14 * 3600 + 29 * 60 + 59, 3); // the 20th, 23:59:59
        Transaction acked = Transactions.payment(-DAY + 14 * 3600 + 30 * 60, 4); // the 22nd, 00:00:00
        Transaction rejected = Transactions.payment(-3600, 5); // the 22nd, 08:30
        Transaction blocked = Transactions.payment(-60, 6);
        Transaction pending = Transactions.payment(0, 7);
        for (Transaction t : List.of(weekAgo, sixDaysAgo, lastMinute, acked, rejected, blocked, pending)) {
            outbox.enqueue(t);
        }
        outbox.acknowledge(acked.id(), "r");
        outbox.acknowledge(sixDaysAgo.id(), "r");
        outbox.reject(rejected.id(), "unknown serviceCode");
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            outbox.retryLater(blocked.id(), now(), "TRANSPORT: connect timed out");
        }

        List<QueueDay> week = outbox.days(7, guangdong, now());
        assertThat(week).extracting(QueueDay::day).containsExactly(java.time.LocalDate.of(2026, 11, 16),
                java.time.LocalDate.of(2026, 11, 17), java.time.LocalDate.of(2026, 11, 18), java.time.LocalDate.of(2026, 11, 19),
                java.time.LocalDate.of(2026, 11, 20), java.time.LocalDate.of(2026, 11, 21), java.time.LocalDate.of(2026, 11, 22));
        assertThat(week.get(0)).isEqualTo(new QueueDay(java.time.LocalDate.of(2026, 11, 16), 1, 1, 0));
        assertThat(week.get(4)).isEqualTo(new QueueDay(java.time.LocalDate.of(2026, 11, 20), 1, 0, 0));
        assertThat(week.get(5).made()).isZero();
        QueueDay today = week.get(6);
        assertThat(today).isEqualTo(new QueueDay(java.time.LocalDate.of(2026, 11, 22), 4, 1, 1));
        assertThat(today.waiting()).as("the blocked and the pending one").isEqualTo(2);

        // The same store seen from UTC: Guangdong's midnight of the 22nd is the 21st there.
        List<QueueDay> utc = outbox.days(2, java.time.ZoneOffset.UTC, now());
        assertThat(utc.get(0)).isEqualTo(new QueueDay(java.time.LocalDate.of(2026, 11, 21), 1, 1, 0));
        assertThat(utc.get(1)).isEqualTo(new QueueDay(java.time.LocalDate.of(2026, 11, 22), 3, 0, 1));
        assertThat(outbox.days(1, guangdong, now())).containsExactly(today);
        assertThatThrownBy(() -> outbox.days(0, guangdong, now())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void problemsAreTheRejectedAndBlockedEntriesNewestFirstWithoutPersonalData() throws Exception {
        Transaction ok = Transactions.payment(0, 1);
        Transaction refused = Transactions.payment(60, 2);
        Transaction stuck = Transactions.payment(120, 3);
        Transaction waiting = Transactions.payment(180, 4);
        for (Transaction t : List.of(ok, refused, stuck, waiting)) {
            outbox.enqueue(t);
        }
        outbox.acknowledge(ok.id(), "r");
        outbox.reject(refused.id(), "unknown serviceCode for person 440203195103152316");
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            outbox.retryLater(stuck.id(), now(), "TRANSPORT: ConnectException: Failed to connect");
        }

        List<QueueProblem> problems = outbox.problems(10);
        assertThat(problems).extracting(QueueProblem::id).containsExactly(stuck.id(), refused.id());
        QueueProblem blocked = problems.get(0);
        assertThat(blocked.state()).isEqualTo(State.BLOCKED);
        assertThat(blocked.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(blocked.serviceCode()).isEqualTo("RSJ-0007");
        assertThat(blocked.receiptNo()).isEqualTo(stuck.receiptNo());
        assertThat(blocked.createdAt().toInstant()).isEqualTo(stuck.createdAt().toInstant());
        assertThat(blocked.words()).contains("3 次", "连不上县里的后台", "再点“解除”");
        QueueProblem rejected = problems.get(1);
        assertThat(rejected.state()).isEqualTo(State.REJECTED);
        assertThat(rejected.reason()).doesNotContain("440203195103152316").contains("440***********2316");
        assertThat(rejected.words()).contains("县里拒收", "县里不认识这项服务").doesNotContain("440203195103152316");
        assertThat(problems.toString()).doesNotContain(Transactions.LI.idNumber(), Transactions.LI.name());
        assertThat(outbox.problems(1)).extracting(QueueProblem::id).containsExactly(stuck.id());
    }
}
