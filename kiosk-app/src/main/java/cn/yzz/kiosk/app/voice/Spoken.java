package cn.yzz.kiosk.app.voice;

import cn.yzz.kiosk.app.i18n.Language;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A value to be spoken inside a {@link Prompt}, and how: each factory fixes how its value is read
 * in every {@link Language}. The words are written for espeak-ng: Chinese numerals in Mandarin and
 * Cantonese, Pha̍k-fa-sṳ syllables in Hakka, plain numbers in English.
 *
 * <p>Factories check their input and throw {@link IllegalArgumentException}; messages never repeat
 * the value, which may be personal data. Pure and immutable.
 */
public final class Spoken {

    /** Amounts and counts are spoken below 1 亿 (10^8). */
    private static final long LIMIT = 100_000_000L;

    private final String kind;
    private final Object value; // for equals only: two Spoken are equal when they say the same thing
    private final Function<Language, String> words;

    private Spoken(String kind, Object value, Function<Language, String> words) {
        this.kind = kind;
        this.value = value;
        this.words = words;
    }

    /** The words for espeak-ng in that language; may be empty (an honorific in Hakka or English). */
    public String in(Language language) {
        return words.apply(Objects.requireNonNull(language, "language"));
    }

    /**
     * An amount in yuan with at most two decimals (fen), {@code 0 <= yuan < 100,000,000}: 三百八十元五角,
     * 三百八十元零五分; Hakka sâm pak pat sṳ̍p ngièn ńg kok; English "380 yuan 50 fen".
     */
    public static Spoken amount(BigDecimal yuan) {
        Objects.requireNonNull(yuan, "yuan");
        if (yuan.signum() < 0) {
            throw new IllegalArgumentException("an amount to speak must not be negative");
        }
        if (yuan.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("an amount to speak has at most two decimal places (fen)");
        }
        if (yuan.compareTo(BigDecimal.valueOf(LIMIT)) >= 0) {
            throw new IllegalArgumentException("an amount to speak must be below 100,000,000 yuan");
        }
        long fen = yuan.movePointRight(2).longValueExact();
        return new Spoken("amount", fen, language -> switch (language) {
            case PUTONGHUA -> NumberWords.MANDARIN.amount(fen);
            case CANTONESE -> NumberWords.CANTONESE.amount(fen);
            case HAKKA -> NumberWords.HAKKA.amount(fen);
            case ENGLISH -> english(fen);
        });
    }

    /**
     * Several amounts, as a list (the note values a cash acceptor takes): 一百元、五十元、二十元; Hakka and
     * English with commas ("100 yuan, 50 yuan"). At least one, each as {@link #amount}.
     */
    public static Spoken amounts(java.util.List<BigDecimal> yuan) {
        Objects.requireNonNull(yuan, "yuan");
        if (yuan.isEmpty()) {
            throw new IllegalArgumentException("a list of amounts to speak must not be empty");
        }
        java.util.List<Spoken> each = yuan.stream().map(Spoken::amount).toList();
        java.util.List<Object> values = each.stream().map(a -> a.value).toList();
        return new Spoken("amounts", values, language -> {
            String between = language == Language.PUTONGHUA || language == Language.CANTONESE ? "、" : ", ";
            return String.join(between, each.stream().map(a -> a.in(language)).toList());
        });
    }

    /** A day: 二零二六年十一月二十二日 (Cantonese …二十二號), Hakka romanised, English "22 November 2026". */
    public static Spoken date(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new IllegalArgumentException("a date to speak must be in the years 1 to 9999");
        }
        return new Spoken("date", date, language -> switch (language) {
            case PUTONGHUA -> NumberWords.MANDARIN.date(date);
            case CANTONESE -> NumberWords.CANTONESE.date(date);
            case HAKKA -> NumberWords.HAKKA.date(date);
            case ENGLISH -> date.getDayOfMonth() + " " + date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + " " + date.getYear();
        });
    }

    /**
     * A receipt or phone number read digit by digit (in Mandarin 1 is 幺); letters A–Z are spelled;
     * a space or hyphen is a short pause. Nothing else is allowed.
     */
    public static Spoken digits(String characters) {
        Objects.requireNonNull(characters, "characters");
        if (characters.isBlank()) {
            throw new IllegalArgumentException("digits to speak must not be empty");
        }
        for (int i = 0; i < characters.length(); i++) {
            char c = characters.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == ' ' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException(
                        "digits to speak may hold only 0-9, A-Z, spaces and hyphens; position " + i + " holds something else");
            }
        }
        String chars = characters.strip();
        return new Spoken("digits", chars, language -> switch (language) {
            case PUTONGHUA -> NumberWords.MANDARIN.readOut(chars);
            case CANTONESE -> NumberWords.CANTONESE.readOut(chars);
            case HAKKA -> NumberWords.HAKKA.readOut(chars);
            case ENGLISH -> englishReadOut(chars);
        });
    }

    /** A cardinal before a measure word, {@code 0 <= n < 100,000,000}: 十, 两 (两秒), 一百零一. */
    public static Spoken count(int n) {
        if (n < 0 || n >= LIMIT) {
            throw new IllegalArgumentException("a count to speak must be from 0 to 99,999,999");
        }
        return new Spoken("count", n, language -> switch (language) {
            case PUTONGHUA -> NumberWords.MANDARIN.count(n);
            case CANTONESE -> NumberWords.CANTONESE.count(n);
            case HAKKA -> NumberWords.HAKKA.count(n);
            case ENGLISH -> Integer.toString(n);
        });
    }

    /**
     * 陈先生 or 陈女士 from a masked name ("陈*", "欧阳**"): only the surname before the first '*' is
     * used, never the given name, so an unmasked name is refused (a single character is what
     * masking leaves of a one-character name: taken as the surname). Empty in Hakka and English (no
     * romanisation table for surnames; their bundles leave it out), and empty when the name has no
     * Chinese surname (a foreigner's card).
     */
    public static Spoken honorific(String maskedName, boolean female) {
        Objects.requireNonNull(maskedName, "maskedName");
        int star = maskedName.indexOf('*');
        if (star < 0 && maskedName.codePointCount(0, maskedName.length()) > 1) {
            throw new IllegalArgumentException("an honorific takes a masked name such as 陈*; this name has no '*'");
        }
        String surname = (star < 0 ? maskedName : maskedName.substring(0, star)).strip();
        if (surname.codePointCount(0, surname.length()) > 2) {
            throw new IllegalArgumentException("an honorific takes a masked name; the part before '*' is longer than a surname");
        }
        boolean chinese = !surname.isEmpty()
                && surname.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        String words = chinese ? surname + (female ? "女士" : "先生") : "";
        return new Spoken("honorific", words, language -> switch (language) {
            case PUTONGHUA, CANTONESE -> words;
            case HAKKA, ENGLISH -> "";
        });
    }

    /**
     * Words from the county's catalogue (a service's name, a question): read as written in Mandarin and
     * Cantonese; the English given with it, if any; nothing in Hakka, whose voice reads romanised text
     * only (its bundle says what to do in words of its own).
     */
    public static Spoken text(String chinese, String english) {
        Objects.requireNonNull(chinese, "chinese");
        String en = english == null ? "" : english;
        return new Spoken("text", chinese + "\u0000" + en, language -> switch (language) {
            case PUTONGHUA, CANTONESE -> chinese;
            case HAKKA -> "";
            case ENGLISH -> en;
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spoken other && kind.equals(other.kind) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, value);
    }

    /** What kind of value, never the value itself: it may be personal data. */
    @Override
    public String toString() {
        return "Spoken." + kind;
    }

    private static String english(long fen) {
        long yuan = fen / 100;
        long cents = fen % 100;
        if (yuan == 0 && cents > 0) {
            return cents + " fen";
        }
        return cents == 0 ? yuan + " yuan" : yuan + " yuan " + cents + " fen";
    }

    private static String englishReadOut(String chars) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c == ' ' || c == '-') {
                sb.append(',');
            } else {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }
}
