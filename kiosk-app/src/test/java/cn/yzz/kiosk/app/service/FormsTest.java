package cn.yzz.kiosk.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which questions are asked, whether an answer is taken (in plain words), what a payment costs, what is sent. */
class FormsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @Test
    void whenAsksOnlyTheQuestionsThatApplyToWhomThePaymentIsFor() {
        Answers a = new Answers();
        assertThat(ids(a)).containsExactly("grade");
        a.payer(Payer.HOUSEHOLD);
        assertThat(ids(a)).containsExactly("members", "grade");
        a.payer(Payer.OTHER);
        assertThat(ids(a)).containsExactly("payee", "grade");
    }

    @Test
    void whenOnAnotherAnswer() {
        Field extra = Services.field("extra", FieldType.PHONE, "电话", Map.of("grade", "500"));
        var s = new cn.yzz.kiosk.cache.catalog.Service("X-1", "X", "x", "t", List.of(), Services.pension().kind(), false,
                List.of(), List.of(), List.of(), Services.pension().output(), List.of(), List.of(), null,
                List.of(Services.choice("grade", "档次", "300", "500"), extra), Services.pension().amount(), List.of(), "");
        Answers a = new Answers();
        a.put("grade", "300");
        assertThat(Forms.asked(s, a)).extracting(Field::id).containsExactly("grade");
        a.put("grade", "500");
        assertThat(Forms.asked(s, a)).extracting(Field::id).containsExactly("grade", "extra");
    }

    private static List<String> ids(Answers a) {
        return Forms.asked(Services.pension(), a).stream().map(Field::id).toList();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "ok", value = {
            "PHONE, 13800138000, ok",
            "PHONE, 1380013800, form.error.phone",
            "PHONE, 23800138000, form.error.phone",
            "IDNUMBER, 441802198503120035, ok",
            "IDNUMBER, 441802198503120036, form.error.idnumber.check",
            "IDNUMBER, 44180219850312003, form.error.idnumber.length",
            "IDNUMBER, 11010519491231002X, ok",
            "DATE, 20260305, ok",
            "DATE, 20260230, form.error.date",
            "NUMBER, 12, ok",
            "NUMBER, 1a, form.error.number",
            "CONFIRM, true, ok",
    })
    void checksAnswersInPlainWords(FieldType type, String value, String problem) {
        Field f = Services.field("f", type, "f", Map.of());
        Optional<Forms.Problem> p = Forms.check(f, value, TODAY);
        assertThat(p.map(Forms.Problem::key).orElse(null)).isEqualTo(problem);
    }

    @ParameterizedTest(name = "{0} min {1} max {2} digits {3}: {4} -> {5}")
    @CsvSource(nullValues = "-", value = {
            "NUMBER, 1, 12, -, 12, -",
            "NUMBER, 1, 12, -, 13, form.error.number.range",
            "NUMBER, 1, -, -, 0, form.error.number.min",
            "NUMBER, -, 5, -, 6, form.error.number.max",
            "NUMBER, -, -, 4, 123, form.error.number.digits",
            "DATE, 2026-01-01, 2026-12-31, -, 20270101, form.error.date.range",
            "DATE, 2026-01-01, -, -, 20251231, form.error.date.min",
            "DATE, -, 2026-12-31, -, 20261231, -",
    })
    void numberAndDateRanges(FieldType type, String min, String max, Integer digits, String value, String problem) {
        Field f = Services.bounded("f", type, min, max, digits);
        assertThat(Forms.check(f, value, TODAY).map(Forms.Problem::key).orElse(null)).isEqualTo(problem);
    }

    @Test
    void aRequiredAnswerLeftEmptyIsSaidSo() {
        assertThat(Forms.check(Services.field("f", FieldType.PHONE, "f", Map.of()), "", TODAY))
                .map(Forms.Problem::key).contains("form.error.required");
        assertThat(Forms.check(Services.field("f", FieldType.CONFIRM, "f", Map.of()), "", TODAY))
                .map(Forms.Problem::key).contains("form.error.confirm");
    }

    @Test
    void amountIsTheChosenOptionTimesTheMultiplierPerPerson() {
        Answers a = new Answers();
        assertThat(Forms.amountFen(Services.pension(), a)).isEmpty();
        a.put("grade", "300");
        assertThat(Forms.amountFen(Services.pension(), a)).contains(30000L);
        a.payer(Payer.HOUSEHOLD);
        a.members(List.of(new Member("陈志强", "441802198503120035", "本人"), new Member("林小红", "441802198601010024", "妻")));
        assertThat(Forms.amountFen(Services.pension(), a)).contains(60000L);
    }

    @Test
    void dataCarriesTheAnswersAndMembersButNeverTheNameOrNumberOfTheCard() {
        Answers a = new Answers();
        a.payer(Payer.OTHER);
        a.put("payee", "441826195008010020");
        a.members(List.of(new Member("", "441826195008010020", "")));
        a.put("grade", "180");
        Map<String, Object> data = Forms.data(Services.pension(), a, cn.yzz.kiosk.app.flow.Villager.of(CardFixtures.RESIDENT.card()));
        assertThat(data).containsEntry("grade", "180").doesNotContainKey("payee");
        assertThat(data.get("members")).isEqualTo(List.of(Map.of("idNumber", "441826195008010020", "name", "")));
        assertThat(data.toString()).doesNotContain(CardFixtures.RESIDENT.card().idNumber());
    }

    @Test
    void datesAreSentAsTheContractWritesThem() {
        Field d = Services.field("day", FieldType.DATE, "日期", Map.of());
        var s = new cn.yzz.kiosk.cache.catalog.Service("X-2", "X", "x", "t", List.of(), Services.application().kind(), false,
                List.of(), List.of(), List.of(), Services.application().output(), List.of(), List.of(), null, List.of(d), null,
                List.of(), "");
        Answers a = new Answers();
        a.put("day", "20260305");
        assertThat(Forms.data(s, a, null)).containsEntry("day", "2026-03-05");
    }
}
