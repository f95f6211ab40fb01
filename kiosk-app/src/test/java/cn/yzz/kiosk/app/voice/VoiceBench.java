package cn.yzz.kiosk.app.voice;

import cn.yzz.kiosk.app.i18n.Language;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The voice with the real espeak-ng: synthesis time per prompt per language, the disk cache after
 * warming, and playback start (say() to the first PCM handed to the audio output) from the cache
 * and uncached. This machine has no sound card, so the audio output is a recording that takes PCM
 * at real-time rate. Prints figures beside the limits; benchmarks do not assert timings.
 */
@Tag("bench")
class VoiceBench {

    private static final long SYNTHESIS_LIMIT_MS = 300;
    private static final long CACHE_LIMIT_KIB = 64 * 1024;
    private static final long CACHED_START_LIMIT_MS = 50;
    private static final long UNCACHED_START_LIMIT_MS = 300;

    @TempDir
    Path data;

    private final VoicePrompts prompts = VoicePrompts.load();

    @Test
    void voice() throws Exception {
        System.out.println("BENCH note: no sound card on this machine; the audio output is a recording that consumes PCM at real-time rate");
        EspeakSynthesizer espeak = Espeak.synthesizer();
        synthesis(espeak);
        RecordingOut out = RecordingOut.realTime();
        try (Voice voice = new Voice(espeak, new PromptCache(data.resolve("voice-cache")), out)) {
            playbackStart(voice, out, "uncached (empty cache, espeak-ng runs)", prompts.withoutArguments(), UNCACHED_START_LIMIT_MS);

            long t0 = System.nanoTime();
            voice.warm(prompts.withoutArguments()).get(10, TimeUnit.MINUTES);
            long warmMs = (System.nanoTime() - t0) / 1_000_000;
            PromptCache.Usage usage = new PromptCache(data.resolve("voice-cache")).usage();
            long kib = usage.bytes() / 1024;
            System.out.printf("BENCH voice cache after warming %d prompts x %d languages x 2 speeds: %d files, %d KiB (limit %d KiB) %s   warming took %d ms%n",
                    prompts.withoutArguments().size(), Language.values().length, usage.files(), kib, CACHE_LIMIT_KIB,
                    kib <= CACHE_LIMIT_KIB ? "PASS" : "OVER", warmMs);

            playbackStart(voice, out, "from the cache", prompts.withoutArguments(), CACHED_START_LIMIT_MS);
            playbackStart(voice, out, "with arguments (always synthesised, in memory)", withArguments(), UNCACHED_START_LIMIT_MS);
            cutIn(voice, out);
        }
    }

    /** espeak-ng on every argument-free prompt, per language and speed. */
    private void synthesis(EspeakSynthesizer espeak) throws Exception {
        for (Language language : Language.values()) {
            espeak.synthesize(prompts.text(Prompt.of("end"), language), language, false); // espeak-ng's data into the page cache
            for (boolean slow : new boolean[] {false, true}) {
                List<Long> times = new ArrayList<>();
                for (Prompt prompt : prompts.withoutArguments()) {
                    String text = prompts.text(prompt, language);
                    long t0 = System.nanoTime();
                    espeak.synthesize(text, language, slow);
                    times.add((System.nanoTime() - t0) / 1_000_000);
                }
                report(String.format("espeak-ng synthesis per prompt, %s (-v %s -s %d), %d prompts", language, language.espeakVoice(),
                        EspeakSynthesizer.wpm(slow), times.size()), times, SYNTHESIS_LIMIT_MS);
            }
        }
    }

    /** say() on an idle voice, to the first PCM handed to the audio output, for every prompt in every language. */
    private void playbackStart(Voice voice, RecordingOut out, String what, List<Prompt> list, long limit) throws Exception {
        List<Long> times = new ArrayList<>();
        for (Language language : Language.values()) {
            for (Prompt prompt : list) {
                var first = out.nextWrite();
                long t0 = System.nanoTime();
                voice.say(prompt, language, false);
                long t1 = first.get(30, TimeUnit.SECONDS);
                times.add((t1 - t0) / 1_000_000);
                int events = out.events().size();
                voice.stop();
                out.awaitEvent("stop", events); // idle again before the next one
            }
        }
        report("voice playback start " + what + ", say() to first PCM", times, limit);
    }

    /** say() while another prompt is playing: the newer one's first PCM (includes cutting off the older). */
    private void cutIn(Voice voice, RecordingOut out) throws Exception {
        List<Long> times = new ArrayList<>();
        List<Prompt> list = prompts.withoutArguments();
        for (int i = 0; i < list.size(); i++) {
            var playing = out.nextWrite();
            voice.say(list.get(i), Language.PUTONGHUA, false);
            playing.get(30, TimeUnit.SECONDS);
            var first = out.nextWrite();
            long t0 = System.nanoTime();
            voice.say(list.get((i + 1) % list.size()), Language.CANTONESE, false);
            times.add((first.get(30, TimeUnit.SECONDS) - t0) / 1_000_000);
        }
        voice.stop();
        report("voice playback start from the cache while another prompt plays, say() to first PCM", times, CACHED_START_LIMIT_MS);
    }

    private List<Prompt> withArguments() {
        return List.of(
                Prompt.of("identify.done", Spoken.honorific("陈*", false)),
                Prompt.of("idle.warning", Spoken.count(10)),
                Prompt.of("help", Spoken.digits("0768-2345671")),
                Prompt.of("receipt.summary", Spoken.amount(new BigDecimal("380.05")), Spoken.date(LocalDate.of(2026, 11, 22)),
                        Spoken.digits("2611220001")));
    }

    private static void report(String what, List<Long> times, long limit) {
        List<Long> sorted = times.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        System.out.printf("BENCH %s: median %d ms, p95 %d ms (limit %d ms) %s   n=%d max %d ms%n",
                what, median, p95, limit, p95 <= limit ? "PASS" : "OVER", times.size(), sorted.get(sorted.size() - 1));
    }
}
