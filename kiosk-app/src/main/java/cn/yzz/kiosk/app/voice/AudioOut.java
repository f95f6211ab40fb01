package cn.yzz.kiosk.app.voice;

import java.util.Optional;

/**
 * Where the voice's PCM goes: the sound card, or a recording in tests. Used from the voice's own
 * thread only, so implementations need not be thread-safe. The voice writes a prompt in slices of
 * about 20 ms and calls {@link #stop()} before the next prompt, so a newer prompt cuts in at once.
 */
public interface AudioOut extends AutoCloseable {

    /** Why nothing can be played at all (no audio device), or empty. Cheap. */
    Optional<String> problem();

    /** Ready to play this format; cheap when already open in it. Starts playing again after {@link #stop()}. */
    void open(PcmFormat format) throws AudioUnavailableException;

    /** Queues samples to be played; blocks while the device's buffer is full, so it keeps pace with real time. */
    void write(byte[] pcm, int offset, int length);

    /** Stops at once, dropping what is queued and not yet played. */
    void stop();

    /** Releases the device. Idempotent. */
    @Override
    void close();
}
