package cn.yzz.kiosk.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CornerTapsTest {

    private static final long MS = 1_000_000L;

    static Stream<Arguments> presses() {
        return Stream.of(
                Arguments.of("five within 3 s open", new long[] {0, 200, 400, 600, 800}, true),
                Arguments.of("five quick ones, 100 ms apart (TapGuard would drop all but one activation)", new long[] {0, 100, 200, 300, 400}, true),
                Arguments.of("five, the last exactly 3 s after the first", new long[] {0, 1000, 2000, 2500, 3000}, true),
                Arguments.of("four do not", new long[] {0, 200, 400, 600}, false),
                Arguments.of("five spread over more than 3 s do not", new long[] {0, 800, 1600, 2400, 3200}, false),
                Arguments.of("a slow start then five quick ones open", new long[] {0, 5000, 5100, 5200, 5300, 5400}, true),
                Arguments.of("one long press is one press", new long[] {0}, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presses")
    void opensOnTheFifthPressWithinThreeSeconds(String what, long[] atMillis, boolean opens) {
        CornerTaps taps = new CornerTaps();
        boolean opened = false;
        for (int i = 0; i < atMillis.length; i++) {
            boolean now = taps.press(atMillis[i] * MS);
            assertThat(now && i < atMillis.length - 1).as("opens only on the last press").isFalse();
            opened = now;
        }
        assertThat(opened).as(what).isEqualTo(opens);
    }

    @Test
    void theCountStartsAgainAfterOpeningAndAfterAPressElsewhere() {
        CornerTaps taps = new CornerTaps();
        for (int i = 0; i < 4; i++) {
            assertThat(taps.press(i * 100 * MS)).isFalse();
        }
        assertThat(taps.press(400 * MS)).isTrue();
        assertThat(taps.press(500 * MS)).as("a sixth press starts a new count").isFalse();
        for (int i = 0; i < 3; i++) {
            taps.press((600 + i * 100) * MS);
        }
        taps.reset();
        assertThat(taps.press(900 * MS)).as("a press elsewhere reset the count").isFalse();
    }
}
