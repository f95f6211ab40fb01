package cn.yzz.kiosk.app.voice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** WAV files for fakes: 22050 Hz, 16-bit mono, as espeak-ng writes them, with samples that tell texts apart. */
final class Wavs {

    static final PcmFormat FORMAT = new PcmFormat(22050, 16, 1);

    private Wavs() {}

    /** A complete WAV of {@code millis} of samples made from the text, so two texts never sound alike. */
    static byte[] of(String text, int millis) {
        byte[] seed = text.getBytes(StandardCharsets.UTF_8);
        byte[] pcm = new byte[FORMAT.bytesFor(millis)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (seed[i % seed.length] + i / seed.length);
        }
        return wrap(pcm);
    }

    /** The samples of a WAV, without its header. */
    static byte[] pcm(byte[] wav) {
        Wav.Pcm p = Wav.read(wav);
        return Arrays.copyOfRange(p.bytes(), p.offset(), p.offset() + p.length());
    }

    static byte[] wrap(byte[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) FORMAT.channels())
                .putInt(FORMAT.sampleRate()).putInt(FORMAT.bytesPerSecond()).putShort((short) FORMAT.frameBytes())
                .putShort((short) FORMAT.bitsPerSample());
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return b.array();
    }
}
