package cn.yzz.kiosk.app.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recordings of argument-free prompts, one WAV file each under a directory (the app's
 * {@code DATA/voice-cache}), named by the SHA-256 of the engine (espeak-ng version, voice, speed)
 * and the text: a new espeak-ng or a changed text simply misses. Files are written to a temporary
 * name and moved into place atomically, so a reader never sees half a file.
 *
 * <p>Prompts with arguments are refused: they may carry a surname, an amount or a receipt number,
 * and are only ever held in memory. Used from the voice's own thread; safe for concurrent readers.
 */
public final class PromptCache {

    private static final String SUFFIX = ".wav";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;

    /** Creates nothing yet: the directory is made on the first write. */
    public PromptCache(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** Files and bytes of the recordings in the cache. */
    public record Usage(long files, long bytes) {}

    public Path dir() {
        return dir;
    }

    /** How many recordings there are and how much disk they take. */
    public Usage usage() throws IOException {
        if (!Files.isDirectory(dir)) {
            return new Usage(0, 0);
        }
        long files = 0;
        long bytes = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(p)) {
                    files++;
                    bytes += Files.size(p);
                }
            }
        }
        return new Usage(files, bytes);
    }

    /** The recording of this text by this engine, if cached and complete (a damaged file is removed). */
    Optional<byte[]> find(String engine, String text) throws IOException {
        Path file = file(engine, text);
        byte[] wav;
        try {
            wav = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (Wav.isComplete(wav)) {
            return Optional.of(wav);
        }
        Files.deleteIfExists(file);
        return Optional.empty();
    }

    boolean contains(String engine, String text) {
        return Files.isRegularFile(file(engine, text));
    }

    /**
     * Stores the recording of an argument-free prompt.
     *
     * @throws IllegalArgumentException for a prompt with arguments: those are never written to disk
     */
    void store(Prompt prompt, String engine, String text, byte[] wav) throws IOException {
        if (prompt.hasArguments()) {
            throw new IllegalArgumentException("prompt " + prompt.key() + " has arguments, which may be personal data; it is never written to disk");
        }
        Files.createDirectories(dir);
        Path target = file(engine, text);
        Path temp = Files.createTempFile(dir, "prompt-", TEMP_SUFFIX);
        try {
            Files.write(temp, wav);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Removes temporary files a crash left behind (a power cut between write and move). */
    void removeLeftovers() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("prompt-") && name.endsWith(TEMP_SUFFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Path file(String engine, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(engine.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0); // so that ("ab", "c") and ("a", "bc") differ
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(sha.digest()) + SUFFIX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
