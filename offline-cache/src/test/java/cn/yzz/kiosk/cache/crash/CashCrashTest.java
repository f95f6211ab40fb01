package cn.yzz.kiosk.cache.crash;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.CashPayment;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.SqliteCashJournal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cash journal under {@code kill -9}: a separate JVM takes cash payments (notes in escrow, handed back,
 * credited, payments settled paid, with a voucher or cancelled, unattributed notes, cash boxes replaced) and is
 * killed with SIGKILL at a random moment, cycle after cycle; each new worker first ends what the last one left
 * open. After every kill: the database is sound and the hash chain holds; everything the worker reported (it
 * reports only after the commit) is there; nothing is half-done: a PAID or VOUCHER payment has its outbox row
 * whose notes are its journal's credits, a CANCELLED one has none, at most one payment is unended; the cash box
 * counters are the journal's sums and every replaced box's audit holds its period's sums. At the end every note
 * credited is in exactly one queued payment or unattributed, and in exactly one audit or the box.
 */
class CashCrashTest {

    private static final int CYCLES = 15; // the whole stack is killed 100 times by installer's CashCrashCyclesTest

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killedMidPaymentLosesNothingCommittedAndLeavesNothingHalfDone() throws Exception {
        try {
            crashAndCount();
        } catch (AssertionError e) {
            throw keepEvidence(e);
        }
    }

    /**
     * A failure here may be a note credited twice or lost, and happens once in many runs: the database and every worker's
     * stderr are kept under target/ (the temp folder goes with the test) and named in the failure.
     */
    private AssertionError keepEvidence(AssertionError e) {
        Path kept = Path.of("target", "crash-evidence", "CashCrashTest-" + System.currentTimeMillis()).toAbsolutePath();
        try (var files = java.nio.file.Files.walk(dir)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = kept.resolve(dir.relativize(from).toString());
                if (java.nio.file.Files.isDirectory(from)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(from, to);
                }
            }
            e.addSuppressed(new AssertionError("database and workers' stderr kept in " + kept));
        } catch (java.io.IOException | RuntimeException copying) {
            e.addSuppressed(copying);
        }
        return e;
    }

    private void crashAndCount() throws Exception {
        Path dataDir = dir.resolve("kiosk");
        Path log = dir.resolve("worker-stderr.log");
        Random random = new Random(20261206L);
        KioskStore.open(dataDir, Settings.defaults()).close();
        Map<UUID, Integer> reportedCredits = new HashMap<>();
        int reportedSettled = 0;
        int reportedAudits = 0;
        int killedWithEscrow = 0;
        int killedMidPayment = 0;
        long started = System.nanoTime();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            List<String> lines = runAndKill(dataDir, cycle, random, log);
            Map<UUID, Integer> credits = new HashMap<>();
            Map<UUID, String> settled = new HashMap<>();
            List<UUID> opened = new ArrayList<>();
            List<UUID> audits = new ArrayList<>();
            for (String line : lines) {
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "OPEN" -> opened.add(UUID.fromString(w[1]));
                    case "CREDIT" -> credits.merge(UUID.fromString(w[1]), 1, Integer::sum);
                    case "SETTLED" -> settled.put(UUID.fromString(w[1]), w[2]);
                    case "AUDIT" -> audits.add(UUID.fromString(w[1]));
                    default -> { } // READY, UNATTRIBUTED
                }
            }
            try (KioskStore store = KioskStore.open(dataDir, Settings.defaults())) {
                CashJournal cash = store.cash();
                assertThat(store.integrityCheck()).as("cycle %d", cycle).isEqualTo("ok");
                assertThat(((SqliteCashJournal) cash).verifyChain()).as("cycle %d", cycle).isEmpty();
                // Nothing reported is lost; at most one credit was committed and not yet reported when the kill came.
                int unreported = 0;
                for (UUID id : opened) {
                    CashPayment p = cash.find(id).orElseThrow(() -> new AssertionError("opened and lost: " + id));
                    int journal = p.notes().values().stream().mapToInt(Integer::intValue).sum();
                    int said = credits.getOrDefault(id, 0);
                    assertThat(journal).as("credits of %s", id).isBetween(said, said + 1);
                    unreported += journal - said;
                }
                assertThat(unreported).as("cycle %d: credits committed but not reported", cycle).isLessThanOrEqualTo(1);
                for (var e : settled.entrySet()) {
                    assertThat(cash.find(e.getKey()).orElseThrow().state().name()).isEqualTo(e.getValue());
                }
                for (UUID audit : audits) {
                    assertThat(store.outbox().find(audit)).as("audit %s", audit).isPresent();
                }
                List<CashPayment> unfinished = cash.unfinished();
                assertThat(unfinished).hasSizeLessThanOrEqualTo(1);
                if (!unfinished.isEmpty()) {
                    killedMidPayment++;
                    if (unfinished.get(0).escrow() != null) {
                        killedWithEscrow++;
                    }
                }
                checkWhole(store);
            }
            credits.forEach((id, k) -> reportedCredits.merge(id, k, Integer::sum));
            reportedSettled += settled.size();
            reportedAudits += audits.size();
        }
        long crashMs = (System.nanoTime() - started) / 1_000_000;

        // The start-up reconciliation once more, then every note must be accounted for exactly once.
        try (KioskStore store = KioskStore.open(dataDir, Settings.defaults())) {
            CashJournal cash = store.cash();
            for (CashPayment p : cash.unfinished()) {
                if (p.escrow() != null) {
                    cash.returned(p.transactionId(), "cleared from the front at power-up");
                }
                cash.settle(p.transactionId(), CashCrashWorker.KIOSK, Ending.RECOVERED);
            }
            assertThat(cash.unfinished()).isEmpty();
            checkWhole(store);
            SortedMap<Long, Integer> all = sums(store, "kind IN ('CREDIT','UNATTRIBUTED')");
            SortedMap<Long, Integer> inPayments = new TreeMap<>();
            SortedMap<Long, Integer> inAudits = new TreeMap<>();
            int payments = 0;
            int vouchers = 0;
            for (Transaction t : queued(store)) {
                SortedMap<Long, Integer> into = t.type().equals("payment") ? inPayments : inAudits;
                notesOf(t).forEach((v, k) -> into.merge(v, k, Integer::sum));
                if (t.type().equals("payment")) {
                    payments++;
                    vouchers += t.cash().containsKey("voucherNo") ? 1 : 0;
                }
            }
            SortedMap<Long, Integer> unattributed = sums(store, "kind = 'UNATTRIBUTED'");
            SortedMap<Long, Integer> paymentsAndUnattributed = new TreeMap<>(inPayments);
            unattributed.forEach((v, k) -> paymentsAndUnattributed.merge(v, k, Integer::sum));
            assertThat(paymentsAndUnattributed).as("every note in exactly one payment or unattributed").isEqualTo(all);
            SortedMap<Long, Integer> auditsAndBox = new TreeMap<>(inAudits);
            cash.cashBox().notes().forEach((v, k) -> auditsAndBox.merge(v, k, Integer::sum));
            assertThat(auditsAndBox).as("every note in exactly one audit or the box").isEqualTo(all);
            int reported = reportedCredits.values().stream().mapToInt(Integer::intValue).sum();
            int journaled = count(store, "SELECT count(*) FROM cash_events WHERE kind = 'CREDIT'");
            assertThat(journaled).isGreaterThanOrEqualTo(reported);
            System.out.printf("CashCrashTest: %d SIGKILL cycles in %d ms; %d notes credited (%d reported before the"
                            + " kill), %d payments queued (%d with a voucher), %d cancelled, %d unattributed notes,"
                            + " %d settled reported, %d box audits (%d reported); killed mid-payment %d times (%d with a"
                            + " note in escrow); integrity ok, chain ok, 0 lost, 0 half-done%n",
                    CYCLES, crashMs, journaled, reported, payments, vouchers,
                    count(store, "SELECT count(*) FROM cash_payments WHERE state = 'CANCELLED'"),
                    unattributed.values().stream().mapToInt(Integer::intValue).sum(), reportedSettled,
                    count(store, "SELECT count(*) FROM cash_periods WHERE audit_id IS NOT NULL"), reportedAudits,
                    killedMidPayment, killedWithEscrow);
            assertThat(killedMidPayment).as("the kills landed inside payments too").isPositive();
        }
    }

    /** The whole database agrees with itself: payments with the outbox, counters and audits with the journal. */
    private static void checkWhole(KioskStore store) throws Exception {
        Map<UUID, Transaction> outbox = new HashMap<>();
        for (Transaction t : queued(store)) {
            outbox.put(t.id(), t);
        }
        List<String[]> rows = store.database().read("payments", c -> {
            List<String[]> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT transaction_id, state, due_fen, voucher_fen, coalesce(voucher_no, '') FROM cash_payments")) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
            return out;
        });
        CashJournal cash = store.cash();
        for (String[] r : rows) {
            UUID id = UUID.fromString(r[0]);
            Transaction t = outbox.get(id);
            SortedMap<Long, Integer> credited = cash.find(id).orElseThrow().notes();
            switch (r[1]) {
                case "PAID", "VOUCHER" -> {
                    assertThat(t).as("%s %s has its outbox row", r[1], id).isNotNull();
                    assertThat(notesOf(t)).as("queued notes of %s are its credits", id).isEqualTo(credited);
                    long inserted = ((Number) t.cash().get("insertedFen")).longValue();
                    long voucher = Long.parseLong(r[3]);
                    assertThat(t.amountFen()).isEqualTo(r[1].equals("PAID") ? Long.parseLong(r[2]) : 0);
                    assertThat(t.amountFen() + voucher).isEqualTo(inserted);
                    assertThat(r[4].isEmpty()).isEqualTo(voucher == 0);
                    assertThat(t.receiptNo()).isNotNull();
                }
                case "CANCELLED" -> {
                    assertThat(t).as("a cancelled payment is not queued").isNull();
                    assertThat(credited).isEmpty();
                }
                default -> assertThat(t).as("an unended payment is not queued").isNull();
            }
        }
        long period = count(store, "SELECT max(id) FROM cash_periods");
        assertThat(count(store, "SELECT count(*) FROM cash_periods WHERE ended_at IS NULL")).isEqualTo(1);
        assertThat(cash.cashBox().notes()).as("counters = journal")
                .isEqualTo(sums(store, "period = " + period + " AND kind IN ('CREDIT','UNATTRIBUTED')"));
        List<String[]> ended = store.database().read("periods", c -> {
            List<String[]> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, audit_id FROM cash_periods WHERE ended_at IS NOT NULL")) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        });
        for (String[] p : ended) {
            Transaction audit = outbox.get(UUID.fromString(p[1]));
            assertThat(audit).as("period %s's audit is queued", p[0]).isNotNull();
            assertThat(notesOf(audit)).isEqualTo(sums(store, "period = " + p[0] + " AND kind IN ('CREDIT','UNATTRIBUTED')"));
        }
    }

    private static List<Transaction> queued(KioskStore store) throws Exception {
        return store.outbox().peekDue(Instant.parse("2100-01-01T00:00:00Z"), 1_000_000).stream()
                .map(OutboxEntry::transaction).toList();
    }

    private static SortedMap<Long, Integer> notesOf(Transaction t) {
        SortedMap<Long, Integer> out = new TreeMap<>();
        ((Map<?, ?>) t.cash().get("notes")).forEach((v, k) -> out.put(Long.parseLong((String) v), ((Number) k).intValue()));
        return out;
    }

    private static SortedMap<Long, Integer> sums(KioskStore store, String where) throws Exception {
        return store.database().read("sums", c -> {
            SortedMap<Long, Integer> out = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT value_fen, count(*) FROM cash_events WHERE " + where + " GROUP BY value_fen")) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getInt(2));
                }
            }
            return out;
        });
    }

    private static int count(KioskStore store, String sql) throws Exception {
        return store.database().read(sql, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.getInt(1);
            }
        });
    }

    /** One cycle: start the worker, wait for READY, let it work 200–1000 ms, SIGKILL; returns its complete lines. */
    private static List<String> runAndKill(Path dataDir, int cycle, Random random, Path log) throws Exception {
        String tmp = System.getProperty("java.io.tmpdir");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Djava.io.tmpdir=" + tmp,
                "-Dorg.sqlite.tmpdir=" + System.getProperty("org.sqlite.tmpdir", tmp), "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), CashCrashWorker.class.getName(),
                dataDir.toString(), Long.toString(random.nextLong()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CountDownLatch ready = new CountDownLatch(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> readAll(p.getInputStream(), bytes, ready), "cash-worker-out-" + cycle);
        reader.start();
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("worker " + cycle + " never said READY; alive=" + p.isAlive() + ", stderr:\n"
                        + tail(log));
            }
            Thread.sleep(200 + random.nextInt(801));
            assertThat(p.isAlive()).as("worker %d died on its own; stderr:%n%s", cycle, tail(log)).isTrue();
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux
            // A worker inside fsync on a loaded disk dies only when the call returns: read its output to the end, or
            // the lines it said last would be missing and its commits look unreported.
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("worker %d gone after SIGKILL", cycle).isTrue();
            reader.join(60_000);
            assertThat(reader.isAlive()).as("worker %d's output read to its end", cycle).isFalse();
        }
        String out;
        synchronized (bytes) {
            out = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
        int end = out.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(out.substring(0, end).split("\n"));
    }

    private static void readAll(InputStream in, ByteArrayOutputStream into, CountDownLatch ready) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (into) {
                    into.write(buf, 0, n);
                    if (ready.getCount() > 0 && into.toString(StandardCharsets.UTF_8).contains("READY\n")) {
                        ready.countDown();
                    }
                }
            }
        } catch (IOException e) {
            // killed: what was read is all there is
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.exists(log) ? Files.readString(log) : "";
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
