package cn.yzz.kiosk.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.app.i18n.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VoicePromptsTest {

    /** The keys the lead's views and tests use, with how many arguments each takes. */
    static final Map<String, Integer> KEYS = new TreeMap<>(Map.ofEntries(
            Map.entry("home", 0), Map.entry("services", 0), Map.entry("identify.place", 0), Map.entry("identify.again", 0),
            Map.entry("identify.unavailable", 0), Map.entry("identify.done", 1), Map.entry("identify.problem", 0),
            Map.entry("elder.offer", 0), Map.entry("elder.on", 0), Map.entry("elder.off", 0), Map.entry("service", 0),
            Map.entry("end", 0), Map.entry("take.card", 0), Map.entry("take.receipt", 0), Map.entry("take.card.receipt", 0),
            Map.entry("idle.warning", 1), Map.entry("help", 1), Map.entry("help.nophone", 0), Map.entry("out.of.service", 0),
            Map.entry("error", 0), Map.entry("language.chosen", 0), Map.entry("receipt.summary", 3),
            // 帮办代办 (assisted mode)
            Map.entry("staff.pin", 0), Map.entry("staff.pin.wrong", 1), Map.entry("staff.pin.locked", 1),
            Map.entry("staff.card.unknown", 0), Map.entry("staff.none", 0), Map.entry("staff.unusable", 0),
            Map.entry("consent.place", 1), Map.entry("consent.staff.card", 0), Map.entry("consent.given", 2),
            Map.entry("step.evaluate.assisted", 0),
            // 搜索
            Map.entry("search", 0), Map.entry("search.found", 0), Map.entry("search.none", 0), Map.entry("search.none.here", 0),
            Map.entry("search.unavailable", 0),
            // identify by 粤省事码 or social security card, and the reminders for the latter
            Map.entry("identify.place.code", 0), Map.entry("identify.place.sscard", 0), Map.entry("identify.place.all", 0),
            Map.entry("identify.code", 0), Map.entry("identify.any", 0), Map.entry("identify.resolving", 0),
            Map.entry("identify.error.code_unknown", 0), Map.entry("identify.error.code_offline", 0),
            Map.entry("identify.error.code_failed", 0), Map.entry("identify.error.code_not_accepted", 0),
            Map.entry("identify.error.sscard_expired", 0), Map.entry("identify.error.not_sscard", 0),
            Map.entry("identify.error.sscard_again", 0), Map.entry("identify.error.sscard_not_accepted", 0),
            Map.entry("take.sscard", 0), Map.entry("take.sscard.receipt", 0), Map.entry("take.cards", 0),
            Map.entry("take.cards.receipt", 0),
            // a service's steps
            Map.entry("step.payer", 0),
            Map.entry("step.field.choice", 1),
            Map.entry("step.field.number", 1),
            Map.entry("step.field.phone", 1),
            Map.entry("step.field.date", 1),
            Map.entry("step.field.confirm", 1),
            Map.entry("step.field.idnumber", 1),
            Map.entry("step.field.household", 1),
            Map.entry("step.field.card.own", 0), Map.entry("step.field.problem", 0),
            Map.entry("step.household", 1),
            Map.entry("step.household.notfound", 0),
            Map.entry("step.household.unreachable", 0),
            Map.entry("step.summary", 0),
            Map.entry("step.summary.pay", 1),
            Map.entry("step.pay.opening", 0),
            Map.entry("step.pay.scan", 1),
            Map.entry("step.pay.line.down", 0),
            Map.entry("step.pay.line.back", 0),
            Map.entry("step.pay.paid", 2),
            Map.entry("step.pay.expired", 0),
            Map.entry("step.pay.cancelled", 0),
            Map.entry("step.pay.unreachable", 0),
            Map.entry("step.pay.failed", 0),
            // paying in cash (enhanced kiosks)
            Map.entry("step.summary.pay.choose", 1),
            Map.entry("step.cash.opening", 0), Map.entry("step.cash.insert", 2), Map.entry("step.cash.insert.any", 1),
            Map.entry("step.cash.reading", 0), Map.entry("step.cash.credited", 2), Map.entry("step.cash.enough", 1),
            Map.entry("step.cash.returned", 0), Map.entry("step.cash.trouble", 0), Map.entry("step.cash.confirm.cancel", 1),
            Map.entry("step.cash.confirm.cancel.none", 0), Map.entry("step.cash.ending", 0),
            Map.entry("step.cash.paid.voucher", 2), Map.entry("step.cash.voucher", 1), Map.entry("step.cash.voucher.screen", 0),
            Map.entry("step.cash.failed", 0),
            Map.entry("step.submit.working", 0),
            Map.entry("step.submit.done", 1),
            Map.entry("step.submit.failed", 0),
            Map.entry("step.receipt.ask", 1),
            Map.entry("step.receipt.ask.paid", 2),
            Map.entry("step.receipt.printing", 0),
            Map.entry("step.receipt.printed", 0),
            Map.entry("step.receipt.screen", 1),
            Map.entry("step.evaluate", 0),
            Map.entry("step.evaluate.reason", 0),
            Map.entry("step.evaluate.level.3", 0),
            Map.entry("step.evaluate.level.4", 0),
            Map.entry("step.evaluate.level.5", 0),
            Map.entry("step.query.asking", 0),
            Map.entry("step.query.shown", 3),
            Map.entry("step.query.preview", 3),
            Map.entry("step.query.empty", 1),
            Map.entry("step.query.failed.not_found", 0),
            Map.entry("step.query.failed.offline", 0),
            Map.entry("step.query.failed.too_slow", 0),
            Map.entry("step.query.failed.broken", 0),
            Map.entry("step.printout.printing", 0),
            Map.entry("step.printout.done", 1),
            Map.entry("step.printout.failed", 0),
            Map.entry("step.bundle.start", 2),
            Map.entry("step.bundle.next", 3),
            Map.entry("step.bundle.all-done", 1),
            Map.entry("take.left", 2)));

    private final VoicePrompts prompts = VoicePrompts.load();

    @Test
    void theMandarinBundleHasExactlyTheAgreedKeysAndArguments() {
        assertThat(prompts.keys()).containsExactlyInAnyOrderElementsOf(KEYS.keySet());
        KEYS.forEach((key, n) -> assertThat(prompts.arity(key)).as(key).isEqualTo(n));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyBundleHasExactlyTheSameKeys(Language language) throws IOException {
        assertThat(raw(language).keySet()).containsExactlyInAnyOrderElementsOf(KEYS.keySet());
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyTextIsAValidMessageFormatUsingOnlyItsArguments(Language language) throws IOException {
        raw(language).forEach((key, pattern) -> {
            MessageFormat format = new MessageFormat(pattern);
            assertThat(format.getFormatsByArgumentIndex().length).as(key).isLessThanOrEqualTo(KEYS.get(key));
            assertThat(format.getFormats()).as(key + ": arguments are plain {n}, already words").allMatch(Objects::isNull);
            assertThat(pattern.replace("''", "")).as(key + ": a lone quote would vanish in MessageFormat").doesNotContain("'");
        });
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyPromptFormatsWithoutLeftoverPlaceholders(Language language) {
        for (Prompt prompt : samples()) {
            String text = prompts.text(prompt, language);
            assertThat(text).as(prompt.key()).isNotBlank().doesNotContain("{", "}");
        }
    }

    @Test
    void mandarinTextsReadAsAgreed() {
        assertThat(prompts.text(Prompt.of("identify.done", Spoken.honorific("陈*", false)), Language.PUTONGHUA))
                .isEqualTo("陈先生，读取成功，请核对您的信息。");
        assertThat(prompts.text(Prompt.of("idle.warning", Spoken.count(10)), Language.PUTONGHUA))
                .isEqualTo("您还在吗？要继续办理，请点继续。十秒后回到首页。");
        assertThat(prompts.text(Prompt.of("help", Spoken.digits("0768-2345671")), Language.PUTONGHUA))
                .isEqualTo("请找村委会工作人员帮忙。也可以打电话：零 七 六 八， 二 三 四 五 六 七 幺。");
        assertThat(prompts.text(Prompt.of("receipt.summary", Spoken.amount(new BigDecimal("380.05")),
                Spoken.date(LocalDate.of(2026, 11, 22)), Spoken.digits("2611220001")), Language.PUTONGHUA))
                .isEqualTo("您缴费三百八十元零五分，日期二零二六年十一月二十二日，凭条号码二 六 幺 幺 二 二 零 零 零 幺。");
        assertThat(prompts.text(Prompt.of("language.chosen"), Language.PUTONGHUA)).isEqualTo("我会说普通话。");
    }

    @Test
    void cashPromptsSayTheNotesTakenAndWhatIsStillDue() {
        Spoken notes = Spoken.amounts(List.of(new BigDecimal("100"), new BigDecimal("50"), new BigDecimal("20")));
        assertThat(prompts.text(Prompt.of("step.cash.insert", Spoken.amount(new BigDecimal("180")), notes), Language.PUTONGHUA))
                .isEqualTo("还需缴一百八十元。请把纸币展平，放进投币口。本机收一百元、五十元、二十元的纸币。");
        assertThat(prompts.text(Prompt.of("step.cash.credited", Spoken.amount(new BigDecimal("100")),
                Spoken.amount(new BigDecimal("80"))), Language.PUTONGHUA)).isEqualTo("收到一百元，还差八十元。");
        assertThat(prompts.text(Prompt.of("step.cash.insert", Spoken.amount(new BigDecimal("180")), notes), Language.ENGLISH))
                .endsWith("takes notes of 100 yuan, 50 yuan, 20 yuan.");
        assertThat(prompts.text(Prompt.of("step.cash.paid.voucher", Spoken.amount(new BigDecimal("180")),
                Spoken.amount(new BigDecimal("20"))), Language.CANTONESE)).contains("多咗二十", "找零券");
        assertThatThrownBy(() -> Spoken.amounts(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hakkaAndEnglishLeaveTheHonorificOut() {
        Prompt done = Prompt.of("identify.done", Spoken.honorific("陈*", true));
        assertThat(prompts.text(done, Language.HAKKA)).doesNotContain("陈").startsWith("Thu̍k-tó");
        assertThat(prompts.text(done, Language.ENGLISH)).isEqualTo("Card read. Please check your details.");
        assertThat(prompts.text(done, Language.CANTONESE)).startsWith("陈女士，");
    }

    @Test
    void hakkaIsRomanisedWithOnlyTheLettersEspeakReadsAsHakka() throws IOException {
        // b, d, g, j, q, r, w, x and z are not in Pha̍k-fa-sṳ; espeak-ng's hak rules read them as English.
        raw(Language.HAKKA).forEach((key, text) -> {
            assertThat(text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                    .as(key + " has no characters").isEmpty();
            assertThat(text.toLowerCase().replace("ng", "").replaceAll("\\{\\d}", "")).as(key).doesNotContainPattern("[bdgjqrwxz]");
        });
    }

    @Test
    void argumentFreePromptsAreTheOnesWithoutPlaceholders() {
        List<Prompt> free = prompts.withoutArguments();
        assertThat(free).hasSize(84).allSatisfy(p -> assertThat(p.hasArguments()).isFalse());
        assertThat(free).extracting(Prompt::key).doesNotContain("identify.done", "idle.warning", "help", "receipt.summary");
    }

    @Test
    void anUnknownKeyOrTheWrongNumberOfArgumentsIsRefused() {
        assertThatThrownBy(() -> prompts.text(Prompt.of("no.such.prompt"), Language.PUTONGHUA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.prompt");
        assertThatThrownBy(() -> prompts.text(Prompt.of("identify.done"), Language.PUTONGHUA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 1 arguments, not 0");
        assertThatThrownBy(() -> prompts.text(Prompt.of("home", Spoken.count(1)), Language.PUTONGHUA))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every prompt, the ones with arguments filled with typical values. */
    static List<Prompt> samples() {
        List<Prompt> out = new ArrayList<>(VoicePrompts.load().withoutArguments());
        out.add(Prompt.of("identify.done", Spoken.honorific("陈*", false)));
        out.add(Prompt.of("identify.done", Spoken.honorific("欧阳**", true)));
        out.add(Prompt.of("idle.warning", Spoken.count(10)));
        out.add(Prompt.of("idle.warning", Spoken.count(2)));
        out.add(Prompt.of("help", Spoken.digits("0768-2345671")));
        out.add(Prompt.of("help", Spoken.digits("13800138000")));
        out.add(Prompt.of("receipt.summary", Spoken.amount(new BigDecimal("380.05")), Spoken.date(LocalDate.of(2026, 11, 22)),
                Spoken.digits("2611220001")));
        out.add(Prompt.of("receipt.summary", Spoken.amount(new BigDecimal("12345678.9")), Spoken.date(LocalDate.of(2027, 2, 9)),
                Spoken.digits("9876543210")));
        Spoken question = Spoken.text("缴费档次（元）", "Contribution grade (yuan)");
        for (String type : List.of("choice", "number", "phone", "date", "confirm", "idnumber", "household")) {
            out.add(Prompt.of("step.field." + type, question));
        }
        out.add(Prompt.of("step.household", Spoken.count(3)));
        out.add(Prompt.of("step.summary.pay", Spoken.amount(new BigDecimal("300"))));
        out.add(Prompt.of("step.pay.scan", Spoken.amount(new BigDecimal("360.50"))));
        out.add(Prompt.of("step.pay.paid", Spoken.amount(new BigDecimal("300")), Spoken.digits("20261206-0007")));
        out.add(Prompt.of("step.submit.done", Spoken.digits("20261206-0008")));
        out.add(Prompt.of("step.summary.pay.choose", Spoken.amount(new BigDecimal("180"))));
        Spoken notes = Spoken.amounts(List.of(new BigDecimal("100"), new BigDecimal("50"), new BigDecimal("20")));
        out.add(Prompt.of("step.cash.insert", Spoken.amount(new BigDecimal("180")), notes));
        out.add(Prompt.of("step.cash.insert.any", Spoken.amount(new BigDecimal("80"))));
        out.add(Prompt.of("step.cash.credited", Spoken.amount(new BigDecimal("100")), Spoken.amount(new BigDecimal("80"))));
        out.add(Prompt.of("step.cash.enough", Spoken.amount(new BigDecimal("100"))));
        out.add(Prompt.of("step.cash.confirm.cancel", Spoken.amount(new BigDecimal("100"))));
        out.add(Prompt.of("step.cash.paid.voucher", Spoken.amount(new BigDecimal("180")), Spoken.amount(new BigDecimal("20"))));
        out.add(Prompt.of("step.cash.voucher", Spoken.amount(new BigDecimal("150"))));
        out.add(Prompt.of("step.receipt.ask", Spoken.digits("20261206-0008")));
        out.add(Prompt.of("step.receipt.ask.paid", Spoken.amount(new BigDecimal("180")), Spoken.digits("20261206-0007")));
        out.add(Prompt.of("step.receipt.screen", Spoken.digits("20261206-0007")));
        Spoken title = Spoken.text("城乡居民社保费缴费记录", "");
        Spoken latest = Spoken.text("费款所属期 2026-11，险种 城乡居民养老保险，缴费金额(元) 30.00", "");
        out.add(Prompt.of("step.query.shown", title, Spoken.count(36), latest));
        out.add(Prompt.of("step.query.preview", title, Spoken.count(2), latest));
        out.add(Prompt.of("step.query.empty", title));
        out.add(Prompt.of("step.printout.done", Spoken.count(3)));
        Spoken step = Spoken.text("住房公积金退休提取", "");
        out.add(Prompt.of("step.bundle.start", Spoken.count(2), step));
        out.add(Prompt.of("step.bundle.next", Spoken.count(2), Spoken.count(2), step));
        out.add(Prompt.of("step.bundle.all-done", Spoken.count(2)));
        out.add(Prompt.of("take.left", Spoken.count(2), Spoken.text("住房公积金退休提取、社会保障卡金融账户激活", "")));
        out.add(Prompt.of("staff.pin.wrong", Spoken.count(4)));
        out.add(Prompt.of("staff.pin.locked", Spoken.count(10)));
        out.add(Prompt.of("consent.place", Spoken.text("韦某", "")));
        out.add(Prompt.of("consent.given", Spoken.honorific("陈**", false), Spoken.text("韦某", "")));
        return out;
    }

    static Map<String, String> raw(Language language) throws IOException {
        try (InputStream in = VoicePrompts.class.getResourceAsStream(VoicePrompts.bundleName(language))) {
            assertThat(in).as(VoicePrompts.bundleName(language)).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> out = new TreeMap<>();
            for (String key : p.stringPropertyNames()) {
                out.put(key, p.getProperty(key));
            }
            return out;
        }
    }
}
