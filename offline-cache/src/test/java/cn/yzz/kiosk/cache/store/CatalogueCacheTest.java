package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueCacheTest {

    @TempDir
    Path dir;
    private final Settings settings = Settings.defaults().withClock(new TestClock(Instant.parse("2026-11-22T02:00:00Z")));

    @Test
    void neverOnlineHasNoCatalogue() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            assertThat(store.catalogue().lastGood()).isEmpty();
        }
    }

    @Test
    void lastGoodCatalogueSurvivesRestartWithItsEtag() throws Exception {
        String json = "{\"version\":\"2026-11-01.3\",\"departments\":[{\"code\":\"RSJ\",\"name\":\"人力资源和社会保障局\"}]}";
        try (KioskStore store = KioskStore.open(dir, settings)) {
            store.catalogue().store("\"v1\"", "{\"version\":\"old\"}");
            store.catalogue().store("\"v3\"", json);
        }
        try (KioskStore store = KioskStore.open(dir, settings)) {
            assertThat(store.catalogue().lastGood()).contains(
                    new CatalogueCache.Cached("\"v3\"", json, Instant.parse("2026-11-22T02:00:00Z")));
        }
    }

    @Test
    void somethingThatIsNotAJsonObjectNeverReplacesTheLastGood() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            store.catalogue().store(null, "{\"version\":\"1\"}");
            assertThatThrownBy(() -> store.catalogue().store("\"x\"", "{\"version\":")).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> store.catalogue().store("\"x\"", "[]")).isInstanceOf(StoreException.class);
            assertThat(store.catalogue().lastGood()).get().extracting(CatalogueCache.Cached::json)
                    .isEqualTo("{\"version\":\"1\"}");
        }
    }
}
