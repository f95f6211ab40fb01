package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.sscard.emu.Pcscd;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kioskctl device check --config FILE}: every device of an enhanced kiosk, each on its real interface
 * (emulators behind socat ptys, CUPS's PDF queue, pcscd's virtual reader), through the kiosk's own drivers.
 */
class DeviceCheckCommandTest {

    @TempDir
    Path dir;

    private Path config(String idPort, String qrPort, String printerPort) throws Exception {
        return config(idPort, qrPort, printerPort, "/dev/ttyUSB9");
    }

    private Path config(String idPort, String qrPort, String printerPort, String cashPort) throws Exception {
        return Files.writeString(dir.resolve("kiosk.json"), """
                {"model": "enhanced", "devices": [
                  {"kind": "idcard-reader", "driver": "samv", "port": "%s"},
                  {"kind": "qr-scanner", "driver": "newland", "port": "%s"},
                  {"kind": "receipt-printer", "driver": "escpos", "port": "%s"},
                  {"kind": "a4-printer", "driver": "cups", "printer": "PDF"},
                  {"kind": "sscard-reader", "driver": "pcsc", "reader": "Virtual PCD 00 00"},
                  {"kind": "cash-acceptor", "driver": "essp", "port": "%s"}]}
                """.formatted(idPort, qrPort, printerPort, cashPort));
    }

    @Test
    void aWellWiredKioskPasses() throws Exception {
        Pcscd.ensureRunning();
        try (EmulatedReader id = new EmulatedReader(dir);
             PtyPair qrPty = PtyPair.open(dir, "qr");
             ScannerEmulator qr = new ScannerEmulator(LinkOpener.serialPort(qrPty.deviceEnd().toString()), 9600,
                     ScannerFamily.NEWLAND);
             EmulatedPrinter printer = new EmulatedPrinter(dir, Paper.MM80, "device-check");
             PtyPair cashPty = PtyPair.open(dir, "cash");
             NoteAcceptorEmulator cash = new NoteAcceptorEmulator(LinkOpener.serialPort(cashPty.deviceEnd().toString()),
                     dir.resolve("nv9.json"), Dataset.CNY)) {
            Path config = config(id.port(), qrPty.hostEnd().toString(), printer.port(), cashPty.hostEnd().toString());

            Cli.Result r = Cli.run("device", "check", "--json", "--config", config.toString());

            assertThat(r.exit()).as(r.all()).isZero();
            JsonNode devices = new ObjectMapper().readTree(r.out()).get("devices");
            assertThat(devices).hasSize(6);
            for (int i = 0; i < 6; i++) {
                assertThat(devices.get(i).get("status").asText()).as(devices.get(i).toString()).isEqualTo("OK");
            }
            assertThat(devices.get(5).get("kind").asText()).isEqualTo("cash-acceptor");
            assertThat(cash.credits()).as("a check takes no note").isEmpty();
            assertThat(printer.emulator.receipts()).as("a check prints nothing").isEmpty();
        }
    }

    @Test
    void anEmptyRollIsAFaultAndAMissingReaderIsNotAnswering() throws Exception {
        Pcscd.ensureRunning();
        try (PtyPair qrPty = PtyPair.open(dir, "qr");
             ScannerEmulator qr = new ScannerEmulator(LinkOpener.serialPort(qrPty.deviceEnd().toString()), 9600,
                     ScannerFamily.NEWLAND);
             EmulatedPrinter printer = new EmulatedPrinter(dir, Paper.MM80, "device-check-empty")) {
            printer.emulator.setPaperEnd(true);
            Path config = config("/dev/ttyNO-SUCH-READER", qrPty.hostEnd().toString(), printer.port());

            Cli.Result r = Cli.run("device", "check", "--config", config.toString());

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.DEVICE_FAULT);
            assertThat(r.out()).contains("✘ receipt-printer").contains("缺纸");
            assertThat(r.out()).contains("✘ idcard-reader");
            assertThat(r.out()).contains("✔ qr-scanner");
        }
    }

    @Test
    void aBrokenConfigurationIsExitSeven() throws Exception {
        Path config = Files.writeString(dir.resolve("kiosk.json"), "{\"model\": \"desktop\", \"devices\": []}");
        Cli.Result r = Cli.run("device", "check", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(r.err()).contains("devices");
    }
}
