package cn.yzz.kiosk.cache.ioerror;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transactions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real I/O error from the operating system, not a simulated one: a separate kiosk process whose writes
 * start failing (EFBIG past its file-size limit, which SQLite reports as SQLITE_IOERR_WRITE). The store
 * must say so plainly, stop taking new work, keep answering reads, and lose nothing it had committed;
 * once the disk takes writes again (here: a process without the limit) everything kept is there.
 */
class IoErrorTest {

    @TempDir
    Path dir;

    @Test
    void aFailingDiskStopsNewWorkAndLosesNothingCommitted() throws Exception {
        Path data = dir.resolve("kiosk");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + dir, "-Dorg.sqlite.tmpdir=" + System.getProperty("org.sqlite.tmpdir", dir.toString()),
                "-cp", System.getProperty("java.class.path"), IoErrorWorker.class.getName(), data.toString(), "200000")
                .redirectErrorStream(true).start();
        List<UUID> kept = new ArrayList<>();
        List<String> said = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("KEPT ")) {
                    kept.add(UUID.fromString(line.substring(5)));
                } else {
                    said.add(line);
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = String.join("\n", said);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("LIMITED 200000");
        assertThat(kept).as("some work was kept before the disk failed").isNotEmpty();
        assertThat(said).as(output).anyMatch(l -> l.startsWith("FAILED IO accepting=false"));
        assertThat(said).as(output).anyMatch(l -> l.startsWith("MESSAGE") && l.contains("SQLITE_IOERR"));
        assertThat(said).as("no new work while the disk fails").contains("SECOND IO");
        assertThat(said).as("the queue can still be read").contains("READABLE " + kept.size());

        try (KioskStore store = KioskStore.open(data, Settings.defaults())) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
            assertThat(store.acceptingWork()).isTrue();
            assertThat(store.outbox().peekDue(Instant.parse("2100-01-01T00:00:00Z"), 1_000_000))
                    .extracting(e -> e.transaction().id()).containsExactlyElementsOf(kept);
            store.outbox().enqueue(Transactions.payment(300_000, 300_000));
        }
    }
}
