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
        assertThat(o).isEqualTo(new KioskOptions(true, Path.of("/tmp/x"), true, null, 115200, false, Hardware.ENHANCED, "", KioskOptions.DEMO_HELP_PHONE));
    }

    @Test
    void aRealReader() {
        KioskOptions o = KioskOptions.parse(List.of("--data-dir", "d", "--id-port", "/dev/ttyUSB0", "--id-baud", "9600", "--measure-startup"));
        assertThat(o.idPort()).isEqualTo("/dev/ttyUSB0");
        assertThat(o.idBaud()).isEqualTo(9600);
        assertThat(o.measureStartup()).isTrue();
        assertThat(o.demo()).isFalse();
        assertThat(o.hardware()).as("a real kiosk is a desktop one unless told").isEqualTo(Hardware.DESKTOP);
        assertThat(o.helpPhone()).as("no made-up number on a real kiosk").isEmpty();
    }

    @Test
    void theHelpContactAndTheModel() {
        KioskOptions o = KioskOptions.parse(List.of("--data-dir", "d", "--id-port", "/dev/ttyS0", "--model", "enhanced",
                "--help-name", "李主任", "--help-phone", "138 0000 0000"));
        assertThat(o.hardware()).isEqualTo(Hardware.ENHANCED);
        assertThat(o.helpName()).isEqualTo("李主任");
        assertThat(o.helpPhone()).isEqualTo("138 0000 0000");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--demo", "--data-dir", "d", "--model", "tower")))
                .hasMessageContaining("--model must be desktop or enhanced, not 'tower'");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--demo", "--data-dir", "d", "--help-phone", "call me")))
                .hasMessageContaining("--help-phone must be a phone number");
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
