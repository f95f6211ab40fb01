package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./kiosk test runs as root, as an installer does: kioskctl (acceptance, queue status) opening the store in the folder
 * kioskctl install made for the kiosk's user must leave everything it made to that user, or the kiosk could not open
 * its own database and key at its next start.
 */
class DataFolderOwnerTest {

    @TempDir
    Path dir;

    @Test
    void whatTheStoreMakesAsRootBelongsToTheDataFoldersOwner() throws Exception {
        Path data = Files.createDirectory(dir.resolve("kiosk"));
        UserPrincipal kioskUser = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(data, kioskUser);

        try (KioskStore store = KioskStore.open(data, Settings.defaults())) {
            assertThat(store.acceptingWork()).isTrue();
        }

        List<Path> made;
        try (Stream<Path> all = Files.walk(data)) {
            made = all.filter(p -> !p.equals(data)).toList();
        }
        assertThat(made).as("the store made its database and key").anyMatch(p -> p.endsWith("kiosk.db"))
                .anyMatch(p -> p.endsWith(PersonalDataCipher.KEY_FILE));
        for (Path p : made) {
            assertThat(Files.getOwner(p)).as("owner of %s", data.relativize(p)).isEqualTo(kioskUser);
        }
    }
}
