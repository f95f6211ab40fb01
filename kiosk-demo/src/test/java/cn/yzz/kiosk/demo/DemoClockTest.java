package cn.yzz.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoClockTest {

    @Test
    void putWrongThenSetBackToTheCountysTime() {
        DemoClock clock = new DemoClock();
        clock.putOff(Duration.ofHours(2));
        assertThat(Duration.between(Instant.now(), clock.instant()).minusHours(2).abs()).isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.between(Instant.now(), clock.withZone(ZoneOffset.UTC).instant()).minusHours(2).abs())
                .as("the same clock in another zone").isLessThan(Duration.ofSeconds(1));
        clock.set(Instant.now().minusSeconds(30));
        assertThat(Duration.between(Instant.now(), clock.instant()).plusSeconds(30).abs()).isLessThan(Duration.ofSeconds(1));
    }
}
