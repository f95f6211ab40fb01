package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kiosk enrolled with an https backend and no pin does not start, and says how to get one. */
class StartupBackendTest {

    @TempDir
    Path dir;

    private KioskOptions options() throws Exception {
        return new KioskOptions(dir, false, DeviceProfile.parse(DeviceProfile.example("desktop"), "desktop.json"),
                false, "", "");
    }

    private void enrollmentFile(String text) throws Exception {
        Files.writeString(Files.createFile(dir.resolve(EnrollmentFile.NAME),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))), text);
    }

    @Test
    void anHttpsBackendWithoutAPinStopsStartUpWithHowToGetOne() throws Exception {
        enrollmentFile("backendUrl=https\\://county.example/kiosk\nkioskId=WJ-1\ntoken=t\nallowInsecure=false\n");

        assertThatThrownBy(() -> Startup.kiosk(options()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("终端不启动").hasMessageContaining("没有公钥指纹")
                .hasMessageContaining("kioskctl backend pin")
                .hasMessageContaining("openssl x509 -pubkey");
    }

    @Test
    void plainHttpToAnotherMachineStopsStartUp() throws Exception {
        enrollmentFile("backendUrl=http\\://county.example/kiosk\nkioskId=WJ-1\ntoken=t\nallowInsecure=true\n");

        assertThatThrownBy(() -> Startup.backendIdentity(dir)).isInstanceOf(StartupException.class)
                .hasMessageContaining("只允许本机");
    }

    @Test
    void aPinnedHttpsBackendALoopbackOneOrNoEnrollmentStartsUp() throws Exception {
        assertThatCode(() -> Startup.backendIdentity(dir)).as("not enrolled: queues until it is").doesNotThrowAnyException();
        String pin = "sha256/" + Base64.getEncoder().encodeToString(new byte[32]);
        new EnrollmentFile("https://county.example/kiosk", "WJ-1", "t", "desktop", "440203101201", false, List.of(pin))
                .save(dir);
        assertThatCode(() -> Startup.backendIdentity(dir)).doesNotThrowAnyException();
        new EnrollmentFile("http://127.0.0.1:8080", "WJ-1", "t", "desktop", "440203101201", true).save(dir);
        assertThatCode(() -> Startup.backendIdentity(dir)).doesNotThrowAnyException();
    }
}
