package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.demo.DemoMain;
import cn.yzz.kiosk.demo.DemoOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an installer sees when the kiosk cannot start. */
class StartupTest {

    @TempDir
    Path dir;

    @Test
    void aDataDirectoryThatCannotHoldTheLogStopsStartUpAndSaysWhere() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        KioskOptions options = DemoOptions.kiosk(notADirectory);
        assertThatThrownBy(() -> Startup.kiosk(options))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot write the log under " + notADirectory);
    }

    @Test
    void badOptionsEndWithUsageAndExitCode2BeforeAnyWindowOpens() throws Exception {
        // No display is given: the options are refused before JavaFX would need one.
        ChildJvm.Result r = ChildJvm.run("", ChildJvm.runtimeClassPath(), DemoMain.class.getName(),
                ChildJvm.args("--model", "tower", "--data-dir", dir.toString()), 30, dir.resolve("out.log"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("kiosk: --model must be desktop or enhanced, not 'tower'").contains("usage: DemoMain");
    }

    @Test
    void aWrongConfigurationStopsStartUpNamingTheKey() throws Exception {
        Path config = Files.writeString(dir.resolve("kiosk.json"),
                "{\"model\": \"desktop\", \"devices\": [{\"kind\": \"idcard-reader\", \"driver\": \"samv\"}]}");
        ChildJvm.Result r = ChildJvm.run("", ChildJvm.runtimeClassPath(), KioskMain.class.getName(),
                ChildJvm.args("--config", config.toString(), "--data-dir", dir.toString()), 30, dir.resolve("out2.log"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("devices[0].port: missing: the serial port the idcard-reader is on");
    }
}
