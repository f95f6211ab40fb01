package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.installer.cli.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kioskctl status} against a county backend scripted from sync-api.md: it asks whether the county takes the
 * kiosk's credentials without sending a heartbeat. A heartbeat from kioskctl would tell the county a made-up state
 * (no devices, uptime 0) and take the commands queued for the running kiosk, which come in the heartbeat's answer.
 */
class StatusCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean revoked;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            String path = x.getRequestURI().getRawPath();
            requests.add(x.getRequestMethod() + " " + path + " " + x.getRequestHeaders().getFirst("Authorization")
                    + " " + x.getRequestHeaders().getFirst("X-Kiosk-Id"));
            if (revoked) {
                answer(x, 401, "application/problem+json",
                        "{\"type\": \"about:blank\", \"title\": \"Unauthorized\", \"status\": 401, \"detail\": \"revoked\"}");
            } else if (path.equals("/kiosk/api/v1/catalog")) {
                answer(x, 200, "application/json", "{\"version\": \"2026-11-01.3\", \"departments\": [], \"services\": []}");
            } else if (path.equals("/kiosk/api/v1/heartbeat")) {
                answer(x, 200, "application/json", "{\"serverTime\": \"" + java.time.OffsetDateTime.now()
                        + "\", \"commands\": [{\"type\": \"upload-diagnostics\"}]}");
            } else {
                answer(x, 404, "application/problem+json",
                        "{\"type\": \"about:blank\", \"title\": \"Not found\", \"status\": 404, \"detail\": \"no\"}");
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/kiosk";
        new EnrollmentFile(url, "WJ-0042", "tok-1", "enhanced", "440203101201", true).save(dir);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange x, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void status_asks_with_the_kiosks_credentials_and_sends_no_heartbeat() throws Exception {
        Env now = new Env(Clock.systemUTC(), InputStream.nullInputStream());

        JsonNode s = JSON.readTree(Cli.run(now, "status", "--json", "--data-dir", dir.toString()).out());

        assertThat(s.get("reachable").asBoolean()).isTrue();
        assertThat(s.get("error").isNull()).isTrue();
        assertThat(Math.abs(s.get("clockSkewSec").asLong())).isLessThan(5);
        assertThat(requests).containsExactly("GET /kiosk/api/v1/catalog Bearer tok-1 WJ-0042");
    }

    @Test
    void the_clock_skew_is_read_from_the_countys_date_header() throws Exception {
        // Cli's default clock stands in June 2026; the server's Date header is the real time.
        long expected = Duration.between(Cli.TODAY.instant(), Instant.now()).toSeconds();

        JsonNode s = JSON.readTree(Cli.run("status", "--json", "--data-dir", dir.toString()).out());

        assertThat(s.get("reachable").asBoolean()).isTrue();
        assertThat(s.get("clockSkewSec").asLong()).isBetween(expected - 5, expected + 5);
    }

    @Test
    void a_revoked_token_is_unreachable_and_says_to_enroll_again() throws Exception {
        revoked = true;

        JsonNode s = JSON.readTree(Cli.run("status", "--json", "--data-dir", dir.toString()).out());

        assertThat(s.get("reachable").asBoolean()).isFalse();
        assertThat(s.get("error").asText()).contains("重新注册");
        assertThat(s.get("clockSkewSec").isNull()).isTrue();
        assertThat(requests).noneMatch(r -> r.contains("/heartbeat"));
    }
}
