package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.SelfSignedTls;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.installer.cli.Env;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend's identity over real TLS: the reference backend serves HTTPS with a certificate made for
 * this run; {@code kioskctl backend pin} shows its pin, {@code enroll --pin} with it enrolls and the stored
 * pins carry {@code sync --once} over TLS; a wrong pin is refused before the code is sent, and the data
 * directory (an enrollment already in it included) is left exactly as it was.
 */
class EnrollPinCommandTest {

    private static final String OTHER_PIN = "sha256/" + Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    static Path dir;
    private static SelfSignedTls tls;
    private static DevBackend backend;
    // The real clock: the backend checks times against its own.
    private final Env now = new Env(Clock.systemUTC(), InputStream.nullInputStream());

    @BeforeAll
    static void start() throws Exception {
        tls = SelfSignedTls.inDirectory(dir.resolve("backend"));
        backend = DevBackend.start(DevBackend.Settings.defaults().withDataDir(dir.resolve("backend"))
                .withEnrollCodes(List.of("7K3Q-92XD", "8M4R-23YE", "9N5S-34ZF")).withTls(tls.context()));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private Cli.Result enroll(Path data, String code, String... pins) {
        List<String> args = new java.util.ArrayList<>(List.of("enroll", "--backend", backend.url(), "--code", code,
                "--model", "desktop", "--village-code", "440203101201", "--data-dir", data.toString()));
        for (String p : pins) {
            args.add("--pin");
            args.add(p);
        }
        return Cli.run(now, args.toArray(String[]::new));
    }

    @Test
    void backendPinShowsTheKeyTheServerHoldsWithoutTrustingIt() {
        Cli.Result r = Cli.run(now, "backend", "pin", "--backend", backend.url());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(tls.pin() + "  后台本身 CN=dev-backend");
    }

    @Test
    void enrolledWithTheRightPinTheKioskSyncsOverTlsAndAWrongPinLaterLosesNothing() throws Exception {
        Path data = Files.createDirectory(dir.resolve("kiosk"));
        Cli.Result ok = enroll(data, "7K3Q-92XD", OTHER_PIN, tls.pin()); // a backup key's pin beside the current one
        assertThat(ok.exit()).as(ok.err()).isZero();
        Path file = data.resolve("enrollment.properties");
        EnrollmentFile stored = EnrollmentFile.load(data).orElseThrow();
        assertThat(stored.pins()).containsExactly(OTHER_PIN, tls.pin());
        assertThat(stored.backendUrl()).isEqualTo(backend.url());

        assertThat(Cli.run("simulate", "--transactions", "3", "--data-dir", data.toString()).exit()).isZero();
        Cli.Result sync = Cli.run(now, "sync", "--once", "--data-dir", data.toString());
        assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
        assertThat(backend.storedIds()).hasSizeGreaterThanOrEqualTo(3);

        byte[] before = Files.readAllBytes(file);
        Cli.Result wrong = enroll(data, "8M4R-23YE", OTHER_PIN);
        assertThat(wrong.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(wrong.err()).contains("注册失败").contains("公钥指纹是 " + tls.pin()).contains("数据目录未改动")
                .doesNotContain("\tat ");
        assertThat(Files.readAllBytes(file)).as("the enrollment in place is kept").isEqualTo(before);
    }

    @Test
    void aWrongPinIsRefusedAndNothingIsWritten() throws Exception {
        Path data = Files.createDirectory(dir.resolve("fresh"));
        Cli.Result r = enroll(data, "9N5S-34ZF", OTHER_PIN);

        assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains(tls.pin()).contains("与给定的 " + OTHER_PIN);
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files).isEmpty();
        }
        // The code was never sent, so it still enrolls once the right pin is given.
        assertThat(enroll(data, "9N5S-34ZF", tls.pin()).exit()).isZero();
    }

    @Test
    void httpsWithoutAPinOrWithAMalformedOneIsAUsageErrorThatSaysHowToGetOne() throws Exception {
        Path data = Files.createDirectory(dir.resolve("nopin"));
        Cli.Result none = enroll(data, "7K3Q-92XD");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("没有公钥指纹").contains("--pin sha256/").contains("kioskctl backend pin")
                .contains("openssl dgst -sha256 -binary | base64");

        Cli.Result bad = enroll(data, "7K3Q-92XD", "sha256/abc=");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--pin").contains("32 字节");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files).isEmpty();
        }
    }
}
