package cn.yzz.kiosk.device.sscard;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The records of EF05/EF06: each is one TLV (tag = data item, 1-byte length, value), devices.md
 * §2.2–2.3. Pure: bytes in, values out; anything malformed is an {@link SsCardDataException}.
 */
public final class SsRecords {

    private static final Charset GBK = Charset.forName("GBK");

    private SsRecords() {}

    /** The value of {@code record}, which must be exactly one TLV carrying {@code expected}. */
    public static byte[] value(byte[] record, SsItem expected) throws SsCardDataException {
        if (record.length < 2) {
            throw new SsCardDataException(expected.label() + "：记录太短（" + record.length + " 字节）");
        }
        int tag = record[0] & 0xFF;
        int len = record[1] & 0xFF;
        if (tag != expected.tag()) {
            throw new SsCardDataException(String.format("%s：记录标签是 %02X，应为 %02X", expected.label(), tag, expected.tag()));
        }
        if (len != record.length - 2) {
            throw new SsCardDataException(expected.label() + "：记录声明 " + len + " 字节，实有 " + (record.length - 2) + " 字节");
        }
        return Arrays.copyOfRange(record, 2, record.length);
    }

    /** One TLV record: the inverse of {@link #value}. */
    public static byte[] record(SsItem item, byte[] value) {
        if (value.length > 255) {
            throw new IllegalArgumentException("a record value is at most 255 bytes");
        }
        return ByteBuffer.allocate(2 + value.length).put((byte) item.tag()).put((byte) value.length).put(value).array();
    }

    /** Printable ASCII with trailing NULs and spaces removed (card number, ID number, version). */
    public static String ascii(byte[] value, SsItem item) throws SsCardDataException {
        String s = new String(value, StandardCharsets.ISO_8859_1);
        s = stripPadding(s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new SsCardDataException(item.label() + "：含有非 ASCII 字符");
            }
        }
        return s;
    }

    /** GBK text with trailing NULs and spaces removed; bytes that are not GBK are an error, never a silent '?'. */
    public static String gbk(byte[] value, SsItem item) throws SsCardDataException {
        int end = value.length;
        while (end > 0 && (value[end - 1] == 0 || value[end - 1] == (byte) 0xFF)) {
            end--;
        }
        try {
            String s = GBK.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value, 0, end)).toString();
            s = stripPadding(s);
            if (s.chars().anyMatch(Character::isISOControl)) {
                throw new SsCardDataException(item.label() + "：含有控制字符");
            }
            return s;
        } catch (CharacterCodingException e) {
            throw new SsCardDataException(item.label() + "：不是有效的 GBK 文字");
        }
    }

    /** GBK bytes of {@code text} padded with NULs to {@code length}, as cards store names. */
    public static byte[] gbkPadded(String text, int length) {
        byte[] b = text.getBytes(GBK);
        if (b.length > length) {
            throw new IllegalArgumentException("text longer than " + length + " GBK bytes");
        }
        return Arrays.copyOf(b, length);
    }

    /** 4 bytes BCD YYYYMMDD. */
    public static LocalDate bcdDate(byte[] value, SsItem item) throws SsCardDataException {
        String digits = bcd(value, item);
        if (digits.length() != 8) {
            throw new SsCardDataException(item.label() + "：日期应为 4 字节，实有 " + value.length + " 字节");
        }
        try {
            return LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)));
        } catch (DateTimeException e) {
            throw new SsCardDataException(item.label() + "：不是有效日期"); // the digits may be a birth date: not in messages
        }
    }

    public static byte[] bcdDate(LocalDate date) {
        return HexFormat.of().parseHex(String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
    }

    /** The decimal digits of packed BCD; a nibble above 9 is an error. */
    public static String bcd(byte[] value, SsItem item) throws SsCardDataException {
        String hex = HexFormat.of().formatHex(value);
        for (int i = 0; i < hex.length(); i++) {
            if (!Character.isDigit(hex.charAt(i))) {
                throw new SsCardDataException(item.label() + "：不是有效的 BCD 数字");
            }
        }
        return hex;
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\u3000' || s.charAt(end - 1) == 0)) {
            end--;
        }
        return s.substring(0, end);
    }
}
