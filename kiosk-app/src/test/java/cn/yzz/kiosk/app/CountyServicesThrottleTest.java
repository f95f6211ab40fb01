package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A county that sheds load on an online call (sync-api.md: "429 and 503 may carry Retry-After ...; the client waits at
 * least that long"): the real client over loopback, through {@link CountyServices}, hands the service run the wait.
 */
class CountyServicesThrottleTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private CountyLink link;
    private CountyServices services;

    @AfterEach
    void stop() {
        if (services != null) {
            services.close();
        }
        if (link != null) {
            link.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange x, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void a_poll_answered_429_with_retry_after_is_unreachable_for_that_long() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            String path = x.getRequestURI().getRawPath();
            if (path.endsWith("/api/v1/payments/PO1")) {
                x.getResponseHeaders().set("Retry-After", "30");
                answer(x, 429, "application/problem+json",
                        "{\"type\": \"about:blank\", \"title\": \"Too many\", \"status\": 429, \"detail\": \"slow down\"}");
            } else if (path.endsWith("/api/v1/heartbeat")) {
                answer(x, 200, "application/json", "{\"serverTime\": \"" + OffsetDateTime.now() + "\", \"commands\": []}");
            } else {
                answer(x, 503, "text/plain", ""); // catalogue, batches: not this test's business
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/kiosk";
        new EnrollmentFile(url, "WJ-0042", "tok-1", "enhanced", "440203101201", true).save(dir);
        link = CountyLink.open(dir, HeartbeatSnapshot::empty, ok -> { });
        services = new CountyServices(() -> Optional.of(link));

        Throwable failure = catchThrowable(() -> services.orderState("PO1").get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOfSatisfying(County.Unreachable.class, u -> {
            assertThat(u.why()).isEqualTo(County.Unreachable.Why.SERVER);
            assertThat(u.retryAfter()).contains(Duration.ofSeconds(30));
        });
    }
}
