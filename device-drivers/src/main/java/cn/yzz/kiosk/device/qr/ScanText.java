package cn.yzz.kiosk.device.qr;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a scanned payload into text. The rule: bytes that are valid UTF-8 are UTF-8 (a leading
 * byte-order mark is dropped); anything else is GBK, the other output code Chinese modules offer
 * (devices.md §3.1). Bytes that are neither keep U+FFFD where they fail, so nothing is silently
 * dropped, and {@link Decoded#charset()} says {@code GBK?}.
 *
 * <p>Pure ASCII is valid UTF-8, so URLs and numeric codes always come out the same. A short GBK
 * text can happen to be valid UTF-8 (two-byte GBK pairs such as 联通 look like UTF-8); configure
 * the module for UTF-8 where that matters.
 */
public final class ScanText {

    static final Charset GBK = Charset.forName("GBK");

    /** The text and how it was read: {@code UTF-8}, {@code GBK}, or {@code GBK?} for bytes that were not clean GBK either. */
    public record Decoded(String text, String charset) {}

    private ScanText() {}

    public static Decoded decode(byte[] payload) {
        try {
            String s = strict(StandardCharsets.UTF_8, payload);
            return new Decoded(s.startsWith("\uFEFF") ? s.substring(1) : s, "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            try {
                return new Decoded(strict(GBK, payload), "GBK");
            } catch (CharacterCodingException notGbk) {
                return new Decoded(new String(payload, GBK), "GBK?");
            }
        }
    }

    private static String strict(Charset cs, byte[] b) throws CharacterCodingException {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b))
                .toString();
    }
}
