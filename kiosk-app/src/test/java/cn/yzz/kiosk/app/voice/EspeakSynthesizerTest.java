package cn.yzz.kiosk.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.app.i18n.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EspeakSynthesizerTest {

    @TempDir
    Path dir;

    private final VoicePrompts prompts = VoicePrompts.load();

    @ParameterizedTest
    @EnumSource(Language.class)
    void synthesisesAValidWavOfAPlausibleLengthInEveryLanguage(Language language) throws Exception {
        EspeakSynthesizer espeak = Espeak.synthesizer();
        String text = prompts.text(Prompt.of("identify.place"), language);

        byte[] wav = espeak.synthesize(text, language, false);

        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        assertThat(Wav.isComplete(wav)).as("header sizes match the bytes").isTrue();
        Wav.Pcm pcm = Wav.read(wav);
        assertThat(pcm.format()).isEqualTo(new PcmFormat(22050, 16, 1));
        assertThat(pcm.duration()).as("a short sentence").isBetween(Duration.ofMillis(800), Duration.ofSeconds(8));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void elderModeIsClearlySlower(Language language) throws Exception {
        EspeakSynthesizer espeak = Espeak.synthesizer();
        String text = prompts.text(Prompt.of("home"), language);

        Duration normal = Wav.read(espeak.synthesize(text, language, false)).duration();
        Duration slow = Wav.read(espeak.synthesize(text, language, true)).duration();

        assertThat(slow.toMillis()).as("slow %s vs normal %s", slow, normal).isGreaterThan(normal.toMillis() * 115 / 100);
    }

    @Test
    void theEngineNamesVersionVoiceAndSpeed() throws Exception {
        EspeakSynthesizer espeak = Espeak.synthesizer();
        String normal = espeak.engine(Language.CANTONESE, false);
        assertThat(normal).contains("eSpeak NG", "|yue|", "|160");
        assertThat(espeak.engine(Language.CANTONESE, true)).isNotEqualTo(normal).endsWith("|120");
        assertThat(espeak.engine(Language.HAKKA, false)).isNotEqualTo(normal);
    }

    @Test
    void aMissingBinaryIsAProblemAndCannotSynthesise() {
        EspeakSynthesizer missing = new EspeakSynthesizer(dir.resolve("no-espeak-ng"));
        assertThat(missing.problem()).hasValueSatisfying(p -> assertThat(p).contains("espeak-ng is not installed"));
        assertThatThrownBy(() -> missing.synthesize("你好", Language.PUTONGHUA, false))
                .isInstanceOf(SynthesisException.class).hasMessageContaining("cannot start");
        assertThat(new EspeakSynthesizer(Path.of("espeak-ng")).problem()).hasValueSatisfying(p -> assertThat(p).contains("PATH"));
    }

    @Test
    void theTextGoesToStandardInputNotTheCommandLine() throws Exception {
        Path wav = Files.write(dir.resolve("out.wav"), Wavs.of("x", 100));
        Path fake = script("fake-espeak", "echo \"$@\" > " + dir.resolve("args") + "\ncat > " + dir.resolve("stdin") + "\ncat " + wav + "\n");

        byte[] out = new EspeakSynthesizer(fake).synthesize("陈先生，读取成功", Language.PUTONGHUA, true);

        assertThat(out).isEqualTo(Files.readAllBytes(wav));
        assertThat(Files.readString(dir.resolve("args"))).doesNotContain("陈").contains("-v cmn-latn-pinyin", "-s 120", "--stdout");
        assertThat(Files.readString(dir.resolve("stdin"))).isEqualTo("陈先生，读取成功");
    }

    @Test
    void aFailureCarriesEspeaksErrorOutput() throws Exception {
        Path fake = script("failing-espeak", "cat > /dev/null\necho 'Failed to read voice yue' >&2\nexit 3\n");

        assertThatThrownBy(() -> new EspeakSynthesizer(fake).synthesize("你好", Language.CANTONESE, false))
                .isInstanceOf(SynthesisException.class)
                .hasMessageContaining("exit code 3").hasMessageContaining("Failed to read voice yue").hasMessageNotContaining("你好");
    }

    @Test
    void outputThatIsNotAWavIsAFailure() throws Exception {
        Path fake = script("chatty-espeak", "cat > /dev/null\necho hello\n");

        assertThatThrownBy(() -> new EspeakSynthesizer(fake).synthesize("你好", Language.CANTONESE, false))
                .isInstanceOf(SynthesisException.class).hasMessageContaining("no WAV");
    }

    @Test
    void aHungProcessIsDestroyedAfterTheTimeout() throws Exception {
        Path pid = dir.resolve("pid");
        Path fake = script("hung-espeak", "echo $$ > " + pid + "\nexec sleep 600\n");

        assertThatThrownBy(() -> new EspeakSynthesizer(fake, Duration.ofMillis(300)).synthesize("你好", Language.PUTONGHUA, false))
                .isInstanceOf(SynthesisException.class).hasMessageContaining("did not finish within 300 ms");
        long hung = Long.parseLong(Files.readString(pid).strip());
        assertThat(ProcessHandle.of(hung).map(ProcessHandle::isAlive)).as("the hung process is gone").isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void mandarinPolyphonesAreGivenAsPinyinAndTheRestIsLeftAlone() {
        assertThat(EspeakSynthesizer.textFor("已打开长辈模式。", Language.PUTONGHUA)).isEqualTo("已打开 zhang3 bei4 模式。");
        assertThat(EspeakSynthesizer.textFor("请重新放置身份证。", Language.PUTONGHUA)).isEqualTo("请 chong2 xin1 放置身份证。");
        assertThat(EspeakSynthesizer.textFor("已經開咗長輩模式。", Language.CANTONESE)).isEqualTo("已經開咗長輩模式。");
    }

    @Test
    void hakkaIsRespeltOnlyWhereEspeakNeedsIt() {
        assertThat(EspeakSynthesizer.textFor("ngie̍t", Language.HAKKA)).isEqualTo("ngye̍t");
        assertThat(EspeakSynthesizer.textFor("Ki-siu̍k, ngia̍p", Language.HAKKA)).isEqualTo("Ki-syu̍k, ngya̍p");
        assertThat(EspeakSynthesizer.textFor("ya̍p thu̍k sṳ̍p", Language.HAKKA)).isEqualTo("ya̍p thu̍k sṳ̍p");
        assertThat(EspeakSynthesizer.textFor("ngie̍t", Language.PUTONGHUA)).isEqualTo("ngie̍t");
        assertThat(EspeakSynthesizer.textFor("ho\u0301", Language.HAKKA)).as("accents composed").isEqualTo("hó");
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
