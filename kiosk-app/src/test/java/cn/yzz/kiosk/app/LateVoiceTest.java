package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.voice.AudioOut;
import cn.yzz.kiosk.app.voice.PcmFormat;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.PromptCache;
import cn.yzz.kiosk.app.voice.SynthesisException;
import cn.yzz.kiosk.app.voice.Synthesizer;
import cn.yzz.kiosk.app.voice.Voice;
import cn.yzz.kiosk.app.voice.VoicePrompts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The voice made after the first frame: what was said before it waits for it, and a close meanwhile is kept. */
class LateVoiceTest {

    private static final VoicePrompts PROMPTS = VoicePrompts.load();

    @TempDir
    Path dir;

    /** Records the texts the voice asks for; nothing is played (every synthesis "fails" once recorded). */
    private static final class Heard implements Synthesizer {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        @Override
        public Optional<String> problem() {
            return Optional.empty();
        }

        @Override
        public String engine(Language language, boolean slow) {
            return "test";
        }

        @Override
        public byte[] synthesize(String text, Language language, boolean slow) throws SynthesisException {
            texts.add(text);
            throw new SynthesisException("test: heard, not played");
        }
    }

    private static final class NoSound implements AudioOut {
        @Override
        public Optional<String> problem() {
            return Optional.empty();
        }

        @Override
        public void open(PcmFormat format) { }

        @Override
        public void write(byte[] pcm, int offset, int length) { }

        @Override
        public void stop() { }

        @Override
        public void close() { }
    }

    private final Heard heard = new Heard();
    private final AtomicReference<Voice> made = new AtomicReference<>();

    private LateVoice late() {
        return new LateVoice(() -> {
            Voice v = new Voice(heard, new PromptCache(dir.resolve("cache")), new NoSound());
            made.set(v);
            return v;
        });
    }

    private static String text(String key) {
        return PROMPTS.text(Prompt.of(key), Language.PUTONGHUA);
    }

    @Test
    void theNewestPromptSaidBeforeTheVoiceIsMadeIsSaidOnceItIs() throws Exception {
        try (LateVoice late = late()) {
            late.say(Prompt.of("home"), Language.PUTONGHUA, false);
            late.say(Prompt.of("elder.on"), Language.PUTONGHUA, false); // replaces the one waiting, as the voice does
            assertThat(made.get()).as("nothing made before the first frame").isNull();

            late.make();
            assertThat(heard.texts.poll(10, TimeUnit.SECONDS)).isEqualTo(text("elder.on"));
            late.say(Prompt.of("services"), Language.PUTONGHUA, false); // straight to the voice now
            assertThat(heard.texts.poll(10, TimeUnit.SECONDS)).isEqualTo(text("services"));
            List<String> all = new ArrayList<>();
            heard.texts.drainTo(all);
            assertThat(all).doesNotContain(text("home"));
        }
    }

    @Test
    void aKioskClosedBeforeTheVoiceIsMadeClosesItAtOnce() {
        LateVoice late = late();
        late.say(Prompt.of("home"), Language.PUTONGHUA, false);
        late.close();
        late.make();
        assertThat(made.get().available()).isFalse();
        assertThat(heard.texts).isEmpty();
    }

    @Test
    void warmingAskedForBeforeTheVoiceIsMadeStartsOnceItIs() throws Exception {
        try (LateVoice late = late()) {
            late.warm();
            late.make();
            assertThat(heard.texts.poll(10, TimeUnit.SECONDS)).as("a prompt synthesised for the cache").isNotNull();
        }
    }
}
