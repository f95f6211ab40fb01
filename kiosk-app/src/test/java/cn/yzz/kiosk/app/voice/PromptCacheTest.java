package cn.yzz.kiosk.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCacheTest {

    @TempDir
    Path dir;

    private final byte[] wav = Wavs.of("请取走凭条。", 300);

    @Test
    void storesUnderTheSha256OfEngineAndTextAndFindsTheSameBytes() throws Exception {
        PromptCache cache = new PromptCache(dir.resolve("voice-cache"));

        cache.store(Prompt.of("take.receipt"), "espeak|cmn|160", "请取走凭条。", wav);

        assertThat(cache.find("espeak|cmn|160", "请取走凭条。")).hasValueSatisfying(b -> assertThat(b).isEqualTo(wav));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("espeak|cmn|160".getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update("请取走凭条。".getBytes(StandardCharsets.UTF_8));
        assertThat(files(cache.dir())).containsExactly(HexFormat.of().formatHex(sha.digest()) + ".wav");
    }

    @Test
    void anotherEngineSpeedOrTextMisses() throws Exception {
        PromptCache cache = new PromptCache(dir);
        cache.store(Prompt.of("take.receipt"), "espeak|cmn|160", "请取走凭条。", wav);

        assertThat(cache.find("espeak|cmn|120", "请取走凭条。")).isEmpty();
        assertThat(cache.find("espeak 1.52|cmn|160", "请取走凭条。")).isEmpty();
        assertThat(cache.find("espeak|cmn|160", "请取走凭条")).isEmpty();
        assertThat(cache.contains("espeak|cmn|160", "请取走凭条。")).isTrue();
    }

    @Test
    void refusesPromptsWithArgumentsAndWritesNothing() {
        PromptCache cache = new PromptCache(dir.resolve("voice-cache"));

        assertThatThrownBy(() -> cache.store(Prompt.of("identify.done", Spoken.honorific("陈*", false)), "e", "陈先生，读取成功", wav))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never written to disk");
        assertThat(cache.dir()).doesNotExist();
    }

    @Test
    void reportsFilesAndBytesAndLeavesNoTemporaryFiles() throws Exception {
        PromptCache cache = new PromptCache(dir.resolve("voice-cache"));
        assertThat(cache.usage()).isEqualTo(new PromptCache.Usage(0, 0));

        cache.store(Prompt.of("end"), "e", "办理完成。", wav);
        cache.store(Prompt.of("home"), "e", "您好！", Wavs.of("您好！", 100));
        cache.store(Prompt.of("home"), "e", "您好！", Wavs.of("您好！", 100)); // again: replaced, not added

        assertThat(cache.usage()).isEqualTo(new PromptCache.Usage(2, wav.length + Wavs.of("您好！", 100).length));
        assertThat(files(cache.dir())).allSatisfy(name -> assertThat(name).endsWith(".wav"));
    }

    @Test
    void aFileCutShortIsRemovedAndMisses() throws Exception {
        PromptCache cache = new PromptCache(dir);
        cache.store(Prompt.of("end"), "e", "办理完成。", wav);
        Path file;
        try (Stream<Path> s = Files.list(dir)) {
            file = s.findFirst().orElseThrow();
        }
        Files.write(file, Arrays.copyOf(wav, wav.length / 2));

        assertThat(cache.find("e", "办理完成。")).isEmpty();
        assertThat(file).doesNotExist();
    }

    @Test
    void temporaryFilesLeftByACrashAreRemoved() throws Exception {
        PromptCache cache = new PromptCache(dir);
        Files.write(dir.resolve("prompt-123.tmp"), new byte[10]);
        cache.store(Prompt.of("end"), "e", "办理完成。", wav);

        cache.removeLeftovers();

        assertThat(files(dir)).hasSize(1).allSatisfy(name -> assertThat(name).endsWith(".wav"));
    }

    static java.util.List<String> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
