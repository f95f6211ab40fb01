package cn.yzz.kiosk.app.voice;

import static cn.yzz.kiosk.app.i18n.Language.CANTONESE;
import static cn.yzz.kiosk.app.i18n.Language.ENGLISH;
import static cn.yzz.kiosk.app.i18n.Language.HAKKA;
import static cn.yzz.kiosk.app.i18n.Language.PUTONGHUA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.app.i18n.Language;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SpokenTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "0, 零", "1, 一", "2, 两", "3, 三", "9, 九",
            "10, 十", "11, 十一", "12, 十二", "15, 十五", "19, 十九", "20, 二十", "22, 二十二", "99, 九十九",
            "100, 一百", "101, 一百零一", "102, 一百零二", "110, 一百一十", "115, 一百一十五", "200, 两百", "222, 两百二十二",
            "1000, 一千", "1001, 一千零一", "1010, 一千零一十", "1100, 一千一百", "1200, 一千二百", "2000, 两千",
            "2222, 两千二百二十二", "9999, 九千九百九十九",
            "10000, 一万", "10001, 一万零一", "10010, 一万零一十", "10500, 一万零五百", "12000, 一万二千", "20000, 两万",
            "22000, 两万二千", "220000, 二十二万", "100000, 十万", "110000, 十一万", "150015, 十五万零一十五", "200000, 二十万",
            "1000000, 一百万", "1000100, 一百万零一百", "2000000, 两百万", "22000000, 两千二百万", "20020000, 两千零二万",
            "99999999, 九千九百九十九万九千九百九十九"})
    void countsInMandarinUse两OnlyForALeadingTwoBeforeAUnit(int n, String words) {
        assertThat(Spoken.count(n).in(PUTONGHUA)).isEqualTo(words);
    }

    @Test
    void countsInCantoneseAreTraditionalCharacters() {
        assertThat(Spoken.count(2).in(CANTONESE)).isEqualTo("兩");
        assertThat(Spoken.count(20000).in(CANTONESE)).isEqualTo("兩萬");
        assertThat(Spoken.count(10500).in(CANTONESE)).isEqualTo("一萬零五百");
        assertThat(Spoken.count(30).in(CANTONESE)).isEqualTo("三十");
    }

    @Test
    void countsInHakkaAreRomanisedSyllablesApart() {
        assertThat(Spoken.count(0).in(HAKKA)).isEqualTo("làng");
        assertThat(Spoken.count(2).in(HAKKA)).isEqualTo("lióng");
        assertThat(Spoken.count(15).in(HAKKA)).isEqualTo("sṳ̍p ńg");
        assertThat(Spoken.count(101).in(HAKKA)).isEqualTo("yit pak làng yit");
        assertThat(Spoken.count(380).in(HAKKA)).isEqualTo("sâm pak pat sṳ̍p");
        assertThat(Spoken.count(12000).in(HAKKA)).isEqualTo("yit van ngi chhiên");
    }

    @Test
    void countsInEnglishAreNumerals() {
        assertThat(Spoken.count(380).in(ENGLISH)).isEqualTo("380");
        assertThat(Spoken.count(0).in(ENGLISH)).isEqualTo("0");
    }

    @Test
    void countsOutsideZeroToBelowOneYiAreRefused() {
        assertThatThrownBy(() -> Spoken.count(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 99,999,999");
        assertThatThrownBy(() -> Spoken.count(100_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "380.50, 三百八十元五角", "380.05, 三百八十元零五分", "380.55, 三百八十元五角五分", "380, 三百八十元",
            "380.00, 三百八十元", "0.05, 五分", "0.5, 五角", "0.55, 五角五分", "0, 零元", "0.00, 零元",
            "1, 一元", "2, 两元", "0.2, 两角", "0.02, 两分", "10.10, 十元一角", "12, 十二元", "100.05, 一百元零五分",
            "101, 一百零一元", "1000, 一千元", "1E+3, 一千元", "10000.01, 一万元零一分", "1000000.01, 一百万元零一分",
            "99999999.99, 九千九百九十九万九千九百九十九元九角九分"})
    void amountsInMandarinAreYuanJiaoFenWith零ForAMissingJiao(String yuan, String words) {
        assertThat(Spoken.amount(new BigDecimal(yuan)).in(PUTONGHUA)).isEqualTo(words);
    }

    @Test
    void amountsInTheOtherLanguages() {
        Spoken a = Spoken.amount(new BigDecimal("380.50"));
        assertThat(a.in(CANTONESE)).isEqualTo("三百八十元五角");
        assertThat(a.in(HAKKA)).isEqualTo("sâm pak pat sṳ̍p ngièn ńg kok");
        assertThat(a.in(ENGLISH)).isEqualTo("380 yuan 50 fen");
        Spoken b = Spoken.amount(new BigDecimal("380.05"));
        assertThat(b.in(HAKKA)).isEqualTo("sâm pak pat sṳ̍p ngièn làng ńg fûn");
        assertThat(b.in(ENGLISH)).isEqualTo("380 yuan 5 fen");
        assertThat(Spoken.amount(new BigDecimal("0.05")).in(ENGLISH)).isEqualTo("5 fen");
        assertThat(Spoken.amount(BigDecimal.ZERO).in(ENGLISH)).isEqualTo("0 yuan");
        assertThat(Spoken.amount(new BigDecimal("2")).in(CANTONESE)).isEqualTo("兩元");
    }

    @Test
    void amountsThatCannotBeSpokenAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> Spoken.amount(new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative").hasMessageNotContaining("0.01");
        assertThatThrownBy(() -> Spoken.amount(new BigDecimal("0.005")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two decimal places");
        assertThatThrownBy(() -> Spoken.amount(new BigDecimal("100000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below 100,000,000");
        assertThatThrownBy(() -> Spoken.amount(null)).isInstanceOf(NullPointerException.class);
        assertThat(Spoken.amount(new BigDecimal("0.010")).in(PUTONGHUA)).as("trailing zeros are not decimals").isEqualTo("一分");
    }

    @Test
    void datesAreReadWithYearDigitByDigitAndNo两() {
        Spoken d = Spoken.date(LocalDate.of(2026, 11, 22));
        assertThat(d.in(PUTONGHUA)).isEqualTo("二零二六年十一月二十二日");
        assertThat(d.in(CANTONESE)).isEqualTo("二零二六年十一月二十二號");
        assertThat(d.in(HAKKA)).isEqualTo("ngi làng ngi liuk ngièn sṳ̍p yit ngie̍t ngi sṳ̍p ngi ngit");
        assertThat(d.in(ENGLISH)).isEqualTo("22 November 2026");
        assertThat(Spoken.date(LocalDate.of(2026, 2, 2)).in(PUTONGHUA)).isEqualTo("二零二六年二月二日");
        assertThat(Spoken.date(LocalDate.of(2000, 10, 1)).in(PUTONGHUA)).isEqualTo("二零零零年十月一日");
        assertThat(Spoken.date(LocalDate.of(2011, 1, 31)).in(PUTONGHUA)).as("no 幺 in a year").isEqualTo("二零一一年一月三十一日");
        assertThatThrownBy(() -> Spoken.date(LocalDate.of(10000, 1, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digitsAreReadOneByOneWith幺InMandarin() {
        Spoken phone = Spoken.digits("13800138000");
        assertThat(phone.in(PUTONGHUA)).isEqualTo("幺 三 八 零 零 幺 三 八 零 零 零");
        assertThat(phone.in(CANTONESE)).isEqualTo("一 三 八 零 零 一 三 八 零 零 零");
        assertThat(phone.in(HAKKA)).isEqualTo("yit sâm pat làng làng yit sâm pat làng làng làng");
        assertThat(phone.in(ENGLISH)).isEqualTo("1 3 8 0 0 1 3 8 0 0 0");
    }

    @Test
    void digitsSpellLettersAndPauseAtSeparators() {
        assertThat(Spoken.digits("0768-1234").in(PUTONGHUA)).isEqualTo("零 七 六 八， 幺 二 三 四");
        assertThat(Spoken.digits("0768 1234").in(ENGLISH)).isEqualTo("0 7 6 8, 1 2 3 4");
        assertThat(Spoken.digits("A12b").in(PUTONGHUA)).isEqualTo("A 幺 二 B");
        assertThat(Spoken.digits("A12b").in(HAKKA)).isEqualTo("A yit ngi B");
    }

    @Test
    void digitsRefuseAnythingElseWithoutRepeatingTheValue() {
        assertThatThrownBy(() -> Spoken.digits("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Spoken.digits("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Spoken.digits("138#0013"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 3").hasMessageNotContaining("138");
        assertThatThrownBy(() -> Spoken.digits("１２")).as("full-width digits").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void honorificsUseOnlyTheSurnameOfAMaskedName() {
        assertThat(Spoken.honorific("陈*", false).in(PUTONGHUA)).isEqualTo("陈先生");
        assertThat(Spoken.honorific("陈*", true).in(PUTONGHUA)).isEqualTo("陈女士");
        assertThat(Spoken.honorific("陈*", true).in(CANTONESE)).isEqualTo("陈女士");
        assertThat(Spoken.honorific("欧阳**", false).in(CANTONESE)).isEqualTo("欧阳先生");
        assertThat(Spoken.honorific("陈*明", false).in(PUTONGHUA)).as("never a given name").isEqualTo("陈先生");
        assertThat(Spoken.honorific("陈", false).in(PUTONGHUA)).as("a masked one-character name").isEqualTo("陈先生");
    }

    @Test
    void spokenValuesAreEqualWhenTheySayTheSameThing() {
        assertThat(Spoken.count(10)).isEqualTo(Spoken.count(10)).hasSameHashCodeAs(Spoken.count(10)).isNotEqualTo(Spoken.count(11));
        assertThat(Spoken.amount(new BigDecimal("1.50"))).isEqualTo(Spoken.amount(new BigDecimal("1.5")));
        assertThat(Spoken.honorific("陈**", true)).isEqualTo(Spoken.honorific("陈*", true)).isNotEqualTo(Spoken.honorific("陈*", false));
        assertThat(Spoken.digits("10")).isNotEqualTo(Spoken.count(10));
        assertThat(Prompt.of("idle.warning", Spoken.count(10))).isEqualTo(Prompt.of("idle.warning", Spoken.count(10)));
    }

    @Test
    void honorificsAreEmptyInHakkaAndEnglishAndWithoutAChineseSurname() {
        assertThat(Spoken.honorific("陈*", false).in(HAKKA)).isEmpty();
        assertThat(Spoken.honorific("陈*", false).in(ENGLISH)).isEmpty();
        assertThat(Spoken.honorific("J*** *****", false).in(PUTONGHUA)).isEmpty();
        assertThat(Spoken.honorific("", false).in(PUTONGHUA)).isEmpty();
        assertThat(Spoken.honorific("**", true).in(PUTONGHUA)).isEmpty();
    }

    @Test
    void anUnmaskedNameIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> Spoken.honorific("陈小明", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("masked").hasMessageNotContaining("小明");
        assertThatThrownBy(() -> Spoken.honorific("陈小明*", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("小明");
    }

    @Test
    void neitherASpokenValueNorAPromptShowsTheValueInToString() {
        assertThat(Spoken.honorific("陈*", false)).hasToString("Spoken.honorific");
        assertThat(Spoken.amount(new BigDecimal("380.5")).toString()).doesNotContain("380");
        assertThat(Prompt.of("receipt.summary", Spoken.amount(BigDecimal.TEN), Spoken.date(LocalDate.of(2026, 1, 1)),
                Spoken.digits("123")).toString()).isEqualTo("receipt.summary (3 spoken values)");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyKindOfValueHasWordsInEveryLanguage(Language language) {
        assertThat(Spoken.digits("0768").in(language)).isNotBlank();
        assertThat(Spoken.count(7).in(language)).isNotBlank();
        assertThat(Spoken.amount(BigDecimal.ONE).in(language)).isNotBlank();
        assertThat(Spoken.date(LocalDate.of(2026, 1, 1)).in(language)).isNotBlank();
    }
}
