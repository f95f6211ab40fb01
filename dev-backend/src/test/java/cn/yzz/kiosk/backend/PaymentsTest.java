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

  @Test
  void bad_and_unknown_orders_are_problems() throws Exception {
    assertThat(client.post("/payments/qr", "{\"transactionId\":\"t\",\"serviceCode\":\"RSJ-0007\",\"amountFen\":1.5}")
        .statusCode()).isEqualTo(400);
    assertThat(client.get("/payments/PO-NONE", null).statusCode()).isEqualTo(404);
  }
}
