package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.SelfSignedTls;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference backend over HTTPS with a certificate made for this run: enrolled with its pin, the
 * enrollment as stored carries the pin and the sync engine built from it uploads over TLS; the pin the
 * kiosk computes is the one the backend states for itself.
 */
class TlsDevBackendSyncTest {

    @TempDir
    Path dir;

    @Test
    void aKioskEnrolledWithThePinSyncsOverTls() throws Exception {
        SelfSignedTls tls = SelfSignedTls.inDirectory(dir.resolve("backend"));
        assertThat(Pins.of(tls.certificate().getPublicKey())).isEqualTo(tls.pin());
        try (DevBackend backend = DevBackend.start(DevBackend.Settings.defaults().withDataDir(dir.resolve("backend"))
                .withEnrollCodes(List.of("7K3Q-92XD")).withTls(tls.context()))) {
            assertThat(backend.url()).startsWith("https://127.0.0.1:");
            MutableClock clock = new MutableClock(SyncFixtures.T0);
            SyncConfig unenrolled = SyncConfig.defaults(backend.url(), null, null, false).withPins(List.of(tls.pin()))
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
            Enrollment e = new BackendClient(unenrolled, clock)
                    .enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "cd".repeat(32), "1.0.0"));
            new EnrollmentFile(backend.url(), e.kioskId(), e.token(), "desktop", "440203101201", false,
                    List.of(tls.pin())).save(dir.resolve("kiosk"));

            SyncConfig config = EnrollmentFile.load(dir.resolve("kiosk")).orElseThrow().syncConfig(null);
            MemoryOutbox outbox = new MemoryOutbox(50, clock);
            Transaction t = SyncFixtures.payment();
            outbox.enqueue(t);
            SyncReport report = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(1),
                    HeartbeatSnapshot::empty).syncOnce();

            assertThat(report.error()).isNull();
            assertThat(outbox.list(10).get(0).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
            assertThat(backend.storedIds()).containsExactly(t.id().toString());
        }
    }

    @Test
    void theSameIdentityIsKeptAcrossStartsAndAnUnpinnedClientDoesNotTrustIt() throws Exception {
        SelfSignedTls first = SelfSignedTls.inDirectory(dir);
        SelfSignedTls again = SelfSignedTls.inDirectory(dir);
        assertThat(again.pin()).isEqualTo(first.pin());
        try (DevBackend backend = DevBackend.start(DevBackend.Settings.defaults().withDataDir(dir)
                .withEnrollCodes(List.of("7K3Q-92XD")).withTls(first.context()))) {
            SyncConfig unpinned = SyncConfig.defaults(backend.url(), null, null, false);
            assertThatThrownBy(() -> new BackendClient(unpinned, new MutableClock(SyncFixtures.T0))
                    .enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "cd".repeat(32), "1.0.0")))
                    .isInstanceOf(BackendException.class).hasMessageContaining("SSLHandshakeException");
        }
    }
}
