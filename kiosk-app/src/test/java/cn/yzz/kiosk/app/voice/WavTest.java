package cn.yzz.kiosk.app.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavTest {

    @Test
    void readsFormatAndSamples() {
        byte[] wav = Wavs.of("x", 500);
        Wav.Pcm pcm = Wav.read(wav);
        assertThat(pcm.format()).isEqualTo(new PcmFormat(22050, 16, 1));
        assertThat(pcm.offset()).isEqualTo(44);
        assertThat(pcm.length()).isEqualTo(wav.length - 44);
        assertThat(pcm.duration()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void fixesThePlaceholderSizesEspeakWritesToAPipe() {
        byte[] wav = Wavs.of("x", 100);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, 0x7ffff024);
        b.putInt(40, 0x7ffff000);
        assertThat(Wav.isComplete(wav)).isFalse();
        assertThat(Wav.read(wav).length()).as("trusts the bytes it has").isEqualTo(wav.length - 44);

        byte[] fixed = Wav.withTrueSizes(wav);

        assertThat(Wav.isComplete(fixed)).isTrue();
        assertThat(Arrays.copyOfRange(fixed, 44, fixed.length)).isEqualTo(Arrays.copyOfRange(wav, 44, wav.length));
    }

    @Test
    void refusesWhatIsNotAPcmWav() {
        assertThatThrownBy(() -> Wav.read(new byte[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RIFF");
        assertThatThrownBy(() -> Wav.read("hello world, not a wav".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] noData = Arrays.copyOf(Wavs.of("x", 10), 36);
        assertThatThrownBy(() -> Wav.read(noData)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data");
        byte[] notPcm = Wavs.of("x", 10);
        notPcm[20] = 3; // IEEE float
        assertThatThrownBy(() -> Wav.read(notPcm)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not PCM");
    }
}
