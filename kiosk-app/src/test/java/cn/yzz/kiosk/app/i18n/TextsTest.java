package cn.yzz.kiosk.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import cn.yzz.kiosk.app.service.EvaluateStep;
import cn.yzz.kiosk.app.service.QrPayStep;
import cn.yzz.kiosk.app.service.ReceiptStep;
import cn.yzz.kiosk.app.service.SubmitStep;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.CardType;
import cn.yzz.kiosk.device.idcard.Sex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DateFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleIntegerProperty;
import org.junit.jupiter.api.Test;

/**
 * The screen texts: both bundles complete and alike, every pattern a working MessageFormat, every
 * key the code asks for present, and bound labels that follow the language.
 */
class TextsTest {

    private static final Locale ZH = Language.PUTONGHUA.textLocale();
    private static final Locale EN = Language.ENGLISH.textLocale();
    private static final List<Locale> LOCALES = List.of(ZH, EN);

    /** {@code texts.bind("key"} or {@code texts.get("key"}, not a prefix such as {@code texts.get("kind." + …)}. */
    private static final Pattern LITERAL_KEY = Pattern.compile("texts\\s*\\.\\s*(?:bind|get)\\(\\s*\"([^\"]+)\"(?!\\s*\\+)");
    /** {@code texts.get(condition ? "a" : "b"}: both keys. */
    private static final Pattern TERNARY_KEYS = Pattern.compile(
            "texts\\s*\\.\\s*(?:bind|get)\\(\\s*[^;\"()]*(?:\\([^;\"()]*\\)[^;\"()]*)*\\?\\s*\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void theChineseAndEnglishBundlesHaveExactlyTheSameKeys() {
        Set<String> zh = Texts.keys(ZH);
        Set<String> en = Texts.keys(EN);
        assertThat(zh).as("texts_zh_CN").isNotEmpty();
        Set<String> onlyZh = new TreeSet<>(zh);
        onlyZh.removeAll(en);
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(zh);
        assertThat(onlyZh).as("keys missing from texts_en").isEmpty();
        assertThat(onlyEn).as("keys missing from texts_zh_CN").isEmpty();
    }

    @Test
    void everyLanguageOnScreenHasItsBundle() {
        for (Language l : Language.values()) {
            assertThat(Texts.bundle(l.textLocale()).getLocale()).as(l.name()).isEqualTo(l.textLocale());
        }
    }

    @Test
    void everyPatternIsAValidMessageFormatThatFormatsItsArguments() {
        for (Locale locale : LOCALES) {
            ResourceBundle bundle = Texts.bundle(locale);
            for (String key : Texts.keys(locale)) {
                String pattern = bundle.getString(key);
                String where = locale + " " + key + "=" + pattern;
                MessageFormat format;
                try {
                    format = new MessageFormat(pattern, locale);
                } catch (IllegalArgumentException e) {
                    fail(where + " is not a valid MessageFormat: " + e.getMessage());
                    return;
                }
                Format[] formats = format.getFormatsByArgumentIndex();
                Object[] args = new Object[formats.length];
                List<String> strings = new ArrayList<>();
                for (int i = 0; i < formats.length; i++) {
                    if (formats[i] instanceof NumberFormat) {
                        args[i] = 7;
                    } else if (formats[i] instanceof DateFormat) {
                        args[i] = new Date(0);
                    } else {
                        args[i] = "«arg" + i + "»";
                        strings.add((String) args[i]);
                    }
                }
                String out = format.format(args);
                assertThat(out).as(where).isNotBlank().doesNotContain("{", "}");
                assertThat(strings).as(where + ": every argument shows").allMatch(out::contains);
                assertThat(occurrences(out, "'")).as(where + ": a single quote must be written twice")
                        .isEqualTo(occurrences(pattern, "''"));
            }
        }
    }

    @Test
    void aKeyTakesTheSameArgumentsInBothLanguages() {
        for (String key : Texts.keys(ZH)) {
            int zh = new MessageFormat(Texts.bundle(ZH).getString(key), ZH).getFormatsByArgumentIndex().length;
            int en = new MessageFormat(Texts.bundle(EN).getString(key), EN).getFormatsByArgumentIndex().length;
            assertThat(en).as(key).isEqualTo(zh);
        }
    }

    @Test
    void everyKeyTheCodeAsksForExistsInBothBundles() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).as("run from kiosk-app/ (the module directory)").isDirectory();
        TreeMap<String, Path> used = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f, StandardCharsets.UTF_8);
                Matcher m = LITERAL_KEY.matcher(code);
                while (m.find()) {
                    used.putIfAbsent(m.group(1), f);
                }
                Matcher t = TERNARY_KEYS.matcher(code);
                while (t.find()) {
                    used.putIfAbsent(t.group(1), f);
                    used.putIfAbsent(t.group(2), f);
                }
            }
        }
        assertThat(used).as("keys found in the code (the scan works)").hasSizeGreaterThan(20)
                .containsKeys("nav.back", "nav.home", "nav.help", "elder.button.on", "elder.button.off");
        for (Locale locale : LOCALES) {
            Set<String> keys = Texts.keys(locale);
            used.forEach((key, file) -> assertThat(keys).as("'" + key + "' used in " + sources.relativize(file)
                    + " is missing from texts for " + locale).contains(key));
        }
    }

    @Test
    void everyDynamicKeyFamilyCoversEveryConstant() {
        List<String> dynamic = new ArrayList<>();
        for (Kind k : Kind.values()) {
            dynamic.add("kind." + k.wire());
        }
        for (Payer p : Payer.values()) {
            dynamic.add("payer." + p.wire());
            dynamic.add("payer." + p.wire() + ".hint");
        }
        for (QrPayStep.State st : QrPayStep.State.values()) {
            dynamic.add("pay.heading." + st.name().toLowerCase(Locale.ROOT));
            dynamic.add("pay.status." + st.name().toLowerCase(Locale.ROOT));
        }
        for (cn.yzz.kiosk.app.service.CashPayStep.State st : cn.yzz.kiosk.app.service.CashPayStep.State.values()) {
            dynamic.add("cash.heading." + st.name().toLowerCase(Locale.ROOT));
        }
        for (SubmitStep.State st : SubmitStep.State.values()) {
            dynamic.add("submit.heading." + st.name().toLowerCase(Locale.ROOT));
            dynamic.add("submit." + st.name().toLowerCase(Locale.ROOT));
        }
        for (ReceiptStep.State st : ReceiptStep.State.values()) {
            dynamic.add("receipt.heading." + st.name().toLowerCase(Locale.ROOT));
        }
        for (int level = 1; level <= 5; level++) {
            dynamic.add("evaluate.level." + level);
        }
        for (String r : EvaluateStep.REASONS) {
            dynamic.add("evaluate.reason." + r);
        }
        for (CardType c : CardType.values()) {
            dynamic.add("cardtype." + c.name().toLowerCase(Locale.ROOT));
        }
        for (Sex s : Sex.values()) {
            dynamic.add("sex." + s.name().toLowerCase(Locale.ROOT));
        }
        for (CardCheck c : CardCheck.values()) {
            dynamic.add("check." + c.name().toLowerCase(Locale.ROOT));
        }
        for (Locale locale : LOCALES) {
            assertThat(Texts.keys(locale)).as("texts for " + locale).containsAll(dynamic);
        }
    }

    /** The form's plain-words problems are keys the engine names ({@code Problem.of("form.error…")}). */
    @Test
    void everyFormProblemHasItsWords() throws IOException {
        Path forms = Path.of("src/main/java/cn/yzz/kiosk/app/service");
        Set<String> keys = new java.util.TreeSet<>();
        Pattern problem = Pattern.compile("Problem\\.of\\(\"([a-z.]+)\"");
        try (Stream<Path> files = Files.list(forms)) {
            for (Path f : files.toList()) {
                Matcher m = problem.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertThat(keys).as("the scan works").hasSizeGreaterThan(12);
        for (Locale locale : LOCALES) {
            assertThat(Texts.keys(locale)).as("texts for " + locale).containsAll(keys);
        }
    }

    @Test
    void getFormatsWithTheArgumentsInTheLanguageOnScreen() {
        Texts texts = new Texts();
        assertThat(texts.language()).isEqualTo(Language.DEFAULT).isEqualTo(Language.PUTONGHUA);
        assertThat(texts.get("services.page", 2, 3)).isEqualTo("第 2 页，共 3 页");
        texts.languageProperty().set(Language.ENGLISH);
        assertThat(texts.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(texts.get("services.page", 2, 3)).isEqualTo("Page 2 of 3");
        assertThat(texts.get("check.bad_check_digit")).as("a doubled quote is one quote, even without arguments")
                .isEqualTo("The card number's check digit is wrong");
    }

    @Test
    void cantoneseAndHakkaReadTheChineseTexts() {
        Texts texts = new Texts();
        String mandarin = texts.get("nav.home");
        texts.languageProperty().set(Language.CANTONESE);
        assertThat(texts.get("nav.home")).isEqualTo(mandarin);
        texts.languageProperty().set(Language.HAKKA);
        assertThat(texts.get("nav.home")).isEqualTo(mandarin);
    }

    @Test
    void aMissingKeyShowsAsItself() {
        assertThat(new Texts().get("no.such.key")).isEqualTo("no.such.key");
    }

    @Test
    void switchingLanguageChangesABoundTextWithoutRebinding() {
        Texts texts = new Texts();
        StringBinding back = texts.bind("nav.back");
        List<String> seen = new ArrayList<>();
        back.addListener((o, was, now) -> seen.add(now));
        assertThat(back.get()).isEqualTo("返回");

        texts.languageProperty().set(Language.ENGLISH);
        assertThat(back.get()).isEqualTo("Back");
        texts.languageProperty().set(Language.CANTONESE);
        assertThat(back.get()).isEqualTo("返回");
        assertThat(seen).as("listeners hear each change").containsExactly("Back", "返回");
    }

    @Test
    void aBoundTextWithArgumentsFollowsTheLanguage() {
        Texts texts = new Texts();
        StringBinding phone = texts.bind("help.phone", "0762-1234567");
        assertThat(phone.get()).isEqualTo("电话：0762-1234567");
        texts.languageProperty().set(Language.ENGLISH);
        assertThat(phone.get()).isEqualTo("Phone: 0762-1234567");
    }

    @Test
    void aComputedTextFollowsItsDependenciesAndTheLanguage() {
        Texts texts = new Texts();
        SimpleIntegerProperty seconds = new SimpleIntegerProperty(30);
        StringBinding countdown = texts.bind(() -> texts.get("idle.countdown", seconds.get()), seconds);
        assertThat(countdown.get()).startsWith("30 ");
        seconds.set(29);
        assertThat(countdown.get()).startsWith("29 ");
        texts.languageProperty().set(Language.ENGLISH);
        assertThat(countdown.get()).isEqualTo("Your visit ends in 29 seconds");
    }

    private static int occurrences(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
