package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/sync-api.openapi.yaml through a standard OpenAPI 3.1 linter: Spectral with its recommended
 * {@code spectral:oas} ruleset (docs/lint/.spectral.yaml), pinned in docs/lint/package-lock.json.
 * Any error, warning, info or hint fails the build with the linter's own output. {@code ./kiosk test}
 * installs the linter ({@code npm ci}); when it is missing here, this test installs it the same way.
 */
class OpenApiLintTest {
    static final Path LINT_DIR = Path.of("..", "docs", "lint");
    static final Path SPECTRAL = LINT_DIR.resolve("node_modules/.bin/spectral");
    private static final long TIMEOUT_SEC = 180;

    @TempDir Path tmp;

    @Test
    void the_contract_document_passes_the_recommended_rules_without_a_warning() throws Exception {
        Result r = lint(OpenApiDocument.FILE);
        assertThat(r.exit).as("spectral lint of %s said:%n%s", OpenApiDocument.FILE, r.output).isZero();
    }

    @Test
    void the_linter_finds_the_unquoted_comma_that_turns_a_description_into_an_unexpected_property() throws Exception {
        // The known trap: in a YAML flow mapping, "description: The order, as created" ends the description at the
        // comma and adds a property "as created" to the parameter, which the OpenAPI schema forbids.
        String doc = Files.readString(OpenApiDocument.FILE, StandardCharsets.UTF_8);
        String good = "- {name: orderId, in: path, required: true, schema: {type: string}}";
        assertThat(doc).contains(good);
        Path broken = tmp.resolve("broken.openapi.yaml");
        Files.writeString(broken, doc.replace(good,
                "- {name: orderId, in: path, required: true, description: The order, as created, schema: {type: string}}"));

        Result r = lint(broken);

        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("oas3-schema").contains("paths./api/v1/payments/{orderId}.parameters[0]");
    }

    private record Result(int exit, String output) {}

    private Result lint(Path document) throws IOException, InterruptedException {
        ensureInstalled();
        List<String> cmd = List.of(SPECTRAL.toAbsolutePath().toString(), "lint", "--ruleset",
                LINT_DIR.resolve(".spectral.yaml").toAbsolutePath().toString(), "--fail-severity", "hint",
                document.toAbsolutePath().toString());
        return run(cmd, LINT_DIR);
    }

    /** {@code npm ci} when the pinned linter is not installed yet (./kiosk test normally did it). */
    private static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(SPECTRAL)) {
            return;
        }
        Result r;
        try {
            r = run(List.of("npm", "ci", "--no-audit", "--no-fund"), LINT_DIR);
        } catch (IOException e) {
            throw new AssertionError("the OpenAPI linter is not installed and npm is missing: run ./kiosk test once"
                    + " (it installs nodejs and npm, then runs npm ci in docs/lint)", e);
        }
        assertThat(r.exit).as("npm ci in %s said:%n%s", LINT_DIR, r.output).isZero();
    }

    private static Result run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("openapi-lint", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().put("NO_COLOR", "1");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SEC, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", cmd) + " took over " + TIMEOUT_SEC + " s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
