package cn.yzz.kiosk.cache.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), new Random(7));

    @Test
    void fullJitterStaysWithinZeroAndTheCappedExponentialAndUsesTheWholeRange() {
        for (int attempts = 0; attempts < 20; attempts++) {
            Duration ceiling = backoff.ceiling(attempts);
            long max = 0;
            long min = Long.MAX_VALUE;
            for (int i = 0; i < 2000; i++) {
                long ms = backoff.next(attempts).toMillis();
                assertThat(ms).isBetween(backoff.minimum().toMillis(), ceiling.toMillis());
                max = Math.max(max, ms);
                min = Math.min(min, ms);
            }
            // Full jitter, not "ceiling minus a little": the draws cover the range.
            assertThat(max).as("attempt %d", attempts).isGreaterThan(ceiling.toMillis() * 9 / 10);
            assertThat(min).as("attempt %d", attempts).isLessThan(Math.max(ceiling.toMillis() / 10, 1001));
        }
    }

    @Test
    void ceilingDoublesFromTheBaseUpToTheCap() {
        assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(128));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.ceiling(8)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void sameSeedSameDelays() {
        Backoff a = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), new Random(99));
        Backoff b = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), new Random(99));
        for (int i = 0; i < 10; i++) {
            assertThat(a.next(i)).isEqualTo(b.next(i));
        }
    }

    @Test
    void retryAfterIsNeverShortenedAndZeroMeansAtLeastTheBase() {
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.afterServerSaid(Duration.ofSeconds(7))).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(9));
            assertThat(backoff.afterServerSaid(Duration.ZERO)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void reconnectSpreadCoversTheWholeWindowEvenly() {
        Duration window = Duration.ofMinutes(5);
        int[] deciles = new int[10];
        for (int i = 0; i < 5000; i++) {
            long ms = backoff.spread(window).toMillis();
            assertThat(ms).isBetween(0L, window.toMillis());
            deciles[(int) (ms * 10 / window.toMillis())]++;
        }
        // 1000 kiosks coming back together must not arrive together: every tenth of the window gets its share.
        for (int d : deciles) {
            assertThat(d).isBetween(400, 600);
        }
    }
}
