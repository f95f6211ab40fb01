package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aRealKioskIsWhatItsConfigurationSays() throws Exception {
        Path config = dir.resolve("kiosk.json");
        Files.writeString(config, DeviceProfile.example("desktop").replace("/dev/ttyUSB0", "/dev/serial/by-id/usb-SAMV-if00"));
        KioskOptions o = KioskOptions.parse(List.of("--data-dir", "d", "--config", config.toString(), "--measure-startup"));
        assertThat(o.profile().device(DeviceKind.IDCARD_READER).orElseThrow().port()).isEqualTo("/dev/serial/by-id/usb-SAMV-if00");
        assertThat(o.profile().model()).isEqualTo("desktop");
        assertThat(o.measureStartup()).isTrue();
        assertThat(o.helpPhone()).as("no made-up number on a real kiosk").isEmpty();
    }

    @Test
    void aWrongConfigurationStopsStartUpNamingTheKey() throws Exception {
        Path config = dir.resolve("kiosk.json");
        Files.writeString(config, DeviceProfile.example("desktop").replace("\"baud\": 9600", "\"baud\": \"9600\""));
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--data-dir", "d", "--config", config.toString())))
                .hasMessageContaining("devices[1].options.baud").hasMessageContaining("expected one of 9600");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--data-dir", "d", "--config", dir.resolve("none.json").toString())))
                .hasMessageContaining("none.json").hasMessageContaining("cannot be read");
    }

    @Test
    void theHelpContact() throws Exception {
        Path config = dir.resolve("kiosk.json");
        Files.writeString(config, DeviceProfile.example("enhanced"));
        KioskOptions o = KioskOptions.parse(List.of("--data-dir", "d", "--config", config.toString(),
                "--help-name", "李主任", "--help-phone", "138 0000 0000"));
        assertThat(o.profile().model()).isEqualTo("enhanced");
        assertThat(o.helpName()).isEqualTo("李主任");
        assertThat(o.helpPhone()).isEqualTo("138 0000 0000");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--data-dir", "d", "--help-phone", "call me")))
                .hasMessageContaining("--help-phone must be a phone number");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> KioskOptions.parse(List.of())).hasMessageContaining("--data-dir is required");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--data-dir", "d"))).hasMessageContaining("--config FILE");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--data-dir", "d", "--model", "desktop")))
                .hasMessageContaining("--model is for the demo");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--demo", "--data-dir", "d")))
                .as("the demo is a program of its own").hasMessageContaining("./kiosk demo");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--data-dir"))).hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> KioskOptions.parse(List.of("--data-dir", "d", "--fullscreen")))
                .hasMessageContaining("unknown option '--fullscreen'");
    }
}
