package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueTest {
    static final Path BUNDLED_SOURCE =
            Path.of("..", "offline-cache", "src", "main", "resources", "cn", "yzz", "kiosk", "cache", "catalog", "bundled-catalog.json");

    @TempDir Path dir;

    @Test
    void by_default_the_backend_serves_the_kiosks_bundled_catalogue_byte_for_byte() throws Exception {
        byte[] inJar;
        try (InputStream in = Catalogue.class.getResourceAsStream(Catalogue.BUNDLED)) {
            assertThat(in).as("the build copies the bundled catalogue into dev-backend's jar").isNotNull();
            inJar = in.readAllBytes();
        }
        assertThat(inJar).isEqualTo(Files.readAllBytes(BUNDLED_SOURCE));
        try (DevBackend b = DevBackend.start(0, dir, "CAT-0001", FaultSettings.none())) {
            ApiClient kiosk = new ApiClient(b).enroll("CAT-0001");
            var r = kiosk.get("/catalog", null);
            assertThat(r.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(inJar);
        }
    }

    @Test
    void a_county_catalogue_file_is_served_instead_and_its_services_are_the_known_ones() throws Exception {
        Path county = dir.resolve("county.json");
        Files.writeString(county, "{\"version\": \"county-7\", \"departments\": [{\"code\": \"MZJ\", \"name\": \"民政局\"}],"
                + " \"services\": [{\"code\": \"MZJ-0001\", \"department\": \"MZJ\", \"name\": \"高龄津贴申请\", \"theme\": \"elderly\","
                + " \"kind\": \"application\", \"online\": false}]}");
        try (DevBackend b = DevBackend.start(DevBackend.Settings.defaults().withDataDir(dir.resolve("data"))
                .withEnrollCodes(List.of("CAT-0002")).withCatalog(county))) {
            ApiClient kiosk = new ApiClient(b).enroll("CAT-0002");
            JsonNode catalog = ApiClient.json(kiosk.get("/catalog", null));
            assertThat(catalog.get("version").asText()).isEqualTo("county-7");
            String app = "{\"id\":\"%s\",\"type\":\"application\",\"serviceCode\":\"%s\","
                    + "\"createdAt\":\"2026-11-22T09:30:00+08:00\",\"data\":{}}";
            JsonNode results = ApiClient.json(kiosk.sendBatch(app.formatted(ApiClient.newId(), "MZJ-0001"),
                    app.formatted(ApiClient.newId(), "RSJ-0007")));
            assertThat(results.get("results").findValuesAsText("status")).containsExactly("accepted", "rejected");
        }
    }

    @Test
    void a_file_that_is_not_a_catalogue_is_refused_at_start_with_the_reason() throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "services: []");
        Path array = Files.writeString(dir.resolve("b.json"), "[]");
        Path noServices = Files.writeString(dir.resolve("c.json"), "{\"version\": \"1\", \"services\": {}}");
        Path noCode = Files.writeString(dir.resolve("d.json"), "{\"services\": [{\"name\": \"x\"}]}");
        DevBackend.Settings base = DevBackend.Settings.defaults().withDataDir(dir.resolve("data"));

        assertThatThrownBy(() -> DevBackend.start(base.withCatalog(notJson))).hasMessageContaining("a.json is not valid JSON");
        assertThatThrownBy(() -> DevBackend.start(base.withCatalog(array)))
                .hasMessageContaining("b.json is not a catalogue: it must be a JSON object with a \"services\" list");
        assertThatThrownBy(() -> DevBackend.start(base.withCatalog(noServices)))
                .hasMessageContaining("c.json is not a catalogue: it has no \"services\" list");
        assertThatThrownBy(() -> DevBackend.start(base.withCatalog(noCode))).hasMessageContaining("services[0] has no \"code\"");
        assertThatThrownBy(() -> DevBackend.start(base.withCatalog(dir.resolve("missing.json"))))
                .hasMessageContaining("cannot read the catalogue");
    }
}
