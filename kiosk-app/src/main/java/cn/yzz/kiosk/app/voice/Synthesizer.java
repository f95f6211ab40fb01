package cn.yzz.kiosk.app.voice;

import cn.yzz.kiosk.app.i18n.Language;
import java.util.Optional;

/**
 * Turns text into speech. Called from the voice's own thread only; the methods block.
 */
public interface Synthesizer {

    /** Why it cannot speak at all (e.g. the engine is not installed), or empty. Cheap: starts no process. */
    Optional<String> problem();

    /**
     * Everything besides the text that the audio depends on (engine and its version, voice, speed),
     * so a cached recording is used only for the same engine and settings.
     */
    String engine(Language language, boolean slow) throws SynthesisException;

    /**
     * A complete WAV (RIFF/WAVE, PCM) of the text spoken in that language, slowly in elder mode.
     * The text may carry personal data: it must not be written anywhere.
     */
    byte[] synthesize(String text, Language language, boolean slow) throws SynthesisException;
}
