package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepted applications get a 办件编号-style tracking number as backendRef, apart from payments' refs. */
class ApplicationRefTest {
    @TempDir Path dir;
    DevBackend backend;
    ApiClient kiosk;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, "A-0001", FaultSettings.none());
        kiosk = new ApiClient(backend).enroll("A-0001"); // village 440203101201: county 440203
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    static String application(String id, String idNumber) {
        return "{\"id\":\"" + id + "\",\"type\":\"application\",\"serviceCode\":\"RSJ-0001\","
                + "\"createdAt\":\"2026-11-22T09:40:00+08:00\",\"sessionId\":\"s2\","
                + "\"person\":{\"idNumber\":\"" + idNumber + "\",\"name\":\"李秀英\"},"
                + "\"data\":{\"phone\":\"13800138000\",\"confirm\":true},\"receiptNo\":\"WJ-0001-20261122-0008\"}";
    }

    @Test
    void applications_are_numbered_per_county_and_day_and_a_duplicate_keeps_its_number() throws Exception {
        String day = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
        String a = ApiClient.newId();
        String b = ApiClient.newId();
        String pay = ApiClient.newId();
        JsonNode results = ApiClient.json(kiosk.sendBatch(application(a, "440203195103152316"), ApiClient.payment(pay),
                application(b, "440203195103152316"))).get("results");

        assertThat(results.findValuesAsText("status")).containsExactly("accepted", "accepted", "accepted");
        assertThat(results.get(0).get("backendRef").asText()).isEqualTo("440203" + day + "000001");
        assertThat(results.get(2).get("backendRef").asText()).isEqualTo("440203" + day + "000002");
        assertThat(results.get(1).get("backendRef").asText()).startsWith("DB" + day).doesNotMatch("[0-9]{20}");

        JsonNode again = ApiClient.json(kiosk.sendBatch(application(b, "440203195103152316"))).get("results").get(0);
        assertThat(again.get("status").asText()).isEqualTo("duplicate");
        assertThat(again.get("backendRef").asText()).isEqualTo("440203" + day + "000002");
        assertThat(backend.storedTransactions()).filteredOn(t -> t.type().equals("application"))
                .extracting(StoredTransaction::backendRef).containsExactly("440203" + day + "000001", "440203" + day + "000002");
    }

    @Test
    void a_rolled_back_batch_takes_no_number() throws Exception {
        String day = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
        backend.faults().set("drop-before-commit=1");
        try {
            kiosk.sendBatch(application(ApiClient.newId(), "440203195103152316"));
        } catch (java.io.IOException expected) {
            // the connection is closed before anything is stored
        }
        backend.faults().clear();
        JsonNode r = ApiClient.json(kiosk.sendBatch(application(ApiClient.newId(), "440203195103152316"))).get("results").get(0);
        assertThat(r.get("backendRef").asText()).isEqualTo("440203" + day + "000001");
    }

    @Test
    void the_progress_query_lists_the_persons_applications_by_their_numbers() throws Exception {
        String id = ApiClient.newId();
        String ref = ApiClient.json(kiosk.sendBatch(application(id, "440203195103152316"))).get("results").get(0)
                .get("backendRef").asText();
        kiosk.sendBatch(application(ApiClient.newId(), "441802198503120035"));

        JsonNode t = ApiClient.json(kiosk.post("/services/ZSJ-0002/query",
                "{\"person\":{\"idNumber\":\"440203195103152316\"},\"data\":{}}"));

        assertThat(t.get("rows")).hasSize(2);
        assertThat(t.at("/rows/1/0").asText()).isEqualTo(ref);
        assertThat(t.at("/rows/1/1").asText()).isEqualTo("城乡居民养老保险待遇领取资格认证");
        assertThat(t.at("/rows/1/2").asText()).isEqualTo("2026-11-22 09:40");
        assertThat(List.of(t.at("/rows/0/0").asText(), t.at("/rows/0/3").asText())).containsExactly("办件编号", "办理状态");
    }
}
