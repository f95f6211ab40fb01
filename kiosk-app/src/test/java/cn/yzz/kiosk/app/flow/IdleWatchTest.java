package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.flow.IdleWatch.State;
import cn.yzz.kiosk.app.support.ManualScheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The walk-away watch with the default 60 s quiet time and 30 s to continue. Timers fire only when
 * the test fires them, so no test waits for real time.
 */
class IdleWatchTest {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final int GRACE_SECONDS = 30;

    private final ManualScheduler timers = new ManualScheduler();
    private final AtomicBoolean takingMoney = new AtomicBoolean();
    private final AtomicInteger warnings = new AtomicInteger();
    private final AtomicInteger expiries = new AtomicInteger();
    private IdleWatch watch;

    @BeforeEach
    void setUp() {
        watch = new IdleWatch(timers, IdleWatch.Settings.defaults(), takingMoney::get);
        watch.setOnWarn(warnings::incrementAndGet);
        watch.setOnExpire(expiries::incrementAndGet);
    }

    private State state() {
        return watch.stateProperty().get();
    }

    private int secondsLeft() {
        return watch.secondsLeftProperty().get();
    }

    /** Fires the quiet-time timer, which must be the only one pending. */
    private void idleTimeUp() {
        assertThat(timers.pending()).as("only the idle timer is pending").containsExactly(IDLE);
        timers.fireAll();
    }

    @Test
    void theDefaultsAreSixtySecondsIdleAndThirtyToContinueAboveTheTwentySecondMinimum() {
        IdleWatch.Settings d = IdleWatch.Settings.defaults();
        assertThat(d.idle()).isEqualTo(IDLE);
        assertThat(d.grace()).isEqualTo(Duration.ofSeconds(GRACE_SECONDS));
        assertThat(d.grace()).as("BRIEF: at least 20 s to continue").isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void isOffUntilStartedAndThenWatchesWithTheIdleTimer() {
        assertThat(state()).isEqualTo(State.OFF);
        assertThat(timers.pending()).isEmpty();
        watch.start();
        assertThat(state()).isEqualTo(State.WATCHING);
        assertThat(timers.pending()).containsExactly(IDLE);
        assertThat(secondsLeft()).isZero();
    }

    @Test
    void afterTheIdleTimeItWarnsWithTheWholeGraceLeft() {
        watch.start();
        idleTimeUp();
        assertThat(state()).isEqualTo(State.WARNING);
        assertThat(warnings).hasValue(1);
        assertThat(secondsLeft()).isEqualTo(GRACE_SECONDS);
        assertThat(timers.pending()).as("the countdown ticks each second").containsExactly(TICK);
        assertThat(expiries).hasValue(0);
    }

    @Test
    void eachTickCountsDownOneSecond() {
        watch.start();
        idleTimeUp();
        for (int left = GRACE_SECONDS - 1; left >= 1; left--) {
            timers.fireAll();
            assertThat(secondsLeft()).isEqualTo(left);
            assertThat(state()).isEqualTo(State.WARNING);
            assertThat(timers.pending()).containsExactly(TICK);
        }
        assertThat(expiries).as("not before the grace is over").hasValue(0);
    }

    @Test
    void expiresOnceAfterTheGraceAndTurnsOff() {
        watch.start();
        idleTimeUp();
        for (int i = 0; i < GRACE_SECONDS; i++) {
            assertThat(expiries).hasValue(0);
            timers.fireAll();
        }
        assertThat(expiries).hasValue(1);
        assertThat(state()).isEqualTo(State.OFF);
        assertThat(secondsLeft()).isZero();
        assertThat(timers.pending()).as("nothing more is scheduled").isEmpty();
        timers.fireAll();
        assertThat(expiries).hasValue(1);
        assertThat(warnings).hasValue(1);
    }

    @Test
    void aTouchWhileWatchingRestartsTheIdleTimer() {
        watch.start();
        watch.touched();
        assertThat(timers.pending()).as("the old idle timer is cancelled; a new full one is set").containsExactly(IDLE);
        assertThat(state()).isEqualTo(State.WATCHING);
        assertThat(watch.extensions()).as("a touch while watching is no extension").isZero();
        timers.fireAll();
        assertThat(warnings).as("only the new timer warns").hasValue(1);
    }

    @Test
    void aTouchWhenOffDoesNothing() {
        watch.touched();
        assertThat(state()).isEqualTo(State.OFF);
        assertThat(timers.pending()).isEmpty();
    }

    @Test
    void continuingDuringTheWarningCountsAnExtensionAndWatchesAgain() {
        watch.start();
        idleTimeUp();
        timers.fireAll();
        timers.fireAll();
        assertThat(secondsLeft()).isEqualTo(GRACE_SECONDS - 2);

        watch.touched();

        assertThat(watch.extensions()).isEqualTo(1);
        assertThat(state()).isEqualTo(State.WATCHING);
        assertThat(secondsLeft()).isZero();
        assertThat(timers.pending()).as("the countdown is cancelled; the full idle time begins again").containsExactly(IDLE);
        assertThat(expiries).hasValue(0);
    }

    @Test
    void atLeastTenExtensionsInARowEachGiveAFullNewWarningOfAtLeastTwentySeconds() {
        watch.start();
        for (int round = 1; round <= 12; round++) {
            idleTimeUp();
            assertThat(state()).as("warning %d", round).isEqualTo(State.WARNING);
            assertThat(secondsLeft()).as("warning %d starts with the whole grace", round).isEqualTo(GRACE_SECONDS)
                    .isGreaterThanOrEqualTo(20);
            for (int i = 0; i < GRACE_SECONDS - 1; i++) {
                timers.fireAll(); // the villager takes until the last second
            }
            assertThat(secondsLeft()).isEqualTo(1);
            watch.touched();
            assertThat(watch.extensions()).isEqualTo(round);
            assertThat(state()).isEqualTo(State.WATCHING);
        }
        assertThat(warnings).hasValue(12);
        assertThat(expiries).as("extensions are unlimited").hasValue(0);
    }

    @Test
    void startResetsTheExtensions() {
        watch.start();
        idleTimeUp();
        watch.touched();
        assertThat(watch.extensions()).isEqualTo(1);
        watch.start();
        assertThat(watch.extensions()).isZero();
        assertThat(timers.pending()).as("a running watch is restarted, not doubled").containsExactly(IDLE);
    }

    @Test
    void takingMoneyAtIdleTimeGivesNoWarningAndLooksAgainLater() {
        watch.start();
        takingMoney.set(true);
        idleTimeUp();
        assertThat(warnings).hasValue(0);
        assertThat(state()).isEqualTo(State.WATCHING);
        assertThat(timers.pending()).as("rescheduled").containsExactly(IDLE);

        idleTimeUp();
        assertThat(warnings).as("still paying").hasValue(0);

        takingMoney.set(false);
        idleTimeUp();
        assertThat(warnings).as("the payment is over: now it warns").hasValue(1);
        assertThat(state()).isEqualTo(State.WARNING);
    }

    @Test
    void moneyStartingDuringTheWarningReturnsToWatchingWithoutExpiry() {
        watch.start();
        idleTimeUp();
        timers.fireAll();
        takingMoney.set(true);
        for (int i = 0; i < GRACE_SECONDS * 3; i++) {
            timers.fireAll();
        }
        assertThat(expiries).as("a payment is never abandoned half way").hasValue(0);
        assertThat(state()).isEqualTo(State.WATCHING);
        assertThat(secondsLeft()).isZero();
        assertThat(warnings).hasValue(1);
        assertThat(timers.pending()).containsExactly(IDLE);
    }

    @Test
    void stopCancelsEverything() {
        watch.start();
        idleTimeUp();
        watch.stop();
        assertThat(state()).isEqualTo(State.OFF);
        assertThat(secondsLeft()).isZero();
        assertThat(timers.pending()).isEmpty();
        timers.fireAll();
        assertThat(expiries).hasValue(0);

        watch.start();
        watch.stop();
        assertThat(timers.pending()).as("the idle timer too").isEmpty();
        timers.fireAll();
        assertThat(warnings).hasValue(1);
    }

    @Test
    void walkAwayWarnsAtOnceWhenWatching() {
        watch.start();
        watch.walkAway();
        assertThat(state()).isEqualTo(State.WARNING);
        assertThat(warnings).hasValue(1);
        assertThat(secondsLeft()).isEqualTo(GRACE_SECONDS);
        assertThat(timers.pending()).as("the countdown runs").contains(TICK);
    }

    /**
     * A walk-away warning must not leave the idle timer it replaced behind: firing later, that timer
     * would warn a second time (restarting or doubling the countdown), or put a warning up after the
     * visit has already expired.
     */
    @Test
    void aWalkAwayVisitExpiresAfterOneWarningAndLeavesNoTimerBehind() {
        watch.start();
        watch.walkAway();
        for (int i = 0; i < 10 * GRACE_SECONDS && !timers.pending().isEmpty(); i++) {
            timers.fireAll();
        }
        assertThat(warnings).as("one warning").hasValue(1);
        assertThat(expiries).hasValue(1);
        assertThat(state()).isEqualTo(State.OFF);
    }

    @Test
    void continuingAfterAWalkAwayGivesTheFullIdleTimeAgain() {
        watch.start();
        watch.walkAway();
        watch.touched();
        assertThat(timers.pending()).as("one fresh idle timer, nothing older").containsExactly(IDLE);
    }

    @Test
    void walkAwayDoesNothingWhenOffOrAlreadyWarning() {
        watch.walkAway();
        assertThat(state()).isEqualTo(State.OFF);
        assertThat(warnings).hasValue(0);
        assertThat(timers.pending()).isEmpty();

        watch.start();
        idleTimeUp();
        timers.fireAll();
        watch.walkAway();
        assertThat(warnings).as("no second warning").hasValue(1);
        assertThat(secondsLeft()).as("the countdown is not restarted").isEqualTo(GRACE_SECONDS - 1);
        assertThat(timers.pending()).containsExactly(TICK);
    }

    @Test
    void aGraceShorterThanOneSecondStillWarnsAndExpires() {
        IdleWatch quick = new IdleWatch(timers, new IdleWatch.Settings(IDLE, Duration.ofMillis(500)), () -> false);
        AtomicInteger expired = new AtomicInteger();
        quick.setOnExpire(expired::incrementAndGet);
        quick.start();
        timers.fireAll();
        assertThat(quick.stateProperty().get()).isEqualTo(State.WARNING);
        assertThat(quick.secondsLeftProperty().get()).isEqualTo(1);
        assertThat(timers.pending()).containsExactly(Duration.ofMillis(500));
        timers.fireAll();
        assertThat(expired).hasValue(1);
    }
}
