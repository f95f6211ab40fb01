package cn.yzz.kiosk.device.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which stopped printers anyone on site can fix by hand (paper, cover) and which are faults. */
class PrinterStatusTest {

    @ParameterizedTest(name = "online={0} paperEnd={1} nearEnd={2} cover={3} cutter={4} other={5} -> ready={6} handsOnly={7}")
    @CsvSource({
            "true,  false, false, false, false, false, true,  false", // all well
            "true,  false, true,  false, false, false, true,  false", // nearly out still prints
            "false, true,  false, false, false, false, false, true",  // no paper
            "false, false, false, true,  false, false, false, true",  // cover open
            "false, true,  false, true,  false, false, false, true",  // both
            "false, true,  false, false, true,  false, false, false", // no paper and a stuck cutter: a fault too
            "false, false, false, false, false, true,  false, false", // head too hot
            "false, false, false, false, false, false, false, false", // offline for no reason it gives
    })
    void readyAndHandsOnly(boolean online, boolean paperEnd, boolean nearEnd, boolean cover, boolean cutter, boolean other,
                           boolean ready, boolean handsOnly) {
        PrinterStatus s = new PrinterStatus(online, paperEnd, nearEnd, cover, cutter, other);
        assertThat(s.ready()).isEqualTo(ready);
        assertThat(s.needsHandsOnly()).isEqualTo(handsOnly);
    }
}
