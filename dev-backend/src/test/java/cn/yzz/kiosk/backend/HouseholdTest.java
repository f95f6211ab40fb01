package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HouseholdTest {
    /** The demo's emulated ID cards and 粤省事码 person, with the household each must have (relations, in order). */
    static final Map<String, List<String>> DEMO_PEOPLE = Map.of(
            "441802198503120035", List.of("陈志强 本人", "林小红 妻", "陈浩然 子"),
            "441826195008010020", List.of("盘秀英 本人", "盘建国 子"),
            "441825197211300050", List.of("韦国华 本人", "韦丽娟 女"),
            "440203195103152316", List.of("李秀英 本人", "王德明 配偶", "王小雨 孙女"));

    @TempDir Path dir;
    DevBackend backend;
    ApiClient kiosk;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, "HH-0001", FaultSettings.none());
        kiosk = new ApiClient(backend).enroll("HH-0001");
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    /** GB 11643: the 18th character is the check of the first 17 digits (ISO 7064 MOD 11-2). */
    static char checkCharacter(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    static boolean valid(String idNumber) {
        return idNumber.matches("[0-9]{17}[0-9X]") && checkCharacter(idNumber) == idNumber.charAt(17);
    }

    @Test
    void the_check_character_helper_agrees_with_the_standards_worked_example() {
        // GB 11643-1999's example number, and the same with its last character changed.
        assertThat(valid("11010519491231002X")).isTrue();
        assertThat(valid("110105194912310021")).isFalse();
        assertThat(valid("44180219850312003")).isFalse();
    }

    @Test
    void each_demo_person_gets_their_household_person_first() throws Exception {
        for (Map.Entry<String, List<String>> e : DEMO_PEOPLE.entrySet()) {
            JsonNode answer = ApiClient.json(kiosk.post("/household", "{\"person\":{\"idNumber\":\"" + e.getKey() + "\"}}"));
            List<String> got = new ArrayList<>();
            answer.get("members").forEach(m -> got.add(m.get("name").asText() + " " + m.get("relation").asText()));
            assertThat(got).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(answer.at("/members/0/idNumber").asText()).isEqualTo(e.getKey());
        }
    }

    @Test
    void every_invented_member_number_has_a_valid_check_character_and_is_unique() {
        List<String> numbers = new ArrayList<>();
        HouseholdRoute.HOUSEHOLDS.forEach((person, members) -> members.stream().filter(m -> !m.relation().equals("本人"))
                .forEach(m -> numbers.add(m.idNumber())));
        assertThat(numbers).hasSize(6).doesNotHaveDuplicates().allSatisfy(n -> assertThat(valid(n)).as(n).isTrue());
    }

    @Test
    void an_unknown_person_is_404_without_echoing_the_number_and_a_bad_body_400() throws Exception {
        var unknown = kiosk.post("/household", "{\"person\":{\"idNumber\":\"11010519491231002X\"}}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain("11010519491231002X");
        assertThat(kiosk.post("/household", "{\"person\":{\"idNumber\":44180219850312003}}").statusCode()).isEqualTo(400);
        assertThat(kiosk.post("/household", "[]").statusCode()).isEqualTo(400);
        assertThat(new ApiClient(backend).post("/household", "{\"person\":{\"idNumber\":\"441802198503120035\"}}").statusCode())
                .isEqualTo(401);
    }
}
