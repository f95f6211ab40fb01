package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultSettingsTest {
    @Test
    void parses_every_key() {
        FaultSettings s = FaultSettings.parse("delay=200ms, error-rate=0.2, 429=0.1, 503=0.05, retry-after=3,"
                + "drop-before-commit=0.1, drop-after-commit=0.3, malformed=0.01, slow-body=0.02, slow-body-time=1.5s,"
                + " seed=42, only=transactions:batch|heartbeat, max-rps=50");
        assertThat(s.delay()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.errorRate()).isEqualTo(0.2);
        assertThat(s.rate429()).isEqualTo(0.1);
        assertThat(s.rate503()).isEqualTo(0.05);
        assertThat(s.retryAfterSec()).isEqualTo(3);
        assertThat(s.dropBeforeCommit()).isEqualTo(0.1);
        assertThat(s.dropAfterCommit()).isEqualTo(0.3);
        assertThat(s.malformed()).isEqualTo(0.01);
        assertThat(s.slowBody()).isEqualTo(0.02);
        assertThat(s.slowBodyTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.seed()).isEqualTo(42L);
        assertThat(s.only()).isEqualTo(Set.of("transactions:batch", "heartbeat"));
        assertThat(s.maxRps()).isEqualTo(50);
    }

    @Test
    void blank_means_none_and_durations_default_to_milliseconds() {
        assertThat(FaultSettings.parse("")).isEqualTo(FaultSettings.none());
        assertThat(FaultSettings.parse(null)).isEqualTo(FaultSettings.none());
        assertThat(FaultSettings.parse("delay=250").delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(FaultSettings.parse("delay=2s").delay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void bad_specs_are_refused_with_a_message_naming_the_entry() {
        assertThatThrownBy(() -> FaultSettings.parse("explode=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown fault 'explode'").hasMessageContaining("drop-after-commit");
        assertThatThrownBy(() -> FaultSettings.parse("error-rate=lots")).hasMessageContaining("error-rate=lots")
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> FaultSettings.parse("error-rate=1.5")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> FaultSettings.parse("delay")).hasMessageContaining("not key=value");
        assertThatThrownBy(() -> FaultSettings.parse("retry-after=0")).hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> FaultSettings.parse("delay=-5ms")).hasMessageContaining("negative");
    }
}
