package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.SelfSignedTls;
import cn.yzz.kiosk.cache.sync.NetworkDiagnosis.Check;
import cn.yzz.kiosk.cache.sync.NetworkDiagnosis.Outcome;
import cn.yzz.kiosk.cache.sync.NetworkDiagnosis.Report;
import cn.yzz.kiosk.cache.sync.NetworkDiagnosis.Result;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 网络 page's diagnosis against the reference backend over loopback (HTTP, and HTTPS with a certificate made for
 * the run): all well; a backend that is down; the wrong pin; a refused token; a skewed clock; a name that does not
 * resolve; no network interface; a login page in the way.
 */
class NetworkDiagnosisTest {

    private static final String WRONG_PIN = "sha256/" + "A".repeat(43) + "=";

    @TempDir
    Path dir;

    private DevBackend backend;
    private HttpServer portal;

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
        if (portal != null) {
            portal.stop(0);
        }
    }

    /** A backend with an enrolled kiosk: its enrollment, at {@code url} (the backend's own when null). */
    private EnrollmentFile enrolled(DevBackend.Settings settings, String pin, String host) throws Exception {
        backend = DevBackend.start(settings.withDataDir(dir.resolve("backend")).withEnrollCodes(List.of("7K3Q-92XD")));
        String url = host == null ? backend.url() : backend.url().replace("127.0.0.1", host);
        List<String> pins = pin == null ? List.of() : List.of(pin);
        SyncConfig unenrolled = SyncConfig.defaults(url, null, null, pin == null).withPins(pins)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
        Enrollment e = new BackendClient(unenrolled, Clock.systemUTC())
                .enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440203101201", "ef".repeat(32), "1.0.0"));
        return new EnrollmentFile(url, e.kioskId(), e.token(), "desktop", "440203101201", pin == null, pins);
    }

    /** Runs the diagnosis and checks that each result was told as it finished, in order. */
    private static Report run(NetworkDiagnosis diagnosis) {
        List<Result> told = new ArrayList<>();
        long start = System.nanoTime();
        Report report = diagnosis.run(told::add);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(NetworkDiagnosis.DEADLINE);
        assertThat(told).isEqualTo(report.results());
        assertThat(report.results()).extracting(Result::check).containsExactly(Check.values());
        for (Result r : report.results()) {
            assertThat(r.cause() != null).as("cause of %s", r).isEqualTo(r.failed());
            assertThat(r.fix() != null).as("fix of %s", r).isEqualTo(r.failed());
        }
        return report;
    }

    private static List<Outcome> outcomes(Report r) {
        return r.results().stream().map(Result::outcome).toList();
    }

    private static String words(Report r) {
        return r.results().toString();
    }

    @Test
    void overTlsWithThePinEveryStepPassesAndSaysWhatItFound() throws Exception {
        SelfSignedTls tls = SelfSignedTls.inDirectory(dir.resolve("backend"));
        EnrollmentFile e = enrolled(DevBackend.Settings.defaults().withTls(tls.context()), tls.pin(), "localhost");

        Report r = run(new NetworkDiagnosis(e, Clock.systemUTC()));

        assertThat(r.ok()).as(words(r)).isTrue();
        assertThat(outcomes(r)).containsExactly(Outcome.NOT_APPLICABLE, Outcome.OK, Outcome.OK, Outcome.OK, Outcome.OK,
                Outcome.OK, Outcome.OK);
        assertThat(r.result(Check.DNS).detail()).startsWith("localhost → ");
        assertThat(r.result(Check.TLS).detail()).contains(tls.pin());
        assertThat(r.result(Check.TOKEN).detail()).contains(e.kioskId());
        assertThat(words(r)).doesNotContain(e.token());
    }

    @Test
    void aBackendThatIsDownFailsAtTcpInPlainWordsAndNothingAfterIsChecked() throws Exception {
        EnrollmentFile e = enrolled(DevBackend.Settings.defaults(), null, null);
        backend.close(); // its port is closed now
        backend = null;

        Report r = run(new NetworkDiagnosis(e, Clock.systemUTC()));

        assertThat(outcomes(r)).containsExactly(Outcome.NOT_APPLICABLE, Outcome.NOT_APPLICABLE, Outcome.FAILED,
                Outcome.NOT_CHECKED, Outcome.NOT_CHECKED, Outcome.NOT_CHECKED, Outcome.NOT_CHECKED);
        Result tcp = r.failure().orElseThrow();
        assertThat(tcp.check()).isEqualTo(Check.TCP);
        assertThat(tcp.cause()).contains("拒绝连接", "没有在这个端口上运行");
        assertThat(tcp.fix()).contains("联系县里");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void theWrongPinFailsAtTlsNamingTheKeyPresentedAndTheKeyExpected() throws Exception {
        SelfSignedTls tls = SelfSignedTls.inDirectory(dir.resolve("backend"));
        EnrollmentFile right = enrolled(DevBackend.Settings.defaults().withTls(tls.context()), tls.pin(), null);
        EnrollmentFile wrong = new EnrollmentFile(right.backendUrl(), right.kioskId(), right.token(), "desktop",
                "440203101201", false, List.of(WRONG_PIN));

        Report r = run(new NetworkDiagnosis(wrong, Clock.systemUTC()));

        assertThat(outcomes(r)).containsExactly(Outcome.NOT_APPLICABLE, Outcome.NOT_APPLICABLE, Outcome.OK,
                Outcome.FAILED, Outcome.NOT_CHECKED, Outcome.NOT_CHECKED, Outcome.NOT_CHECKED);
        Result t = r.result(Check.TLS);
        assertThat(t.cause()).contains("后台出示的公钥是 " + tls.pin(), "本终端认的是 " + WRONG_PIN);
        assertThat(t.fix()).contains("kioskctl enroll", "--pin");
    }

    @Test
    void aRefusedTokenFailsAtTokenAndSaysToEnrollAgain() throws Exception {
        EnrollmentFile right = enrolled(DevBackend.Settings.defaults(), null, null);
        EnrollmentFile revoked = new EnrollmentFile(right.backendUrl(), right.kioskId(), "revoked-token", "desktop",
                "440203101201", true);

        Report r = run(new NetworkDiagnosis(revoked, Clock.systemUTC()));

        assertThat(outcomes(r)).containsExactly(Outcome.NOT_APPLICABLE, Outcome.NOT_APPLICABLE, Outcome.OK,
                Outcome.NOT_APPLICABLE, Outcome.OK, Outcome.FAILED, Outcome.NOT_CHECKED);
        Result t = r.result(Check.TOKEN);
        assertThat(t.detail()).contains("HTTP 401");
        assertThat(t.cause()).contains("不认这台终端的凭据");
        assertThat(t.fix()).contains("kioskctl enroll");
        assertThat(words(r)).doesNotContain("revoked-token");
    }

    @Test
    void aClockTwelveMinutesBehindFailsAtClockSayingHowFarAndWhichWay() throws Exception {
        EnrollmentFile e = enrolled(DevBackend.Settings.defaults(), null, null);

        Report slow = run(new NetworkDiagnosis(e, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-12))));
        Result c = slow.result(Check.CLOCK);
        assertThat(c.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(c.cause()).contains("慢了 12 分钟");
        assertThat(c.fix()).contains("时间调准");

        Report fast = run(new NetworkDiagnosis(e, Clock.offset(Clock.systemUTC(), Duration.ofHours(3))));
        assertThat(fast.result(Check.CLOCK).cause()).contains("快了 3 小时");
        // what 校准时钟 corrects by: the county is 3 hours behind this kiosk (the Date header has whole seconds)
        assertThat(fast.clockSkew()).hasValueSatisfying(s -> assertThat(s.plusHours(3).abs()).isLessThan(Duration.ofSeconds(2)));
        assertThat(slow.clockSkew()).hasValueSatisfying(s -> assertThat(s.minusMinutes(12).abs()).isLessThan(Duration.ofSeconds(2)));

        Report fine = run(new NetworkDiagnosis(e, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(4))));
        assertThat(fine.result(Check.CLOCK).outcome()).isEqualTo(Outcome.OK);
        assertThat(fine.result(Check.CLOCK).detail()).contains("4 分钟");
    }

    @Test
    void aNameThatDoesNotResolveFailsAtDns() {
        EnrollmentFile e = new EnrollmentFile("https://county.invalid/kiosk", "WJ-0042", "tok", "desktop", "440203101201",
                false, List.of(WRONG_PIN));

        Report r = run(new NetworkDiagnosis(e, Clock.systemUTC(), NetworkDiagnosis.DEADLINE,
                () -> List.of("eth0 10.0.0.2")));

        assertThat(outcomes(r)).containsExactly(Outcome.OK, Outcome.FAILED, Outcome.NOT_CHECKED, Outcome.NOT_CHECKED,
                Outcome.NOT_CHECKED, Outcome.NOT_CHECKED, Outcome.NOT_CHECKED);
        assertThat(r.result(Check.INTERFACE).detail()).isEqualTo("eth0 10.0.0.2");
        assertThat(r.result(Check.DNS).cause()).contains("county.invalid");
    }

    @Test
    void withoutAnInterfaceItSaysToCheckTheCableAndTheRouter() {
        EnrollmentFile e = new EnrollmentFile("https://county.example/kiosk", "WJ-0042", "tok", "desktop", "440203101201",
                false, List.of(WRONG_PIN));

        Report r = run(new NetworkDiagnosis(e, Clock.systemUTC(), NetworkDiagnosis.DEADLINE, List::of));

        Result i = r.failure().orElseThrow();
        assertThat(i.check()).isEqualTo(Check.INTERFACE);
        assertThat(i.cause()).contains("网线没插好或路由器没开");
        assertThat(i.fix()).contains("网线", "路由器");
        assertThat(r.result(Check.DNS).outcome()).isEqualTo(Outcome.NOT_CHECKED);
    }

    @Test
    void theMachinesOwnInterfacesAreReadWithoutLoopback() {
        assertThat(NetworkDiagnosis.usableInterfaces()).noneMatch(s -> s.startsWith("lo ") || s.contains("127.0.0.1"));
    }

    @Test
    void aLoginPageOrProxyInTheWayIsNamedAsSuch() throws Exception {
        portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        portal.createContext("/redirected", ex -> {
            ex.getResponseHeaders().add("Location", "http://login.isp.example/portal");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        portal.createContext("/page", ex -> {
            byte[] html = "<html><body>请先登录</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        portal.start();
        String base = "http://127.0.0.1:" + portal.getAddress().getPort();

        for (String path : List.of("/redirected", "/page")) {
            Report r = run(new NetworkDiagnosis(new EnrollmentFile(base + path, "WJ-0042", "tok", "desktop",
                    "440203101201", true), Clock.systemUTC()));
            Result h = r.failure().orElseThrow();
            assertThat(h.check()).as(words(r)).isEqualTo(Check.HTTP);
            assertThat(h.cause()).contains("登录认证页或代理");
            assertThat(r.result(Check.TOKEN).outcome()).isEqualTo(Outcome.NOT_CHECKED);
        }
    }

    @Test
    void durationsReadAsAnAdministratorWouldSayThem() {
        assertThat(NetworkDiagnosis.span(Duration.ofSeconds(-3))).isEqualTo("3 秒");
        assertThat(NetworkDiagnosis.span(Duration.ofSeconds(719))).isEqualTo("12 分钟");
        assertThat(NetworkDiagnosis.span(Duration.ofMinutes(125))).isEqualTo("2 小时 5 分钟");
        assertThat(NetworkDiagnosis.span(Duration.ofDays(3).plusHours(2))).isEqualTo("3 天");
    }
}
