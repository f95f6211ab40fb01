package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KioskOptionsTest {

    @Test
    void theDemoLineOfTheLauncher() {
        KioskOptions o = KioskOptions.parse(List.of("--demo", "--data-dir", "/tmp/x", "--windowed"));
        assertThat(o).isEqualTo(new KioskOptions(true, Path.of("/tmp/x"), true, null, 115200, false));
    }

    @Test
    void aRealReader() {
        KioskOptions o = KioskOptions.parse(List.of("--data-dir", "d", "--id-port", "/dev/ttyUSB0", "--id-baud", "9600", "--measure-startup"));
        assertThat(o.idPort()).isEqualTo("/dev/ttyUSB0");
        assertThat(o.idBaud()).isEqualTo(9600);
        assertThat(o.measureStartup()).isTrue();
        assertThat(o.demo()).isFalse();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--demo"))).hasMessageContaining("--data-dir is required");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--data-dir", "d"))).hasMessageContaining("--id-port");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--demo", "--data-dir"))).hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--demo", "--data-dir", "d", "--id-baud", "fast")))
                .hasMessageContaining("--id-baud must be a positive number");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--demo", "--data-dir", "d", "--fullscreen")))
                .hasMessageContaining("unknown option '--fullscreen'");
    }
}
