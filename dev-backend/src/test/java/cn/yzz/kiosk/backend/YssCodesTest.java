package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /identity/resolve with the sandbox's 粤省事码: one per demo person, one expired, and codes that expire. */
class YssCodesTest {
    @TempDir Path dir;
    DevBackend backend;
    ApiClient kiosk;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, "Y-0001", FaultSettings.none());
        kiosk = new ApiClient(backend).enroll("Y-0001");
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    HttpResponse<String> resolve(String code) throws Exception {
        return kiosk.post("/identity/resolve", "{\"code\":\"" + code + "\"}");
    }

    @Test
    void each_demo_persons_code_resolves_to_them_for_a_few_minutes() throws Exception {
        Set<String> people = YssCodes.valid().stream().map(YssCodes.Holder::idNumber).collect(Collectors.toSet());
        assertThat(people).containsExactlyInAnyOrderElementsOf(HouseholdTest.DEMO_PEOPLE.keySet());
        for (YssCodes.Holder h : YssCodes.valid()) {
            HttpResponse<String> r = resolve(h.code());
            assertThat(r.statusCode()).as(h.toString()).isEqualTo(200);
            JsonNode who = ApiClient.json(r);
            assertThat(who.get("name").asText()).isEqualTo(h.name());
            assertThat(who.get("idNumber").asText()).isEqualTo(h.idNumber());
            OffsetDateTime expires = OffsetDateTime.parse(who.get("expiresAt").asText());
            assertThat(Duration.between(OffsetDateTime.now(), expires)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
            // The household route knows each of them (the kiosk's 家庭 journeys start from a code as from a card).
            assertThat(kiosk.post("/household", "{\"person\":{\"idNumber\":\"" + h.idNumber() + "\"}}").statusCode()).isEqualTo(200);
        }
        assertThat(ApiClient.json(resolve(DevBackend.DEMO_YSS_CODE)).get("name").asText()).isEqualTo("李秀英");
        assertThat(ApiClient.json(resolve("YSS-DEMO-0001")).get("name").asText()).isEqualTo("李秀英");
    }

    @Test
    void the_codes_look_like_a_dynamic_qr_payload_and_the_holder_prints_masked() {
        for (String code : new String[] {YssCodes.CHEN_ZHIQIANG, YssCodes.PAN_XIUYING, YssCodes.WEI_GUOHUA, YssCodes.LI_XIUYING,
            YssCodes.EXPIRED}) {
            assertThat(code).startsWith(YssCodes.PREFIX).matches("https://[a-z.]+\\.example/c/1/[A-Z2-7]{32}");
        }
        assertThat(YssCodes.holder(YssCodes.PAN_XIUYING).orElseThrow().toString()).isEqualTo("Holder[盘**, 441***********0020]");
        assertThat(YssCodes.holder(YssCodes.EXPIRED)).isEmpty();
    }

    @Test
    void the_expired_and_unknown_codes_are_404_without_repeating_the_code() throws Exception {
        for (String code : new String[] {YssCodes.EXPIRED, YssCodes.PREFIX + "AAAA", "not a code"}) {
            HttpResponse<String> r = resolve(code);
            assertThat(r.statusCode()).as(code).isEqualTo(404);
            assertThat(r.body()).contains("unknown or expired").doesNotContain(code);
        }
        assertThat(kiosk.post("/identity/resolve", "{\"code\":42}").statusCode()).isEqualTo(400);
    }

    @Test
    void an_issued_code_resolves_until_it_expires_and_never_after() throws Exception {
        String code = backend.issueYssCode("441825197211300050", Duration.ofMillis(1500));
        assertThat(code).startsWith(YssCodes.PREFIX).isNotIn(YssCodes.valid().stream().map(YssCodes.Holder::code).toList());
        JsonNode who = ApiClient.json(resolve(code));
        assertThat(who.get("name").asText()).isEqualTo("韦国华");
        assertThat(OffsetDateTime.parse(who.get("expiresAt").asText())).isBefore(OffsetDateTime.now().plusSeconds(2));
        Thread.sleep(1600);
        assertThat(resolve(code).statusCode()).isEqualTo(404);
        assertThat(resolve(code).statusCode()).as("still expired").isEqualTo(404);
        assertThatThrownBy(() -> backend.issueYssCode("11010519491231002X", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("11010519491231002X");
    }
}
