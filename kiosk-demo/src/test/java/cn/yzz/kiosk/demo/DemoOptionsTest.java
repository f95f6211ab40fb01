package cn.yzz.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.app.KioskOptions;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's command line (moved from kiosk-app's KioskOptionsTest with the demo's options). */
class DemoOptionsTest {

    @Test
    void theDemoLineOfTheLauncher() {
        KioskOptions o = DemoOptions.parse(List.of("--data-dir", "/tmp/x", "--windowed")).kiosk();
        assertThat(o).isEqualTo(new KioskOptions(Path.of("/tmp/x"), true, DemoOptions.example("enhanced"), false, "",
                DemoOptions.DEMO_HELP_PHONE));
        assertThat(o.fitted()).isEqualTo(EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER, DeviceNeed.RECEIPT_PRINTER,
                DeviceNeed.A4_PRINTER, DeviceNeed.SSCARD_READER, DeviceNeed.CASH_ACCEPTOR));
        assertThat(DemoOptions.parse(List.of("--data-dir", "d", "--model", "desktop")).kiosk().fitted())
                .isEqualTo(EnumSet.of(DeviceNeed.IDCARD_READER, DeviceNeed.QR_SCANNER, DeviceNeed.RECEIPT_PRINTER));
        assertThat(DemoOptions.kiosk(Path.of("/tmp/x"))).as("as tests and the tour start it")
                .isEqualTo(DemoOptions.parse(List.of("--data-dir", "/tmp/x")).kiosk());
    }

    @Test
    void theHelpContactAndTheModel() {
        KioskOptions o = DemoOptions.parse(List.of("--data-dir", "d", "--model", "enhanced",
                "--help-name", "李主任", "--help-phone", "138 0000 0000")).kiosk();
        assertThat(o.profile().model()).isEqualTo("enhanced");
        assertThat(o.helpName()).isEqualTo("李主任");
        assertThat(o.helpPhone()).isEqualTo("138 0000 0000");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--data-dir", "d", "--model", "tower")))
                .hasMessageContaining("--model must be desktop or enhanced, not 'tower'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--data-dir", "d", "--help-phone", "call me")))
                .hasMessageContaining("--help-phone must be a phone number");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of())).hasMessageContaining("--data-dir is required");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--data-dir", "d", "--config", "k.json")))
                .hasMessageContaining("leave out --config");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--data-dir"))).hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--data-dir", "d", "--fullscreen")))
                .hasMessageContaining("unknown option '--fullscreen'");
    }
}
