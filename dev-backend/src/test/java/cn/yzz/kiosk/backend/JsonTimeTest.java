package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times in answers are RFC 3339 to the second, also on the minute (where OffsetDateTime.toString drops ":00"). */
class JsonTimeTest {

    @Test
    void onTheMinuteTheSecondsAreWritten() {
        assertThat(Json.time(Instant.parse("2026-11-22T01:30:00Z"))).isEqualTo("2026-11-22T09:30:00+08:00");
    }

    @Test
    void fractionsAreDropped() {
        assertThat(Json.time(Instant.parse("2026-11-22T01:30:07.123456Z"))).isEqualTo("2026-11-22T09:30:07+08:00");
    }
}
