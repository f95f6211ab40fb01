package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v1.1 transaction rules of the batch upload, each with the reason a kiosk's administrator would read. */
class BatchValidationTest {
    static final String MEMBERS = "[{\"idNumber\":\"44180219870615004X\",\"name\":\"林小红\"},"
            + "{\"idNumber\":\"441802201209030033\",\"name\":\"陈浩然\"}]";

    @TempDir Path dir;
    DevBackend backend;
    ApiClient kiosk;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, "BV-0001", FaultSettings.none());
        kiosk = new ApiClient(backend).enroll("BV-0001");
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    static String qrPayment(String id, String orderId, long amountFen) {
        return "{\"id\":\"" + id + "\",\"type\":\"payment\",\"serviceCode\":\"RSJ-0007\",\"createdAt\":\"2026-11-22T09:30:00+08:00\","
                + "\"sessionId\":\"s-qr\",\"person\":{\"idNumber\":\"441802198503120035\",\"name\":\"陈志强\"},"
                + "\"data\":{\"grade\":\"300\",\"members\":" + MEMBERS + "},\"amountFen\":" + amountFen + ","
                + "\"method\":\"qr\",\"orderId\":\"" + orderId + "\",\"receiptNo\":\"WJ-0001-20261122-0001\"}";
    }

    static String cashPayment(String id, long amountFen, long insertedFen, long voucherFen) {
        String voucher = voucherFen > 0 ? ",\"voucherFen\":" + voucherFen + ",\"voucherNo\":\"V-0001\"" : "";
        return "{\"id\":\"" + id + "\",\"type\":\"payment\",\"serviceCode\":\"RSJ-0007\",\"createdAt\":\"2026-11-22T09:30:00+08:00\","
                + "\"sessionId\":\"s-cash\",\"person\":{\"idNumber\":\"441802198503120035\",\"name\":\"陈志强\"},"
                + "\"data\":{\"grade\":\"300\"},\"amountFen\":" + amountFen + ",\"method\":\"cash\","
                + "\"cash\":{\"insertedFen\":" + insertedFen + ",\"notes\":{\"10000\":" + insertedFen / 10000 + "}" + voucher + "}}";
    }

    /** A cash box audit as the kiosk queues it when the box is replaced: 12 × 100 元 and 1 × 50 元, 50 元 of it unattributed. */
    static String cashAudit(String id) {
        return "{\"id\":\"" + id + "\",\"type\":\"cash-audit\",\"createdAt\":\"2026-11-22T17:05:00+08:00\",\"data\":{},"
                + "\"cash\":{\"cashboxFen\":125000,\"notes\":{\"10000\":12,\"5000\":1},\"unattributedFen\":5000,"
                + "\"periodStart\":\"2026-11-15T08:00:00+08:00\",\"periodEnd\":\"2026-11-22T17:05:00+08:00\","
                + "\"journalHash\":\"" + "ab".repeat(32) + "\"},\"receiptNo\":\"WJ-0001-20261122-0031\"}";
    }

    static String visitEvaluation(String id, int level) {
        return "{\"id\":\"" + id + "\",\"type\":\"evaluation\",\"serviceCode\":\"RSJ-0007\",\"sessionId\":\"s-cancelled\","
                + "\"createdAt\":\"2026-11-22T09:31:00+08:00\",\"data\":{\"level\":" + level + ",\"reasons\":[\"等候时间长\"]}}";
    }

    private String order(String transactionId, long amountFen) throws Exception {
        return ApiClient.json(kiosk.post("/payments/qr", "{\"transactionId\":\"" + transactionId
                + "\",\"serviceCode\":\"RSJ-0007\",\"amountFen\":" + amountFen + "}")).get("orderId").asText();
    }

    /** "accepted", or "rejected: reason". */
    private String outcome(String transaction) throws Exception {
        JsonNode r = ApiClient.json(kiosk.sendBatch(transaction)).at("/results/0");
        return r.get("status").asText() + (r.has("reason") ? ": " + r.get("reason").asText() : "");
    }

    @Test
    void a_qr_payment_is_accepted_for_a_paid_or_pending_order_and_rejected_for_a_dead_or_foreign_one() throws Exception {
        String paidId = ApiClient.newId();
        String paid = order(paidId, 90000);
        backend.payOrder(paid);
        assertThat(outcome(qrPayment(paidId, paid, 90000))).isEqualTo("accepted");

        String pendingId = ApiClient.newId();
        assertThat(outcome(qrPayment(pendingId, order(pendingId, 90000), 90000))).isEqualTo("accepted");

        String cancelledId = ApiClient.newId();
        String cancelled = order(cancelledId, 90000);
        kiosk.send(kiosk.request("/payments/" + cancelled).DELETE().build());
        assertThat(outcome(qrPayment(cancelledId, cancelled, 90000))).isEqualTo("rejected: order not paid");

        assertThat(outcome(qrPayment(ApiClient.newId(), "PO-NO-SUCH-ORDER", 90000))).isEqualTo("rejected: unknown order");
        String otherId = ApiClient.newId();
        String other = order(otherId, 90000);
        backend.payOrder(other);
        assertThat(outcome(qrPayment(ApiClient.newId(), other, 90000))).isEqualTo("rejected: order belongs to another transaction");
        String cheapId = ApiClient.newId();
        String cheap = order(cheapId, 18000);
        backend.payOrder(cheap);
        assertThat(outcome(qrPayment(cheapId, cheap, 90000))).isEqualTo("rejected: amountFen differs from the order's");
        assertThat(outcome(qrPayment(ApiClient.newId(), "x", 1).replace(",\"orderId\":\"x\"", "")))
                .isEqualTo("rejected: a qr payment needs orderId");
    }

    @Test
    void another_kiosks_order_is_unknown_to_this_one() throws Exception {
        String id = ApiClient.newId();
        String orderId = order(id, 30000);
        backend.payOrder(orderId);
        backend.addEnrollmentCode("BV-0002");
        ApiClient other = new ApiClient(backend);
        // A second machine: another hardware id.
        var r = other.post("/enroll", ApiClient.enrollBody("BV-0002", "ff" + ApiClient.HARDWARE.substring(2)));
        other.kioskId = ApiClient.json(r).get("kioskId").asText();
        other.token = ApiClient.json(r).get("token").asText();

        JsonNode answer = ApiClient.json(other.sendBatch(qrPayment(id, orderId, 30000))).at("/results/0");

        assertThat(answer.get("reason").asText()).isEqualTo("unknown order");
    }

    @Test
    void a_cash_payment_must_add_up_note_by_note_and_with_its_change_voucher() throws Exception {
        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 30000, 0))).isEqualTo("accepted");
        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 40000, 10000))).isEqualTo("accepted");
        // Cancelled after notes were credited: nothing paid, everything on the voucher.
        assertThat(outcome(cashPayment(ApiClient.newId(), 0, 20000, 20000))).isEqualTo("accepted");

        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 40000, 0)))
                .isEqualTo("rejected: amountFen plus cash.voucherFen is not cash.insertedFen");
        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 30000, 0).replace("{\"10000\":3}", "{\"10000\":2}")))
                .isEqualTo("rejected: cash.notes add up to 20000 fen, not cash.insertedFen");
        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 40000, 10000).replace(",\"voucherNo\":\"V-0001\"", "")))
                .isEqualTo("rejected: cash.voucherFen needs cash.voucherNo");
        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 30000, 0).replace("{\"10000\":3}", "{\"ten\":3}")))
                .isEqualTo("rejected: cash.notes must map note values in fen to counts");
        assertThat(outcome(cashPayment(ApiClient.newId(), 1, 1, 0).replaceAll(",\"cash\":\\{.*\\}\\}$", "}")))
                .isEqualTo("rejected: a cash payment needs cash{insertedFen, notes}");
        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 30000, 0).replace("\"cash\",", "\"cheque\",")))
                .isEqualTo("rejected: unknown payment method");
    }

    @Test
    void a_cash_payment_needs_a_note_and_a_voucher_number_only_with_a_voucher() throws Exception {
        assertThat(outcome(cashPayment(ApiClient.newId(), 0, 0, 0).replace("{\"10000\":0}", "{}")))
                .isEqualTo("rejected: a cash payment with no note inserted");
        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 30000, 0).replace("\"notes\":{\"10000\":3}",
                "\"notes\":{\"10000\":3},\"voucherNo\":\"WJ-0001-Z20261122-01\"")))
                .isEqualTo("rejected: cash.voucherNo without cash.voucherFen");
        assertThat(outcome(cashPayment(ApiClient.newId(), 30000, 40000, 10000).replace("\"voucherFen\":10000", "\"voucherFen\":-1")))
                .isEqualTo("rejected: cash.voucherFen is not an integer count of fen");
    }

    @Test
    void a_cash_audit_adds_up_to_its_cash_box_over_a_period_and_moves_no_money() throws Exception {
        String audit = cashAudit(ApiClient.newId());
        assertThat(outcome(audit)).isEqualTo("accepted");
        String empty = cashAudit(ApiClient.newId()).replace("\"cashboxFen\":125000,\"notes\":{\"10000\":12,\"5000\":1},"
                + "\"unattributedFen\":5000", "\"cashboxFen\":0,\"notes\":{},\"unattributedFen\":0");
        assertThat(outcome(empty)).as("an empty box is audited too").isEqualTo("accepted");

        assertThat(outcome(cashAudit(ApiClient.newId()).replace("\"10000\":12", "\"10000\":11")))
                .isEqualTo("rejected: cash.notes add up to 115000 fen, not cash.cashboxFen");
        assertThat(outcome(cashAudit(ApiClient.newId()).replace("\"unattributedFen\":5000", "\"unattributedFen\":130000")))
                .isEqualTo("rejected: cash.unattributedFen is not a count of fen within cash.cashboxFen");
        assertThat(outcome(cashAudit(ApiClient.newId()).replace("2026-11-15T08:00:00+08:00", "2026-11-23T08:00:00+08:00")))
                .isEqualTo("rejected: cash.periodStart is after cash.periodEnd");
        assertThat(outcome(cashAudit(ApiClient.newId()).replace("\"periodEnd\":\"2026-11-22T17:05:00+08:00\"", "\"periodEnd\":\"yesterday\"")))
                .isEqualTo("rejected: cash.periodStart and cash.periodEnd must be RFC 3339 times with offset");
        assertThat(outcome(cashAudit(ApiClient.newId()).replace("\"data\":{},", "\"data\":{},\"amountFen\":125000,")))
                .isEqualTo("rejected: a cash-audit has no amountFen");
        assertThat(outcome(cashAudit(ApiClient.newId()).replaceAll(",\"cash\":\\{[^}]*\\}[^}]*\\}", "")))
                .isEqualTo("rejected: a cash-audit needs cash{cashboxFen, notes, periodStart, periodEnd}");
        assertThat(outcome(cashAudit(ApiClient.newId()).replace("{\"10000\":12,\"5000\":1}", "125000")))
                .isEqualTo("rejected: cash.notes must map note values in fen to counts");
    }

    @Test
    void what_was_stored_for_one_id_reads_back_and_an_unknown_id_is_empty() throws Exception {
        String id = ApiClient.newId();
        kiosk.sendBatch(cashAudit(id));
        StoredTransaction audit = backend.stored(id).orElseThrow();
        assertThat(audit.type()).isEqualTo("cash-audit");
        assertThat(audit.serviceCode()).isNull();
        assertThat(audit.kioskId()).isEqualTo(kiosk.kioskId);
        assertThat(audit.json().at("/cash/cashboxFen").asLong()).isEqualTo(125000);
        assertThat(backend.stored(ApiClient.newId())).isEmpty();
        assertThat(backend.stored("not a uuid")).isEmpty();
    }

    @Test
    void members_must_be_people_with_id_number_and_name() throws Exception {
        String id = ApiClient.newId();
        String orderId = order(id, 90000);
        backend.payOrder(orderId);
        assertThat(outcome(qrPayment(id, orderId, 90000).replace(MEMBERS, "[\"林小红\"]")))
                .isEqualTo("rejected: data.members must be a list of {idNumber, name}");
        assertThat(outcome(qrPayment(id, orderId, 90000).replace(MEMBERS, "[{\"idNumber\":\"44180219870615004X\"}]")))
                .isEqualTo("rejected: data.members must be a list of {idNumber, name}");
        assertThat(outcome(qrPayment(id, orderId, 90000))).isEqualTo("accepted");
    }

    @Test
    void another_person_paid_for_by_keyed_id_number_has_an_empty_name() throws Exception {
        String id = ApiClient.newId();
        String orderId = order(id, 90000);
        backend.payOrder(orderId);
        assertThat(outcome(qrPayment(id, orderId, 90000).replace(MEMBERS, "[{\"idNumber\":\"441826195008010020\",\"name\":\"\"}]")))
                .isEqualTo("accepted");
    }

    @Test
    void an_evaluation_rates_a_transaction_or_a_visit_with_an_integer_level_and_text_reasons() throws Exception {
        String rated = "{\"id\":\"" + ApiClient.newId() + "\",\"type\":\"evaluation\",\"createdAt\":\"2026-11-22T09:31:00+08:00\","
                + "\"data\":{\"ratedTransactionId\":\"" + ApiClient.newId() + "\",\"level\":5,\"reasons\":[]}}";
        assertThat(outcome(rated)).isEqualTo("accepted");
        assertThat(outcome(visitEvaluation(ApiClient.newId(), 1))).isEqualTo("accepted");

        assertThat(outcome(rated.replace("\"level\":5", "\"level\":\"5\""))).isEqualTo("rejected: evaluation needs data.level, an integer 1-5");
        assertThat(outcome(rated.replace("\"level\":5", "\"level\":4.5"))).isEqualTo("rejected: evaluation needs data.level, an integer 1-5");
        assertThat(outcome(visitEvaluation(ApiClient.newId(), 0))).isEqualTo("rejected: evaluation needs data.level, an integer 1-5");
        assertThat(outcome(visitEvaluation(ApiClient.newId(), 6))).isEqualTo("rejected: evaluation needs data.level, an integer 1-5");
        assertThat(outcome(rated.replace("\"reasons\":[]", "\"reasons\":[1]")))
                .isEqualTo("rejected: evaluation data.reasons must be a list of strings");
        assertThat(outcome(rated.replace("\"reasons\":[]", "\"reasons\":\"慢\"")))
                .isEqualTo("rejected: evaluation data.reasons must be a list of strings");
        assertThat(outcome(visitEvaluation(ApiClient.newId(), 3).replace("\"sessionId\":\"s-cancelled\",", "")))
                .isEqualTo("rejected: evaluation needs data.ratedTransactionId (a UUID), or serviceCode and sessionId");
        assertThat(outcome(visitEvaluation(ApiClient.newId(), 3).replace("\"serviceCode\":\"RSJ-0007\",", "")))
                .isEqualTo("rejected: evaluation needs data.ratedTransactionId (a UUID), or serviceCode and sessionId");
    }

    @Test
    void stored_transactions_read_back_once_each_with_the_fields_the_kiosk_sent() throws Exception {
        String qrId = ApiClient.newId();
        String orderId = order(qrId, 90000);
        backend.payOrder(orderId);
        String cashId = ApiClient.newId();
        String evalId = ApiClient.newId();
        kiosk.sendBatch(qrPayment(qrId, orderId, 90000), cashPayment(cashId, 30000, 40000, 10000), visitEvaluation(evalId, 4));
        kiosk.sendBatch(qrPayment(qrId, orderId, 90000)); // a re-send: a duplicate, not a second copy

        List<StoredTransaction> stored = backend.storedTransactions();

        assertThat(stored).extracting(StoredTransaction::id).containsExactly(qrId, cashId, evalId);
        StoredTransaction qr = stored.get(0);
        assertThat(qr.kioskId()).isEqualTo(kiosk.kioskId);
        assertThat(qr.type()).isEqualTo("payment");
        assertThat(qr.serviceCode()).isEqualTo("RSJ-0007");
        assertThat(qr.backendRef()).startsWith("DB");
        assertThat(qr.method()).isEqualTo("qr");
        assertThat(qr.orderId()).isEqualTo(orderId);
        assertThat(qr.data().get("members")).hasSize(2);
        assertThat(stored.get(1).method()).isEqualTo("cash");
        assertThat(stored.get(1).json().at("/cash/voucherFen").asLong()).isEqualTo(10000);
        assertThat(stored.get(2).type()).isEqualTo("evaluation");
        assertThat(stored.get(2).data().get("level").asInt()).isEqualTo(4);
        assertThat(stored.get(2).orderId()).isNull();
    }
}
