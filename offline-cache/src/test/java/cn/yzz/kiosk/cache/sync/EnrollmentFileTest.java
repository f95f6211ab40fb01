package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrollment is the kiosk's configuration of its backend: the address with its pins, under one rule. */
class EnrollmentFileTest {

    private static final String PIN_A = "sha256/" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String PIN_B = "sha256/" + Base64.getEncoder().encodeToString("b".repeat(32).getBytes());

    @TempDir
    Path dir;

    @Test
    void theBackendAndItsPinsAreKeptAndReadBack() throws Exception {
        new EnrollmentFile("https://county.example/kiosk", "WJ-0042", "tok", "desktop", "440203101201", false,
                List.of(PIN_A, PIN_B)).save(dir);

        EnrollmentFile e = EnrollmentFile.load(dir).orElseThrow();

        assertThat(e.pins()).containsExactly(PIN_A, PIN_B);
        assertThat(e.syncConfig(null).pins()).containsExactly(PIN_A, PIN_B);
        assertThat(e.syncConfig(null).baseUrl()).isEqualTo("https://county.example/kiosk");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(EnrollmentFile.NAME))))
                .isEqualTo("rw-------");
    }

    /** ./kiosk test runs as root, as an installer does when enrolling into the kiosk user's folder. */
    @Test
    void theFileBelongsToWhoeverOwnsTheDataFolder() throws Exception {
        Path kioskHome = Files.createDirectory(dir.resolve("kiosk"));
        UserPrincipal kioskUser = kioskHome.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(kioskHome, kioskUser);

        new EnrollmentFile("https://county.example/kiosk", "WJ-0042", "tok", "desktop", "440203101201", false,
                List.of(PIN_A)).save(kioskHome);

        assertThat(Files.getOwner(kioskHome.resolve(EnrollmentFile.NAME))).as("readable by the kiosk's user").isEqualTo(kioskUser);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kioskHome.resolve(EnrollmentFile.NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void anHttpsBackendWithoutAPinIsRefusedWithHowToGetOne() {
        assertThatThrownBy(() -> new EnrollmentFile("https://county.example/kiosk", "WJ-0042", "tok", "desktop",
                "440203101201", false, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("没有公钥指纹").hasMessageContaining("--pin")
                .hasMessageContaining("kioskctl backend pin").hasMessageContaining("openssl");
    }

    @Test
    void aFileWrittenWithoutPinsForHttpsIsNotUsed() throws Exception {
        Files.writeString(Files.createFile(dir.resolve(EnrollmentFile.NAME),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                "backendUrl=https\\://county.example/kiosk\nkioskId=WJ-1\ntoken=t\nallowInsecure=false\n");

        assertThatThrownBy(() -> EnrollmentFile.load(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(EnrollmentFile.NAME).hasMessageContaining("没有公钥指纹");
    }

    @Test
    void plainHttpIsForThisMachineOnly() {
        assertThat(EnrollmentFile.backendProblem("http://127.0.0.1:8080", List.of())).isEmpty();
        assertThat(EnrollmentFile.backendProblem("http://localhost:8080/kiosk", List.of())).isEmpty();
        assertThat(EnrollmentFile.backendProblem("http://[::1]:8080", List.of())).isEmpty();
        assertThat(EnrollmentFile.backendProblem("http://county.example/kiosk", List.of(PIN_A)))
                .hasValueSatisfying(m -> assertThat(m).contains("只允许本机"));
        assertThat(EnrollmentFile.isLoopback("http://localhost.example.com/kiosk")).isFalse();
        assertThat(EnrollmentFile.isLoopback("http://127.0.0.1.example.com/")).isFalse();
        assertThat(EnrollmentFile.backendProblem("ftp://county.example", List.of(PIN_A))).isPresent();
        assertThat(EnrollmentFile.backendProblem("https://county.example/kiosk", List.of(PIN_A))).isEmpty();
    }

    @Test
    void aMalformedPinIsRefused() {
        assertThatThrownBy(() -> new EnrollmentFile("https://county.example/kiosk", "WJ-0042", "tok", "desktop",
                "440203101201", false, List.of("sha256/abc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 字节");
    }
}
