package cn.yzz.kiosk.device.qr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScanTextTest {

    @Test
    void validUtf8IsUtf8AndItsByteOrderMarkIsDropped() {
        assertThat(ScanText.decode("粤省事 https://x".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ScanText.Decoded("粤省事 https://x", "UTF-8"));
        assertThat(ScanText.decode(ScannerCommandsTest.cat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "A1".getBytes())))
                .isEqualTo(new ScanText.Decoded("A1", "UTF-8"));
    }

    @Test
    void anythingElseIsGbk() {
        assertThat(ScanText.decode("广东省清远市连南瑶族自治县".getBytes(ScanText.GBK)))
                .isEqualTo(new ScanText.Decoded("广东省清远市连南瑶族自治县", "GBK"));
    }

    @Test
    void bytesThatAreNeitherAreMarkedAndKeepReplacementCharacters() {
        ScanText.Decoded d = ScanText.decode(new byte[] {'A', (byte) 0xFF, (byte) 0x80});
        assertThat(d.charset()).isEqualTo("GBK?");
        assertThat(d.text()).startsWith("A").contains("\uFFFD");
    }

    @Test
    void aScanNeverShowsTheWholeCode() {
        String code = "https://yss.gd.gov.cn/v?c=8f1e2d3c4b5a69788796a5b4c3d2e1f0";
        Scan s = new Scan(code, "UTF-8", code.length(), Instant.EPOCH);
        assertThat(s.masked()).isEqualTo("http…f0（共 " + code.length() + " 字符）");
        assertThat(s.toString()).doesNotContain("yss", "8f1e2d").contains("http…f0");
        assertThat(new Scan("1234567", "UTF-8", 7, Instant.EPOCH).masked()).isEqualTo("*******（共 7 字符）");
        assertThat(new Scan("粤省事码𠀀ABCDEF", "UTF-8", 20, Instant.EPOCH).masked()).isEqualTo("粤省事码…EF（共 11 字符）");
    }
}
