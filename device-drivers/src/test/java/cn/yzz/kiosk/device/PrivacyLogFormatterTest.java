package cn.yzz.kiosk.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class PrivacyLogFormatterTest {

    @Test
    void masksIdShapedNumbersWhereverTheyAppear() {
        LogRecord r = new LogRecord(Level.INFO, "read {0} and USA440068040201, ref 12345, ID440105199001011234");
        r.setParameters(new Object[] {"441802198503120031"});
        r.setLoggerName("t");
        r.setThrown(new IllegalStateException("bad 11010519491231002X"));
        String line = new PrivacyLogFormatter().format(r);
        assertThat(line).contains("441***********0031", "USA********0201", "110***********002X", "ref 12345", "ID440***********1234")
                .doesNotContain("441802198503120031", "USA440068040201", "11010519491231002X", "440105199001011234");
    }

    @Test
    void leavesOtherNumbersAlone() {
        assertThat(PrivacyLogFormatter.mask("order 1234567890123456789 at 2026-11-22")).isEqualTo("order 1234567890123456789 at 2026-11-22");
    }
}
