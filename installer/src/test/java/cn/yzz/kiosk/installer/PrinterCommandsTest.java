package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.emu.PrintedReceipt;
import cn.yzz.kiosk.installer.steps.ReceiptPrinterStep;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code kioskctl device print-test} and {@code printer-status} end to end: picocli → driver → jSerialComm → socat pty → emulator. */
class PrinterCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    EmulatedPrinter printer;

    @AfterEach
    void stop() throws InterruptedException {
        if (printer != null) {
            printer.close();
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (printerThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(printerThreadAlive()).as("printer thread still running: printer not closed").isFalse();
    }

    @Test
    void printTestPrintsAChineseReceiptWithAScannableQrCode(TestInfo test) throws Exception {
        start(Paper.MM80, test);
        Cli.Result r = Cli.run("device", "print-test", "--port", printer.port());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        String qr = ReceiptPrinterStep.TEST_QR_PREFIX + "2026-06-01 10:00:00"; // Cli.TODAY in Shanghai
        assertThat(r.out()).startsWith("测试凭条已打印：").contains(printer.port() + "，115200 波特，80 毫米纸", "二维码内容：" + qr);
        PrintedReceipt receipt = only(printer);
        assertThat(receipt.complete()).isTrue();
        assertThat(receipt.lines()).contains("打印测试", "粤智助自助终端", "-".repeat(48));
        assertThat(receipt.lines()).anySatisfy(l -> assertThat(l).startsWith("金额对齐检查").endsWith("1234.50 元").hasSize(48 - 6 - 1));
        assertThat(receipt.qrCodes()).containsExactly(qr);
        assertThat(printer.emulator.unknownCommands()).isEmpty();
        BufferedImage img = ImageIO.read(receipt.png().toFile());
        assertThat(img.getWidth()).isEqualTo(576);
        assertThat(decodeQr(img)).isEqualTo(qr);
    }

    @Test
    void printTestOn58mmPaperFitsTheNarrowerRoll(TestInfo test) throws Exception {
        start(Paper.MM58, test);
        Cli.Result r = Cli.run("device", "print-test", "--port", printer.port(), "--paper", "58");

        assertThat(r.exit()).as(r.err()).isZero();
        PrintedReceipt receipt = only(printer);
        assertThat(receipt.widthDots()).isEqualTo(384);
        assertThat(receipt.lines()).contains("-".repeat(32));
        assertThat(decodeQr(ImageIO.read(receipt.png().toFile()))).startsWith(ReceiptPrinterStep.TEST_QR_PREFIX);
    }

    @Test
    void printTestWithoutPaperSendsNothingAndExits5(TestInfo test) throws Exception {
        start(Paper.MM80, test);
        printer.emulator.setPaperEnd(true);
        Cli.Result r = Cli.run("device", "print-test", "--port", printer.port());

        assertThat(r.exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(r.err()).isEqualTo("kioskctl: 没有打印：打印机缺纸：请打开机盖装入新的热敏纸卷\n");
        assertThat(r.out()).isEmpty();
        assertThat(printer.emulator.jobBytesReceived()).isZero();
    }

    @Test
    void printTestWithTheCoverOpenSendsNothingAndExits5(TestInfo test) throws Exception {
        start(Paper.MM80, test);
        printer.emulator.setCoverOpen(true);
        Cli.Result r = Cli.run("device", "print-test", "--port", printer.port());

        assertThat(r.exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(r.err()).startsWith("kioskctl: 没有打印：打印机机盖没有合上：请合上机盖").hasLineCount(1);
        assertThat(printer.emulator.jobBytesReceived()).isZero();
    }

    @Test
    void printTestWhenThePaperRunsOutHalfWayExits5(TestInfo test) throws Exception {
        start(Paper.MM80, test);
        printer.emulator.runOutOfPaperAfter(200);
        Cli.Result r = Cli.run("device", "print-test", "--port", printer.port());

        assertThat(r.exit()).isEqualTo(ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(r.err()).startsWith("kioskctl: 凭条没有打印完整：打印机缺纸");
        assertThat(only(printer).complete()).isFalse();
    }

    @Test
    void printTestToASilentPrinterExits4(TestInfo test) throws Exception {
        start(Paper.MM80, test);
        printer.emulator.setSilent(true);
        Cli.Result r = Cli.run("device", "print-test", "--port", printer.port());

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).isEqualTo("kioskctl: 端口 " + printer.port() + "：打印机没有响应：请检查打印机的数据线、电源和端口设置\n");
        assertThat(printer.emulator.receipts()).isEmpty();
    }

    @Test
    void aPortThatDoesNotExistExits4() {
        Cli.Result r = Cli.run("device", "print-test", "--port", dir.resolve("ttyS9").toString());

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.err()).startsWith("kioskctl: 找不到端口 " + dir.resolve("ttyS9") + "：请确认打印机已插好").hasLineCount(1);
    }

    @Test
    void printerStatusOfAHealthyPrinter(TestInfo test) throws Exception {
        start(Paper.MM80, test);
        Cli.Result r = Cli.run("device", "printer-status", "--port", printer.port());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).startsWith("状态　　  打印机正常", "联机　　  是", "纸　　　  正常", "机盖　　  合上", "切刀　　  正常");
        assertThat(printer.emulator.jobBytesReceived()).as("a status query prints nothing").isZero();
    }

    @Test
    void printerStatusJsonHasEveryFieldAndTheExitCodeFollowsTheProblem(TestInfo test) throws Exception {
        start(Paper.MM80, test);
        printer.emulator.setPaperNearEnd(true);
        JsonNode nearEnd = json(Cli.run("device", "printer-status", "--port", printer.port(), "--json"), ExitCodes.OK);
        assertThat(fieldNames(nearEnd)).containsExactly("online", "ready", "paperEnd", "paperNearEnd", "coverOpen", "cutterError",
                "otherError", "detail", "port", "baud");
        assertThat(nearEnd.get("paperNearEnd").asBoolean()).isTrue();
        assertThat(nearEnd.get("ready").asBoolean()).isTrue();
        assertThat(nearEnd.get("detail").asText()).isEqualTo("打印纸即将用完：请尽快换纸");

        printer.emulator.setPaperEnd(true);
        JsonNode empty = json(Cli.run("device", "printer-status", "--port", printer.port(), "--json"), ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(empty.get("paperEnd").asBoolean()).isTrue();
        assertThat(empty.get("online").asBoolean()).isFalse();

        printer.emulator.setPaperEnd(false);
        printer.emulator.setCoverOpen(true);
        JsonNode open = json(Cli.run("device", "printer-status", "--port", printer.port(), "--json"), ExitCodes.MEDIA_OR_PROTOCOL);
        assertThat(open.get("coverOpen").asBoolean()).isTrue();

        printer.emulator.setCoverOpen(false);
        printer.emulator.setCutterError(true);
        JsonNode cutter = json(Cli.run("device", "printer-status", "--port", printer.port(), "--json"), ExitCodes.DEVICE_FAULT);
        assertThat(cutter.get("cutterError").asBoolean()).isTrue();
        assertThat(cutter.get("detail").asText()).startsWith("打印机切刀故障");
        assertThat(printer.emulator.jobBytesReceived()).isZero();
    }

    @Test
    void printerStatusOfASilentPrinterExits4(TestInfo test) throws Exception {
        start(Paper.MM80, test);
        printer.emulator.setSilent(true);
        Cli.Result r = Cli.run("device", "printer-status", "--port", printer.port(), "--json");

        assertThat(r.exit()).isEqualTo(ExitCodes.NOT_ANSWERING);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("打印机没有响应");
    }

    @Test
    void badOptionsAreUsageErrors() {
        Cli.Result paper = Cli.run("device", "print-test", "--port", "/dev/null", "--paper", "76");
        Cli.Result baud = Cli.run("device", "printer-status", "--port", "/dev/null", "--baud", "4800");
        Cli.Result help = Cli.run("device", "print-test", "--help");

        assertThat(paper.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(paper.err()).startsWith("kioskctl: Invalid value for option '--paper': '76' 不是纸宽，可用：80、58");
        assertThat(baud.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(baud.err()).startsWith("kioskctl: Invalid value for option '--baud': '4800' 不是打印机常用的波特率");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--port=PATH", "--paper=MM", "  4   打印机没有响应", "  5   缺纸或机盖打开");
    }

    // ---- helpers ----

    private void start(Paper paper, TestInfo test) throws Exception {
        printer = new EmulatedPrinter(dir, paper, "kioskctl-" + test.getTestMethod().orElseThrow().getName());
    }

    private static PrintedReceipt only(EmulatedPrinter p) {
        List<PrintedReceipt> all = p.emulator.receipts();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static JsonNode json(Cli.Result r, int exit) throws Exception {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.out()).endsWith("}\n").hasLineCount(1);
        return JSON.readTree(r.out());
    }

    private static List<String> fieldNames(JsonNode j) {
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String decodeQr(BufferedImage img) throws Exception {
        // As a phone does, look at the code rather than the whole receipt: dense Chinese text can
        // look like finder patterns to a whole-page search. Bands of the paper, from the bottom up.
        for (int side = Math.min(img.getWidth(), img.getHeight()); side >= 200; side /= 2) {
            for (int top = img.getHeight() - side; top >= 0; top -= 24) {
                BufferedImage band = img.getSubimage(0, top, img.getWidth(), side);
                int[] rgb = band.getRGB(0, 0, band.getWidth(), side, null, 0, band.getWidth());
                BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(band.getWidth(), side, rgb)));
                try {
                    return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
                } catch (com.google.zxing.NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
                    // not in this band
                }
            }
        }
        throw new AssertionError("no readable QR code on the receipt");
    }

    private static boolean printerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("kiosk-receipt-printer") && t.isAlive());
    }
}
