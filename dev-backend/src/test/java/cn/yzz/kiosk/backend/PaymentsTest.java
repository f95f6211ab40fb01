package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentsTest {
    @TempDir Path dir;
    DevBackend backend;
    ApiClient client;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, "PAY-0001", FaultSettings.none());
        client = new ApiClient(backend).enroll("PAY-0001");
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private JsonNode order(String transactionId) throws Exception {
        HttpResponse<String> r = client.post("/payments/qr",
                "{\"transactionId\":\"" + transactionId + "\",\"serviceCode\":\"RSJ-0007\",\"amountFen\":30000}");
        assertThat(r.statusCode()).isEqualTo(201);
        return ApiClient.json(r);
    }

    private String status(String orderId) throws Exception {
        return ApiClient.json(client.get("/payments/" + orderId, null)).get("status").asText();
    }

    @Test
    void an_order_is_created_once_per_transaction_and_paid_through_its_pay_url() throws Exception {
        String tx = ApiClient.newId();
        JsonNode first = order(tx);
        assertThat(order(tx).get("orderId")).isEqualTo(first.get("orderId"));
        String orderId = first.get("orderId").asText();
        assertThat(status(orderId)).isEqualTo("pending");

        HttpResponse<String> paid = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(first.get("payUrl").asText())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(status(orderId)).isEqualTo("paid");

        // A paid order is final: cancelling does not undo it.
        HttpResponse<String> cancel = client.send(client.request("/payments/" + orderId).DELETE().build());
        assertThat(ApiClient.json(cancel).get("status").asText()).isEqualTo("paid");
    }

    @Test
    void a_pending_order_can_be_cancelled_and_then_not_paid() throws Exception {
        String orderId = order(ApiClient.newId()).get("orderId").asText();
        client.send(client.request("/payments/" + orderId).DELETE().build());
        assertThat(status(orderId)).isEqualTo("cancelled");
        backend.payOrder(orderId);
        assertThat(status(orderId)).isEqualTo("cancelled");
    }

    private static HttpResponse<String> open(String payUrl) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(payUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_pay_url_is_on_this_backend_and_opening_it_pays_once_with_a_page_that_says_so() throws Exception {
        JsonNode order = order(ApiClient.newId());
        String payUrl = order.get("payUrl").asText();
        assertThat(payUrl).isEqualTo(backend.url() + "/dev/pay/" + order.get("orderId").asText());

        HttpResponse<String> first = open(payUrl);
        HttpResponse<String> again = open(payUrl);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(first.body()).contains("已支付");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("已支付");
        JsonNode status = ApiClient.json(client.get("/payments/" + order.get("orderId").asText(), null));
        assertThat(status.get("status").asText()).isEqualTo("paid");
        assertThat(status.get("amountFen").asLong()).isEqualTo(30000);
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(payUrl))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(open(backend.url() + "/dev/pay/PO-NONE").statusCode()).isEqualTo(404);
    }

    @Test
    void a_cancelled_order_opened_later_says_cancelled_and_is_not_paid() throws Exception {
        JsonNode order = order(ApiClient.newId());
        client.send(client.request("/payments/" + order.get("orderId").asText()).DELETE().build());

        HttpResponse<String> page = open(order.get("payUrl").asText());

        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("订单已取消");
        assertThat(status(order.get("orderId").asText())).isEqualTo("cancelled");
    }

    @Test
    void an_order_expires_after_the_configured_time_and_then_cannot_be_paid() throws Exception {
        backend.close();
        backend = DevBackend.start(DevBackend.Settings.defaults().withDataDir(dir.resolve("short"))
                .withEnrollCodes(java.util.List.of("PAY-0002")).withPaymentExpiry(java.time.Duration.ofSeconds(2)));
        client = new ApiClient(backend).enroll("PAY-0002");
        JsonNode order = order(ApiClient.newId());
        String orderId = order.get("orderId").asText();
        java.time.OffsetDateTime expires = java.time.OffsetDateTime.parse(order.get("expiresAt").asText());
        assertThat(expires).isBefore(java.time.OffsetDateTime.now().plusSeconds(4));
        assertThat(status(orderId)).isEqualTo("pending");

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!status(orderId).equals("expired") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertThat(status(orderId)).isEqualTo("expired");
        HttpResponse<String> page = open(order.get("payUrl").asText());
        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("订单已过期");
        assertThat(status(orderId)).isEqualTo("expired");
    }

    @Test
    void bad_and_unknown_orders_are_problems() throws Exception {
        assertThat(client.post("/payments/qr", "{\"transactionId\":\"t\",\"serviceCode\":\"RSJ-0007\",\"amountFen\":1.5}")
                .statusCode()).isEqualTo(400);
        assertThat(client.get("/payments/PO-NONE", null).statusCode()).isEqualTo(404);
    }
}
