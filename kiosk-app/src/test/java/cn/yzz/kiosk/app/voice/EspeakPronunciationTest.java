package cn.yzz.kiosk.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.i18n.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What espeak-ng 1.51 makes of our Chinese texts: "(en)" in its phoneme output means it gave up on
 * the language and read something as English (hanzi in hak, pinyin in cmn, Latin letters in yue).
 */
class EspeakPronunciationTest {

    private final VoicePrompts prompts = VoicePrompts.load();

    @ParameterizedTest
    @EnumSource(value = Language.class, names = {"PUTONGHUA", "CANTONESE", "HAKKA"})
    void everyPromptWithSampleArgumentsIsReadInItsOwnLanguage(Language language) throws Exception {
        for (Prompt prompt : VoicePromptsTest.samples()) {
            String text = EspeakSynthesizer.textFor(prompts.text(prompt, language), language);
            String phonemes = Espeak.phonemes(language.espeakVoice(), text);
            assertThat(phonemes).as(prompt.key() + " in " + language + ": " + text).doesNotContain("(en)").isNotBlank();
        }
    }

    @Test
    void hakkaYangRuFinalsAreGivenToEspeakInAFormItReadsInToneSix() throws Exception {
        // 月 ngie̍t and 續 siu̍k: without the respelling espeak-ng reads "n^'i1e6t" (two syllables) and "S;'iu1k".
        assertThat(Espeak.phonemes("hak", EspeakSynthesizer.textFor("ngie̍t", Language.HAKKA))).contains("ie6t");
        assertThat(Espeak.phonemes("hak", EspeakSynthesizer.textFor("ki-siu̍k", Language.HAKKA))).contains("iu6k");
    }

    @Test
    void mandarinPolyphonesEspeakMisreadsAreGivenAsPinyin() throws Exception {
        String elder = EspeakSynthesizer.textFor(prompts.text(Prompt.of("elder.on"), Language.PUTONGHUA), Language.PUTONGHUA);
        assertThat(Espeak.phonemes("cmn-latn-pinyin", elder)).contains("ts.'a21N").doesNotContain("ts.h'A35N"); // 长 zhǎng, not cháng
        String again = EspeakSynthesizer.textFor(prompts.text(Prompt.of("identify.again"), Language.PUTONGHUA), Language.PUTONGHUA);
        assertThat(Espeak.phonemes("cmn-latn-pinyin", again)).contains("ts.h'ong35"); // 重 chóng, not zhòng
    }

    @Test
    void mandarinDigitsReadOneByOne() throws Exception {
        String phonemes = Espeak.phonemes("cmn-latn-pinyin", Spoken.digits("13800138000").in(Language.PUTONGHUA));
        assertThat(phonemes).contains("j'Au55").doesNotContain("(en)"); // 幺 yāo
    }
}
