package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.idcard.emu.IdCardReaderEmulator;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.emu.PrintedReceipt;
import cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator;
import cn.yzz.kiosk.device.serial.PtyPair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kioskctl device detect} end to end: the real emulators on socat ptys that refuse a wrong speed as a wire
 * would ({@link WiredPty}), each at a speed of its own, found by kind, driver and speed; a silent pty is unknown; the
 * configuration written is one {@code config check} accepts; and the devices are left as they were.
 */
class DetectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @Test
    void findsEachEmulatorAtItsOwnSpeedListsASilentPtyAsUnknownAndWritesAConfigurationThatChecks() throws Exception {
        WiredPty reader = keep(new WiredPty(dir, "idr"));
        IdCardReaderEmulator readerEmu = keep(new IdCardReaderEmulator(reader.deviceSide(), 38400));
        WiredPty scanner = keep(new WiredPty(dir, "qr"));
        ScannerEmulator scannerEmu = keep(new ScannerEmulator(scanner.deviceSide(), 19200, ScannerFamily.NEWLAND));
        WiredPty printer = keep(new WiredPty(dir, "prn"));
        ReceiptPrinterEmulator printerEmu = keep(new ReceiptPrinterEmulator(printer.deviceSide(), 57600, Paper.MM80,
                Path.of(System.getProperty("basedir", "."), "target", "receipts", "detect")));
        WiredPty acceptor = keep(new WiredPty(dir, "nv9"));
        NoteAcceptorEmulator acceptorEmu = keep(new NoteAcceptorEmulator(acceptor.deviceSide(), dir.resolve("nv9.json"), Dataset.CNY));
        WiredPty silent = keep(new WiredPty(dir, "silent"));
        boolean presentationBefore = scannerEmu.presentationMode();

        // A /dev of our own: the reader has a stable by-id name, the printer a kernel name, the rest come by --port.
        Path dev = Files.createDirectories(dir.resolve("dev"));
        Path byId = Files.createDirectories(dev.resolve("serial/by-id"));
        Files.createSymbolicLink(dev.resolve("ttyUSB0"), reader.pty.hostEnd().toRealPath());
        Path readerStable = Files.createSymbolicLink(byId.resolve("usb-YZZ_SAMV_Reader_0001-if00-port0"), reader.pty.hostEnd().toRealPath());
        Path printerPort = Files.createSymbolicLink(dev.resolve("ttyS4"), printer.pty.hostEnd().toRealPath());
        Path silentPort = Files.createSymbolicLink(dev.resolve("ttyACM3"), silent.pty.hostEnd().toRealPath());
        Path config = dir.resolve("etc/kiosk.json");

        long start = System.nanoTime();
        Cli.Result r = Cli.run("device", "detect", "--dev", dev.toString(), "--port", scanner.port(), "--port", acceptor.port(),
                "--json", "--write-config", config.toString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("device detect: 5 ptys (4 devices, 1 silent) in %d ms%n", millis);

        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode rows = JSON.readTree(r.out());
        assertThat(rows.isArray()).isTrue();
        rows.forEach(row -> assertThat(fieldNames(row)).containsExactly("port", "kind", "driver", "baud", "detail"));
        assertRow(rows, readerStable.toString(), "idcard-reader", "samv", 38400);
        assertThat(row(rows, readerStable.toString()).get("detail").asText()).contains("SAM 编号 05012010-10250000-12345678-9ABCDEF0");
        assertRow(rows, scanner.port(), "qr-scanner", "newland", 19200);
        assertRow(rows, printerPort.toString(), "receipt-printer", "escpos", 57600);
        assertRow(rows, acceptor.port(), "cash-acceptor", "essp", 9600);
        JsonNode unknown = row(rows, silentPort.toString());
        assertThat(unknown.get("kind").asText()).isEqualTo("unknown");
        assertThat(unknown.get("driver").isNull()).isTrue();
        assertThat(unknown.get("baud").isNull()).isTrue();
        assertThat(unknown.get("detail").asText()).startsWith("没有应答");
        assertThat(rows.findValuesAsText("port")).doesNotContain(dev.resolve("ttyUSB0").toString()); // the by-id name stands for it
        assertThat(millis).as("a silent port must not cost seconds per speed and protocol").isLessThan(15_000);

        Cli.Result check = Cli.run("config", "check", "--config", config.toString(), "--json");
        assertThat(check.exit()).as(check.all()).isZero();
        JsonNode checked = JSON.readTree(check.out());
        assertThat(checked.get("model").asText()).isEqualTo("enhanced"); // a cash acceptor was found
        assertThat(checked.get("devices").findValuesAsText("target"))
                .contains(readerStable.toString(), scanner.port(), printerPort.toString(), acceptor.port());
        assertThat(checked.get("devices").findValues("options").stream().filter(o -> o.has("baud"))
                .map(o -> o.get("baud").asInt()).toList())
                .containsExactlyInAnyOrder(38400, 19200, 57600, 9600);

        // Left as they were: the acceptor was never enabled and took nothing, the scanner kept its mode, the printer
        // printed nothing, and the next receipt starts clean.
        assertThat(acceptorEmu.state().enabled()).isFalse();
        assertThat(acceptorEmu.credits()).isEmpty();
        assertThat(scannerEmu.presentationMode()).isEqualTo(presentationBefore);
        assertThat(scannerEmu.triggered()).isFalse();
        assertThat(printerEmu.receipts()).isEmpty();
        assertThat(readerEmu.commandsReceived()).isPositive();
        Cli.Result print = Cli.run("device", "print-test", "--port", printerPort.toString(), "--baud", "57600");
        assertThat(print.exit()).as(print.all()).isZero();
        List<PrintedReceipt> receipts = printerEmu.receipts();
        assertThat(receipts).hasSize(1);
        assertThat(receipts.get(0).lines().get(0).strip()).isEqualTo("打印测试");
        assertThat(printerEmu.unknownCommands()).isEmpty();
    }

    @Test
    void findsTheOtherScannerFamiliesAndWritesNoConfigurationWithoutAnIdCardReader() throws Exception {
        WiredPty gm65 = keep(new WiredPty(dir, "gm65"));
        ScannerEmulator gm65Emu = keep(new ScannerEmulator(gm65.deviceSide(), 115200, ScannerFamily.GENERIC));
        WiredPty ssi = keep(new WiredPty(dir, "ssi"));
        ScannerEmulator ssiEmu = keep(new ScannerEmulator(ssi.deviceSide(), 38400, ScannerFamily.SSI));
        int modeBefore = gm65Emu.gm65ModeRegister();
        Path dev = Files.createDirectories(dir.resolve("dev"));
        Files.createSymbolicLink(dev.resolve("ttyACM0"), gm65.pty.hostEnd().toRealPath());
        Files.createSymbolicLink(dev.resolve("ttyACM1"), ssi.pty.hostEnd().toRealPath());
        // N silent ports asked at once: the time is that of one silent port, not N of them
        int silentPorts = 8;
        for (int i = 0; i < silentPorts; i++) {
            Files.createSymbolicLink(dev.resolve("ttyUSB" + i), keep(PtyPair.open(dir, "quiet" + i)).hostEnd().toRealPath());
        }
        Path config = dir.resolve("kiosk.json");

        Cli.Result r = Cli.run("device", "detect", "--dev", dev.toString(), "--write-config", config.toString());

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(r.err()).contains("没有找到身份证读卡器");
        assertThat(config).doesNotExist();
        assertThat(r.out()).startsWith("端口").contains("设备", "驱动", "波特率", "说明");
        assertThat(line(r.out(), dev.resolve("ttyACM0").toString())).contains("扫码器 qr-scanner", "generic", "115200", "GM65");
        assertThat(line(r.out(), dev.resolve("ttyACM1").toString())).contains("扫码器 qr-scanner", "ssi", "38400", "EMU-SSI 1.0");
        for (int i = 0; i < silentPorts; i++) {
            assertThat(line(r.out(), dev.resolve("ttyUSB" + i).toString())).contains("未知 unknown", "没有应答");
        }
        java.util.regex.Matcher took = java.util.regex.Pattern.compile("查看了 (\\d+) 个串口，用时 ([0-9.]+) 秒").matcher(r.out());
        assertThat(took.find()).as(r.out()).isTrue();
        assertThat(took.group(1)).isEqualTo(String.valueOf(silentPorts + 2));
        System.out.printf("device detect: %s serial ports (%d silent) in %s s%n", took.group(1), silentPorts, took.group(2));
        assertThat(Double.parseDouble(took.group(2))).isLessThan(12);
        assertThat(gm65Emu.gm65ModeRegister()).as("the mode register was only read").isEqualTo(modeBefore);
        assertThat(ssiEmu.triggered()).isFalse();
        assertThat(gm65Emu.codesSent() + ssiEmu.codesSent()).isZero();
    }

    private static String line(String out, String port) {
        return out.lines().filter(l -> l.startsWith(port + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + port + " in\n" + out));
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode row(JsonNode rows, String port) {
        for (JsonNode r : rows) {
            if (r.get("port").asText().equals(port)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + port + " in " + rows);
    }

    private static void assertRow(JsonNode rows, String port, String kind, String driver, int baud) {
        JsonNode r = row(rows, port);
        assertThat(r.get("kind").asText()).as(r.toString()).isEqualTo(kind);
        assertThat(r.get("driver").asText()).as(r.toString()).isEqualTo(driver);
        assertThat(r.get("baud").asInt()).as(r.toString()).isEqualTo(baud);
    }
}
