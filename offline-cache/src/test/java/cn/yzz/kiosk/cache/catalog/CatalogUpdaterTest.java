package cn.yzz.kiosk.cache.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.TestClock;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogUpdaterTest {

    private static final String COUNTY = """
            {"version": "2026-12-10.1", "services": [{"code": "RSJ-0001", "department": "RSJ", "name": "失业登记",
             "theme": "social-insurance", "kind": "application"}]}""";

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T02:00:00Z"));
    private MockWebServer server;
    private BackendClient client;
    private KioskStore store;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = new BackendClient(SyncConfig.defaults(server.url("/kiosk").toString(), "WJ-0042", "tok-1", true)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3)), clock);
        store = KioskStore.open(dir, Settings.defaults().withClock(clock));
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        server.close();
    }

    @Test
    void aNewKioskStartsFromTheBundledCatalogueThenKeepsTheCountysWithItsEtag() throws Exception {
        CatalogUpdater updater = new CatalogUpdater(client, store.catalogue());
        assertThat(updater.current().version()).isEqualTo(CatalogParser.bundled().version());

        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"c1\"").body(COUNTY).build());
        CatalogUpdater.Result r = updater.refresh();

        assertThat(r).isEqualTo(new CatalogUpdater.Result(CatalogUpdater.Outcome.UPDATED, "2026-12-10.1", ""));
        assertThat(updater.current().services()).extracting(Service::code).containsExactly("RSJ-0001");
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).as("nothing cached yet").isNull();
        assertThat(store.catalogue().lastGood()).get().extracting(c -> c.etag()).isEqualTo("\"c1\"");

        server.enqueue(new MockResponse.Builder().code(304).build());
        assertThat(updater.refresh().outcome()).isEqualTo(CatalogUpdater.Outcome.UNCHANGED);
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"c1\"");
        assertThat(updater.current().version()).isEqualTo("2026-12-10.1");

        // After a restart the kiosk starts from the stored one and asks only for a change.
        CatalogUpdater restarted = new CatalogUpdater(client, store.catalogue());
        assertThat(restarted.current().version()).isEqualTo("2026-12-10.1");
        server.enqueue(new MockResponse.Builder().code(304).build());
        restarted.refresh();
        assertThat(server.takeRequest().getHeaders().get("If-None-Match")).isEqualTo("\"c1\"");
    }

    @Test
    void anUnusableCatalogueIsNeitherStoredNorCurrent() throws Exception {
        CatalogUpdater updater = new CatalogUpdater(client, store.catalogue());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"c1\"").body(COUNTY).build());
        updater.refresh();

        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"c2\"")
                .body("{\"version\": \"2026-12-11.1\", \"services\": {}}").build());
        CatalogUpdater.Result r = updater.refresh();

        assertThat(r.outcome()).isEqualTo(CatalogUpdater.Outcome.REFUSED);
        assertThat(r.version()).isEqualTo("2026-12-10.1");
        assertThat(r.detail()).contains("services: expected a list");
        assertThat(updater.current().version()).isEqualTo("2026-12-10.1");
        assertThat(store.catalogue().lastGood()).get().extracting(c -> c.etag()).isEqualTo("\"c1\"");
    }

    @Test
    void aCatalogueWithSomeServicesLeftOutIsStillUsed() throws Exception {
        CatalogUpdater updater = new CatalogUpdater(client, store.catalogue());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"c3\"")
                .body(COUNTY.replace("}]}", "}, {\"code\": \"X-1\", \"department\": \"X\", \"name\": \"n\", \"theme\": \"t\", \"kind\": \"gift\"}]}"))
                .build());

        assertThat(updater.refresh().outcome()).isEqualTo(CatalogUpdater.Outcome.UPDATED);
        assertThat(updater.current().leftOut()).extracting(Catalog.LeftOut::code).containsExactly("X-1");
    }

    @Test
    void aBackendThatDoesNotAnswerChangesNothing() throws Exception {
        CatalogUpdater updater = new CatalogUpdater(client, store.catalogue());
        server.enqueue(new MockResponse.Builder().code(503).build());

        CatalogUpdater.Result r = updater.refresh();

        assertThat(r.outcome()).isEqualTo(CatalogUpdater.Outcome.FAILED);
        assertThat(updater.current().version()).isEqualTo(CatalogParser.bundled().version());
        assertThat(store.catalogue().lastGood()).isEmpty();
    }

    @Test
    void aCachedCatalogueThatNoLongerParsesGivesWayToTheBundledOneAndAFullFetch() throws Exception {
        store.catalogue().store("\"old\"", "{\"version\": \"old\"}");
        CatalogUpdater updater = new CatalogUpdater(client, store.catalogue());
        assertThat(updater.current().version()).isEqualTo(CatalogParser.bundled().version());

        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"c1\"").body(COUNTY).build());
        updater.refresh();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("If-None-Match")).isNull();
        assertThat(updater.current().version()).isEqualTo("2026-12-10.1");
    }
}
