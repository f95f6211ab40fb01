package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.CashPayment;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.CashJournal.State;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.TestClock;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random sequences of what a kiosk and its note acceptor may do (notes in escrow, handed back, credited with or
 * without an escrow, payments settled for any reason, notes with no payment, the cash box removed and replaced),
 * with the moves the journal must refuse tried too. After each sequence: the cash box counters = what was
 * credited since the last replacement = the journal's rows; every note ever credited is in exactly one queued
 * payment transaction, an unfinished payment or the unattributed list, and in exactly one cash box audit or the
 * box now; every queued payment adds up; the hash chain holds.
 */
class CashJournalPropertyTest {

    private static final String KIOSK = "WJ-0042";

    sealed interface Op {}
    record Open(long dueFen) implements Op {}
    record Escrow(long valueFen) implements Op {}
    record Return() implements Op {}
    record Credit(long valueFen, boolean viaEscrow) implements Op {}
    record Settle(Ending why) implements Op {}
    record Unattributed(long valueFen) implements Op {}
    record Removed() implements Op {}
    record Replaced() implements Op {}

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Long> note = Arbitraries.of(500L, 1000L, 2000L, 5000L, 10000L);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 120).map(n -> new Open(n * 500L))),
                Tuple.of(5, note.map(Escrow::new)),
                Tuple.of(2, Arbitraries.just(new Return())),
                Tuple.of(7, Combinators.combine(note, Arbitraries.of(true, false)).as(Credit::new)),
                Tuple.of(3, Arbitraries.of(Ending.class).map(Settle::new)),
                Tuple.of(1, note.map(Unattributed::new)),
                Tuple.of(1, Arbitraries.just(new Removed())),
                Tuple.of(1, Arbitraries.just(new Replaced())));
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    /** What the test knows happened. */
    private static final class Model {
        UUID open;
        long due;
        Long escrow;
        UUID lastEnded;
        final SortedMap<Long, Integer> allNotes = new TreeMap<>();
        final SortedMap<Long, Integer> box = new TreeMap<>();
        final SortedMap<Long, Integer> unattributed = new TreeMap<>();
        final SortedMap<Long, Integer> openCredited = new TreeMap<>();
        final List<Transaction> audits = new ArrayList<>();
        int refusals;

        void credit(long value, SortedMap<Long, Integer> into) {
            allNotes.merge(value, 1, Integer::sum);
            box.merge(value, 1, Integer::sum);
            into.merge(value, 1, Integer::sum);
        }
    }

    @Property(tries = 200)
    void countersJournalAndQueuedTransactionsAlwaysAgree(@ForAll("sequences") List<Op> ops) throws Exception {
        Path dir = Files.createTempDirectory("cash-property");
        TestClock clock = new TestClock(Transactions.T0.toInstant());
        try (KioskStore store = KioskStore.open(dir, Settings.defaults().withClock(clock))) {
            CashJournal cash = store.cash();
            Model m = new Model();
            int n = 0;
            for (Op op : ops) {
                clock.advance(Duration.ofSeconds(7));
                apply(cash, m, op, n++);
            }
            check(store, cash, m);
        } finally {
            delete(dir);
        }
    }

    private static void apply(CashJournal cash, Model m, Op op, int n) throws StoreException {
        if (op instanceof Open o) {
            Transaction draft = Transactions.cashDraft(n, o.dueFen());
            if (m.open != null) {
                refused(() -> cash.open(draft), m);
            } else {
                cash.open(draft);
                m.open = draft.id();
                m.due = o.dueFen();
                m.openCredited.clear();
            }
        } else if (op instanceof Escrow e) {
            if (m.open == null) {
                if (m.lastEnded != null) {
                    refused(() -> cash.escrowed(m.lastEnded, 1, e.valueFen()), m);
                }
            } else if (m.escrow != null) {
                refused(() -> cash.escrowed(m.open, 1, e.valueFen()), m);
            } else {
                cash.escrowed(m.open, 1, e.valueFen());
                m.escrow = e.valueFen();
            }
        } else if (op instanceof Return) {
            if (m.open != null) {
                cash.returned(m.open, "returned");
                m.escrow = null;
            }
        } else if (op instanceof Credit c) {
            if (m.open == null) {
                if (m.lastEnded != null) {
                    refused(() -> cash.credited(m.lastEnded, 1, c.valueFen()), m);
                }
                cash.unattributed(1, c.valueFen(), "no payment open"); // what the desk does with such a note
                m.credit(c.valueFen(), m.unattributed);
            } else {
                if (c.viaEscrow() && m.escrow == null) {
                    cash.escrowed(m.open, 1, c.valueFen());
                }
                CashPayment after = cash.credited(m.open, 1, c.valueFen());
                m.escrow = null;
                m.credit(c.valueFen(), m.openCredited);
                assertThat(after.notes()).isEqualTo(m.openCredited);
                assertThat(after.state()).isEqualTo(State.COLLECTING);
            }
        } else if (op instanceof Settle s) {
            if (m.open == null) {
                if (m.lastEnded != null) {
                    CashPayment before = cash.find(m.lastEnded).orElseThrow();
                    assertThat(cash.settle(m.lastEnded, KIOSK, s.why())).as("idempotent").isEqualTo(before);
                }
                return;
            }
            long credited = sum(m.openCredited);
            if (m.escrow != null || (s.why() == Ending.ENOUGH && credited < m.due)) {
                refused(() -> cash.settle(m.open, KIOSK, s.why()), m);
                return;
            }
            CashPayment p = cash.settle(m.open, KIOSK, s.why());
            State expected = credited == 0 ? State.CANCELLED : credited >= m.due ? State.PAID : State.VOUCHER;
            assertThat(p.state()).isEqualTo(expected);
            assertThat(p.creditedFen()).isEqualTo(credited);
            assertThat(p.voucherFen()).isEqualTo(expected == State.PAID ? credited - m.due
                    : expected == State.VOUCHER ? credited : 0);
            assertThat(p.queued() == null).isEqualTo(expected == State.CANCELLED);
            m.lastEnded = m.open;
            m.open = null;
            m.openCredited.clear();
        } else if (op instanceof Unattributed u) {
            cash.unattributed(2, u.valueFen(), "cleared into the box at power-up");
            m.credit(u.valueFen(), m.unattributed);
        } else if (op instanceof Removed) {
            cash.cashboxRemoved();
        } else if (op instanceof Replaced) {
            Transaction audit = cash.cashboxReplaced(KIOSK);
            assertThat(audit.cash().get("notes")).isEqualTo(keyed(m.box));
            m.audits.add(audit);
            m.box.clear();
        }
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Model m) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.STATE));
        m.refusals++;
    }

    private static void check(KioskStore store, CashJournal cash, Model m) throws Exception {
        // Counters = the model = the journal's rows (read here row by row, not with the store's query).
        SortedMap<Long, Integer> rows = store.database().read("rows", c -> {
            SortedMap<Long, Integer> out = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet now = s.executeQuery("SELECT max(id) FROM cash_periods")) {
                long period = now.getLong(1);
                try (ResultSet rs = c.createStatement().executeQuery("SELECT kind, value_fen, period FROM cash_events")) {
                    while (rs.next()) {
                        String kind = rs.getString(1);
                        if (rs.getLong(3) == period && (kind.equals("CREDIT") || kind.equals("UNATTRIBUTED"))) {
                            out.merge(rs.getLong(2), 1, Integer::sum);
                        }
                    }
                }
            }
            return out;
        });
        assertThat(cash.cashBox().notes()).isEqualTo(m.box).isEqualTo(rows);
        assertThat(cash.cashBox().cashboxFen()).isEqualTo(sum(m.box));

        // Every note ever credited: in one queued payment, the unfinished payment, or unattributed...
        SortedMap<Long, Integer> accounted = new TreeMap<>(m.unattributed);
        List<Transaction> queued = store.outbox().peekDue(Instant.parse("2100-01-01T00:00:00Z"), 10_000).stream()
                .map(OutboxEntry::transaction).toList();
        for (Transaction t : queued.stream().filter(t -> t.type().equals("payment")).toList()) {
            long inserted = ((Number) t.cash().get("insertedFen")).longValue();
            long voucher = t.cash().containsKey("voucherFen") ? ((Number) t.cash().get("voucherFen")).longValue() : 0;
            SortedMap<Long, Integer> notes = unkeyed(t.cash().get("notes"));
            assertThat(sum(notes)).isEqualTo(inserted);
            assertThat(t.amountFen() + voucher).isEqualTo(inserted);
            assertThat(t.receiptNo()).isNotNull();
            assertThat(voucher > 0).isEqualTo(t.cash().containsKey("voucherNo"));
            notes.forEach((v, k) -> accounted.merge(v, k, Integer::sum));
        }
        for (CashPayment p : cash.unfinished()) {
            p.notes().forEach((v, k) -> accounted.merge(v, k, Integer::sum));
        }
        assertThat(accounted).isEqualTo(m.allNotes);
        // ...and in one cash box audit or the box now.
        SortedMap<Long, Integer> boxed = new TreeMap<>(m.box);
        List<Transaction> audits = queued.stream().filter(t -> t.type().equals("cash-audit")).toList();
        assertThat(audits).containsExactlyInAnyOrderElementsOf(m.audits);
        for (Transaction a : audits) {
            unkeyed(a.cash().get("notes")).forEach((v, k) -> boxed.merge(v, k, Integer::sum));
        }
        assertThat(boxed).isEqualTo(m.allNotes);

        // A payment is PAID or VOUCHER exactly when the outbox holds it.
        String orphans = store.database().read("orphans", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM cash_payments p "
                    + "WHERE (state IN ('PAID','VOUCHER')) != (EXISTS (SELECT 1 FROM outbox o WHERE o.id = p.transaction_id))")) {
                return rs.getString(1);
            }
        });
        assertThat(orphans).isEqualTo("0");
        assertThat(((SqliteCashJournal) cash).verifyChain()).isEmpty();
        assertThat(store.integrityCheck()).isEqualTo("ok");
    }

    private static long sum(Map<Long, Integer> notes) {
        return notes.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
    }

    private static Map<String, Object> keyed(SortedMap<Long, Integer> notes) {
        Map<String, Object> out = new TreeMap<>();
        notes.forEach((v, k) -> out.put(Long.toString(v), k));
        return out;
    }

    private static SortedMap<Long, Integer> unkeyed(Object notes) {
        SortedMap<Long, Integer> out = new TreeMap<>();
        ((Map<?, ?>) notes).forEach((v, k) -> out.put(Long.parseLong((String) v), ((Number) k).intValue()));
        return out;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
