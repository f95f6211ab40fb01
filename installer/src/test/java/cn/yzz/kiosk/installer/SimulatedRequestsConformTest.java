package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code kioskctl simulate} then {@code kioskctl sync --once} really send, caught by a loopback server and held
 * to sync-api.md v1.1 ("Payments: what a queued payment transaction says"): a county's acceptance backend validates
 * the synthetic transactions like real ones.
 */
class SimulatedRequestsConformTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everySimulatedPaymentSaysItsMethodAndItsNotesMakeTheAmount() throws Exception {
        List<JsonNode> sent = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/kiosk/api/v1/", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"type\": \"about:blank\", \"title\": \"not here\", \"status\": 404, \"detail\": \"\"}".getBytes();
            int code = 404;
            if (exchange.getRequestURI().getPath().endsWith("/transactions:batch")) {
                JsonNode batch = JSON.readTree("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? gunzip(raw) : raw);
                sent.add(batch);
                ObjectNode results = JSON.createObjectNode();
                ArrayNode list = results.putArray("results");
                batch.get("transactions").forEach(t -> list.addObject().put("id", t.get("id").asText()).put("status", "accepted")
                        .put("backendRef", "R-" + t.get("id").asText()));
                answer = JSON.writeValueAsBytes(results);
                code = 200;
            }
            exchange.getResponseHeaders().set("Content-Type", code == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            Path data = Files.createDirectory(dir.resolve("kiosk"));
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/kiosk";
            new EnrollmentFile(url, "WJ-0042", "tok-1", "enhanced", "440203101201", true).save(data);
            assertThat(Cli.run("simulate", "--transactions", "30", "--seed", "5", "--data-dir", data.toString()).exit()).isZero();

            Cli.Result sync = Cli.run("sync", "--once", "--data-dir", data.toString());

            assertThat(sync.exit()).as(sync.all()).isZero();
            List<JsonNode> payments = sent.stream().flatMap(b -> stream(b.get("transactions")))
                    .filter(t -> t.get("type").asText().equals("payment")).toList();
            assertThat(payments).hasSize(6);
            for (JsonNode p : payments) {
                // "method": "qr" with "orderId", or "method": "cash" with "cash": {"insertedFen", "notes", ...}
                assertThat(p.path("method").asText()).as("method of %s", p.get("id")).isIn("qr", "cash");
                if (p.get("method").asText().equals("qr")) {
                    assertThat(p.path("orderId").asText()).isNotBlank();
                    continue;
                }
                JsonNode cash = p.get("cash");
                long notes = 0;
                for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) cash.get("notes")::fields) {
                    notes += Long.parseLong(e.getKey()) * e.getValue().asLong();
                }
                // "every note in the cash box is in exactly one transaction": the notes are the money inserted
                assertThat(notes).as("notes of %s", p.get("id")).isEqualTo(cash.get("insertedFen").asLong());
                assertThat(p.get("amountFen").asLong() + cash.path("voucherFen").asLong()).isEqualTo(notes);
            }
        } finally {
            server.stop(0);
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
