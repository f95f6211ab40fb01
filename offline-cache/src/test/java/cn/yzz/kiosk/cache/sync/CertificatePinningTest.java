package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockWebServer;
import okhttp3.CertificatePinner;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTPS with a self-signed county certificate: the right pin is accepted, a wrong one refused, nothing lost. */
class CertificatePinningTest {

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryOutbox outbox = new MemoryOutbox(50, clock);
    private final FakeCountyBackend backend = new FakeCountyBackend();
    private final HeldCertificate county = new HeldCertificate.Builder()
            .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").build();
    private final HeldCertificate other = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(county).build().sslSocketFactory());
        server.setDispatcher(backend);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SyncEngine engineWithPin(String pin) {
        String base = server.url("/kiosk").toString();
        assertThat(base).startsWith("https://");
        SyncConfig config = SyncConfig.defaults(base, "WJ-0042", "tok-1", false)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)).withPins(List.of(pin));
        // The kiosk trusts the county's self-signed certificate here as it would trust the county CA.
        HandshakeCertificates trust = new HandshakeCertificates.Builder()
                .addTrustedCertificate(county.certificate()).build();
        BackendClient client = new BackendClient(config, clock,
                b -> b.sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()));
        return new SyncEngine(outbox, client, config, clock, new Random(5), HeartbeatSnapshot::empty);
    }

    private OutboxEntry entry(Transaction t) throws Exception {
        return outbox.list(100).stream().filter(e -> e.transaction().id().equals(t.id())).findFirst().orElseThrow();
    }

    @Test
    void rightPinIsAccepted() throws Exception {
        Transaction t = SyncFixtures.payment();
        outbox.enqueue(t);

        SyncReport report = engineWithPin(CertificatePinner.pin(county.certificate())).syncOnce();

        assertThat(report.error()).isNull();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(backend.requests.get(0).getHandshake()).isNotNull();
    }

    @Test
    void wrongPinIsRefusedBeforeAnythingIsSentAndNothingIsLost() throws Exception {
        Transaction t = SyncFixtures.payment();
        outbox.enqueue(t);

        SyncReport report = engineWithPin(CertificatePinner.pin(other.certificate())).syncOnce();

        assertThat(report.error()).startsWith("TRANSPORT").contains("SSLPeerUnverifiedException");
        assertThat(backend.requests).as("the request never left the kiosk").isEmpty();
        assertThat(backend.applied).isEmpty();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(report.remaining()).isEqualTo(1);
    }
}
