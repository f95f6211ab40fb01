package cn.yzz.kiosk.app.voice;

import java.time.Duration;

/**
 * Signed little-endian PCM, as in a WAV file (espeak-ng: 22050 Hz, 16 bits, mono).
 *
 * @param sampleRate    samples per second per channel
 * @param bitsPerSample 8 or 16
 * @param channels      1 or more
 */
public record PcmFormat(int sampleRate, int bitsPerSample, int channels) {

    public PcmFormat {
        if (sampleRate <= 0 || channels <= 0 || bitsPerSample != 8 && bitsPerSample != 16) {
            throw new IllegalArgumentException("unsupported PCM format: " + sampleRate + " Hz, " + bitsPerSample + " bits, "
                    + channels + " channels");
        }
    }

    public int frameBytes() {
        return bitsPerSample / 8 * channels;
    }

    public int bytesPerSecond() {
        return sampleRate * frameBytes();
    }

    /** Whole frames lasting about {@code millis}, at least one frame. */
    public int bytesFor(int millis) {
        long frames = Math.max(1, (long) sampleRate * millis / 1000);
        return Math.toIntExact(frames * frameBytes());
    }

    public Duration durationOf(long bytes) {
        return Duration.ofNanos(bytes * 1_000_000_000L / bytesPerSecond());
    }
}
