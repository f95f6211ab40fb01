package cn.yzz.kiosk.app.voice;

import cn.yzz.kiosk.app.i18n.Language;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * espeak-ng as a separate process: {@code espeak-ng -b 1 -v VOICE -s WPM --stdout}, the text on its
 * standard input (so a surname or an amount never shows on a command line in the process list) and
 * the WAV read from its standard output (so nothing is written to disk). A process that does not
 * finish within the timeout is destroyed. Thread-safe.
 */
final class EspeakSynthesizer implements Synthesizer {

    /**
     * Words per minute. espeak-ng's own default, 175, is brisk for synthetic Chinese heard in a busy
     * village office by people who may not use that language every day; 160 is clear without
     * dragging. Elder mode is 120, a quarter slower: a slower rate is what helps older listeners
     * most, and below about 110 espeak-ng stretches vowels until it sounds drawn out, not clearer.
     */
    static final int NORMAL_WPM = 160;
    static final int SLOW_WPM = 120;

    /** A prompt takes 20–100 ms to synthesise; ten seconds means espeak-ng is stuck. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    // espeak-ng 1.51's hak rules have no yang-ru (tone 6) for the finals ia̍, ie̍, iu̍ after a
    // consonant (月 ngie̍t came out as two syllables, 續 siu̍k in tone 1), but they have it for
    // ya̍, ye̍, yu̍: so ngie̍t is given to espeak-ng as ngye̍t. The bundles keep proper Pha̍k-fa-sṳ.
    private static final Pattern HAKKA_YANG_RU_GLIDE = Pattern.compile("(?<=[A-Za-z])i(?=[aeu]\u030D)");

    // espeak-ng 1.51's Mandarin dictionary misreads these polyphones (长辈 as cháng, 重新 as zhòng);
    // cmn-latn-pinyin reads pinyin with tone numbers, so they are given to it as pinyin.
    private static final Map<String, String> MANDARIN_FIXES =
            Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("长辈", " zhang3 bei4 ", "重新", " chong2 xin1 ")));

    /** Part of the cache key: a change to the respellings above makes the cached recordings again. */
    private static final String TEXT_RULES =
            Integer.toHexString((MANDARIN_FIXES.toString() + HAKKA_YANG_RU_GLIDE.pattern()).hashCode());

    private final Path binary;
    private final Duration timeout;
    private String version; // guarded by this

    EspeakSynthesizer(Path binary) {
        this(binary, TIMEOUT);
    }

    EspeakSynthesizer(Path binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** espeak-ng as found on PATH; when it is not there, one whose {@link #problem()} says so. */
    static EspeakSynthesizer onPath() {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            try {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "espeak-ng").toAbsolutePath();
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new EspeakSynthesizer(candidate);
                }
            } catch (InvalidPathException e) {
                // not a directory name: skip it
            }
        }
        return new EspeakSynthesizer(Path.of("espeak-ng"));
    }

    Path binary() {
        return binary;
    }

    @Override
    public Optional<String> problem() {
        if (!binary.isAbsolute()) {
            return Optional.of("espeak-ng is not installed (not found on PATH; apt-get install espeak-ng)");
        }
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            return Optional.of("espeak-ng is not installed (" + binary + " is missing or not executable)");
        }
        return Optional.empty();
    }

    @Override
    public synchronized String engine(Language language, boolean slow) throws SynthesisException {
        if (version == null) {
            // "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/…/espeak-ng-data": version and data
            String out = new String(run(List.of(binary.toString(), "--version"), new byte[0]), StandardCharsets.UTF_8);
            version = out.lines().findFirst().orElse("").strip();
            if (version.isEmpty()) {
                throw new SynthesisException(binary + " --version printed nothing");
            }
        }
        return version + "|" + TEXT_RULES + "|" + language.espeakVoice() + "|" + wpm(slow);
    }

    @Override
    public byte[] synthesize(String text, Language language, boolean slow) throws SynthesisException {
        List<String> command = List.of(binary.toString(), "-b", "1", "-v", language.espeakVoice(),
                "-s", Integer.toString(wpm(slow)), "--stdout");
        byte[] wav = run(command, textFor(text, language).getBytes(StandardCharsets.UTF_8));
        try {
            return Wav.withTrueSizes(wav);
        } catch (IllegalArgumentException e) {
            throw new SynthesisException("espeak-ng -v " + language.espeakVoice() + " gave no WAV: " + e.getMessage(), e);
        }
    }

    /**
     * The text as espeak-ng 1.51 needs it: accents composed (its hak rules match a precomposed ó),
     * Mandarin polyphones it misreads as pinyin, Hakka yang-ru finals respelt.
     */
    static String textFor(String text, Language language) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return switch (language) {
            case PUTONGHUA -> {
                String fixed = nfc;
                for (Map.Entry<String, String> fix : MANDARIN_FIXES.entrySet()) {
                    fixed = fixed.replace(fix.getKey(), fix.getValue());
                }
                yield fixed;
            }
            case HAKKA -> HAKKA_YANG_RU_GLIDE.matcher(nfc).replaceAll("y");
            case CANTONESE, ENGLISH -> nfc;
        };
    }

    static int wpm(boolean slow) {
        return slow ? SLOW_WPM : NORMAL_WPM;
    }

    /** Runs the command with that input and returns its standard output. */
    private byte[] run(List<String> command, byte[] input) throws SynthesisException {
        String what = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new SynthesisException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        // The watchdog destroys a stuck process, which also ends the reads below. It runs on the JDK's
        // delay-scheduler thread (Runnable::run), and not at all once cancelled.
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            timedOut.set(true);
            p.destroyForcibly();
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS, Runnable::run));
        try {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // it exited without reading its input; its error output says why
            }
            byte[] out = p.getInputStream().readAllBytes();
            // Its error output is a few lines at most, so reading it after the output cannot block it.
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                timedOut.set(true);
            }
            if (timedOut.get()) {
                throw new SynthesisException(what + " did not finish within " + timeout.toMillis() + " ms and was stopped"
                        + (err.isEmpty() ? "" : ": " + err));
            }
            if (p.exitValue() != 0) {
                throw new SynthesisException(what + " failed with exit code " + p.exitValue() + (err.isEmpty() ? "" : ": " + err));
            }
            return out;
        } catch (IOException e) {
            if (timedOut.get()) { // destroying the process closed its streams under our reads
                throw new SynthesisException(what + " did not finish within " + timeout.toMillis() + " ms and was stopped", e);
            }
            throw new SynthesisException(what + " could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthesisException(what + " was interrupted", e);
        } finally {
            watchdog.cancel(false);
            if (p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(1, TimeUnit.SECONDS); // so that a stopped process is gone when we return
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
