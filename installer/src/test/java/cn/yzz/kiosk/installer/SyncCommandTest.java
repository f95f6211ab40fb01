package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.installer.cli.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance path over real HTTP: a kiosk enrolled with {@code kioskctl enroll} against
 * the dev-backend dropping 30 % of acknowledgements after the commit and failing 20 % of requests
 * ends, after repeated {@code sync --once}, with every transaction stored exactly once.
 */
class SyncCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyTransactionArrivesExactlyOnceThroughLostAcknowledgementsAndErrors() throws Exception {
        Path data = Files.createDirectory(dir.resolve("kiosk"));
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), "7K3Q-92XD", FaultSettings.none())) {
            Cli.Result enroll = Cli.run("enroll", "--backend", backend.url(), "--code", "7K3Q-92XD", "--model", "desktop",
                    "--village-code", "440203101201", "--data-dir", data.toString());
            assertThat(enroll.exit()).as(enroll.err()).isZero();
            Path file = data.resolve("enrollment.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(enroll.out()).doesNotContain(Files.readString(file).lines()
                    .filter(l -> l.startsWith("token=")).findFirst().orElseThrow().substring(6));

            assertThat(Cli.run("simulate", "--transactions", "60", "--data-dir", data.toString()).exit()).isZero();
            // The first pass always loses its acknowledgement after the commit, so the duplicate path is certain to run.
            backend.faults().set(FaultSettings.parse("drop-after-commit=1"));
            assertThat(Cli.run("sync", "--once", "--data-dir", data.toString()).exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(backend.storedIds()).as("stored, though the kiosk never heard so").hasSize(60);
            makeAllDue(data);
            backend.faults().set(FaultSettings.parse("drop-after-commit=0.3,error-rate=0.2,seed=11"));

            int passes = 0;
            Cli.Result sync;
            do {
                sync = Cli.run("sync", "--once", "--data-dir", data.toString());
                passes++;
                // Backoff pushes failed entries a few seconds into the future; an administrator would run it again later.
                if (sync.exit() != 0) {
                    Thread.sleep(300);
                    makeAllDue(data);
                }
            } while (sync.exit() != 0 && passes < 200);
            assertThat(sync.exit()).as("nothing left pending after " + passes + " passes: " + sync.out()).isZero();

            Set<String> stored = new HashSet<>(backend.storedIds());
            assertThat(stored).hasSize(60);
            for (String id : stored) {
                assertThat(backend.storedCount(id)).as(id).isEqualTo(1);
            }
            assertThat(backend.duplicateCount()).as("lost acknowledgements were re-sent and recognised").isPositive();

            JsonNode status = JSON.readTree(Cli.run("queue", "status", "--json", "--data-dir", data.toString()).out());
            assertThat(status.get("pending").asLong()).isZero();
            assertThat(status.get("acknowledged").asLong()).isEqualTo(60);

            backend.faults().clear();
            // The real clock here: the default test clock is fixed in 2026 for card checks, and the backend's is not.
            Env now = new Env(java.time.Clock.systemUTC(), java.io.InputStream.nullInputStream());
            JsonNode s = JSON.readTree(Cli.run(now, "status", "--json", "--data-dir", data.toString()).out());
            assertThat(s.get("enrolled").asBoolean()).isTrue();
            assertThat(s.get("reachable").asBoolean()).isTrue();
            assertThat(Math.abs(s.get("clockSkewSec").asLong())).isLessThan(5);
        }
    }

    @Test
    void syncWithoutEnrollmentSaysSoAndAnUnreachableBackendLeavesEverythingPending() throws Exception {
        Path data = Files.createDirectory(dir.resolve("k2"));
        Cli.run("simulate", "--transactions", "3", "--data-dir", data.toString());
        Cli.Result r = Cli.run("sync", "--once", "--data-dir", data.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("还没有注册");

        try (DevBackend backend = DevBackend.start(0, dir.resolve("b2"), "CODE-2", FaultSettings.none())) {
            assertThat(Cli.run("enroll", "--backend", backend.url(), "--code", "CODE-2", "--model", "enhanced",
                    "--village-code", "440203101201", "--data-dir", data.toString()).exit()).isZero();
        }
        // The backend is gone now: nothing is lost, all stays pending, exit 1.
        Cli.Result gone = Cli.run("sync", "--once", "--data-dir", data.toString());
        assertThat(gone.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(gone.out()).contains("还剩 3 条");
        JsonNode s = JSON.readTree(Cli.run("status", "--json", "--data-dir", data.toString()).out());
        assertThat(s.get("reachable").asBoolean()).isFalse();
        assertThat(s.get("queue").get("pending").asLong()).isEqualTo(3);
    }

    /**
     * A user's report: after an outage {@code sync --once} sent 1 of 5 waiting entries and exited 1 against a healthy
     * backend, because each entry still waited out its own backoff. An operator's sync sends them all now.
     */
    @Test
    void afterAnOutageAnOperatorsSyncSendsEveryWaitingEntryNow() throws Exception {
        Path data = Files.createDirectory(dir.resolve("k3"));
        try (DevBackend backend = DevBackend.start(0, dir.resolve("b3"), "CODE-3", FaultSettings.none())) {
            assertThat(Cli.run("enroll", "--backend", backend.url(), "--code", "CODE-3", "--model", "desktop",
                    "--village-code", "440203101201", "--data-dir", data.toString()).exit()).isZero();
            assertThat(Cli.run("simulate", "--transactions", "5", "--data-dir", data.toString()).exit()).isZero();
            backend.faults().set(FaultSettings.parse("error-rate=1"));
            for (int i = 0; i < 3; i++) {
                Cli.run("sync", "--once", "--data-dir", data.toString());
                makeAllDue(data);
            }
            assertThat(backend.storedIds()).isEmpty();
            backOff(data, 1); // the last failure's backoff: minutes ahead of the clock
            backend.faults().clear();

            Cli.Result r = Cli.run("sync", "--once", "--data-dir", data.toString());

            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("上传 5 条：确认 5 条").contains("还剩 0 条");
            assertThat(backend.storedIds()).hasSize(5);
        }
    }

    @Test
    void whileTheBackendAsksToWaitSyncSaysHowLongAndSendsNothingMore() throws Exception {
        Path data = Files.createDirectory(dir.resolve("k4"));
        try (DevBackend backend = DevBackend.start(0, dir.resolve("b4"), "CODE-4", FaultSettings.none())) {
            assertThat(Cli.run("enroll", "--backend", backend.url(), "--code", "CODE-4", "--model", "desktop",
                    "--village-code", "440203101201", "--data-dir", data.toString()).exit()).isZero();
            assertThat(Cli.run("simulate", "--transactions", "250", "--data-dir", data.toString()).exit()).isZero();
            backend.faults().set(FaultSettings.parse("429=1,retry-after=120"));

            Cli.Result r = Cli.run("sync", "--once", "--data-dir", data.toString());

            assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.out()).contains("要求 120 秒后再试").contains("还剩 250 条");
            assertThat(backend.storedIds()).isEmpty();
            JsonNode q = JSON.readTree(Cli.run("queue", "status", "--json", "--data-dir", data.toString()).out());
            assertThat(q.get("pending").asLong()).isEqualTo(250);
        }
    }

    @Test
    void enrollmentMistakesAreUsageErrors() {
        Cli.Result model = Cli.run("enroll", "--backend", "http://127.0.0.1:1", "--code", "X", "--model", "tower",
                "--village-code", "440203101201", "--data-dir", dir.toString());
        assertThat(model.exit()).isEqualTo(ExitCodes.USAGE);
        Cli.Result village = Cli.run("enroll", "--backend", "http://127.0.0.1:1", "--code", "X", "--model", "desktop",
                "--village-code", "4402", "--data-dir", dir.toString());
        assertThat(village.exit()).isEqualTo(ExitCodes.USAGE);
        Cli.Result insecure = Cli.run("enroll", "--backend", "http://county.example", "--code", "X", "--model", "desktop",
                "--village-code", "440203101201", "--data-dir", dir.toString());
        assertThat(insecure.exit()).isEqualTo(ExitCodes.USAGE);
    }

    /** Puts every pending entry's next attempt {@code minutes} ahead of the tests' clock, as a long backoff would. */
    private static void backOff(Path data, int minutes) throws Exception {
        long at = Cli.TODAY.millis() + minutes * 60_000L;
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("kiosk.db"));
             var st = c.createStatement()) {
            assertThat(st.executeUpdate("UPDATE outbox SET next_attempt = " + at + " WHERE state = 'PENDING'")).isEqualTo(5);
        }
    }

    /** Sets every pending entry's next attempt to now, as time passing would. */
    private static void makeAllDue(Path data) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("kiosk.db"));
             var st = c.createStatement()) {
            st.executeUpdate("UPDATE outbox SET next_attempt = created_at WHERE state = 'PENDING'");
        }
    }
}
