package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.cache.Settings;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PragmaCheckTest {

    @TempDir
    Path dir;

    @Test
    void aPragmaSqliteDidNotTakeIsAnErrorNotAWarning() {
        // SQLite stores a negative busy_timeout as 0: the read-back sees the difference
        Settings odd = new Settings(50, Duration.ofDays(30), Duration.ofMillis(-1), Clock.systemUTC());
        assertThatThrownBy(() -> Database.connect(dir.resolve("kiosk.db"), odd)).isInstanceOf(SQLException.class)
                .hasMessageContaining("busy_timeout is 0, expected -1");
    }
}
