package cn.yzz.kiosk.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the answers of {@code timedatectl set-time}, with a stand-in program: CI has no systemd as PID 1,
 * so systemd-timedated itself cannot answer here (its polkit rule is checked by the installer's tests).
 */
class TimedatectlTest {

    @TempDir
    Path dir;

    private Timedatectl standIn(String body) throws Exception {
        Path script = dir.resolve("timedatectl");
        Files.writeString(script, "#!/bin/sh\necho \"$TZ $*\" > " + dir.resolve("args") + "\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new Timedatectl(script.toString());
    }

    @Test
    void setsTheTimeInUtcToTheNearestSecond() throws Exception {
        standIn("exit 0").set(Instant.parse("2026-12-06T06:30:59.600Z"));
        assertThat(Files.readString(dir.resolve("args")).strip()).isEqualTo("UTC set-time 2026-12-06 06:31:00");
    }

    @Test
    void eachRefusalIsToldInWordsAnAdministratorCanActOn() throws Exception {
        Instant t = Instant.parse("2026-12-06T06:30:00Z");
        assertThatThrownBy(() -> standIn("echo 'Failed to set time: Automatic time synchronization is enabled' >&2; exit 1").set(t))
                .isInstanceOf(ClockSetter.Refused.class).hasMessageContaining("自动对时");
        assertThatThrownBy(() -> standIn("echo 'Failed to set time: Access denied' >&2; exit 1").set(t))
                .hasMessageContaining("kioskctl install");
        assertThatThrownBy(() -> standIn("echo 'System has not been booted with systemd as init system (PID 1).' >&2; exit 1").set(t))
                .hasMessageContaining("对时服务没有运行");
        assertThatThrownBy(() -> standIn("exit 3").set(t)).hasMessageContaining("退出码 3");
        assertThatThrownBy(() -> new Timedatectl(dir.resolve("none").toString()).set(t)).hasMessageContaining("没有对时程序");
    }
}
