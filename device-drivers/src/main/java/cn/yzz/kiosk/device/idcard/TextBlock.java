package cn.yzz.kiosk.device.idcard;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The 256-byte text block of GA/T 490 cards, UCS-2 little-endian, space padded (devices.md §1.7).
 * The UCS-2 character at byte 248 tells the layout: space or NUL resident, 'J' residence permit,
 * 'I' 2017 foreigner card, 'Y' 2023 foreigner card. Pure: parsing and, for the emulator, encoding.
 */
public final class TextBlock {

    public static final int SIZE = 256;
    private static final int MARKER = 248;
    private static final String LONG_TERM = "长期";

    private TextBlock() {}

    /** Reads a card from its text block and opaque photo and fingerprint bytes. */
    public static IdCard parse(byte[] text, byte[] photo, byte[] fingerprint) throws CardDataException {
        if (text == null || text.length != SIZE) {
            throw new CardDataException("text block must be 256 bytes, got " + (text == null ? 0 : text.length));
        }
        char marker = (char) ((text[MARKER] & 0xFF) | (text[MARKER + 1] & 0xFF) << 8);
        Reader r = new Reader(text);
        switch (marker) {
            case ' ', '\0': {
                return new IdCard(CardType.RESIDENT, r.str(0, 30), "", r.sex(30), r.str(32, 4), "",
                        r.date(36, "birth date"), r.str(52, 70), r.str(122, 36), r.str(158, 30),
                        r.date(188, "valid-from date"), r.validTo(204), "", "", "", photo, fingerprint);
            }
            case 'J': {
                return new IdCard(CardType.HKMOTW, r.str(0, 30), "", r.sex(30), "", "",
                        r.date(36, "birth date"), r.str(52, 70), r.str(122, 36), r.str(158, 30),
                        r.date(188, "valid-from date"), r.validTo(204), r.str(220, 18), r.str(238, 4), "",
                        photo, fingerprint);
            }
            case 'I': {
                return new IdCard(CardType.FOREIGN_2017, r.str(158, 30), r.str(0, 120), r.sex(120), "",
                        r.str(152, 6), r.date(220, "birth date"), "", r.str(122, 30), r.str(240, 8),
                        r.date(188, "valid-from date"), r.validTo(204), "", "", r.str(236, 4), photo, fingerprint);
            }
            case 'Y': {
                String english = (r.raw(52, 70) + r.raw(220, 22)).strip();
                return new IdCard(CardType.FOREIGN_2023, r.str(0, 30), english, r.sex(30), "", r.str(242, 6),
                        r.date(36, "birth date"), "", r.str(122, 36), "", r.date(188, "valid-from date"),
                        r.validTo(204), "", r.str(32, 4), "", photo, fingerprint);
            }
            default:
                throw new CardDataException(String.format("unknown card layout marker U+%04X at byte 248", (int) marker));
        }
    }

    /** Builds the text block for a card: the emulator's side of {@link #parse}. */
    public static byte[] encode(IdCard card) {
        Writer w = new Writer();
        switch (card.cardType()) {
            case RESIDENT -> {
                w.put(0, 30, card.name()).put(30, 2, String.valueOf(card.sex().code())).put(32, 4, card.nationCode())
                        .put(36, 16, date(card.birthDate())).put(52, 70, card.address()).put(122, 36, card.idNumber())
                        .put(158, 30, card.issuer()).put(188, 16, date(card.validFrom())).put(204, 16, validTo(card));
            }
            case HKMOTW -> {
                w.put(0, 30, card.name()).put(30, 2, String.valueOf(card.sex().code()))
                        .put(36, 16, date(card.birthDate())).put(52, 70, card.address()).put(122, 36, card.idNumber())
                        .put(158, 30, card.issuer()).put(188, 16, date(card.validFrom())).put(204, 16, validTo(card))
                        .put(220, 18, card.passNumber()).put(238, 4, card.issueCount()).put(MARKER, 2, "J");
            }
            case FOREIGN_2017 -> {
                w.put(0, 120, card.englishName()).put(120, 2, String.valueOf(card.sex().code()))
                        .put(122, 30, card.idNumber()).put(152, 6, card.nationality()).put(158, 30, card.name())
                        .put(188, 16, date(card.validFrom())).put(204, 16, validTo(card))
                        .put(220, 16, date(card.birthDate())).put(236, 4, card.cardVersion()).put(240, 8, card.issuer())
                        .put(MARKER, 2, "I");
            }
            case FOREIGN_2023 -> {
                String en = card.englishName();
                String first = en.length() > 35 ? en.substring(0, 35) : en;
                String rest = en.length() > 35 ? en.substring(35) : "";
                w.put(0, 30, card.name()).put(30, 2, String.valueOf(card.sex().code())).put(32, 4, card.issueCount())
                        .put(36, 16, date(card.birthDate())).put(52, 70, first).put(122, 36, card.idNumber())
                        .put(188, 16, date(card.validFrom())).put(204, 16, validTo(card)).put(220, 22, rest)
                        .put(242, 6, card.nationality()).put(MARKER, 2, "Y");
            }
        }
        return w.bytes;
    }

    private static String date(LocalDate d) {
        return String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private static String validTo(IdCard card) {
        return card.validTo() == null ? LONG_TERM : date(card.validTo());
    }

    private static final class Reader {
        private final byte[] text;

        Reader(byte[] text) {
            this.text = text;
        }

        String raw(int offset, int bytes) {
            return new String(text, offset, bytes, StandardCharsets.UTF_16LE);
        }

        /** Text with padding (spaces, NULs) removed from both ends. */
        String str(int offset, int bytes) {
            String s = raw(offset, bytes);
            int b = 0;
            int e = s.length();
            while (b < e && pad(s.charAt(b))) {
                b++;
            }
            while (e > b && pad(s.charAt(e - 1))) {
                e--;
            }
            return s.substring(b, e);
        }

        private static boolean pad(char c) {
            return c == ' ' || c == '\0' || c == '\u3000';
        }

        Sex sex(int offset) throws CardDataException {
            String s = str(offset, 2);
            Sex sex = s.length() == 1 ? Sex.ofCode(s.charAt(0)) : null;
            if (sex == null) {
                throw new CardDataException("unknown gender code (" + s.length() + " characters)");
            }
            return sex;
        }

        LocalDate date(int offset, String what) throws CardDataException {
            String s = str(offset, 16);
            // Messages name the field, never its content: it is personal data.
            if (s.length() != 8 || !s.chars().allMatch(Character::isDigit)) {
                throw new CardDataException(what + " is not YYYYMMDD");
            }
            try {
                return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                        Integer.parseInt(s.substring(6, 8)));
            } catch (DateTimeException e) {
                throw new CardDataException(what + " is not a calendar date");
            }
        }

        LocalDate validTo(int offset) throws CardDataException {
            return LONG_TERM.equals(str(offset, 16)) ? null : date(offset, "valid-to date");
        }
    }

    private static final class Writer {
        final byte[] bytes = new byte[SIZE];

        Writer() {
            for (int i = 0; i < SIZE; i += 2) {
                bytes[i] = 0x20;
            }
        }

        Writer put(int offset, int size, String value) {
            byte[] b = value.getBytes(StandardCharsets.UTF_16LE);
            if (b.length > size) {
                throw new IllegalArgumentException("a field of " + value.length() + " characters does not fit in " + size / 2);
            }
            System.arraycopy(b, 0, bytes, offset, b.length);
            return this;
        }
    }

    /** For tests: a copy of the block with the marker replaced. */
    static byte[] withMarker(byte[] block, char marker) {
        byte[] copy = Arrays.copyOf(block, block.length);
        copy[MARKER] = (byte) marker;
        copy[MARKER + 1] = (byte) (marker >>> 8);
        return copy;
    }
}
