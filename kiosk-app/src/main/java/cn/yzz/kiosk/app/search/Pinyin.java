package cn.yzz.kiosk.app.search;

import com.hankcs.hanlp.HanLP;
import java.util.ArrayList;
import java.util.List;

/**
 * The pinyin of a service's words, one syllable per character, from HanLP (com.hankcs:hanlp, the
 * "portable" build: Apache-2.0, no dependencies, its dictionary shipped compiled in the jar, so
 * nothing is written to disk; last release December 2024).
 *
 * <p>Why HanLP: it reads a polyphone by the word it stands in (longest match in its phrase table), so
 * 行 is xing in 行驶证 and 通行证 but hang in 银行, 重 is zhong in 重度 and chong in 重新, 长 is zhang in
 * 长辈, 调 is tiao in 调解 and diao in 调取, 查 is cha in 查看 — the readings the service names use. Tried
 * against the bundled catalogue's 164 names: pinyin4j 2.5.1 (last release 2016) has 查看 as "zha kan"
 * and 调解 as "diao jie" in its phrase table; TinyPinyin (last release 2017) has no phrase table of its
 * own; houbb/pinyin 0.4.0 reads as HanLP does but brings two more libraries, 1.6 s to load and 32 MB of
 * heap, against HanLP's 0.2 s and under 10 MB.
 *
 * <p>Slow the first time (the dictionary loads): call off the JavaFX thread. Thread-safe.
 */
final class Pinyin {

    private Pinyin() {}

    /**
     * One entry per character of {@code text}: the syllable without tone (ü as v) for a Chinese
     * character, the letter in lower case for a latin letter (full-width too), and "" for anything
     * else (digits, punctuation, brackets), which the A–Z keypad cannot type.
     */
    static List<String> syllables(String text) {
        List<com.hankcs.hanlp.dictionary.py.Pinyin> read = HanLP.convertToPinyinList(text);
        List<String> out = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            com.hankcs.hanlp.dictionary.py.Pinyin p = i < read.size() ? read.get(i) : null;
            if (isHan(c) && p != null && p != com.hankcs.hanlp.dictionary.py.Pinyin.none5) {
                out.add(letters(p.getPinyinWithoutTone()));
            } else {
                out.add(letters(String.valueOf(c)));
            }
        }
        return out;
    }

    /** The first letter of each syllable: 城乡居民养老保险 → "cxjmylbx". */
    static String initials(String text) {
        StringBuilder sb = new StringBuilder();
        for (String s : syllables(text)) {
            if (!s.isEmpty()) {
                sb.append(s.charAt(0));
            }
        }
        return sb.toString();
    }

    /** The syllables run together: 养老 → "yanglao". */
    static String full(String text) {
        return String.join("", syllables(text));
    }

    /** Only the letters a to z of {@code s}, in lower case (full-width letters folded): what the keypad can type. */
    static String letters(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (c >= 'ａ' && c <= 'ｚ') {
                c = (char) (c - 'ａ' + 'a');
            }
            if (c >= 'a' && c <= 'z') {
                sb.append(c);
            } else if (c == 'ü') {
                sb.append('v');
            }
        }
        return sb.toString();
    }

    static boolean hasHan(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
