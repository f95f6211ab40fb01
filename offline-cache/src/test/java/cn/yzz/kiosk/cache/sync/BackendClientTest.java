package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.QueueStatus;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enroll, heartbeat and catalogue against the contract's shapes. */
class BackendClientTest {

    private final MutableClock clock = new MutableClock(T0);
    private MockWebServer server;
    private BackendClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = new BackendClient(SyncFixtures.config(server.url("/kiosk").toString()), clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> SyncConfig.defaults("http://county.example/kiosk", "WJ-1", "t", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain HTTP");
        assertThat(SyncConfig.defaults("https://county.example/kiosk", "WJ-1", "t", false).batchSize()).isEqualTo(100);
        assertThatThrownBy(() -> SyncFixtures.config("http://x").withBatchSize(101))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enrollSendsNoCredentials() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201)
                .body("{\"kioskId\": \"WJ-0042\", \"token\": \"abc\", \"catalogVersion\": \"2026-11-01.3\"}").build());

        Enrollment e = client.enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "ff00", "1.0.0"));

        assertThat(e).isEqualTo(new Enrollment("WJ-0042", "abc", "2026-11-01.3"));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getTarget()).isEqualTo("/kiosk/api/v1/enroll");
        assertThat(r.getHeaders().get("Authorization")).isNull();
        assertThat(r.getHeaders().get("X-Kiosk-Id")).isNull();
        assertThat(r.getBody().utf8()).contains("\"enrollmentCode\":\"7K3Q-92XD\"", "\"villageCode\":\"440203101201\"");
    }

    @Test
    void enrollWithAnUnknownCodeIsAClientError() {
        server.enqueue(new MockResponse.Builder().code(404).body("{}").build());
        assertThatThrownBy(() -> client.enroll(new EnrollRequest("X", "desktop", "440203101201", "ff", "1.0.0")))
                .isInstanceOfSatisfying(BackendException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackendException.Kind.CLIENT);
                    assertThat(e.status()).isEqualTo(404);
                });
    }

    @Test
    void heartbeatCarriesTheSnapshotAndReturnsTheServerTime() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200)
                .body("{\"serverTime\": \"2026-11-22T09:40:00+08:00\", \"commands\": []}").build());
        HeartbeatSnapshot snap = new HeartbeatSnapshot(
                List.of(new HeartbeatSnapshot.Device("receipt-printer", "warning", "paper near end")),
                new HeartbeatSnapshot.Cash(125000, 37, 600));

        var serverTime = client.heartbeat(snap, new QueueStatus(3, 0, 1, 10, 5400), 86400).serverTime();

        assertThat(serverTime.toInstant()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(server.takeRequest().getBody().utf8());
        assertThat(body.get("queue").get("pending").asLong()).isEqualTo(3);
        assertThat(body.get("queue").get("oldestPendingSec").asLong()).isEqualTo(5400);
        assertThat(body.get("cash").get("cashboxFen").asLong()).isEqualTo(125000);
        assertThat(body.get("devices").get(0).get("state").asText()).isEqualTo("warning");
        assertThat(body.get("at").asText()).isEqualTo("2026-11-22T09:30:00+08:00");
    }

    @Test
    void catalogIsConditional() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v3\"")
                .body("{\"version\": \"2026-11-01.3\", \"departments\": [], \"services\": []}").build());
        server.enqueue(new MockResponse.Builder().code(304).build());

        CatalogResponse first = client.catalog(null);
        CatalogResponse second = client.catalog(first.etag());

        assertThat(first.notModified()).isFalse();
        assertThat(first.etag()).isEqualTo("\"v3\"");
        assertThat(new String(first.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("2026-11-01.3");
        assertThat(second.notModified()).isTrue();
        server.takeRequest();
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"v3\"");
    }

    @Test
    void malformedCatalogIsAnError() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>captive portal</html>").build());
        assertThatThrownBy(() -> client.catalog(null)).isInstanceOfSatisfying(BackendException.class,
                e -> assertThat(e.kind()).isEqualTo(BackendException.Kind.MALFORMED));
    }
}
