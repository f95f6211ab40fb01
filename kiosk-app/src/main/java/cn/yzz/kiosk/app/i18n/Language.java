package cn.yzz.kiosk.app.i18n;

import java.util.Locale;

/**
 * The languages a villager can choose on screen. Mandarin, Cantonese and Hakka share the written
 * Chinese of the screen and differ in what the kiosk says; English is for testers and reviewers.
 * The voice always speaks the language chosen on screen (EN 301 549 §5.1.3.14).
 */
public enum Language {
    PUTONGHUA("普通话", Locale.SIMPLIFIED_CHINESE, "zh-CN", "cmn-latn-pinyin"),
    CANTONESE("粤语", Locale.SIMPLIFIED_CHINESE, "yue", "yue"),
    /** espeak-ng's hak voice reads Pha̍k-fa-sṳ romanisation, not characters, so its prompts are written in it. */
    HAKKA("客家话", Locale.SIMPLIFIED_CHINESE, "hak", "hak"),
    ENGLISH("English", Locale.ENGLISH, "en", "en");

    /** What a session starts in. */
    public static final Language DEFAULT = PUTONGHUA;

    private final String ownName;
    private final Locale textLocale;
    private final String promptTag;
    private final String espeakVoice;

    Language(String ownName, Locale textLocale, String promptTag, String espeakVoice) {
        this.ownName = ownName;
        this.textLocale = textLocale;
        this.promptTag = promptTag;
        this.espeakVoice = espeakVoice;
    }

    /** The language's name in itself, as its button shows it whatever the screen's language. */
    public String ownName() {
        return ownName;
    }

    /** The locale of the screen texts ({@code texts_zh_CN} or {@code texts_en}). */
    public Locale textLocale() {
        return textLocale;
    }

    /** The BCP 47 tag of the voice-prompt bundle ({@code prompts_zh_CN}, {@code prompts_yue}, …). */
    public Locale promptLocale() {
        return Locale.forLanguageTag(promptTag);
    }

    /** The espeak-ng voice that speaks it. */
    public String espeakVoice() {
        return espeakVoice;
    }
}
