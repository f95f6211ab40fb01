package cn.yzz.kiosk.app.voice;

/** The audio device cannot be opened (missing, busy, or the format is not supported). */
public class AudioUnavailableException extends Exception {

    public AudioUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
