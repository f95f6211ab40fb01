package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {
    @TempDir Path dir;
    DevBackend backend;
    ApiClient kiosk;

    @BeforeEach
    void start() throws Exception {
        backend = DevBackend.start(0, dir, "DIAG-0001", FaultSettings.none());
        kiosk = new ApiClient(backend).enroll("DIAG-0001");
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    static byte[] zip(String name, String text) throws IOException {
        return zip(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(0); // stored: random content stays its size
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    static HttpResponse<String> upload(ApiClient kiosk, byte[] body, String type) throws Exception {
        return kiosk.send(kiosk.request("/diagnostics").setHeader("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void a_bundle_under_5_mib_is_kept_in_the_data_folder_one_over_is_413_and_kept_nowhere() throws Exception {
        byte[] random = new byte[5 * 1024 * 1024 - 4096];
        new Random(7).nextBytes(random);
        byte[] fits = zip("heap.txt", random);
        assertThat(fits.length).isLessThanOrEqualTo(DevBackend.DEFAULT_MAX_BODY_BYTES);

        HttpResponse<String> ok = upload(kiosk, fits, "application/zip");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(backend.diagnosticsBundles()).singleElement()
                .satisfies(f -> assertThat(f).startsWith(dir.resolve("diagnostics")))
                .satisfies(f -> assertThat(f.getFileName().toString()).startsWith(kiosk.kioskId + "-"));

        byte[] over = zip("heap.txt", new byte[5 * 1024 * 1024]);
        HttpResponse<String> tooLarge = upload(kiosk, over, "application/zip");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(backend.diagnosticsBundles()).hasSize(1);
    }

    @Test
    void without_credentials_or_with_bytes_that_are_no_zip_nothing_is_kept() throws Exception {
        assertThat(upload(new ApiClient(backend), zip("a.txt", "x"), "application/zip").statusCode()).isEqualTo(401);
        assertThat(upload(kiosk, "just text".getBytes(StandardCharsets.UTF_8), "application/zip").statusCode()).isEqualTo(400);
        assertThat(upload(kiosk, zip("a.txt", "x"), "text/plain").statusCode()).isEqualTo(415);
        assertThat(backend.diagnosticsBundles()).isEmpty();
    }
}
