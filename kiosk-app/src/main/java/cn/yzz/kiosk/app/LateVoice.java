package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Voice;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosk's voice, made once the home screen is drawn: finding espeak-ng and asking Java Sound for
 * the sound card take a while the first frame should not wait for. Until then the newest prompt waits
 * (a newer one replaces it, as with the voice itself) and is said as soon as the voice is there.
 * {@link #say} may be called from any thread and returns at once.
 */
final class LateVoice implements Shell.Speaker, AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.voice");

    private record Said(Prompt prompt, Language language, boolean slow) {}

    private final Supplier<Voice> make;
    private Voice voice; // guarded by this
    private Said waiting; // guarded by this
    private boolean warm; // guarded by this: warm the cache once the voice is made
    private boolean closed; // guarded by this

    LateVoice(Supplier<Voice> make) {
        this.make = make;
    }

    @Override
    public void say(Prompt prompt, Language language, boolean slow) {
        Voice v;
        synchronized (this) {
            v = voice;
            if (v == null) {
                if (!closed) {
                    waiting = new Said(prompt, language, slow);
                }
                return;
            }
        }
        v.say(prompt, language, slow);
    }

    /** Makes the voice (blocks for a moment: off the JavaFX thread) and says what waited for it. */
    void make() {
        Voice v = make.get();
        Said said;
        boolean warmNow;
        synchronized (this) {
            if (closed) {
                said = null;
                warmNow = false;
            } else {
                voice = v;
                said = waiting;
                waiting = null;
                warmNow = warm;
            }
        }
        if (voice() != v) {
            v.close(); // the kiosk closed meanwhile
            return;
        }
        if (said != null) {
            try {
                v.say(said.prompt(), said.language(), said.slow());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the voice failed; text only", e);
            }
        }
        if (warmNow) {
            v.warm(v.prompts().withoutArguments());
        }
    }

    /** Caches every argument-free prompt in the background, now or once the voice is made. */
    void warm() {
        Voice v;
        synchronized (this) {
            v = voice;
            warm = v == null;
        }
        if (v != null) {
            v.warm(v.prompts().withoutArguments());
        }
    }

    private synchronized Voice voice() {
        return voice;
    }

    @Override
    public void close() {
        Voice v;
        synchronized (this) {
            closed = true;
            waiting = null;
            v = voice;
        }
        if (v != null) {
            v.close();
        }
    }
}
