package cn.yzz.kiosk.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One tap, one action: a second activation within 500 ms of the last one let through is ignored. */
class TapGuardTest {

    private static final long MS = 1_000_000L;

    /** The time the guard sees, set by the test; starts far from zero, as {@link System#nanoTime()} may. */
    private long now = 123_456_789_000L;
    private final TapGuard guard = new TapGuard(TapGuard.DEBOUNCE, () -> now);

    @Test
    void theDebounceIsHalfASecond() {
        assertThat(TapGuard.DEBOUNCE).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theFirstActivationIsAllowed() {
        assertThat(guard.allow()).isTrue();
    }

    @Test
    void theFirstActivationIsAllowedWhateverTheClockSays() {
        now = Long.MIN_VALUE + 5;
        assertThat(new TapGuard(TapGuard.DEBOUNCE, () -> now).allow()).isTrue();
        now = 0;
        assertThat(new TapGuard(TapGuard.DEBOUNCE, () -> now).allow()).isTrue();
    }

    @Test
    void aSecondActivationWithinHalfASecondIsRefused() {
        assertThat(guard.allow()).isTrue();
        assertThat(guard.allow()).as("at once").isFalse();
        now += 499 * MS;
        assertThat(guard.allow()).as("at 499 ms").isFalse();
    }

    @Test
    void anActivationAtExactlyHalfASecondIsAllowed() {
        assertThat(guard.allow()).isTrue();
        now += 500 * MS;
        assertThat(guard.allow()).isTrue();
    }

    @Test
    void aRefusedActivationDoesNotExtendTheWindow() {
        assertThat(guard.allow()).isTrue();
        now += 300 * MS;
        assertThat(guard.allow()).isFalse();
        now += 200 * MS; // 500 ms after the one let through, 200 ms after the refused one
        assertThat(guard.allow()).as("counted from the last activation let through").isTrue();
    }

    @Test
    void theWindowStartsAgainAtEachActivationLetThrough() {
        assertThat(guard.allow()).isTrue();
        now += 600 * MS;
        assertThat(guard.allow()).isTrue();
        now += 400 * MS;
        assertThat(guard.allow()).as("400 ms after the second one").isFalse();
        now += 100 * MS;
        assertThat(guard.allow()).isTrue();
    }

    @Test
    void aDebounceOfItsOwnIsHonoured() {
        TapGuard slow = new TapGuard(Duration.ofSeconds(2), () -> now);
        assertThat(slow.allow()).isTrue();
        now += 1_999 * MS;
        assertThat(slow.allow()).isFalse();
        now += MS;
        assertThat(slow.allow()).isTrue();
    }
}
