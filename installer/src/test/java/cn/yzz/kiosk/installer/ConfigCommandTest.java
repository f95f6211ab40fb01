package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kioskctl config example | check}: what an installer copies, edits and checks before starting the kiosk. */
class ConfigCommandTest {

    @TempDir
    Path dir;

    @Test
    void theExampleAnInstallerCopiesPassesTheCheck() throws Exception {
        Cli.Result example = Cli.run("config", "example", "enhanced");
        assertThat(example.exit()).isZero();
        Path file = dir.resolve("kiosk.json");
        Files.writeString(file, example.out());

        Cli.Result text = Cli.run("config", "check", "--config", file.toString());
        assertThat(text.exit()).as(text.all()).isZero();
        assertThat(text.out()).contains("配置正确：增强 型终端，6 台设备").contains("cash-acceptor");

        Cli.Result json = Cli.run("config", "check", "--json", "--config", file.toString());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("model").asText()).isEqualTo("enhanced");
        assertThat(root.get("devices")).hasSize(6);
        assertThat(root.get("devices").get(0).get("options").get("baud").asInt()).isEqualTo(115200);
    }

    @Test
    void aWrongConfigurationExitsSevenNamingTheKey() throws Exception {
        Path file = dir.resolve("kiosk.json");
        Files.writeString(file, Cli.run("config", "example", "desktop").out().replace("/dev/ttyACM0", "/dev/ttyUSB0"));

        Cli.Result r = Cli.run("config", "check", "--config", file.toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(r.err()).contains("devices[1].port").contains("/dev/ttyUSB0 is already the port of devices[0]");
    }

    @Test
    void anUnknownModelIsAUsageError() {
        Cli.Result r = Cli.run("config", "example", "deluxe");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("desktop").contains("enhanced");
    }
}
