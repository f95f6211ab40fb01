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
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPS to a county whose certificate no CA the kiosk knows has signed: the pin alone is the backend's
 * identity. The right pin (the server's key, or a CA key above it in the chain it sends) is accepted; a
 * wrong one, or a pinned CA certificate appended to a stranger's chain, is refused before anything is sent,
 * nothing lost.
 */
class CertificatePinningTest {

    private final MutableClock clock = new MutableClock(T0);
    private final MemoryOutbox outbox = new MemoryOutbox(50, clock);
    private final FakeCountyBackend backend = new FakeCountyBackend();
    private final HeldCertificate countyCa = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("county-ca").build();
    private final HeldCertificate county = new HeldCertificate.Builder().signedBy(countyCa)
            .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").build();
    private final HeldCertificate other = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    private MockWebServer server;

    private void serve(HeldCertificate leaf, HeldCertificate... above) throws Exception {
        java.security.cert.X509Certificate[] chain = new java.security.cert.X509Certificate[above.length];
        for (int i = 0; i < above.length; i++) {
            chain[i] = above[i].certificate();
        }
        server = new MockWebServer();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, chain).build().sslSocketFactory());
        server.setDispatcher(backend);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SyncReport syncWithPin(String pin) {
        String base = server.url("/kiosk").toString();
        assertThat(base).startsWith("https://");
        SyncConfig config = SyncConfig.defaults(base, "WJ-0042", "tok-1", false)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)).withPins(List.of(pin));
        BackendClient client = new BackendClient(config, clock); // the runtime's CAs know none of these certificates
        return new SyncEngine(outbox, client, config, clock, new Random(5), HeartbeatSnapshot::empty).syncOnce();
    }

    private OutboxEntry entry(Transaction t) throws Exception {
        return outbox.list(100).stream().filter(e -> e.transaction().id().equals(t.id())).findFirst().orElseThrow();
    }

    @Test
    void thePinOfTheServersOwnKeyIsAccepted() throws Exception {
        serve(county, countyCa);
        Transaction t = SyncFixtures.payment();
        outbox.enqueue(t);

        SyncReport report = syncWithPin(Pins.of(county.keyPair().getPublic()));

        assertThat(report.error()).isNull();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
        assertThat(backend.requests.get(0).getHandshake()).isNotNull();
    }

    @Test
    void thePinOfTheCountysCaAboveTheServerIsAccepted() throws Exception {
        serve(county, countyCa);
        Transaction t = SyncFixtures.payment();
        outbox.enqueue(t);

        SyncReport report = syncWithPin(Pins.of(countyCa.keyPair().getPublic()));

        assertThat(report.error()).isNull();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);
    }

    @Test
    void wrongPinIsRefusedBeforeAnythingIsSentAndNothingIsLost() throws Exception {
        serve(county, countyCa);
        Transaction t = SyncFixtures.payment();
        outbox.enqueue(t);

        SyncReport report = syncWithPin(Pins.of(other.keyPair().getPublic()));

        assertThat(report.error()).startsWith("TRANSPORT").contains("SSLHandshakeException")
                .as("names the key the server showed, for the installer to compare")
                .contains(Pins.of(county.keyPair().getPublic()));
        assertThat(backend.requests).as("the request never left the kiosk").isEmpty();
        assertThat(backend.applied).isEmpty();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
        assertThat(report.remaining()).isEqualTo(1);
    }

    @Test
    void aPinnedCaCertificateAppendedToAStrangersChainProvesNothing() throws Exception {
        // A stranger's CA with the county CA's very name, so only the signature tells them apart.
        HeldCertificate strangerCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("county-ca").build();
        HeldCertificate stranger = new HeldCertificate.Builder().signedBy(strangerCa)
                .addSubjectAlternativeName("localhost").addSubjectAlternativeName("127.0.0.1").build();
        serve(stranger, countyCa);
        Transaction t = SyncFixtures.payment();
        outbox.enqueue(t);

        SyncReport report = syncWithPin(Pins.of(countyCa.keyPair().getPublic()));

        assertThat(report.error()).startsWith("TRANSPORT");
        assertThat(backend.requests).isEmpty();
        assertThat(entry(t).state()).isEqualTo(OutboxEntry.State.PENDING);
    }
}
