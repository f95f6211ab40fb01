package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.yzz.kiosk.cache.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The online-only calls of BackendClient against a scripted server: each call's request, its answer, and how a
 * 404, malformed JSON, a wrong type and an oversized body come back as BackendException kinds.
 */
class OnlineCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE = "YSS-SECRET-CODE-4711";
    private static final Person PAYER = new Person("441802198503120035", "陈志强");

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

    private void reply(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type",
                code >= 400 ? "application/problem+json" : "application/json").body(body).build());
    }

    private static BackendException failure(ThrowingSupplier<?> call) {
        return catchThrowableOfType(BackendException.class, call::get);
    }

    private static final String ORDER = "{\"orderId\": \"PO123\", \"payUrl\": \"http://127.0.0.1:8080/dev/pay/PO123\","
            + " \"expiresAt\": \"2026-11-22T09:35:00+08:00\"}";

    @Test
    void a_qr_payment_is_created_with_the_transaction_id_and_answers_the_order() throws Exception {
        reply(201, ORDER);
        UUID tx = UUID.randomUUID();

        QrOrder order = client.createQrPayment(tx, "RSJ-0007", 30000, PAYER);

        assertThat(order).isEqualTo(new QrOrder("PO123", "http://127.0.0.1:8080/dev/pay/PO123",
                OffsetDateTime.parse("2026-11-22T09:35:00+08:00")));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/kiosk/api/v1/payments/qr");
        JsonNode body = JSON.readTree(r.getBody().toByteArray());
        assertThat(body.get("transactionId").asText()).isEqualTo(tx.toString());
        assertThat(body.get("amountFen").isIntegralNumber()).isTrue();
        assertThat(body.at("/person/idNumber").asText()).isEqualTo(PAYER.idNumber());
    }

    @Test
    void a_qr_order_answer_that_is_off_contract_is_malformed() {
        for (String bad : List.of(ORDER.replace("\"PO123\",", "42,"), ORDER.replace("2026-11-22T09:35:00+08:00", "soon"),
                ORDER.replace("http://127.0.0.1:8080/dev/pay/PO123", "weixin pay"), "{\"orderId\": \"PO1\"", "[]")) {
            reply(201, bad);
            assertThat(failure(() -> client.createQrPayment(UUID.randomUUID(), "RSJ-0007", 30000, PAYER)).kind())
                    .as(bad).isEqualTo(BackendException.Kind.MALFORMED);
        }
        reply(400, "{\"type\": \"about:blank\", \"title\": \"Bad request\", \"status\": 400, \"detail\": \"amountFen\"}");
        BackendException refused = failure(() -> client.createQrPayment(UUID.randomUUID(), "RSJ-0007", 30000, null));
        assertThat(refused.kind()).isEqualTo(BackendException.Kind.CLIENT);
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void the_status_is_read_and_a_cancel_answers_paid_when_the_villager_paid_at_the_last_moment() throws Exception {
        reply(200, "{\"orderId\": \"PO123\", \"status\": \"pending\", \"amountFen\": 30000}");
        reply(200, "{\"orderId\": \"PO123\", \"status\": \"paid\"}");

        assertThat(client.paymentStatus("PO123")).isEqualTo(PaymentStatus.PENDING);
        assertThat(client.cancelPayment("PO123")).isEqualTo(PaymentStatus.PAID);

        RecordedRequest poll = server.takeRequest();
        assertThat(poll.getMethod()).isEqualTo("GET");
        assertThat(poll.getUrl().encodedPath()).isEqualTo("/kiosk/api/v1/payments/PO123");
        RecordedRequest cancel = server.takeRequest();
        assertThat(cancel.getMethod()).isEqualTo("DELETE");
        assertThat(cancel.getUrl().encodedPath()).isEqualTo("/kiosk/api/v1/payments/PO123");
    }

    @Test
    void an_order_id_is_one_path_segment_whatever_it_holds() throws Exception {
        reply(200, "{\"orderId\": \"../catalog?x\", \"status\": \"expired\"}");
        assertThat(client.paymentStatus("../catalog?x")).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/kiosk/api/v1/payments/..%2Fcatalog%3Fx");
    }

    @Test
    void a_status_off_contract_is_malformed_and_an_unknown_order_is_a_404() {
        // A status word the contract does not name is not final (ContractLatitudeTest); a status that is no word is malformed.
        for (String bad : List.of("{\"orderId\": \"PO123\", \"status\": 1}",
                "{\"orderId\": \"PO999\", \"status\": \"paid\"}", "{\"orderId\": \"PO123\"}", "not json")) {
            reply(200, bad);
            assertThat(failure(() -> client.paymentStatus("PO123")).kind()).as(bad).isEqualTo(BackendException.Kind.MALFORMED);
        }
        reply(404, "{\"type\": \"about:blank\", \"title\": \"Unknown order\", \"status\": 404, \"detail\": \"no order\"}");
        BackendException unknown = failure(() -> client.cancelPayment("PO123"));
        assertThat(unknown.kind()).isEqualTo(BackendException.Kind.CLIENT);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void the_household_is_read_person_first_and_its_members_print_masked() throws Exception {
        reply(200, "{\"members\": [{\"name\": \"陈志强\", \"idNumber\": \"441802198503120035\", \"relation\": \"本人\"},"
                + " {\"name\": \"林小红\", \"idNumber\": \"44180219870615004X\", \"relation\": \"妻\"}]}");

        List<HouseholdMember> members = client.household("441802198503120035");

        assertThat(members).extracting(HouseholdMember::relation).containsExactly("本人", "妻");
        assertThat(members.get(1).person()).isEqualTo(new Person("44180219870615004X", "林小红"));
        assertThat(members.get(1).toString()).isEqualTo("HouseholdMember[441***********004X, 林**, 妻]")
                .doesNotContain("44180219870615004X");
        JsonNode body = JSON.readTree(server.takeRequest().getBody().toByteArray());
        assertThat(body.at("/person/idNumber").asText()).isEqualTo("441802198503120035");
    }

    @Test
    void a_household_answer_off_contract_is_malformed_without_repeating_personal_data_and_unknown_is_404() {
        for (String bad : List.of("{\"members\": []}", "{\"members\": {}}", "{\"members\": [\"陈志强\"]}",
                "{\"members\": [{\"name\": \"陈志强\", \"idNumber\": 441802198503120035, \"relation\": \"本人\"}]}",
                "{\"members\": [{\"name\": \"陈志强\", \"idNumber\": \"441802198503120035\"}]}",
                "{\"members\": [{\"name\": \"陈志强\", \"idNumber\": \"4418021985031200")) {
            reply(200, bad);
            BackendException e = failure(() -> client.household("441802198503120035"));
            assertThat(e.kind()).as(bad).isEqualTo(BackendException.Kind.MALFORMED);
            assertThat(e.getMessage()).as(bad).doesNotContain("4418021985").doesNotContain("陈志强");
        }
        reply(404, "{\"type\": \"about:blank\", \"title\": \"Unknown person\", \"status\": 404, \"detail\": \"none\"}");
        BackendException unknown = failure(() -> client.household("441802198503120035"));
        assertThat(unknown.kind()).isEqualTo(BackendException.Kind.CLIENT);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.getMessage()).doesNotContain("441802198503120035");
    }

    @Test
    void a_code_resolves_to_a_person_printed_masked_and_the_code_is_in_no_exception() throws Exception {
        reply(200, "{\"name\": \"李秀英\", \"idNumber\": \"440203195103152316\", \"expiresAt\": \"2026-11-22T09:35:00+08:00\"}");

        ResolvedIdentity who = client.resolveIdentity(CODE);

        assertThat(who.person()).isEqualTo(new Person("440203195103152316", "李秀英"));
        assertThat(who.expiresAt()).isEqualTo(OffsetDateTime.parse("2026-11-22T09:35:00+08:00"));
        assertThat(who.toString()).doesNotContain("440203195103152316").doesNotContain("秀英").contains("440***********2316");
        assertThat(JSON.readTree(server.takeRequest().getBody().toByteArray()).get("code").asText()).isEqualTo(CODE);

        reply(404, "{\"type\": \"about:blank\", \"title\": \"Unknown code\", \"status\": 404, \"detail\": \"" + CODE + "\"}");
        reply(200, "{\"name\": \"" + CODE + "\"}");
        reply(200, "{\"name\": \"" + CODE);
        BackendException unknown = failure(() -> client.resolveIdentity(CODE));
        BackendException wrong = failure(() -> client.resolveIdentity(CODE));
        BackendException broken = failure(() -> client.resolveIdentity(CODE));
        assertThat(unknown.kind()).isEqualTo(BackendException.Kind.CLIENT);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrong.kind()).isEqualTo(BackendException.Kind.MALFORMED);
        assertThat(broken.kind()).isEqualTo(BackendException.Kind.MALFORMED);
        for (BackendException e : List.of(unknown, wrong, broken)) {
            assertThat(e).hasMessageNotContaining(CODE);
            assertThat(e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage())).doesNotContain(CODE);
        }
        server.close();
        BackendException down = failure(() -> client.resolveIdentity(CODE));
        assertThat(down.kind()).isEqualTo(BackendException.Kind.TRANSPORT);
        assertThat(down).hasMessageNotContaining(CODE);
    }

    @Test
    void a_huge_answer_to_any_online_call_is_malformed_not_buffered() {
        String huge = "{\"pad\": \"" + "x".repeat((int) BackendClient.MAX_BODY_BYTES) + "\"}";
        List<ThrowingSupplier<?>> calls = List.of(
                () -> client.createQrPayment(UUID.randomUUID(), "RSJ-0007", 30000, PAYER),
                () -> client.paymentStatus("PO123"), () -> client.cancelPayment("PO123"),
                () -> client.household("441802198503120035"), () -> client.resolveIdentity(CODE));
        int[] expected = {201, 200, 200, 200, 200};
        for (int i = 0; i < calls.size(); i++) {
            reply(expected[i], huge);
            BackendException e = failure(calls.get(i));
            assertThat(e.kind()).as("call %d", i).isEqualTo(BackendException.Kind.MALFORMED);
            assertThat(e).hasMessageContaining("larger than");
        }
    }
}
