package cn.yzz.kiosk.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void parses_the_options_of_kiosk_backend() {
        Main.Options o = Main.parse(new String[] {"--port", "0", "--data", "/tmp/b", "--enroll-code", "A", "--enroll-code", "B",
            "--faults", "delay=200ms,error-rate=0.2,drop-after-commit=0.3"});
        assertThat(o.port()).isZero();
        assertThat(o.data()).isEqualTo(Path.of("/tmp/b"));
        assertThat(o.codes()).containsExactly("A", "B");
        assertThat(o.faults().dropAfterCommit()).isEqualTo(0.3);
    }

    @Test
    void defaults_to_port_8080_a_temp_dir_and_no_faults() {
        Main.Options o = Main.parse(new String[0]);
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.data()).isNull();
        assertThat(o.faults()).isEqualTo(FaultSettings.none());
    }

    @Test
    void a_county_catalogue_and_the_payment_expiry_are_options_and_default_to_the_bundled_one_and_300_s() {
        Main.Options o = Main.parse(new String[] {"--catalog", "/srv/county.json", "--payment-expiry", "3"});
        assertThat(o.catalog()).isEqualTo(Path.of("/srv/county.json"));
        assertThat(o.paymentExpiry()).isEqualTo(java.time.Duration.ofSeconds(3));
        Main.Options d = Main.parse(new String[0]);
        assertThat(d.catalog()).isNull();
        assertThat(d.paymentExpiry()).isEqualTo(java.time.Duration.ofSeconds(300));
        assertThatThrownBy(() -> Main.parse(new String[] {"--payment-expiry", "0"})).hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> Main.parse(new String[] {"--payment-expiry", "5m"})).hasMessageContaining("not a whole number");
    }

    @Test
    void the_query_knobs_are_an_option_and_default_to_none() {
        Main.Options o = Main.parse(new String[] {"--query-knobs", "delay=8s,answer=error,service=RSJ-0003"});
        assertThat(o.queryKnobs()).isEqualTo(QueryKnobs.none().withDelay(java.time.Duration.ofSeconds(8))
                .withAnswer(QueryKnobs.Answer.ERROR).onlyFor("RSJ-0003"));
        assertThat(Main.parse(new String[0]).queryKnobs()).isEqualTo(QueryKnobs.none());
        assertThatThrownBy(() -> Main.parse(new String[] {"--query-knobs", "answer=slow"})).hasMessageContaining("answer 'slow'");
    }

    @Test
    void bad_options_say_what_is_wrong() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--faults", "boom=1"})).hasMessageContaining("unknown fault 'boom'");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port"})).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port", "x"})).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Main.parse(new String[] {"--bogus"})).hasMessageContaining("unknown option --bogus");
    }

    @Test
    void fresh_codes_look_like_the_contract_example() {
        assertThat(Main.freshCode()).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
    }
}
