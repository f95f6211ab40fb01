package cn.yzz.kiosk.app.voice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The RIFF/WAVE container espeak-ng writes: a "fmt " chunk (PCM) and a "data" chunk.
 *
 * <pre>
 * 0  "RIFF"  size-8  "WAVE"
 * 12 "fmt "  16      format=1 channels rate byteRate blockAlign bits
 * 36 "data"  n       n bytes of samples
 * </pre>
 * When espeak-ng writes to a pipe it cannot go back to fill in the sizes and leaves placeholders
 * (0x7ffff000 and so on); {@link #withTrueSizes} fixes them, and {@link #read} trusts the bytes it has.
 */
final class Wav {

    /** Samples in a WAV: {@code length} bytes of {@code bytes} from {@code offset}. */
    record Pcm(PcmFormat format, byte[] bytes, int offset, int length) {

        Duration duration() {
            return format.durationOf(length);
        }
    }

    private Wav() {}

    /** @throws IllegalArgumentException when the bytes are not a PCM WAV */
    static Pcm read(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !tag(wav, 0).equals("RIFF") || !tag(wav, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file (" + wav.length + " bytes)");
        }
        PcmFormat format = null;
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = tag(wav, at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            int body = at + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > wav.length) {
                    throw new IllegalArgumentException("WAV fmt chunk too short");
                }
                if (b.getShort(body) != 1) {
                    throw new IllegalArgumentException("WAV is not PCM (format " + b.getShort(body) + ")");
                }
                format = new PcmFormat(b.getInt(body + 4), b.getShort(body + 14), b.getShort(body + 2));
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new IllegalArgumentException("WAV data chunk before its fmt chunk");
                }
                int length = (int) Math.min(size, wav.length - body);
                length -= length % format.frameBytes();
                return new Pcm(format, wav, body, length);
            }
            at = (int) Math.min(wav.length, body + size + (size & 1)); // chunks are padded to even sizes
        }
        throw new IllegalArgumentException("WAV has no data chunk");
    }

    /** True when the sizes in the header match the bytes: a file cut short (a power cut) is not complete. */
    static boolean isComplete(byte[] wav) {
        try {
            Pcm pcm = read(wav);
            ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            return b.getInt(4) == wav.length - 8 && b.getInt(pcm.offset() - 4) == pcm.length()
                    && pcm.offset() + pcm.length() == wav.length;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A copy with the RIFF and data sizes set to what the bytes hold (the data chunk is the last). */
    static byte[] withTrueSizes(byte[] wav) {
        Pcm pcm = read(wav);
        int end = pcm.offset() + pcm.length();
        byte[] out = Arrays.copyOf(wav, end);
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, end - 8);
        b.putInt(pcm.offset() - 4, pcm.length());
        return out;
    }

    private static String tag(byte[] wav, int at) {
        return new String(wav, at, 4, StandardCharsets.US_ASCII);
    }
}
