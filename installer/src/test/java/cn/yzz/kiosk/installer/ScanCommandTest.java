package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.qr.emu.ScannerFault;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code kioskctl device scan} end to end: picocli → driver → jSerialComm → socat pty → emulated scanner. */
class ScanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String YSS = "https://yss.gd.gov.cn/code?c=8f1e2d3c4b5a69788796a5b4c3d2e1f0&t=1764000000";

    @TempDir Path dir;
    PtyPair pty;
    ScannerEmulator emulator;

    void start(ScannerFamily family) throws Exception {
        pty = PtyPair.open(dir, "qr");
        emulator = new ScannerEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), 9600, family);
    }

    String port() {
        return pty.hostEnd().toString();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (emulator != null) {
            emulator.close();
        }
        if (pty != null) {
            pty.close();
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (scannerThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(scannerThreadAlive()).as("scanner thread still running: scanner not closed").isFalse();
    }

    @ParameterizedTest
    @EnumSource(ScannerFamily.class)
    void revealedJsonHasTheWholeCode(ScannerFamily family) throws Exception {
        start(family);
        emulator.present(YSS);
        Cli.Result r = Cli.run("device", "scan", "--port", port(), "--mode", family.id(), "--json", "--reveal");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).hasLineCount(1);
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("text").asText()).isEqualTo(YSS);
        assertThat(j.get("masked").asBoolean()).isFalse();
        assertThat(j.get("charset").asText()).isEqualTo("UTF-8");
        assertThat(j.get("bytes").asInt()).isEqualTo(YSS.length());
        assertThat(j.get("chars").asInt()).isEqualTo(YSS.length());
        assertThat(j.get("family").asText()).isEqualTo(family.id());
        assertThat(j.get("port").asText()).isEqualTo(port());
        assertThat(j.get("baud").asInt()).isEqualTo(9600);
        assertThat(j.get("scanMillis").asLong()).isBetween(0L, 10_000L);
    }

    @Test
    void withoutRevealTheCodeIsMaskedEvenInVerboseLogs() throws Exception {
        start(ScannerFamily.GENERIC);
        emulator.present(YSS);
        Cli.Result human = Cli.run("device", "scan", "--port", port(), "--verbose");
        emulator.present(YSS);
        Cli.Result json = Cli.run("device", "scan", "--port", port(), "--json");

        assertThat(human.exit()).as(human.err()).isZero();
        assertThat(json.exit()).as(json.err()).isZero();
        for (Cli.Result r : java.util.List.of(human, json)) {
            assertThat(r.all()).doesNotContain("8f1e2d3c", "yss.gd");
        }
        assertThat(human.out()).isEqualTo("内容　  http…00（共 74 字符）\n"
                + "编码　  UTF-8（74 字节）\n"
                + human.out().lines().filter(l -> l.startsWith("扫码器")).findFirst().orElseThrow() + "\n"
                + "（内容已遮盖；加 --reveal 显示完整内容）\n");
        assertThat(human.out()).contains("扫码器  " + port() + "，generic，9600 波特，扫码用时 ");
        assertThat(human.err()).contains("INFO [cn.yzz.kiosk.device.qr] qr-scanner: scanned Scan[http…00（共 74 字符）");
        assertThat(JSON.readTree(json.out()).get("text").asText()).isEqualTo("http…00（共 74 字符）");
        assertThat(JSON.readTree(json.out()).get("masked").asBoolean()).isTrue();
    }

    @Test
    void aGbkCodeIsPrintedAsChinese() throws Exception {
        start(ScannerFamily.NEWLAND);
        emulator.present("连南瑶族自治县三江镇金坑村".getBytes(Charset.forName("GBK")));
        Cli.Result r = Cli.run("device", "scan", "--port", port(), "--mode", "newland", "--json", "--reveal");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("text").asText()).isEqualTo("连南瑶族自治县三江镇金坑村");
        assertThat(j.get("charset").asText()).isEqualTo("GBK");
    }

    @Test
    void presentationModeTakesTheCodeWithoutTriggering() throws Exception {
        start(ScannerFamily.SSI);
        emulator.present("PRESENTED-1");
        Cli.Result r = Cli.run("device", "scan", "--port", port(), "--mode", "ssi", "--presentation", "--reveal", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("text").asText()).isEqualTo("PRESENTED-1");
        assertThat(emulator.presentationMode()).isTrue();
    }

    @Test
    void nothingScannedBeforeTheTimeoutExits3() throws Exception {
        start(ScannerFamily.GENERIC);
        Cli.Result r = Cli.run("device", "scan", "--port", port(), "--timeout", "0.5");

        assertThat(r.exit()).isEqualTo(ExitCodes.NO_MEDIA);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("kioskctl: 0.5 秒内没有扫到码：请把二维码或条码对准扫码窗口再试（--timeout 可延长等待）\n");
    }

    @Test
    void aSilentScannerExits4() throws Exception {
        start(ScannerFamily.SSI);
        emulator.inject(ScannerFault.NO_ANSWER, Integer.MAX_VALUE);
        Cli.Result r = Cli.run("device", "scan", "--port", port(), "--mode", "ssi", "--timeout", "1");

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).startsWith("kioskctl: 端口 " + port() + "：扫码器没有响应").contains("请检查");
        assertPlainError(r);
    }

    @Test
    void theWrongFamilyIsNotAnsweringWithAHintAboutTheMode() throws Exception {
        start(ScannerFamily.NEWLAND);
        Cli.Result r = Cli.run("device", "scan", "--port", port(), "--mode", "generic", "--timeout", "1");

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).contains("型号（generic、newland、ssi）是否选对");
        assertPlainError(r);
    }

    @Test
    void aRefusedCommandExits5() throws Exception {
        start(ScannerFamily.NEWLAND);
        emulator.inject(ScannerFault.NAK_COMMAND, Integer.MAX_VALUE);
        Cli.Result r = Cli.run("device", "scan", "--port", port(), "--mode", "newland", "--timeout", "1");

        // NAKs to every resend: the scanner is there but never takes the command.
        assertThat(r.exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(r.err()).startsWith("kioskctl: 与扫码器通信出错：扫码器对模式设置命令的回复重发 2 次后仍是拒绝或损坏的");
        assertPlainError(r);
    }

    @Test
    void aPortThatDoesNotExistExits4() {
        Cli.Result r = Cli.run("device", "scan", "--port", dir.resolve("ttyACM9").toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).startsWith("kioskctl: 找不到端口 " + dir.resolve("ttyACM9") + "：请确认扫码器已插好");
        assertPlainError(r);
    }

    @Test
    void anUnknownFamilyIsAUsageError() {
        Cli.Result r = Cli.run("device", "scan", "--port", "/dev/null", "--mode", "honeywell");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'honeywell' 不是支持的扫码器型号，可用：generic、newland、ssi");
    }

    private static void assertPlainError(Cli.Result r) {
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("kioskctl: ").hasLineCount(1).doesNotContain("Exception", "\tat ");
    }

    private static boolean scannerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("kiosk-scanner") && t.isAlive());
    }
}
