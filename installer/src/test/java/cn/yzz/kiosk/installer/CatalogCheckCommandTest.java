package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.installer.cli.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kioskctl catalog check}: what a county's kiosks will make of a catalogue, as text, JSON and exit code. */
class CatalogCheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK_SERVICE = """
            {"code": "RSJ-0001", "department": "RSJ", "name": "失业登记", "theme": "social-insurance", "kind": "application"}""";
    private static final String BAD_KIND = """
            {"code": "RSJ-0002", "department": "RSJ", "name": "就业登记", "theme": "social-insurance", "kind": "donation"}""";
    private static final String BAD_WHEN = """
            {"code": "RSJ-0003", "department": "RSJ", "name": "失业保险金申领", "theme": "social-insurance", "kind": "application",
             "form": [{"id": "a", "type": "phone", "label": "电话", "when": {"b": "1"}}]}""";

    @TempDir
    Path dir;

    private Path file(String... services) throws Exception {
        Path f = dir.resolve("catalog.json");
        Files.writeString(f, "{\"version\": \"2026-12-06.1\", \"services\": [" + String.join(", ", services) + "]}");
        return f;
    }

    @Test
    void aCatalogueWhoseServicesCanAllBeOfferedExitsZero() throws Exception {
        Cli.Result r = Cli.run("catalog", "check", "--file", file(OK_SERVICE).toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("共 1 项，提供 1 项，略去 0 项", "RSJ-0001", "提供  失业登记");
    }

    @Test
    void theBundledCatalogueIsOfferedInFull() throws Exception {
        Path f = dir.resolve("bundled.json");
        try (InputStream in = CatalogParser.class.getResourceAsStream(CatalogParser.BUNDLED)) {
            Files.write(f, in.readAllBytes());
        }
        JsonNode j = JSON.readTree(Cli.run("catalog", "check", "--file", f.toString(), "--json").out());
        assertThat(j.get("services").asInt()).isEqualTo(164);
        assertThat(j.get("offered").asInt()).isEqualTo(164);
    }

    @Test
    void leftOutServicesAreNamedWithTheirReasonsAndExitEight() throws Exception {
        Path f = file(OK_SERVICE, BAD_KIND, BAD_WHEN);

        Cli.Result text = Cli.run("catalog", "check", "--file", f.toString());
        assertThat(text.exit()).as(text.all()).isEqualTo(ExitCodes.SOME_LEFT_OUT);
        assertThat(text.out()).contains("共 3 项，提供 1 项，略去 2 项",
                "RSJ-0002     略去  services[1].kind: unknown kind 'donation'",
                "RSJ-0003     略去  services[2].form[0].when.b: when names no other field of the form: 'b'");

        Cli.Result json = Cli.run("catalog", "check", "--file", f.toString(), "--json");
        assertThat(json.exit()).isEqualTo(ExitCodes.SOME_LEFT_OUT);
        JsonNode j = JSON.readTree(json.out());
        assertThat(j.fieldNames()).toIterable().containsExactly("version", "services", "offered", "leftOut");
        assertThat(j.get("version").asText()).isEqualTo("2026-12-06.1");
        assertThat(j.get("services").asInt()).isEqualTo(3);
        assertThat(j.get("offered").asInt()).isEqualTo(1);
        assertThat(j.get("leftOut").get(0).get("code").asText()).isEqualTo("RSJ-0002");
        assertThat(j.get("leftOut").get(0).get("reason").asText()).contains("unknown kind 'donation'");
        assertThat(j.get("leftOut").get(1).fieldNames()).toIterable().containsExactly("code", "reason");
    }

    @Test
    void aFileThatIsNotJsonExitsSevenAndSaysWhy() throws Exception {
        Path f = dir.resolve("portal.html");
        Files.writeString(f, "<html>登录</html>");
        Cli.Result r = Cli.run("catalog", "check", "--file", f.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(r.err()).contains("portal.html: not valid JSON (line 1, column 1)");

        Cli.Result missing = Cli.run("catalog", "check", "--file", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(missing.err()).contains("无法读取");
    }

    @Test
    void neitherOrBothSourcesIsAUsageError() throws Exception {
        assertThat(Cli.run("catalog", "check").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("catalog", "check", "--file", file(OK_SERVICE).toString(), "--backend", "http://127.0.0.1:1").exit())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aBackendThatDoesNotAnswerExitsFour() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Cli.Result r = Cli.run("catalog", "check", "--backend", "http://127.0.0.1:" + port);
        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).contains("连不上后台");
    }

    @Test
    void aRealBackendIsCheckedWithTheKiosksEnrollment() throws Exception {
        Path data = Files.createDirectory(dir.resolve("kiosk"));
        // The real clock: the backend's tokens and times are real.
        Env now = new Env(Clock.systemUTC(), InputStream.nullInputStream());
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), "7K3Q-92XD", FaultSettings.none())) {
            assertThat(Cli.run(now, "enroll", "--backend", backend.url(), "--code", "7K3Q-92XD", "--model", "desktop",
                    "--village-code", "440203101201", "--data-dir", data.toString()).exit()).isZero();

            Cli.Result r = Cli.run(now, "catalog", "check", "--data-dir", data.toString(), "--json");

            // The dev-backend serves its own seed today and the bundled catalogue soon: either way the exit code
            // must agree with what the JSON says.
            assertThat(r.exit()).as(r.all()).isIn(ExitCodes.OK, ExitCodes.SOME_LEFT_OUT);
            JsonNode j = JSON.readTree(r.out());
            assertThat(j.get("services").asInt()).isPositive();
            assertThat(j.get("services").asInt()).isEqualTo(j.get("offered").asInt() + j.get("leftOut").size());
            assertThat(r.exit()).isEqualTo(j.get("leftOut").size() == 0 ? ExitCodes.OK : ExitCodes.SOME_LEFT_OUT);

            Cli.Result unauthenticated = Cli.run(now, "catalog", "check", "--backend", backend.url());
            assertThat(unauthenticated.exit()).as(unauthenticated.all()).isEqualTo(ExitCodes.FAILURE);
        }
    }
}
