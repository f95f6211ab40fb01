package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.backend.StoredTransaction;
import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.device.cash.emu.Credit;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The cash crash test's rig: a county (the dev-backend over loopback), an enrolled kiosk data folder, and the
 * emulated note validator on a real pty. Each {@link #cycle} starts a separate JVM running {@code kioskctl cash pay}
 * (the kiosk's own CashDesk, journal and driver), inserts notes, and at a random moment kills that JVM with
 * SIGKILL, cuts the validator's power, or both; then runs {@code kioskctl cash recover} and checks the books: every
 * note the validator took is in exactly one queued payment or voucher, none twice, and the cash box by the journal
 * is the validator's cash box. {@link #finish} uploads everything through lost acknowledgements and checks each
 * transaction reached the county exactly once.
 */
final class CashCrashRig implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What villagers put in: mostly notes the desk takes, sometimes a ¥1 (not taken) or a fake. */
    private static final long[] NOTES = {1000, 2000, 5000, 10000, 10000, 5000, 2000, 100};
    private static final long[] DUE = {2000, 5000, 10000, 15000};

    /** What the run did, for the closing note. */
    static final class Figures {
        int cycles;
        int killed;
        int killedWithNoteInPath;
        int powerCuts;
        int finishedBeforeKill;
        int paid;
        int paidWithVoucher;
        int unpaidVoucher;
        long notesCredited;
        long notesInPayments;
        long notesInVouchers;
        long unattributedNotes;
        int transactionsQueued;
        int storedAtCounty;
        long duplicatesAnswered;
        final List<Long> cycleMillis = new ArrayList<>();
        final List<Long> recoverMillis = new ArrayList<>();

        private static long median(List<Long> ms) {
            List<Long> sorted = ms.stream().sorted().toList();
            return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        }

        @Override
        public String toString() {
            return ("cycles %d: killed %d (%d with a note in the path), power cuts %d, finished before the kill %d; "
                    + "notes credited by the validator %d = in payments %d + in unpaid vouchers %d + unattributed %d; "
                    + "payments paid %d (%d with a change voucher), unpaid with a voucher %d; transactions queued %d, "
                    + "stored at the county %d (each once; %d re-sends answered duplicate); a cycle took %d ms "
                    + "(median), cash recover %d ms").formatted(cycles, killed,
                    killedWithNoteInPath, powerCuts, finishedBeforeKill, notesCredited, notesInPayments, notesInVouchers,
                    unattributedNotes, paid, paidWithVoucher, unpaidVoucher, transactionsQueued, storedAtCounty,
                    duplicatesAnswered, median(cycleMillis), median(recoverMillis));
        }
    }

    private final Path dir;
    private final Path data;
    private final Random random;
    private final DevBackend county;
    private final PtyPair pty;
    private final NoteAcceptorEmulator validator;
    /** Every cash transaction ever seen queued, by id: a second sighting must be the same transaction. */
    private final Map<String, Transaction> queued = new LinkedHashMap<>();
    final Figures figures = new Figures();

    CashCrashRig(Path dir, long seed) throws Exception {
        this.dir = dir;
        this.data = Files.createDirectories(dir.resolve("kiosk"));
        this.random = new Random(seed);
        this.county = DevBackend.start(0, dir.resolve("county"), "CASH-CRASH", FaultSettings.none());
        Cli.Result enroll = Cli.run("enroll", "--backend", county.url(), "--code", "CASH-CRASH", "--model", "enhanced",
                "--village-code", "440203101201", "--data-dir", data.toString());
        assertThat(enroll.exit()).as(enroll.all()).isZero();
        this.pty = PtyPair.open(dir, "cash");
        this.validator = new NoteAcceptorEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()),
                dir.resolve("validator.json"), Dataset.CNY);
    }

    /** One payment, one crash, one reconciliation, then the books. */
    void cycle() throws Exception {
        figures.cycles++;
        long due = DUE[random.nextInt(DUE.length)];
        Process payer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Djava.io.tmpdir=" + dir, "-Dfazecast.jSerialComm.appid=cash-crash",
                "-cp", System.getProperty("java.class.path"), Kioskctl.class.getName(),
                "cash", "pay", "--port", port(), "--amount-fen", Long.toString(due), "--service", "SWJ-0001", "--timeout", "6", "--json",
                "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("payer.log").toFile()).start();
        long t0 = System.nanoTime();
        try {
            try { // a JVM start and a reconciliation, on a loaded machine
                waitUntil(() -> validator.state().enabled() || !payer.isAlive(), Duration.ofSeconds(60));
            } catch (AssertionError e) {
                throw new AssertionError("cycle " + figures.cycles + ": the payer did not enable the validator; validator "
                        + validator.state() + "; payer log:\n" + Files.readString(dir.resolve("payer.log")), e);
            }
            long start = System.nanoTime();
            long killAt = start + millis(random.nextInt(2_500));
            int mode = random.nextInt(10); // 0–4 kill only, 5–7 power only (the payment goes on), 8–9 both
            boolean kill = mode <= 4 || mode >= 8;
            boolean cut = mode >= 5;
            long cutAt = start + millis(random.nextInt(2_500));
            long giveUp = start + millis(15_000);
            boolean cutDone = false;
            while (payer.isAlive()) {
                long now = System.nanoTime();
                if (cut && !cutDone && now >= cutAt) {
                    validator.cutPower(Duration.ofMillis(100 + random.nextInt(500)));
                    figures.powerCuts++;
                    cutDone = true;
                }
                if ((kill && now >= killAt && (cutDone || !cut)) || now >= giveUp) {
                    break;
                }
                if (validator.powered() && validator.noteInPath().isEmpty() && validator.state().enabled()) {
                    if (random.nextInt(12) == 0) {
                        validator.insertFake();
                    } else {
                        validator.insert(NOTES[random.nextInt(NOTES.length)]);
                    }
                }
                Thread.sleep(15);
            }
            if (payer.isAlive()) {
                if (validator.noteInPath().isPresent()) {
                    figures.killedWithNoteInPath++;
                }
                payer.destroyForcibly(); // SIGKILL: no shutdown hook, no cancel
                figures.killed++;
            } else if (!payer.isAlive()) {
                figures.finishedBeforeKill++;
            }
            if (!payer.waitFor(40, TimeUnit.SECONDS)) {
                payer.destroyForcibly();
                throw new AssertionError("the payer did not end by itself: " + Files.readString(dir.resolve("payer.log")));
            }
        } finally {
            payer.destroyForcibly();
        }
        waitUntil(validator::powered, Duration.ofSeconds(5));
        long t1 = System.nanoTime();

        Cli.Result recover = Cli.run("cash", "recover", "--port", port(), "--json", "--data-dir", data.toString());
        assertThat(recover.exit()).as("cycle %d: %s", figures.cycles, recover.all()).isZero();
        long t2 = System.nanoTime();
        checkTheBooks(recover);
        figures.recoverMillis.add((t2 - t1) / 1_000_000);
        figures.cycleMillis.add((System.nanoTime() - t0) / 1_000_000);
    }

    /** Every transaction up to the county through lost acknowledgements and errors; each arrives once. */
    void finish() throws Exception {
        county.faults().set(FaultSettings.parse("drop-after-commit=1,only=transactions:batch"));
        Cli.run("sync", "--once", "--data-dir", data.toString());
        county.faults().set(FaultSettings.parse("drop-after-commit=0.3,error-rate=0.2,seed=12"));
        Cli.Result sync;
        int passes = 0;
        do {
            makeAllDue();
            sync = Cli.run("sync", "--once", "--data-dir", data.toString());
            passes++;
        } while (sync.exit() != 0 && passes < 300);
        assertThat(sync.exit()).as("the queue drained: %s", sync.all()).isZero();
        county.faults().clear();

        SortedMap<Long, Integer> atCounty = new TreeMap<>();
        for (Map.Entry<String, Transaction> q : queued.entrySet()) {
            assertThat(county.storedCount(q.getKey())).as("stored once: %s", q.getKey()).isEqualTo(1);
            StoredTransaction s = county.stored(q.getKey()).orElseThrow();
            JsonNode cash = s.json().get("cash");
            if ("payment".equals(s.type())) {
                cash.get("notes").fields().forEachRemaining(n -> atCounty.merge(Long.parseLong(n.getKey()), n.getValue().asInt(),
                        Integer::sum));
            }
        }
        figures.transactionsQueued = queued.size();
        figures.storedAtCounty = (int) queued.keySet().stream().filter(id -> county.storedCount(id) == 1).count();
        figures.duplicatesAnswered = county.duplicateCount();
        assertThat(atCounty).as("the county's notes are the validator's").isEqualTo(validatorCashbox());
    }

    private void checkTheBooks(Cli.Result recover) throws Exception {
        JsonNode status = JSON.readTree(Cli.run("cash", "status", "--json", "--data-dir", data.toString()).out());
        assertThat(status.get("openPayments").asInt()).as("cycle %d: every payment ended", figures.cycles).isZero();

        SortedMap<Long, Integer> inPayments = new TreeMap<>();
        CashJournal.CashBox box;
        try (KioskStore store = KioskStore.open(data, Settings.defaults())) {
            box = store.cash().cashBox();
            for (OutboxEntry e : store.outbox().list(1_000_000)) {
                Transaction t = e.transaction();
                if (!Transaction.CASH.equals(t.method())) {
                    continue;
                }
                Transaction seen = queued.putIfAbsent(t.id().toString(), t);
                if (seen == null) {
                    count(t);
                } else {
                    assertThat(t).as("a queued transaction never changes").isEqualTo(seen);
                }
            }
        }
        for (Transaction t : queued.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> notes = (Map<String, Object>) t.cash().get("notes");
            notes.forEach((v, n) -> inPayments.merge(Long.parseLong(v), ((Number) n).intValue(), Integer::sum));
        }
        SortedMap<Long, Integer> validatorBox = validatorCashbox();
        List<Credit> credits = validator.credits();
        figures.notesCredited = credits.size();
        figures.unattributedNotes = box.unattributedNotes();
        String context = "cycle %d, recovery %s, journal %s".formatted(figures.cycles, recover.out().strip(), box);
        assertThat(box.notes()).as("the cash box by the journal is the validator's: " + context).isEqualTo(validatorBox);
        assertThat(box.unattributedNotes()).as("every note credited is in a payment or a voucher: " + context).isZero();
        assertThat(inPayments).as("each note in exactly one queued payment or voucher: " + context).isEqualTo(validatorBox);
        assertThat(validatorBox.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(credits.size());
    }

    private void count(Transaction t) {
        @SuppressWarnings("unchecked")
        Map<String, Object> notes = (Map<String, Object>) t.cash().get("notes");
        int n = notes.values().stream().mapToInt(v -> ((Number) v).intValue()).sum();
        long voucher = t.cash().containsKey("voucherFen") ? ((Number) t.cash().get("voucherFen")).longValue() : 0;
        if (t.amountFen() != null && t.amountFen() > 0) {
            figures.paid++;
            figures.notesInPayments += n;
            if (voucher > 0) {
                figures.paidWithVoucher++;
            }
        } else {
            figures.unpaidVoucher++;
            figures.notesInVouchers += n;
        }
    }

    private SortedMap<Long, Integer> validatorCashbox() {
        return new TreeMap<>(validator.state().cashbox());
    }

    private void makeAllDue() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("kiosk.db"));
             var s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox SET next_attempt = created_at WHERE state = 'PENDING'");
        }
    }

    private String port() {
        return pty.hostEnd().toString();
    }

    private static long millis(long ms) {
        return ms * 1_000_000L;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws IOException {
        validator.close();
        pty.close();
        county.close();
    }
}
