package cn.yzz.kiosk.app.voice;

import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The sound card through Java Sound: one {@link SourceDataLine}, kept open between prompts. The only
 * class that imports {@code javax.sound}. Confined to the voice's thread.
 */
final class JavaSoundOut implements AudioOut {

    /**
     * The line's buffer. {@link #stop()} drops what is in it, so it does not delay a newer prompt; it
     * only has to cover the voice thread being held up (GC, a busy core), and a quarter second does.
     */
    private static final int BUFFER_MS = 250;

    private SourceDataLine line;
    private PcmFormat format;

    @Override
    public Optional<String> problem() {
        try {
            if (!AudioSystem.isLineSupported(new Line.Info(SourceDataLine.class))) {
                return Optional.of("no audio output device (Java Sound finds no line to play on)");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("no audio output device (" + e + ")");
        }
    }

    @Override
    public void open(PcmFormat wanted) throws AudioUnavailableException {
        if (line != null && wanted.equals(format)) {
            line.start();
            return;
        }
        close();
        AudioFormat af = new AudioFormat(wanted.sampleRate(), wanted.bitsPerSample(), wanted.channels(), true, false);
        try {
            SourceDataLine l = AudioSystem.getSourceDataLine(af);
            l.open(af, wanted.bytesFor(BUFFER_MS));
            l.start();
            line = l;
            format = wanted;
        } catch (IllegalArgumentException | LineUnavailableException | SecurityException e) {
            // IllegalArgumentException: no line at all for this format (a machine without a sound card)
            throw new AudioUnavailableException("cannot play " + wanted.sampleRate() + " Hz audio: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] pcm, int offset, int length) {
        if (line == null) {
            throw new IllegalStateException("write before open");
        }
        line.write(pcm, offset, length);
    }

    @Override
    public void stop() {
        if (line != null) {
            line.stop();
            line.flush();
        }
    }

    @Override
    public void close() {
        if (line != null) {
            line.close();
            line = null;
            format = null;
        }
    }
}
