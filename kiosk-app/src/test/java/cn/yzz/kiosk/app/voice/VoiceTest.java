package cn.yzz.kiosk.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.app.i18n.Language;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.SourceDataLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceTest {

    @TempDir
    Path data;

    private final FakeSynthesizer synth = new FakeSynthesizer();
    private final RecordingOut out = RecordingOut.instant();
    private final VoicePrompts prompts = VoicePrompts.load();
    private final Logger logger = Logger.getLogger("cn.yzz.kiosk.app.voice"); // held: JUL keeps loggers weakly
    private final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            log.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final List<Voice> voices = new ArrayList<>();

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void tearDown() {
        voices.forEach(Voice::close);
        logger.removeHandler(handler);
    }

    @Test
    void saysAPromptInTheChosenLanguage() throws Exception {
        Voice voice = voice(synth, out);

        voice.say(Prompt.of("take.card"), Language.CANTONESE, false);

        out.awaitPlayedEnding(pcmOf(Prompt.of("take.card"), Language.CANTONESE));
        assertThat(synth.calls()).containsExactly("請攞走你嘅身份證。");
        assertThat(voice.available()).isTrue();
    }

    @Test
    void aCachedPromptIsPlayedFromDiskWithoutSynthesisOrANewFile() throws Exception {
        Voice voice = voice(synth, out);
        byte[] pcm = pcmOf(Prompt.of("end"), Language.PUTONGHUA);
        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);
        out.awaitPlayedEnding(pcm);
        List<String> files = PromptCacheTest.files(cacheDir());
        Path file = cacheDir().resolve(files.get(0));
        FileTime written = Files.getLastModifiedTime(file);
        int before = out.played().length;

        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);
        out.awaitPlayedEnding(pcm, before);

        assertThat(synth.calls()).hasSize(1);
        assertThat(out.played().length - before).as("the same bytes again").isEqualTo(pcm.length);
        assertThat(PromptCacheTest.files(cacheDir())).isEqualTo(files).hasSize(1);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
    }

    @Test
    void promptsWithArgumentsNeverTouchTheDisk() throws Exception {
        Voice voice = voice(synth, out);
        List<Prompt> personal = List.of(
                Prompt.of("identify.done", Spoken.honorific("陈*", false)),
                Prompt.of("idle.warning", Spoken.count(10)),
                Prompt.of("help", Spoken.digits("0768-2345671")),
                Prompt.of("receipt.summary", Spoken.amount(new BigDecimal("380.05")), Spoken.date(LocalDate.of(2026, 11, 22)),
                        Spoken.digits("2611220001")));

        for (Prompt prompt : personal) {
            voice.say(prompt, Language.PUTONGHUA, false);
            out.awaitPlayedEnding(pcmOf(prompt, Language.PUTONGHUA));
        }
        voice.warm(personal).get(10, TimeUnit.SECONDS);
        voice.close();

        assertThat(synth.calls()).hasSize(4).anySatisfy(text -> assertThat(text).startsWith("陈先生"));
        assertThat(PromptCacheTest.files(cacheDir())).as("nothing on disk").isEmpty();
        assertThat(log).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("陈"));
    }

    @Test
    void aNewerPromptCutsOffTheOlderMidSentence() throws Exception {
        Voice voice = voice(synth, out);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch gate = out.holdNextWrite(writing);
        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);
        assertThat(writing.await(10, TimeUnit.SECONDS)).as("home started playing").isTrue();

        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);
        gate.countDown();
        byte[] end = pcmOf(Prompt.of("end"), Language.PUTONGHUA);
        out.awaitPlayedEnding(end);

        int slice = Wavs.FORMAT.bytesFor(20);
        assertThat(out.played().length).as("one slice of home, then all of end").isEqualTo(slice + end.length);
        List<String> events = out.events();
        assertThat(events.subList(events.indexOf("write") + 1, events.size())).startsWith("stop");
    }

    @Test
    void aPromptOvertakenWhileBeingSynthesisedIsNeverPlayed() throws Exception {
        Voice voice = voice(synth, out);
        String home = prompts.text(Prompt.of("home"), Language.PUTONGHUA);
        CountDownLatch gate = synth.holdAt(home);
        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);
        assertThat(synth.started.poll(10, TimeUnit.SECONDS)).isEqualTo(home);

        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);
        gate.countDown();
        byte[] end = pcmOf(Prompt.of("end"), Language.PUTONGHUA);
        out.awaitPlayedEnding(end);

        assertThat(out.played()).as("only end was played").isEqualTo(end);
    }

    @Test
    void onlyTheNewestOfPromptsSaidInARowIsPlayed() throws Exception {
        Voice voice = voice(synth, out);
        String home = prompts.text(Prompt.of("home"), Language.PUTONGHUA);
        CountDownLatch gate = synth.holdAt(home);
        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);
        assertThat(synth.started.poll(10, TimeUnit.SECONDS)).isEqualTo(home);

        voice.say(Prompt.of("services"), Language.PUTONGHUA, false);
        voice.say(Prompt.of("identify.place"), Language.PUTONGHUA, false);
        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);
        gate.countDown();
        out.awaitPlayedEnding(pcmOf(Prompt.of("end"), Language.PUTONGHUA));

        assertThat(synth.calls()).as("services and identify.place were replaced before they started")
                .containsExactly(home, prompts.text(Prompt.of("end"), Language.PUTONGHUA));
    }

    @Test
    void stopSilencesAtOnce() throws Exception {
        Voice voice = voice(synth, out);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch gate = out.holdNextWrite(writing);
        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        int eventsBefore = out.events().size();

        voice.stop();
        gate.countDown();
        out.awaitEvent("stop", eventsBefore);

        assertThat(out.played()).hasSize(Wavs.FORMAT.bytesFor(20));
    }

    @Test
    void elderModeAsksForSlowSpeech() throws Exception {
        List<Boolean> speeds = new CopyOnWriteArrayList<>();
        Synthesizer recording = new Synthesizer() {
            @Override
            public java.util.Optional<String> problem() {
                return java.util.Optional.empty();
            }

            @Override
            public String engine(Language language, boolean slow) {
                return "fake|" + slow;
            }

            @Override
            public byte[] synthesize(String text, Language language, boolean slow) {
                speeds.add(slow);
                return FakeSynthesizer.wavOf(text);
            }
        };
        Voice voice = voice(recording, out);

        voice.say(Prompt.of("elder.on"), Language.HAKKA, true);
        out.awaitPlayedEnding(pcmOf(Prompt.of("elder.on"), Language.HAKKA));

        assertThat(speeds).containsExactly(true);
    }

    @Test
    void warmingCachesEveryArgumentFreePromptInEveryLanguageAtBothSpeeds() throws Exception {
        Voice voice = voice(synth, out);
        List<Prompt> all = new ArrayList<>(prompts.withoutArguments());
        all.add(Prompt.of("idle.warning", Spoken.count(10)));

        voice.warm(all).get(30, TimeUnit.SECONDS);

        int expected = prompts.withoutArguments().size() * Language.values().length * 2;
        assertThat(new PromptCache(cacheDir()).usage().files()).isEqualTo(expected);
        assertThat(synth.calls()).hasSize(expected).noneMatch(text -> text.contains("秒后回到首页"));
        voice.warm(all).get(30, TimeUnit.SECONDS);
        assertThat(synth.calls()).as("warm again: all cached").hasSize(expected);
    }

    @Test
    void aSayWaitingBehindWarmingGoesBeforeTheRestOfIt() throws Exception {
        Voice voice = voice(synth, out);
        String first = prompts.text(Prompt.of("elder.off"), Language.PUTONGHUA);
        CountDownLatch gate = synth.holdAt(first);
        voice.warm(List.of(Prompt.of("elder.off"), Prompt.of("elder.on")));
        assertThat(synth.started.poll(10, TimeUnit.SECONDS)).isEqualTo(first);

        voice.say(Prompt.of("help.nophone"), Language.ENGLISH, false);
        gate.countDown();
        out.awaitPlayedEnding(pcmOf(Prompt.of("help.nophone"), Language.ENGLISH));

        assertThat(synth.calls().get(1)).isEqualTo(prompts.text(Prompt.of("help.nophone"), Language.ENGLISH));
    }

    @Test
    void withoutAnAudioDeviceAtStartTheVoiceIsSilentAndSaysWhyOnce() {
        Voice voice = voice(synth, RecordingOut.withProblem("no audio output device"));

        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);
        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);

        assertThat(voice.available()).isFalse();
        assertThat(voice.thread()).as("no thread for a silent voice").isNull();
        assertThat(synth.calls()).isEmpty();
        assertThat(warnings()).singleElement().satisfies(m -> assertThat(m).contains("no audio output device", "text only"));
    }

    @Test
    void whenTheAudioDeviceCannotBeOpenedTheVoiceFallsSilentAndSaysWhyOnce() throws Exception {
        RecordingOut broken = RecordingOut.failingToOpen("No line matching interface SourceDataLine is supported.");
        Voice voice = voice(synth, broken);

        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);
        broken.awaitEvent("open", 0);
        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);
        voice.say(Prompt.of("take.card"), Language.PUTONGHUA, false);
        voice.close(); // joins the voice thread: everything said has been dealt with

        assertThat(voice.available()).isFalse();
        assertThat(broken.played()).isEmpty();
        assertThat(warnings()).singleElement().satisfies(m -> assertThat(m).contains("No line matching", "text only"));
    }

    /**
     * The real parts as the kiosk builds them. Runs on every machine: without a line to play on (CI, this
     * box) the voice is silent and says why once; with one, it is available and says nothing.
     */
    @Test
    void theRealVoiceFollowsTheMachinesSoundCard() {
        boolean soundCard = AudioSystem.isLineSupported(new Line.Info(SourceDataLine.class));
        Voice voice = Voice.create(cacheDir());
        voices.add(voice);

        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);

        assertThat(voice.available()).isEqualTo(soundCard);
        if (soundCard) {
            assertThat(warnings()).isEmpty();
        } else {
            assertThat(warnings()).singleElement().satisfies(m -> assertThat(m).contains("no audio output device"));
        }
    }

    @Test
    void withoutEspeakTheVoiceIsSilentSaysWhyOnceAndSayDoesNotThrow() {
        Voice voice = voice(new EspeakSynthesizer(data.resolve("bin/espeak-ng")), out);

        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);
        voice.say(Prompt.of("identify.done", Spoken.honorific("陈*", true)), Language.CANTONESE, true);
        voice.warm(prompts.withoutArguments());

        assertThat(voice.available()).isFalse();
        assertThat(out.played()).isEmpty();
        assertThat(warnings()).singleElement().satisfies(m -> assertThat(m).contains("espeak-ng is not installed"));
    }

    @Test
    void aPromptThatCannotBeSynthesisedIsLoggedOnceAndTheVoiceGoesOn() throws Exception {
        synth.failOn("办理完成", "espeak-ng failed with exit code 1: out of memory");
        Voice voice = voice(synth, out);

        String end = prompts.text(Prompt.of("end"), Language.PUTONGHUA);
        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);
        assertThat(synth.started.poll(10, TimeUnit.SECONDS)).isEqualTo(end);
        voice.say(Prompt.of("take.card"), Language.PUTONGHUA, false);
        out.awaitPlayedEnding(pcmOf(Prompt.of("take.card"), Language.PUTONGHUA));
        synth.started.clear();
        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);
        assertThat(synth.started.poll(10, TimeUnit.SECONDS)).isEqualTo(end);
        voice.say(Prompt.of("take.receipt"), Language.PUTONGHUA, false);
        out.awaitPlayedEnding(pcmOf(Prompt.of("take.receipt"), Language.PUTONGHUA));

        assertThat(voice.available()).isTrue();
        assertThat(warnings()).singleElement().satisfies(m -> assertThat(m).contains("end", "out of memory"));
    }

    @Test
    void sayRefusesUnknownKeysAndWrongArgumentsEvenWhenSilent() {
        Voice silent = voice(synth, RecordingOut.withProblem("no audio output device"));
        assertThatThrownBy(() -> silent.say(Prompt.of("hello"), Language.PUTONGHUA, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> silent.say(Prompt.of("help"), Language.PUTONGHUA, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeEndsTheThreadIsIdempotentAndLaterSaysAreIgnored() throws Exception {
        Voice voice = voice(synth, out);
        voice.say(Prompt.of("home"), Language.PUTONGHUA, false);
        Thread thread = voice.thread();
        assertThat(thread.getName()).isEqualTo("kiosk-voice");
        assertThat(thread.isDaemon()).isTrue();

        voice.close();
        voice.close();
        voice.say(Prompt.of("end"), Language.PUTONGHUA, false);

        assertThat(thread.isAlive()).isFalse();
        assertThat(voice.available()).isFalse();
        assertThat(out.events()).endsWith("close");
        assertThat(voice.warm(prompts.withoutArguments())).isDone();
    }

    private Voice voice(Synthesizer synthesizer, AudioOut audio) {
        Voice voice = new Voice(synthesizer, new PromptCache(cacheDir()), audio);
        voices.add(voice);
        return voice;
    }

    private Path cacheDir() {
        return data.resolve("voice-cache");
    }

    private byte[] pcmOf(Prompt prompt, Language language) {
        return Wavs.pcm(FakeSynthesizer.wavOf(prompts.text(prompt, language)));
    }

    private List<String> warnings() {
        return log.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }
}
