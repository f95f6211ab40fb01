package cn.yzz.kiosk.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {

    @Test
    void hasVersionSevenVariantTwoAndTheClocksMilliseconds() {
        Instant at = Instant.parse("2026-11-22T01:30:00.123Z");
        UUID id = UuidV7.withClock(new TestClock(at)).nextId();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(UuidV7.timestampOf(id)).isEqualTo(at);
        assertThat(id.toString()).startsWith(String.format("%08x", at.toEpochMilli() >>> 16));
    }

    @Test
    void idsIncreaseWhenTheClockStandsStillOrStepsBack() {
        TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        UuidV7 ids = UuidV7.withClock(clock);
        String previous = ids.nextId().toString();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) { // far more than 4096 in one millisecond
            if (i == 10_000) {
                clock.advance(Duration.ofSeconds(-5));
            }
            String id = ids.nextId().toString();
            assertThat(id).as("id %d", i).isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
    }

    @Test
    void idsFromTheSystemClockAreUniqueAndOrderedAsStrings() {
        UUID a = UuidV7.next();
        UUID b = UuidV7.next();
        assertThat(b.toString()).isGreaterThan(a.toString());
        assertThat(UuidV7.timestampOf(b)).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                Duration.ofMinutes(1).toMillis(), java.time.temporal.ChronoUnit.MILLIS));
    }
}
