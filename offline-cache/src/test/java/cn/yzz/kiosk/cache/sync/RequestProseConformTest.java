package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Transaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real BackendClient's requests, caught on loopback and held to sentences of sync-api.md itself (the prose is the
 * authority; ClientRequestsConformTest holds them to the project's OpenAPI copy).
 */
class RequestProseConformTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** "Times are RFC 3339 with offset (`2026-11-22T09:30:00+08:00`)": the contract's own form. */
    private static final Pattern CONTRACT_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");

    /** A kiosk whose system zone is UTC, at a time with a fraction of a second (as Clock.systemUTC() has). */
    private final Clock utc = Clock.fixed(Instant.parse("2026-11-22T01:30:00.123456789Z"), ZoneOffset.UTC);
    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private BackendClient client() throws Exception {
        server.start();
        return new BackendClient(SyncFixtures.config(server.url("/kiosk").toString()), utc);
    }

    @Test
    void times_are_sent_in_the_contracts_form_whole_seconds_and_a_numeric_offset() throws Exception {
        BackendClient client = client();
        server.enqueue(json("{\"results\": []}"));
        server.enqueue(json("{\"serverTime\": \"2026-11-22T09:30:00+08:00\", \"commands\": []}"));
        Transaction t = new Transaction(UUID.randomUUID(), "application", "MZJ-0003", OffsetDateTime.now(utc), "s-1",
                new Person("440203195103152316", "李秀英"), Map.of("phone", "13800000000"), null, null, null);

        client.uploadBatch(List.of(t));
        client.heartbeat(HeartbeatSnapshot.empty(), new QueueStatus(0, 0, 0, 0, 0), 5);

        String createdAt = body(server.takeRequest()).at("/transactions/0/createdAt").asText();
        String at = body(server.takeRequest()).get("at").asText();
        assertThat(createdAt).matches(CONTRACT_TIME).isEqualTo("2026-11-22T01:30:00+00:00");
        assertThat(at).matches(CONTRACT_TIME).isEqualTo("2026-11-22T01:30:00+00:00");
        assertThat(OffsetDateTime.parse(createdAt).toInstant()).isEqualTo(Instant.parse("2026-11-22T01:30:00Z"));
    }

    @Test
    void a_diagnostics_bundle_is_a_zip_of_at_most_5_mb_in_either_reading_of_mb() throws Exception {
        BackendClient client = client();
        server.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                .body("{\"diagnosticsId\": \"D-1\"}").build());

        // "at most 5 MB": 5 000 000 bytes, which is also within 5 MiB; a county reading MB as 10^6 would refuse more.
        assertThat(BackendClient.MAX_DIAGNOSTICS_BYTES).isEqualTo(5_000_000);
        assertThatThrownBy(() -> client.uploadDiagnostics(new byte[5_000_001])).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.uploadDiagnostics(new byte[5_000_000])).isEqualTo("D-1");

        RecordedRequest r = server.takeRequest();
        assertThat(server.getRequestCount()).as("the over-large bundle was never sent").isEqualTo(1);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/kiosk/api/v1/diagnostics");
        assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/zip");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(r.getHeaders().get("X-Kiosk-Id")).isEqualTo("WJ-0042");
        assertThat(r.getBody().size()).isEqualTo(5_000_000);
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static JsonNode body(RecordedRequest r) throws Exception {
        byte[] raw = r.getBody().toByteArray();
        if ("gzip".equals(r.getHeaders().get("Content-Encoding"))) {
            raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes();
        }
        return JSON.readTree(raw);
    }
}
