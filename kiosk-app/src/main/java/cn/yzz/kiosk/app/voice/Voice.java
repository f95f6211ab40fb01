package cn.yzz.kiosk.app.voice;

import cn.yzz.kiosk.app.i18n.Language;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosk's voice, the one class the app uses: says a {@link Prompt} in the language chosen on
 * screen, slowly in elder mode.
 *
 * <p>Threads: {@link #say}, {@link #stop}, {@link #warm} and {@link #available} may be called from
 * any thread, the JavaFX thread included, and return at once: synthesis (espeak-ng), the cache on
 * disk and the sound card are used only by the voice's own daemon thread {@code kiosk-voice}. A
 * newer {@code say} replaces whatever is being said: the older prompt stops within one 20 ms slice
 * of audio, and a prompt overtaken before it started is never played. {@link #warm} fills the disk
 * cache on the same thread when nothing is to be said, so it never delays a prompt by more than
 * one synthesis.
 *
 * <p>Failures never reach the caller: without espeak-ng or an audio device the voice stays silent
 * and says why once in the log ({@code cn.yzz.kiosk.app.voice}); the kiosk goes on with text only.
 * A prompt that cannot be synthesised is logged (once per reason) and skipped.
 */
public final class Voice implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.voice");

    /** Audio goes to the device in slices this long, so a newer prompt cuts in within one slice. */
    private static final int SLICE_MS = 20;

    /** How long close() waits for the voice thread (a synthesis under way is at most a few hundred ms). */
    private static final long CLOSE_WAIT_MS = 2000;

    private final Synthesizer synthesizer;
    private final PromptCache cache;
    private final AudioOut out;
    private final VoicePrompts prompts = VoicePrompts.load();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** Bumped by say, stop and close: audio of an older generation is dropped, mid-prompt if need be. */
    private final AtomicLong generation = new AtomicLong();

    private final Object lock = new Object();
    private Request next; // guarded by lock: the newest say, not yet started
    private final Deque<WarmBatch> warming = new ArrayDeque<>(); // guarded by lock
    private volatile boolean closed; // written under lock
    private volatile String silence; // why the voice stays silent, or null
    private final Thread thread; // null when silent from the start

    /**
     * espeak-ng from PATH and the sound card through Java Sound, caching argument-free prompts under
     * {@code cacheDir}. Without either, a voice that stays silent and says why once in the log.
     * Looks for the binary and the audio device: call it off the JavaFX thread (start-up).
     */
    public static Voice create(Path cacheDir) {
        return new Voice(EspeakSynthesizer.onPath(), new PromptCache(cacheDir), new JavaSoundOut());
    }

    /** A voice over these parts (tests use fakes); starts the kiosk-voice thread unless one of them reports a problem. */
    public Voice(Synthesizer synthesizer, PromptCache cache, AudioOut out) {
        this.synthesizer = Objects.requireNonNull(synthesizer, "synthesizer");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.out = Objects.requireNonNull(out, "out");
        Optional<String> problem = synthesizer.problem().or(out::problem);
        if (problem.isPresent()) {
            fallSilent(problem.get());
            thread = null;
        } else {
            thread = new Thread(this::run, "kiosk-voice");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The prompt texts, their keys and the argument-free prompts (what {@link #warm} takes). */
    public VoicePrompts prompts() {
        return prompts;
    }

    /** False once the voice is silent (no espeak-ng, no audio device) or closed. */
    public boolean available() {
        return silence == null && !closed;
    }

    /**
     * Says the prompt instead of whatever is being said. Returns at once.
     *
     * @throws IllegalArgumentException for an unknown key or the wrong number of arguments: a
     *                                  programming error, reported even when the voice is silent
     */
    public void say(Prompt prompt, Language language, boolean slow) {
        prompts.check(prompt);
        Objects.requireNonNull(language, "language");
        synchronized (lock) {
            if (closed || silence != null) {
                return;
            }
            next = new Request(prompt, language, slow, generation.incrementAndGet());
            lock.notifyAll();
        }
    }

    /** Stops speaking at once (a prompt not yet started is dropped). Returns at once. */
    public void stop() {
        synchronized (lock) {
            next = null;
            generation.incrementAndGet();
        }
    }

    /**
     * Caches the argument-free ones of these prompts in every language at both speeds, in the
     * background and only while nothing is to be said. Prompts with arguments are skipped. Returns at
     * once; the future completes (on the voice thread) when warming is over, or given up because the
     * voice fell silent or closed. Failures are logged.
     *
     * @throws IllegalArgumentException for an unknown key or the wrong number of arguments
     */
    public CompletableFuture<Void> warm(Collection<Prompt> toWarm) {
        List<Variant> variants = new ArrayList<>();
        for (Prompt prompt : toWarm) {
            prompts.check(prompt);
            if (!prompt.hasArguments()) {
                for (Language language : Language.values()) {
                    variants.add(new Variant(prompt, language, false));
                    variants.add(new Variant(prompt, language, true));
                }
            }
        }
        WarmBatch batch = new WarmBatch(variants);
        synchronized (lock) {
            if (closed || silence != null || variants.isEmpty()) {
                batch.done.complete(null);
            } else {
                warming.add(batch);
                lock.notifyAll();
            }
        }
        return batch.done.copy();
    }

    /** Stops speaking and ends the voice thread, waiting for it at most 2 s. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            next = null;
            generation.incrementAndGet();
            giveUpWarming();
            lock.notifyAll();
        }
        if (thread == null) {
            out.close();
            return;
        }
        try {
            thread.join(CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning("voice thread still busy " + CLOSE_WAIT_MS + " ms after close; left to end by itself");
        }
    }

    Thread thread() {
        return thread;
    }

    // Voice thread //

    private void run() {
        try {
            cache.removeLeftovers();
        } catch (IOException e) {
            warnOnce("voice cache " + cache.dir() + " cannot be tidied: " + e.getMessage());
        }
        try {
            while (true) {
                Request request;
                Variant variant = null;
                WarmBatch finished = null;
                synchronized (lock) {
                    while (!closed && next == null && warming.isEmpty()) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    request = next;
                    next = null;
                    if (request == null) {
                        WarmBatch batch = warming.element();
                        variant = batch.variants.get(batch.next++);
                        if (batch.next == batch.variants.size()) {
                            finished = warming.remove();
                        }
                    }
                }
                try {
                    if (request != null) {
                        speak(request);
                    } else {
                        warm(variant);
                    }
                } catch (RuntimeException e) {
                    if (logged.add(e.toString())) {
                        LOG.log(Level.WARNING, "voice prompt failed", e);
                    }
                } finally {
                    if (finished != null) {
                        finished.done.complete(null);
                    }
                }
            }
        } catch (InterruptedException e) {
            // nobody interrupts this thread; if someone does, it ends like after close()
        } finally {
            out.close(); // the voice thread owns the device
        }
    }

    private void speak(Request request) {
        String text = prompts.text(request.prompt(), request.language());
        byte[] wav;
        try {
            wav = recording(request.prompt(), text, request.language(), request.slow());
        } catch (SynthesisException e) {
            warnOnce(e.getMessage(), "voice prompt " + request.prompt().key() + " (" + request.language()
                    + (request.slow() ? ", slow" : "") + ") not spoken: " + e.getMessage());
            return;
        }
        if (generation.get() == request.generation()) {
            play(Wav.read(wav), request.generation());
        }
    }

    /** From the cache or synthesised; a prompt with arguments only ever in memory. */
    private byte[] recording(Prompt prompt, String text, Language language, boolean slow) throws SynthesisException {
        if (prompt.hasArguments()) {
            return synthesizer.synthesize(text, language, slow);
        }
        String engine = synthesizer.engine(language, slow);
        try {
            Optional<byte[]> cached = cache.find(engine, text);
            if (cached.isPresent()) {
                return cached.get();
            }
        } catch (IOException e) {
            warnOnce("voice cache " + cache.dir() + " cannot be read: " + e.getMessage());
        }
        byte[] wav = synthesizer.synthesize(text, language, slow);
        store(prompt, engine, text, wav);
        return wav;
    }

    private void play(Wav.Pcm pcm, long playing) {
        try {
            out.stop(); // whatever the previous prompt left in the device's buffer
            out.open(pcm.format());
            int slice = pcm.format().bytesFor(SLICE_MS);
            for (int at = 0; at < pcm.length(); at += slice) {
                if (generation.get() != playing) {
                    out.stop();
                    return;
                }
                out.write(pcm.bytes(), pcm.offset() + at, Math.min(slice, pcm.length() - at));
            }
        } catch (AudioUnavailableException e) {
            fallSilent(e.getMessage());
        }
    }

    private void warm(Variant v) {
        String text = prompts.text(v.prompt(), v.language());
        try {
            String engine = synthesizer.engine(v.language(), v.slow());
            if (!cache.contains(engine, text)) {
                store(v.prompt(), engine, text, synthesizer.synthesize(text, v.language(), v.slow()));
            }
        } catch (SynthesisException e) {
            warnOnce(e.getMessage(), "voice prompt " + v.prompt().key() + " (" + v.language() + (v.slow() ? ", slow" : "")
                    + ") not cached: " + e.getMessage());
        }
    }

    private void store(Prompt prompt, String engine, String text, byte[] wav) {
        try {
            cache.store(prompt, engine, text, wav);
        } catch (IOException e) {
            warnOnce("voice cache " + cache.dir() + " cannot be written: " + e.getMessage());
        }
    }

    private void fallSilent(String why) {
        silence = why;
        warnOnce("voice prompts are off, the kiosk shows text only: " + why);
        synchronized (lock) {
            next = null;
            giveUpWarming();
        }
    }

    private void giveUpWarming() { // under lock
        warming.forEach(batch -> batch.done.complete(null));
        warming.clear();
    }

    private void warnOnce(String message) {
        warnOnce(message, message);
    }

    /** Logs the message the first time this reason comes up: a broken espeak-ng fails every prompt alike. */
    private void warnOnce(String reason, String message) {
        if (logged.add(reason)) {
            LOG.warning(message);
        }
    }

    private record Request(Prompt prompt, Language language, boolean slow, long generation) {}

    private record Variant(Prompt prompt, Language language, boolean slow) {}

    private static final class WarmBatch {
        final List<Variant> variants;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int next; // guarded by Voice.lock

        WarmBatch(List<Variant> variants) {
            this.variants = variants;
        }
    }
}
