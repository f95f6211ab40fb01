package cn.yzz.kiosk.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The espeak-ng installed on this machine, for tests that check what it makes of our texts. */
final class Espeak {

    private Espeak() {}

    /** espeak-ng from PATH; fails the test with what to install when it is missing. */
    static EspeakSynthesizer synthesizer() {
        EspeakSynthesizer espeak = EspeakSynthesizer.onPath();
        assertThat(espeak.problem()).as("these tests need espeak-ng 1.51 (apt-get install espeak-ng)").isEmpty();
        return espeak;
    }

    static Path binary() {
        return EspeakSynthesizer.onPath().binary();
    }

    /** {@code espeak-ng -q -x}: the phonemes espeak-ng reads the text as; "(en)" marks a switch to English. */
    static String phonemes(String voice, String text) throws IOException, InterruptedException {
        synthesizer();
        Process p = new ProcessBuilder(binary().toString(), "-b", "1", "-q", "-x", "-v", voice).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("espeak-ng -x did not finish");
        }
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
