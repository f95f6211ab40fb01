package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.backend.StoredTransaction;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Payments;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.Enrollment;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parent side of the payment crash test: a dev-backend, an enrolled kiosk data folder, child kiosk JVMs
 * ({@link PaymentCrashKiosk}) started with the test class path and killed with SIGKILL, the villager's phone (GET of
 * the order's {@code payUrl}), and the checks on the backend and the store once a last restarted child has
 * recovered and synced.
 */
final class PaymentCrashHarness implements AutoCloseable {

    private static final String CODE = "7K3Q-92XD";
    private static final Pattern ORDER = Pattern.compile("ORDER order=(\\S+) tx=(\\S+) payUrl=(\\S+)");
    private static final Pattern PAID = Pattern.compile("PAID order=(\\S+) tx=(\\S+) receipt=(\\S+)");
    private static final Pattern RECOVERED = Pattern.compile("RECOVERED ended=(\\d+) open=(\\d+) pending=(\\d+) "
            + "blocked=(\\d+) rejected=(\\d+) passes=(\\d+).*");

    /** An order a child printed: journaled and created at the county. */
    record Seen(String orderId, String tx, String payUrl, String where) {}

    private final Path dir;
    private final Path dataDir;
    private final Path log;
    private final Random random;
    private final DevBackend backend;
    private final HttpClient phone = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService phones = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "villager-phone");
        t.setDaemon(true);
        return t;
    });

    final Map<String, Seen> orders = new ConcurrentHashMap<>();
    /** Orders whose payUrl answered 200 (paid by the phone). */
    final Set<String> paidByPhone = ConcurrentHashMap.newKeySet();
    /** Orders whose payUrl answered 409 (cancelled first: the phone was told it is not paid). */
    final Set<String> refusedToPhone = ConcurrentHashMap.newKeySet();
    /** Orders a child committed and said 缴费成功 for. */
    final Set<String> committedOnScreen = ConcurrentHashMap.newKeySet();
    private final List<Throwable> phoneErrors = new CopyOnWriteArrayList<>();
    int childJvms;
    int kills;
    int randomCycles;
    int recoveredByRestarts;
    private final AtomicInteger phoneCalls = new AtomicInteger();

    PaymentCrashHarness(Path dir, long seed) throws Exception {
        this.dir = dir;
        this.dataDir = dir.resolve("kiosk");
        this.log = dir.resolve("kiosk-children.log");
        this.random = new Random(seed);
        this.backend = DevBackend.start(0, dir.resolve("backend"), CODE, FaultSettings.none());
        Enrollment e = new BackendClient(SyncConfig.defaults(backend.url(), null, null, true), Clock.systemUTC())
                .enroll(new EnrollRequest(CODE, "enhanced", "440203101201", "crash-kiosk", "1.0.0"));
        new EnrollmentFile(backend.url(), e.kioskId(), e.token(), "enhanced", "440203101201", true).save(dataDir);
        this.uploadFaults = "drop-after-commit=0.3,only=transactions:batch,seed=" + seed;
        backend.faults().set(uploadFaults);
    }

    /** Lost answers to uploads (the backend stored the batch, the kiosk never heard): re-sent and deduplicated. */
    private final String uploadFaults;

    DevBackend backend() {
        return backend;
    }

    // Children //

    /** A child kiosk JVM, its standard output read line by line. */
    final class Child {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        Child(List<String> args, Consumer<String> onLine) throws IOException {
            String tmp = System.getProperty("java.io.tmpdir");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-Djava.io.tmpdir=" + tmp,
                    "-Dorg.sqlite.tmpdir=" + System.getProperty("org.sqlite.tmpdir", tmp),
                    "-Dfile.encoding=UTF-8"));
            String logging = System.getProperty("java.util.logging.config.file");
            if (logging != null) {
                cmd.add("-Djava.util.logging.config.file=" + logging);
            }
            cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    PaymentCrashKiosk.class.getName()));
            cmd.addAll(args);
            Files.writeString(log, "==== child " + (++childJvms) + " " + args + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        onLine.accept(line); // first: a waiter that sees the line may read what the listener recorded
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // killed: what was read is all there is
                }
            }, "crash-child-out");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line; fails with the children's log if none comes. */
        String await(Predicate<String> what, String name, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (String l : lines) {
                    if (what.test(l)) {
                        return l;
                    }
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    break;
                }
                Thread.sleep(5);
            }
            throw new AssertionError("child never printed " + name + " (alive=" + process.isAlive() + "); it printed "
                    + lines + "\nlog:\n" + tail());
        }

        /** SIGKILL ({@code Process.destroyForcibly} on Linux). */
        void kill() throws InterruptedException {
            assertThat(process.isAlive()).as("the child died on its own before the kill; log:%n%s", tail()).isTrue();
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            reader.join(5_000);
            kills++;
        }
    }

    private Child run(long pollDelayMs, int cancelPercent, int runs) throws IOException {
        return new Child(List.of(dataDir.toString(), "run", Long.toString(pollDelayMs), Integer.toString(cancelPercent),
                Integer.toString(runs), Long.toString(random.nextLong())), this::heard);
    }

    private void heard(String line) {
        Matcher m = ORDER.matcher(line);
        if (m.matches()) {
            orders.putIfAbsent(m.group(1), new Seen(m.group(1), m.group(2), m.group(3), "cycle " + childJvms));
        }
        Matcher p = PAID.matcher(line);
        if (p.matches()) {
            committedOnScreen.add(p.group(1));
        }
    }

    /** A restarted kiosk: recovery, then sync until the queue is empty; returns how many open payments it ended. */
    int restartAndRecover() throws Exception {
        Child c = new Child(List.of(dataDir.toString(), "recover", "0", "0", "0", "0"), l -> { });
        assertThat(c.process.waitFor(60, TimeUnit.SECONDS)).as("recovery within 60 s; log:%n%s", tail()).isTrue();
        c.reader.join(5_000);
        assertThat(c.process.exitValue()).as("recovery exit; log:%n%s", tail()).isZero();
        String line = c.await(l -> RECOVERED.matcher(l).matches(), "RECOVERED", Duration.ofSeconds(1));
        Matcher m = RECOVERED.matcher(line);
        assertThat(m.matches()).isTrue();
        assertThat(m.group(2)).as("open payments left after recovery: %s", line).isEqualTo("0");
        assertThat(m.group(3)).as("pending after the sync: %s", line).isEqualTo("0");
        assertThat(m.group(4)).as("blocked: %s", line).isEqualTo("0");
        assertThat(m.group(5)).as("rejected: %s", line).isEqualTo("0");
        int ended = Integer.parseInt(m.group(1));
        recoveredByRestarts += ended;
        return ended;
    }

    /** The villager's phone opens payUrl (the sandbox pays a pending order); returns the HTTP status. */
    int pay(Seen o) throws IOException, InterruptedException {
        phoneCalls.incrementAndGet();
        HttpResponse<String> r = phone.send(HttpRequest.newBuilder(URI.create(o.payUrl())).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            paidByPhone.add(o.orderId());
        } else if (r.statusCode() == 409) {
            refusedToPhone.add(o.orderId());
        } else {
            throw new AssertionError("payUrl of " + o.orderId() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.statusCode();
    }

    // The fixed cases //

    /**
     * (a0) Killed after the payment was journaled, while {@code POST /payments/qr} was under way (the county holds it
     * 2 s): the kiosk never heard of an order. The restart asks for the order again by transaction id (the county
     * may have made it meanwhile: the same one comes back) and cancels it.
     */
    String killedBeforeTheOrderAnswered() throws Exception {
        int before = backend.requestsSeen("/api/v1/payments/qr");
        backend.faults().set("delay=2s,only=payments/qr");
        Child c = run(0, 0, 1);
        c.await("READY"::equals, "READY", Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (backend.requestsSeen("/api/v1/payments/qr") == before) { // the journal is written before the request
            assertThat(System.nanoTime()).as("the order asked for; log:%n%s", tail()).isLessThan(deadline);
            Thread.sleep(2);
        }
        c.kill();
        backend.faults().set(uploadFaults);
        assertThat(c.lines).as("killed before the county answered").noneMatch(l -> l.startsWith("ORDER"));
        assertThat(restartAndRecover()).as("the open payment ended by the restart").isEqualTo(1);
        try (KioskStore store = KioskStore.open(dataDir, Settings.defaults())) {
            List<String> ids = store.database().read("journal ids", c2 -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement p = c2.prepareStatement("SELECT transaction_id FROM payments");
                     ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(ids).as("one payment journaled").hasSize(1);
            Payments.Payment row = store.payments().find(UUID.fromString(ids.get(0))).orElseThrow();
            assertThat(row.state()).isEqualTo(Payments.State.CANCELLED);
            assertThat(row.orderId()).as("the order asked for again").isNotNull();
            return row.orderId();
        }
    }

    /** (a) Killed right after the order was journaled and created, before anyone paid: ends cancelled, no payment. */
    Seen killedBeforePaying() throws Exception {
        Child c = run(0, 0, 1);
        Matcher m = ORDER.matcher(c.await(l -> ORDER.matcher(l).matches(), "ORDER", Duration.ofSeconds(60)));
        assertThat(m.matches()).isTrue();
        c.kill();
        Seen o = orders.get(m.group(1));
        assertThat(restartAndRecover()).as("the open payment ended by the restart").isEqualTo(1);
        return o;
    }

    /**
     * (b) Paid at the county by the phone, killed before the kiosk committed: its polls are held back 3 s, so the
     * kill lands in a real window between "paid there" and "queued here". Recovered once, as paid.
     */
    Seen killedPaidBeforeCommitting() throws Exception {
        Child c = run(3_000, 0, 1);
        Matcher m = ORDER.matcher(c.await(l -> ORDER.matcher(l).matches(), "ORDER", Duration.ofSeconds(60)));
        assertThat(m.matches()).isTrue();
        Seen o = orders.get(m.group(1));
        assertThat(pay(o)).as("the phone pays").isEqualTo(200);
        Thread.sleep(300);
        c.kill();
        assertThat(c.lines).as("killed before the kiosk committed (the window was real)")
                .noneMatch(l -> l.startsWith("PAID"));
        assertThat(restartAndRecover()).as("the open payment ended by the restart").isEqualTo(1);
        return o;
    }

    // The random cycles //

    /**
     * Cycles of: start a kiosk (which first ends, in the background, what the last one left open), let villagers
     * pay or not, and tap 取消支付 now and then, and SIGKILL it 0.1–3.5 s after it said READY. Each order is paid by
     * the phone with probability 0.6, 0–2.5 s after it appeared, whether the kiosk is still alive then or not. The
     * poll delay varies per cycle (0–1.5 s).
     */
    void randomCycles(int cycles) throws Exception {
        for (int i = 0; i < cycles; i++) {
            Child c = new Child(List.of(dataDir.toString(), "run", Long.toString(random.nextInt(1_500)), "20", "0",
                    Long.toString(random.nextLong())), line -> {
                heard(line);
                Matcher m = ORDER.matcher(line);
                if (m.matches() && random.nextInt(10) < 6) {
                    Seen o = orders.get(m.group(1));
                    phones.schedule(() -> {
                        try {
                            pay(o);
                        } catch (Exception | AssertionError e) {
                            phoneErrors.add(e);
                        }
                    }, random.nextInt(2_500), TimeUnit.MILLISECONDS);
                }
            });
            c.await("READY"::equals, "READY", Duration.ofSeconds(60));
            Thread.sleep(100 + random.nextInt(3_400));
            c.kill();
            randomCycles++;
        }
    }

    // The end //

    /** What the checks found, for the figures. */
    record Figures(int orders, int paid, int unpaid, int paymentsStored, long duplicates, long accepted, int batchRequests) {}

    /**
     * The last restart (recovery, sync), then: the backend holds exactly one payment transaction per paid order and
     * none for the others, which all ended cancelled there; the journal has no OPEN row; the outbox has nothing
     * pending, blocked or rejected; receipt numbers are unique.
     */
    Figures finish(Map<String, String> expected) throws Exception {
        phones.shutdown();
        assertThat(phones.awaitTermination(30, TimeUnit.SECONDS)).as("the phones are done").isTrue();
        assertThat(phoneErrors).as("the phones' errors").isEmpty();
        restartAndRecover();

        // The backend's orders, read from its database (no API lists them).
        Map<String, String[]> backendOrders = new LinkedHashMap<>(); // orderId → {transactionId, status}
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backend.dataDir().resolve("dev-backend.db"));
             PreparedStatement p = c.prepareStatement("SELECT order_id, transaction_id, status FROM payment");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                backendOrders.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        List<StoredTransaction> stored = backend.storedTransactions();
        List<StoredTransaction> payments = stored.stream().filter(t -> t.type().equals("payment")).toList();
        Map<String, Integer> perOrder = new HashMap<>();
        Map<String, Integer> perId = new HashMap<>();
        for (StoredTransaction t : payments) {
            assertThat(t.method()).as("payment %s", t.id()).isEqualTo("qr");
            perOrder.merge(t.orderId(), 1, Integer::sum);
            perId.merge(t.id(), 1, Integer::sum);
        }
        assertThat(perOrder.values()).as("payment transactions per order").allMatch(n -> n == 1);
        assertThat(perId.values()).as("stored per transaction id").allMatch(n -> n == 1);

        Set<String> paidOrders = new HashSet<>();
        for (Map.Entry<String, String[]> o : backendOrders.entrySet()) {
            String orderId = o.getKey();
            String tx = o.getValue()[0];
            String status = o.getValue()[1];
            assertThat(status).as("order %s ended at the county", orderId).isIn("paid", "cancelled");
            if (status.equals("paid")) {
                paidOrders.add(orderId);
                assertThat(perOrder.getOrDefault(orderId, 0)).as("payments stored for paid order %s", orderId).isEqualTo(1);
                StoredTransaction t = payments.stream().filter(s -> orderId.equals(s.orderId())).findFirst().orElseThrow();
                assertThat(t.id()).as("the payment of order %s is its transaction", orderId).isEqualToIgnoringCase(tx);
            } else {
                assertThat(perOrder.getOrDefault(orderId, 0)).as("payments stored for unpaid order %s", orderId).isZero();
            }
        }
        assertThat(perOrder.keySet()).as("every stored payment names an order paid at the county").isEqualTo(paidOrders);
        assertThat(paidOrders).as("paid at the county = paid by the phone").isEqualTo(paidByPhone);
        assertThat(paidOrders).as("no phone told 'not paid' for an order that was paid").noneMatch(refusedToPhone::contains);
        assertThat(backendOrders.keySet()).as("every order a kiosk printed is at the county").containsAll(orders.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(backendOrders).as("order %s", e.getKey()).containsKey(e.getKey());
            assertThat(backendOrders.get(e.getKey())[1]).as("order %s", e.getKey()).isEqualTo(e.getValue());
        }

        try (KioskStore store = KioskStore.open(dataDir, Settings.defaults())) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
            Map<String, String[]> journal = store.database().read("journal", c -> {
                Map<String, String[]> rows = new HashMap<>();
                try (PreparedStatement p = c.prepareStatement("SELECT transaction_id, state, order_id FROM payments");
                     ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
                return rows;
            });
            assertThat(journal.values()).as("journal rows still OPEN").noneMatch(r -> r[0].equals("OPEN"));
            assertThat(journal.values()).as("every journal row knows its order").allMatch(r -> r[1] != null);
            Map<String, String> journalByOrder = new HashMap<>();
            for (Map.Entry<String, String[]> r : journal.entrySet()) {
                journalByOrder.put(r.getValue()[1], r.getKey());
                String[] order = backendOrders.get(r.getValue()[1]);
                assertThat(order).as("journal row %s's order at the county", r.getKey()).isNotNull();
                assertThat(order[0]).as("order %s's transaction", r.getValue()[1]).isEqualToIgnoringCase(r.getKey());
                assertThat(r.getValue()[0]).as("journal row %s (order %s, %s at the county)", r.getKey(), r.getValue()[1], order[1])
                        .isEqualTo(order[1].equals("paid") ? "PAID" : "CANCELLED");
            }
            assertThat(journalByOrder.keySet()).as("every order at the county is journaled").isEqualTo(backendOrders.keySet());

            QueueStatus q = store.outbox().status(Instant.now());
            assertThat(q.pending()).as("pending").isZero();
            assertThat(q.blocked()).as("blocked").isZero();
            assertThat(q.rejected()).as("rejected").isZero();
            List<String[]> receipts = store.database().read("receipts", c -> {
                List<String[]> rows = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT o.id, json_extract(o.payload, '$.type'), "
                        + "json_extract(o.payload, '$.orderId'), r.receipt_no FROM outbox o LEFT JOIN receipts r "
                        + "ON r.transaction_id = o.id");
                     ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                }
                return rows;
            });
            List<String[]> queuedPayments = receipts.stream().filter(r -> "payment".equals(r[1])).toList();
            Set<String> receiptNos = new HashSet<>();
            for (String[] r : queuedPayments) {
                assertThat(r[3]).as("receipt number of payment %s", r[0]).isNotNull();
                assertThat(receiptNos.add(r[3])).as("receipt number %s given once", r[3]).isTrue();
            }
            assertThat(queuedPayments.stream().map(r -> r[2]).toList()).as("queued payments' orders")
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(paidOrders);
            assertThat(queuedPayments.stream().map(r -> r[0]).toList())
                    .containsExactlyInAnyOrderElementsOf(payments.stream().map(StoredTransaction::id).toList());
        }
        assertThat(backend.payloadMismatchCount()).as("re-sent bodies that differ from the first").isZero();
        return new Figures(backendOrders.size(), paidOrders.size(), backendOrders.size() - paidOrders.size(),
                payments.size(), backend.duplicateCount(), backend.acceptedCount(),
                backend.requestsSeen("/api/v1/transactions:batch"));
    }

    int phoneCalls() {
        return phoneCalls.get();
    }

    String tail() {
        try {
            String s = Files.exists(log) ? Files.readString(log) : "";
            return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        phones.shutdownNow();
        backend.close();
    }
}
