package cn.yzz.kiosk.cache.crash;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.Enrollment;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.cache.sync.SyncEngine;
import cn.yzz.kiosk.cache.sync.SyncReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * G1–G3 of reliability-research.md under {@code kill -9} (§7.3): a separate JVM enqueues and
 * uploads against the dev-backend, which drops 30 % of answers after its commit, and is killed with
 * SIGKILL at random moments, cycle after cycle. Then one drain pass with faults cleared, and:
 * every id the kiosk acknowledged to the villager is in the outbox, the database is sound, nothing is
 * pending, and the backend holds every outbox id exactly once, and nothing else, although it saw
 * duplicates.
 */
class CrashTest {

    static final int MAX_ATTEMPTS = 10_000;
    private static final int CYCLES = 30;
    private static final String CODE = "7K3Q-92XD";
    private static final String BATCH_PATH = "/api/v1/transactions:batch";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void killedMidWorkLosesNothingAcknowledgedAndTheBackendStoresEveryIdExactlyOnce() throws Exception {
        Path dataDir = dir.resolve("kiosk");
        Path workerLog = dir.resolve("worker-stderr.log");
        Random random = new Random(20261122L);
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), CODE, FaultSettings.none())) {
            Enrollment enrolled = new BackendClient(SyncConfig.defaults(backend.url(), null, null, true),
                    Clock.systemUTC()).enroll(new EnrollRequest(CODE, "desktop", "440203101201", "ab".repeat(32), "1.0.0"));
            new EnrollmentFile(backend.url(), enrolled.kioskId(), enrolled.token(), "desktop", "440203101201", true)
                    .save(dataDir);
            // Create the database and the personal-data key once, before the killing starts.
            KioskStore.open(dataDir, settings()).close();
            backend.faults().set("drop-after-commit=0.3,seed=20261122");

            long epochMs = System.currentTimeMillis();
            Set<String> acked = new HashSet<>();
            long started = System.nanoTime();
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                acked.addAll(runAndKill(dataDir, backend.url(), cycle, epochMs, random, workerLog));
            }
            long crashMs = (System.nanoTime() - started) / 1_000_000;
            int requestsDuringCrashes = backend.requestsSeen(BATCH_PATH);

            backend.faults().clear();
            long drainStarted = System.nanoTime();
            try (KioskStore store = KioskStore.open(dataDir, settings())) {
                assertThat(store.integrityCheck()).as("integrity after the last kill").isEqualTo("ok");
                Set<String> outboxIds = ids(store, "SELECT id FROM outbox");
                Set<String> receiptIds = ids(store, "SELECT transaction_id FROM receipts");
                Set<String> lost = new HashSet<>(acked);
                lost.removeAll(outboxIds);
                assertThat(lost).as("acknowledged to the villager but not in the outbox").isEmpty();
                assertThat(receiptIds).as("receipts and outbox are written together").isEqualTo(outboxIds);

                SteppingClock drainClock = new SteppingClock(Instant.now().plus(Duration.ofDays(1)));
                SyncConfig config = EnrollmentFile.load(dataDir).orElseThrow().syncConfig(backend.url());
                SyncEngine engine = new SyncEngine(store.outbox(), new BackendClient(config, drainClock), config,
                        drainClock, new Random(7), HeartbeatSnapshot::empty);
                SyncReport last;
                int passes = 0;
                do {
                    last = engine.syncOnce();
                    drainClock.advance(Duration.ofMinutes(10)); // past any backoff
                    passes++;
                } while (!last.complete() && passes < 50);

                QueueStatus status = store.outbox().status(drainClock.instant());
                assertThat(last.complete()).as("drained after %d passes: %s", passes, last).isTrue();
                assertThat(status.pending()).isZero();
                assertThat(status.blocked()).isZero();
                assertThat(status.rejected()).isZero();
                assertThat(status.acknowledged()).isEqualTo(outboxIds.size());
                assertThat(store.integrityCheck()).isEqualTo("ok");

                List<String> stored = backend.storedIds();
                assertThat(new HashSet<>(stored)).as("the backend holds exactly the outbox's ids").isEqualTo(outboxIds);
                assertThat(stored).hasSameSizeAs(outboxIds);
                for (String id : outboxIds) {
                    assertThat(backend.storedCount(id)).as(id).isEqualTo(1);
                }
                // A re-send from another JVM must be the same body, byte for byte (maps are written in key order).
                long mismatches = backend.payloadMismatchCount();
                assertThat(mismatches).as("re-sent bodies that differ from the first").isZero();
                assertThat(backend.duplicateCount()).as("lost answers were re-sent and deduplicated").isPositive();

                System.out.printf("CrashTest: %d cycles in %d ms; %d ids enqueued (committed), %d ACKed to the user,"
                                + " 0 lost; %d batch requests (%d during the kills), %d items accepted, %d duplicates"
                                + " deduplicated (%d bodies differed); drained in %d passes (%d ms); integrity ok%n",
                        CYCLES, crashMs, outboxIds.size(), acked.size(), backend.requestsSeen(BATCH_PATH),
                        requestsDuringCrashes, backend.acceptedCount(), backend.duplicateCount(), mismatches, passes,
                        (System.nanoTime() - drainStarted) / 1_000_000);
            }
        }
    }

    private static Settings settings() {
        return Settings.defaults().withMaxAttempts(MAX_ATTEMPTS);
    }

    /** One cycle: start the worker, wait for READY, let it work 300–1200 ms, SIGKILL; returns the ids it ACKed. */
    private static List<String> runAndKill(Path dataDir, String url, int cycle, long epochMs, Random random,
                                           Path log) throws Exception {
        String tmp = System.getProperty("java.io.tmpdir");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-Djava.io.tmpdir=" + tmp,
                "-Dorg.sqlite.tmpdir=" + System.getProperty("org.sqlite.tmpdir", tmp),
                "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"),
                CrashWorker.class.getName(),
                dataDir.toString(), url, Integer.toString(cycle), Long.toString(epochMs),
                Long.toString(random.nextLong()));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        CountDownLatch ready = new CountDownLatch(1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> readAll(p.getInputStream(), bytes, ready), "crash-worker-out-" + cycle);
        reader.start();
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("worker " + cycle + " never said READY; alive=" + p.isAlive()
                        + ", stderr:\n" + tail(log));
            }
            Thread.sleep(300 + random.nextInt(901));
            assertThat(p.isAlive()).as("worker %d died on its own; stderr:%n%s", cycle, tail(log)).isTrue();
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux
            // A worker inside fsync on a loaded disk dies only when the call returns: read its output to the end.
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("worker %d gone after SIGKILL", cycle).isTrue();
            reader.join(60_000);
            assertThat(reader.isAlive()).as("worker %d's output read to its end", cycle).isFalse();
        }
        // Only complete lines count: a line cut by the kill was never seen by the villager.
        String out = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        int end = out.lastIndexOf('\n');
        List<String> ids = new ArrayList<>();
        for (String line : (end < 0 ? "" : out.substring(0, end)).split("\n")) {
            if (line.startsWith("ACK ")) {
                String id = line.substring(4).trim();
                UUID.fromString(id); // a malformed id is a harness bug
                ids.add(id);
            }
        }
        return ids;
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
            // the process was killed: what was read so far is all there is
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

    private static Set<String> ids(KioskStore store, String sql) throws Exception {
        return store.database().read(sql, c -> {
            Set<String> ids = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /** A clock that moves only when told: the drain skips every backoff at once. */
    private static final class SteppingClock extends Clock {
        private volatile Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
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
            return now;
        }
    }
}
