package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Instant now = Instant.parse("2026-11-22T01:30:00Z");

    @Test
    void readsSeconds() {
        assertThat(RetryAfter.parse("7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", now)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 01:31:30 GMT", now)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sun, 22 Nov 2026 01:00:00 GMT", now)).contains(Duration.ZERO);
    }

    @Test
    void readsTheObsoleteHttpDateFormsARecipientMustAccept() {
        assertThat(RetryAfter.parse("Sunday, 22-Nov-26 01:31:30 GMT", now)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Sun Nov 22 01:31:30 2026", now)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Tue Dec  1 01:30:00 2026", now)).contains(Duration.ofDays(9));
    }

    @Test
    void ignoresGarbage() {
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }
}
