package cn.yzz.kiosk.app.voice;

import java.io.IOException;

/** The engine could not say something: not started, failed (with its error output), or too slow. */
public class SynthesisException extends IOException {

    public SynthesisException(String message) {
        super(message);
    }

    public SynthesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
