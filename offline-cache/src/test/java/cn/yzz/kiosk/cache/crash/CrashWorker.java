package cn.yzz.kiosk.cache.crash;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.cache.sync.SyncEngine;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;

/**
 * The child JVM of {@link CrashTest}: opens the kiosk store, enqueues transactions as fast as a busy
 * kiosk would while a sync thread uploads them, and never stops on its own: the test kills it with
 * SIGKILL. It prints {@code READY} once the store is open and {@code ACK <id>} only after
 * {@code enqueue} returned (after COMMIT), which is the moment the kiosk may tell the villager "done".
 *
 * <p>Arguments: data directory, backend URL, cycle number, clock epoch (ms), seed.
 */
public final class CrashWorker {

    /** How much faster than real time the sync engine's clock runs, so backoffs (at least 1 s) pass within a cycle. */
    static final int CLOCK_SPEED = 20;

    private CrashWorker() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String backendUrl = args[1];
        int cycle = Integer.parseInt(args[2]);
        long epochMs = Long.parseLong(args[3]);
        long seed = Long.parseLong(args[4]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);

        EnrollmentFile enrollment = EnrollmentFile.load(dataDir)
                .orElseThrow(() -> new IOException("not enrolled: " + dataDir));
        SyncConfig config = enrollment.syncConfig(backendUrl)
                .withBatchSize(10)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
        Clock fast = new FastClock(epochMs, CLOCK_SPEED);

        KioskStore store = KioskStore.open(dataDir, Settings.defaults().withMaxAttempts(CrashTest.MAX_ATTEMPTS));
        SyncEngine engine = new SyncEngine(store.outbox(), new BackendClient(config, fast), config, fast,
                new Random(seed), HeartbeatSnapshot::empty);
        Thread uploader = new Thread(() -> {
            while (true) {
                engine.syncOnce();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "kiosk-sync");
        uploader.setDaemon(true);
        uploader.start();

        out.println("READY");
        out.flush();
        Random random = new Random(seed);
        for (int n = 0; ; n++) {
            Transaction t = new Transaction(UuidV7.next(), "payment", "RSJ-0007",
                    OffsetDateTime.now(ZoneOffset.ofHours(8)), "crash-" + cycle + "-" + n, Transactions.LI,
                    Map.of("year", "2026", "grade", "300"), 30000L,
                    Map.of("insertedFen", 30000, "notes", Map.of("10000", 3)),
                    String.format("WJ-0042-20261122-%02d%05d", cycle, n));
            store.outbox().enqueue(t);
            // Only now, after COMMIT, may the kiosk say "done".
            out.println("ACK " + t.id());
            out.flush();
            if (random.nextInt(4) == 0) {
                Thread.sleep(1);
            }
        }
    }

    /** Runs {@code speed} times faster than the system clock from {@code epochMs} on; the same in every worker. */
    static final class FastClock extends Clock {
        private final long epochMs;
        private final int speed;

        FastClock(long epochMs, int speed) {
            this.epochMs = epochMs;
            this.speed = speed;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            long now = System.currentTimeMillis();
            return Instant.ofEpochMilli(epochMs + (now - epochMs) * speed);
        }
    }
}
