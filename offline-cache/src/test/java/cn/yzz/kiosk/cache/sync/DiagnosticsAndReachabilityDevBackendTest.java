package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.TestClock;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import cn.yzz.kiosk.cache.store.Reachability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat's {@code upload-diagnostics} against the reference backend over loopback (201; 413 kept and sent
 * smaller at the next heartbeat, across a restart; an outage kept), and every contact of the sync engine written into
 * the store's reachability hours.
 */
class DiagnosticsAndReachabilityDevBackendTest {

    /** The backend's body limit here: a full 5 MiB bundle is too large, half of it fits. */
    private static final int BACKEND_LIMIT = 3 * 1024 * 1024;

    @TempDir
    Path dir;

    private DevBackend backend;
    private SyncConfig config;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-22T01:30:00Z"));
    private final List<Integer> asked = new CopyOnWriteArrayList<>();
    private final List<Integer> made = new CopyOnWriteArrayList<>();

    @BeforeEach
    void enroll() throws Exception {
        backend = DevBackend.start(DevBackend.Settings.defaults().withDataDir(dir.resolve("backend"))
                .withEnrollCodes(List.of("7K3Q-92XD")).withMaxBodyBytes(BACKEND_LIMIT));
        SyncConfig unenrolled = SyncConfig.defaults(backend.url(), null, null, true)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
        Enrollment e = new BackendClient(unenrolled, clock)
                .enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "ab".repeat(32), "1.0.0"));
        config = SyncConfig.defaults(backend.url(), e.kioskId(), e.token(), true)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    /** The largest bundle this kiosk would make whatever it is allowed. */
    private volatile int cap = Integer.MAX_VALUE;

    /** A bundle filling the size asked for (up to {@link #cap}), less a little: random bytes stored, so the size is real. */
    private final IntFunction<byte[]> bundle = limit -> {
        asked.add(limit);
        byte[] zip = zip(new byte[Math.min(limit, cap) - 1024]);
        made.add(zip.length);
        return zip;
    };

    private static byte[] zip(byte[] content) {
        new Random(content.length).nextBytes(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(0);
            z.putNextEntry(new ZipEntry("manifest.txt"));
            z.write(content);
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A sync engine as the kiosk runs one, with the upload on the heartbeat's thread so that a test can look after it. */
    private SyncEngine engine(DiagnosticsUpload upload) {
        SyncEngine engine = new SyncEngine(new MemoryOutbox(50, clock), new BackendClient(config, clock), config, clock,
                new Random(1), HeartbeatSnapshot::empty);
        engine.addListener(upload);
        return engine;
    }

    private DiagnosticsUpload upload() {
        BackendClient client = new BackendClient(config, clock);
        return new DiagnosticsUpload(dir, client::uploadDiagnostics, bundle, Runnable::run);
    }

    @Test
    void askedForInAHeartbeatTheBundleIsSentAndTheRequestForgotten() throws Exception {
        cap = 1024 * 1024;
        DiagnosticsUpload upload = upload();
        SyncEngine engine = engine(upload);
        assertThat(engine.heartbeat()).isTrue();
        assertThat(backend.diagnosticsBundles()).as("nobody asked").isEmpty();

        backend.queueCommand(config.kioskId(), DiagnosticsUpload.COMMAND);
        assertThat(engine.heartbeat()).isTrue();

        assertThat(backend.diagnosticsBundles()).singleElement().satisfies(f -> {
            assertThat(f.getFileName().toString()).isEqualTo(config.kioskId() + "-" + upload.lastId().orElseThrow() + ".zip");
            assertThat(Files.size(f)).isLessThanOrEqualTo(BackendClient.MAX_DIAGNOSTICS_BYTES);
        });
        assertThat(asked).containsExactly(BackendClient.MAX_DIAGNOSTICS_BYTES);
        assertThat(upload.pending()).isEmpty();
        assertThat(dir.resolve(DiagnosticsUpload.FILE)).doesNotExist();
        assertThat(engine.heartbeat()).isTrue();
        assertThat(backend.diagnosticsBundles()).as("sent once").hasSize(1);
    }

    @Test
    void a413KeepsTheRequestAcrossARestartAndTheNextHeartbeatSendsHalfTheSize() throws Exception {
        backend.queueCommand(config.kioskId(), DiagnosticsUpload.COMMAND);
        DiagnosticsUpload first = upload();
        assertThat(engine(first).heartbeat()).isTrue();
        assertThat(backend.diagnosticsBundles()).isEmpty();
        assertThat(made.get(0)).isGreaterThan(BACKEND_LIMIT).isLessThanOrEqualTo(BackendClient.MAX_DIAGNOSTICS_BYTES);
        int half = made.get(0) / 2;
        assertThat(first.pending()).contains(new DiagnosticsUpload.Pending(half, 1));

        DiagnosticsUpload restarted = upload(); // the kiosk restarted: the request is in the data folder
        assertThat(engine(restarted).heartbeat()).isTrue();

        assertThat(asked).containsExactly(BackendClient.MAX_DIAGNOSTICS_BYTES, half);
        assertThat(backend.diagnosticsBundles()).singleElement()
                .satisfies(f -> assertThat(Files.size(f)).isEqualTo((long) made.get(1)).isLessThanOrEqualTo(half));
        assertThat(restarted.pending()).isEmpty();
    }

    @Test
    void anOutageKeepsTheRequestAtItsSizeUntilAHeartbeatGetsItThrough() throws Exception {
        cap = 100_000; // a small kiosk's bundle
        backend.queueCommand(config.kioskId(), DiagnosticsUpload.COMMAND);
        backend.faults().set("drop-before-commit=1,only=diagnostics"); // the line drops during the upload
        DiagnosticsUpload upload = upload();
        SyncEngine engine = engine(upload);
        assertThat(engine.heartbeat()).isTrue();
        assertThat(upload.pending()).contains(new DiagnosticsUpload.Pending(BackendClient.MAX_DIAGNOSTICS_BYTES, 1));

        backend.faults().set("drop-before-commit=1"); // then nothing gets through: a heartbeat without an answer does not try
        assertThat(engine.heartbeat()).isFalse();
        assertThat(asked).hasSize(1);
        assertThat(upload.pending()).contains(new DiagnosticsUpload.Pending(BackendClient.MAX_DIAGNOSTICS_BYTES, 1));

        backend.faults().clear();
        assertThat(engine.heartbeat()).isTrue();
        assertThat(backend.diagnosticsBundles()).singleElement();
        assertThat(asked).containsExactly(BackendClient.MAX_DIAGNOSTICS_BYTES, BackendClient.MAX_DIAGNOSTICS_BYTES);
        assertThat(upload.pending()).isEmpty();
    }

    @Test
    void everyHeartbeatAndBatchIsRecordedHourByHourAsReachedOrNot() throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("kiosk"), Settings.defaults().withClock(clock))) {
            SyncEngine engine = new SyncEngine(store.outbox(), new BackendClient(config, clock), config, clock,
                    new Random(1), HeartbeatSnapshot::empty);
            engine.addListener(new ReachabilityRecorder(store.reachability()));
            store.outbox().enqueue(SyncFixtures.payment());
            assertThat(engine.heartbeat()).isTrue();
            assertThat(engine.syncOnce().acknowledged()).isEqualTo(1);

            clock.advance(Duration.ofHours(1));
            backend.close();
            store.outbox().enqueue(SyncFixtures.payment());
            assertThat(engine.heartbeat()).isFalse();
            assertThat(engine.syncOnce().error()).startsWith("TRANSPORT");

            List<Reachability.Hour> hours = store.reachability().last(3);
            assertThat(hours).extracting(Reachability.Hour::reached).containsExactly(0, 2, 0);
            assertThat(hours).extracting(Reachability.Hour::failed).containsExactly(0, 0, 2);
            assertThat(store.outbox().list(10)).extracting(OutboxEntry::state)
                    .containsExactlyInAnyOrder(OutboxEntry.State.ACKNOWLEDGED, OutboxEntry.State.PENDING);
        }
    }
}
