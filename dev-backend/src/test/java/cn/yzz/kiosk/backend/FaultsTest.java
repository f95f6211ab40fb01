package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fault, as the JDK HttpClient sees it, and what the backend stored meanwhile. */
class FaultsTest {
    static final String BATCH = "/api/v1/transactions:batch";

    @TempDir Path dir;
    DevBackend backend;
    ApiClient client;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, "CODE-0001", FaultSettings.none());
        client = new ApiClient(backend).enroll("CODE-0001");
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void drop_after_commit_loses_the_acknowledgement_but_keeps_the_data() throws Exception {
        backend.faults().set("drop-after-commit=1");
        String id = ApiClient.newId();
        assertThatThrownBy(() -> client.sendBatch(ApiClient.payment(id))).isInstanceOf(IOException.class);
        assertThat(backend.storedIds()).containsExactly(id);
        assertThat(backend.requestsSeen(BATCH)).isEqualTo(1);

        backend.faults().clear();
        HttpResponse<String> resent = client.sendBatch(ApiClient.payment(id));
        assertThat(ApiClient.json(resent).get("results").get(0).get("status").asText()).isEqualTo("duplicate");
        assertThat(backend.storedCount(id)).isEqualTo(1);
    }

    @Test
    void a_lost_enrollment_answer_is_recovered_by_enrolling_again_with_the_same_machine() throws Exception {
        backend.addEnrollmentCode("CODE-0002");
        ApiClient second = new ApiClient(backend);
        backend.faults().set("drop-after-commit=1,only=enroll");
        assertThatThrownBy(() -> second.post("/enroll", ApiClient.enrollBody("CODE-0002", "beef"))).isInstanceOf(IOException.class);
        backend.faults().clear();
        HttpResponse<String> again = second.post("/enroll", ApiClient.enrollBody("CODE-0002", "beef"));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(ApiClient.json(again).get("kioskId").asText()).isEqualTo("WJ-0002");
    }

    @Test
    void drop_before_commit_stores_nothing() throws Exception {
        backend.faults().set("drop-before-commit=1");
        String id = ApiClient.newId();
        assertThatThrownBy(() -> client.sendBatch(ApiClient.payment(id))).isInstanceOf(IOException.class);
        assertThat(backend.storedIds()).isEmpty();
        assertThat(backend.requestsSeen(BATCH)).isEqualTo(1);

        backend.faults().clear();
        assertThat(ApiClient.json(client.sendBatch(ApiClient.payment(id))).get("results").get(0).get("status").asText())
                .isEqualTo("accepted");
    }

    @Test
    void error_rate_answers_500_problems_and_stores_nothing() throws Exception {
        backend.faults().set("error-rate=1");
        HttpResponse<String> r = client.sendBatch(ApiClient.payment(ApiClient.newId()));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(backend.storedIds()).isEmpty();
    }

    @Test
    void rate_limits_answer_429_and_503_with_retry_after() throws Exception {
        backend.faults().set("429=1,retry-after=7");
        HttpResponse<String> r = client.sendBatch(ApiClient.payment(ApiClient.newId()));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");

        backend.faults().set("503=1");
        HttpResponse<String> u = client.sendBatch(ApiClient.payment(ApiClient.newId()));
        assertThat(u.statusCode()).isEqualTo(503);
        assertThat(u.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(backend.storedIds()).isEmpty();
    }

    @Test
    void malformed_body_is_a_200_with_invalid_json_after_the_commit() throws Exception {
        backend.faults().set("malformed=1");
        String id = ApiClient.newId();
        HttpResponse<String> r = client.sendBatch(ApiClient.payment(id));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> ApiClient.json(r)).isInstanceOf(JsonProcessingException.class);
        assertThat(backend.storedIds()).containsExactly(id);
    }

    @Test
    void delay_holds_every_answer() throws Exception {
        backend.faults().set("delay=300ms");
        long t0 = System.nanoTime();
        assertThat(client.post("/heartbeat", "{}").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void slow_body_sends_headers_at_once_and_trickles_the_body() throws Exception {
        backend.faults().set("slow-body=1,slow-body-time=1s");
        String id = ApiClient.newId();
        HttpRequest req = client.request("/transactions:batch")
                .POST(HttpRequest.BodyPublishers.ofString(client.batch(ApiClient.payment(id)))).build();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
        long headersMs = (System.nanoTime() - t0) / 1_000_000;
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readAllBytes();
        }
        long totalMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(headersMs).isLessThan(500);
        assertThat(totalMs).isGreaterThanOrEqualTo(800);
        assertThat(ApiClient.JSON.readTree(body).get("results").get(0).get("status").asText()).isEqualTo("accepted");
    }

    @Test
    void only_limits_faults_to_the_named_paths() throws Exception {
        backend.faults().set("error-rate=1,only=transactions:batch");
        assertThat(client.post("/heartbeat", "{}").statusCode()).isEqualTo(200);
        assertThat(client.sendBatch(ApiClient.payment(ApiClient.newId())).statusCode()).isEqualTo(500);
    }

    @Test
    void max_rps_admits_a_fixed_number_per_second_and_answers_the_rest_429() throws Exception {
        backend.faults().set("max-rps=3,retry-after=2");
        List<Integer> got = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = client.post("/heartbeat", "{}");
            got.add(r.statusCode());
            if (r.statusCode() == 429) {
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
            }
        }
        assertThat(got).contains(429);
        assertThat(got.stream().filter(c -> c == 200).count()).isGreaterThanOrEqualTo(3);
        assertThat(retryAfter).isEqualTo("2");
        assertThat(backend.faults().peakRequestsPerSecond()).isGreaterThan(3);
    }

    @Test
    void a_seed_makes_the_fault_sequence_repeatable() throws Exception {
        List<Integer> first = statuses("error-rate=0.5,seed=42");
        List<Integer> second = statuses("error-rate=0.5,seed=42");
        assertThat(first).isEqualTo(second).contains(200, 500);
    }

    private List<Integer> statuses(String spec) throws Exception {
        backend.faults().set(spec);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(client.post("/heartbeat", "{}").statusCode());
        }
        return out;
    }

    @Test
    void under_mixed_faults_resending_until_acknowledged_stores_every_id_exactly_once() throws Exception {
        backend.faults().set("drop-after-commit=0.3,drop-before-commit=0.1,error-rate=0.2,malformed=0.1,seed=1");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(ApiClient.newId());
        }
        List<String> pending = new ArrayList<>(ids);
        for (int round = 0; round < 200 && !pending.isEmpty(); round++) {
            List<String> chunk = pending.subList(0, Math.min(7, pending.size()));
            try {
                HttpResponse<String> r = client.sendBatch(chunk.stream().map(ApiClient::payment).toArray(String[]::new));
                if (r.statusCode() == 200) {
                    List<String> done = new ArrayList<>();
                    ApiClient.json(r).get("results").forEach(n -> done.add(n.get("id").asText()));
                    pending.removeAll(done);
                }
            } catch (IOException e) {
                // Nothing known: the same ids go again, as the sync engine would.
            }
        }
        assertThat(pending).isEmpty();
        assertThat(backend.storedIds()).containsExactlyInAnyOrderElementsOf(ids);
        ids.forEach(id -> assertThat(backend.storedCount(id)).isEqualTo(1));
        assertThat(backend.duplicateCount()).isPositive();
    }
}
