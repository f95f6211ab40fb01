package cn.yzz.kiosk.app.voice;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers, amounts, dates and digit strings in words, for the three Chinese languages. espeak-ng is
 * given words rather than Arabic numerals so that what it reads is decided here: 两 or 二, where a
 * 零 goes, 幺 for 1 in a number read digit by digit.
 *
 * <p>两 is used for a leading 2 before 百, 千 and 万 and for 2 on its own before a measure word
 * (两百, 两千二百, 两万, 两元, 两秒); 二 everywhere else (十二, 二十, 一千二百, 二月, 二零二六年).
 */
final class NumberWords {

    /** Mandarin, read by cmn-latn-pinyin. */
    static final NumberWords MANDARIN = new NumberWords(
            words("零 一 二 三 四 五 六 七 八 九"), words("零 幺 二 三 四 五 六 七 八 九"),
            "两", words("_ 十 百 千"), "万", "", "，", "元", "角", "分", "年", "月", "日");

    /** Cantonese in traditional characters, read by yue. 1 stays 一 when reading digits. */
    static final NumberWords CANTONESE = new NumberWords(
            words("零 一 二 三 四 五 六 七 八 九"), words("零 一 二 三 四 五 六 七 八 九"),
            "兩", words("_ 十 百 千"), "萬", "", "，", "元", "角", "分", "年", "月", "號");

    /** Hakka in Pha̍k-fa-sṳ, syllables apart, read by hak. */
    static final NumberWords HAKKA = new NumberWords(
            words("làng yit ngi sâm si ńg liuk chhit pat kiú"), words("làng yit ngi sâm si ńg liuk chhit pat kiú"),
            "lióng", words("_ sṳ̍p pak chhiên"), "van", " ", ",", "ngièn", "kok", "fûn", "ngièn", "ngie̍t", "ngit");

    private final String[] digits;
    private final String[] readOut;
    private final String two;
    private final String[] units;
    private final String tenThousand;
    private final String joiner;
    private final String pause;
    private final String yuan;
    private final String jiao;
    private final String fen;
    private final String year;
    private final String month;
    private final String day;

    private NumberWords(String[] digits, String[] readOut, String two, String[] units, String tenThousand,
                        String joiner, String pause, String yuan, String jiao, String fen,
                        String year, String month, String day) {
        this.digits = digits;
        this.readOut = readOut;
        this.two = two;
        this.units = units;
        this.tenThousand = tenThousand;
        this.joiner = joiner;
        this.pause = pause;
        this.yuan = yuan;
        this.jiao = jiao;
        this.fen = fen;
        this.year = year;
        this.month = month;
        this.day = day;
    }

    /** A count before a measure word (两 for 2): {@code 0 <= n < 10^8}, checked by the caller. */
    String count(long n) {
        return join(cardinal(n, true));
    }

    /** 三百八十元五角, 三百八十元零五分, 五分, 零元. */
    String amount(long fen) {
        long whole = fen / 100;
        int tenths = (int) (fen / 10 % 10);
        int hundredths = (int) (fen % 10);
        List<String> out = new ArrayList<>();
        if (whole > 0 || fen == 0) {
            out.addAll(cardinal(whole, true));
            out.add(yuan);
        }
        if (tenths > 0) {
            out.addAll(cardinal(tenths, true));
            out.add(jiao);
        }
        if (hundredths > 0) {
            if (whole > 0 && tenths == 0) {
                out.add(digits[0]);
            }
            out.addAll(cardinal(hundredths, true));
            out.add(this.fen);
        }
        return join(out);
    }

    /** 二零二六年十一月二十二日: the year digit by digit (without 幺), month and day as numbers (二月, not 两月). */
    String date(LocalDate date) {
        List<String> out = new ArrayList<>();
        String y = Integer.toString(date.getYear());
        for (int i = 0; i < y.length(); i++) {
            out.add(digits[y.charAt(i) - '0']);
        }
        out.add(year);
        out.addAll(cardinal(date.getMonthValue(), false));
        out.add(month);
        out.addAll(cardinal(date.getDayOfMonth(), false));
        out.add(day);
        return join(out);
    }

    /**
     * Digit by digit (幺 for 1 in Mandarin); a letter stays a capital letter for the voice to name;
     * a space or hyphen becomes a short pause. The caller has checked the characters.
     */
    String readOut(String chars) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            String word = c >= '0' && c <= '9' ? readOut[c - '0'] : c == ' ' || c == '-' ? pause : String.valueOf(Character.toUpperCase(c));
            // Words apart: letters must not run into the next syllable (cmn-latn-pinyin would read "A幺" as pinyin).
            if (sb.length() > 0 && !word.equals(pause)) {
                sb.append(' ');
            }
            sb.append(word);
        }
        return sb.toString();
    }

    /** 0 <= n < 10^8: a section of 万 and a section below it, each up to 9999. */
    private List<String> cardinal(long n, boolean twoBeforeUnit) {
        List<String> out = new ArrayList<>();
        if (n == 0) {
            out.add(digits[0]);
            return out;
        }
        if (n == 2 && twoBeforeUnit) {
            out.add(two);
            return out;
        }
        int high = (int) (n / 10_000);
        int low = (int) (n % 10_000);
        if (high > 0) {
            if (high == 2 && twoBeforeUnit) {
                out.add(two);
            } else {
                section(high, true, twoBeforeUnit, out);
            }
            out.add(tenThousand);
        }
        if (low > 0) {
            if (high > 0 && low < 1000) {
                out.add(digits[0]); // 一万零五百, 十万零一十
            }
            section(low, high == 0, twoBeforeUnit && high == 0, out);
        }
        return out;
    }

    /** 1..9999. {@code leading}: the first section of the number, where 10–19 are 十… rather than 一十…. */
    private void section(int n, boolean leading, boolean twoBeforeUnit, List<String> out) {
        boolean started = false;
        boolean zero = false;
        for (int place = 3; place >= 0; place--) {
            int d = n / pow10(place) % 10;
            if (d == 0) {
                zero |= started; // one 零 for any run of zeros between digits; none at the end
                continue;
            }
            if (zero) {
                out.add(digits[0]);
                zero = false;
            }
            if (place == 1 && d == 1 && leading && !started) {
                out.add(units[1]); // 十五, not 一十五; but 一百一十五
            } else {
                boolean useTwo = d == 2 && !started && place >= 2 && twoBeforeUnit;
                out.add(useTwo ? two : digits[d]);
                if (place > 0) {
                    out.add(units[place]);
                }
            }
            started = true;
        }
    }

    private static int pow10(int place) {
        return switch (place) {
            case 0 -> 1;
            case 1 -> 10;
            case 2 -> 100;
            default -> 1000;
        };
    }

    private String join(List<String> words) {
        return String.join(joiner, words);
    }

    private static String[] words(String spaced) {
        return spaced.split(" ");
    }
}
