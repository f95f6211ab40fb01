package cn.yzz.kiosk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.device.cash.emu.Dataset;
import cn.yzz.kiosk.device.cash.emu.NoteAcceptorEmulator;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.qr.ScannerFamily;
import cn.yzz.kiosk.device.qr.emu.ScannerEmulator;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.emu.PrintedReceipt;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import cn.yzz.kiosk.device.sscard.emu.Pcscd;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import cn.yzz.kiosk.device.sscard.emu.VpcdCard;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.installer.cli.Env;
import cn.yzz.kiosk.installer.steps.Acceptance;
import cn.yzz.kiosk.installer.steps.KioskLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kioskctl acceptance} end to end, every device on its real interface: the emulators behind socat ptys, CUPS's
 * PDF queue, pcscd's virtual reader, the dev-backend over loopback, and the service unit as {@code kioskctl install
 * --root} lays it out. The person at the kiosk is played by the test: the card is on the reader, the code on the
 * scanner, and a hand puts a note in once the acceptor draws notes in.
 */
class AcceptanceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SS_READER = ReadSsCardCommandTest.READER;
    /** The real clock: the backend's is real, and the clock item compares them. */
    private static final Env NOW = new Env(Clock.systemDefaultZone(), InputStream.nullInputStream());

    @TempDir Path dir;

    @Test
    void anEnhancedKioskWhereEverythingWorksIsAccepted() throws Exception {
        Pcscd.ensureRunning();
        PrintA4TestCommandTest.admin("cupsenable", "PDF");
        PrintA4TestCommandTest.admin("cupsaccept", "PDF");
        Path data = Files.createDirectory(dir.resolve("data"));
        Path root = installedUnit();
        try (DevBackend backend = DevBackend.start(0, dir.resolve("backend"), "7K3Q-92XD", FaultSettings.none());
             EmulatedReader id = new EmulatedReader(dir);
             PtyPair qrPty = PtyPair.open(dir, "qr");
             ScannerEmulator qr = new ScannerEmulator(LinkOpener.serialPort(qrPty.deviceEnd().toString()), 9600,
                     ScannerFamily.NEWLAND);
             EmulatedPrinter printer = new EmulatedPrinter(dir, Paper.MM80, "acceptance");
             PtyPair cashPty = PtyPair.open(dir, "cash");
             NoteAcceptorEmulator cash = new NoteAcceptorEmulator(LinkOpener.serialPort(cashPty.deviceEnd().toString()),
                     dir.resolve("nv9.json"), Dataset.CNY);
             VpcdCard ss = new VpcdCard(ReadSsCardCommandTest.VPCD_PORT)) {
            assertThat(TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(SS_READER).waitForCardAbsent(5000))
                    .as("pcscd still sees a card from an earlier test").isTrue();
            Cli.Result enroll = Cli.run(NOW, "enroll", "--backend", backend.url(), "--code", "7K3Q-92XD", "--model", "enhanced",
                    "--village-code", "441826103201", "--data-dir", data.toString());
            assertThat(enroll.exit()).as(enroll.all()).isZero();
            String kioskId = EnrollmentFile.load(data).orElseThrow().kioskId();
            Path config = Files.writeString(dir.resolve("kiosk.json"), """
                    {"model": "enhanced", "devices": [
                      {"kind": "idcard-reader", "driver": "samv", "port": "%s"},
                      {"kind": "qr-scanner", "driver": "newland", "port": "%s"},
                      {"kind": "receipt-printer", "driver": "escpos", "port": "%s"},
                      {"kind": "a4-printer", "driver": "cups", "printer": "PDF"},
                      {"kind": "sscard-reader", "driver": "pcsc", "reader": "%s"},
                      {"kind": "cash-acceptor", "driver": "essp", "port": "%s"}]}
                    """.formatted(id.port(), qrPty.hostEnd(), printer.port(), SS_READER, cashPty.hostEnd()));
            IdCard card = CardFixtures.RESIDENT.card();
            id.emulator.placeCard(CardFixtures.RESIDENT);
            qr.present(ScanCommandTest.YSS);
            ss.insert(SsCardFixtures.GEN2);
            CompletableFuture<Void> villager = hand(cash, 10_000);
            Path pdf = dir.resolve("report").resolve("验收报告.pdf");

            long start = System.nanoTime();
            Cli.Result r = Cli.run(NOW, "acceptance", "--config", config.toString(), "--installer", "张三",
                    "--report", pdf.toString(), "--data-dir", data.toString(), "--root", root.toString(), "--timeout", "20");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(villager).succeedsWithin(5, TimeUnit.SECONDS);
            for (String item : List.of("enrollment", "backend", "clock", "disk", "service", "id-card", "qr-scan", "receipt",
                    "a4", "ss-card", "bill")) {
                assertThat(r.out()).as(item).containsPattern("(?m)^PASS .*（" + item + "，\\d+\\.\\d 秒）：");
            }
            assertThat(r.out()).contains("请放置身份证", "请出示二维码", "请插入社保卡", "请放入一张纸币（将退还）", "验收通过");
            assertThat(r.all()).as("personal data stays masked").doesNotContain(card.idNumber(), card.name(),
                    SsCardFixtures.GEN2.card().idNumber(), ScanCommandTest.YSS);
            assertThat(r.err()).isEmpty();

            // Kept under target/ to look at.
            Files.copy(pdf, Files.createDirectories(Path.of("target", "acceptance")).resolve("accepted.pdf"),
                    StandardCopyOption.REPLACE_EXISTING);
            String text = pdfText(pdf);
            assertThat(text).contains(kioskId, "441826103201", "enhanced", "张三", "PASS", "全部通过", "安装人员签字",
                    "村委会签字", "日期");
            for (String kind : List.of("idcard-reader", "qr-scanner", "receipt-printer", "a4-printer", "sscard-reader",
                    "cash-acceptor")) {
                assertThat(text).as(kind).contains(kind);
            }
            assertThat(text).as("the reader's module and the acceptor's serial").contains("SAM 05012010", "1873452");
            assertThat(text.split("FAIL", -1)).as("FAIL and SKIP only in the legend").hasSize(2);
            assertThat(text.split("SKIP", -1)).hasSize(2);

            List<PrintedReceipt> receipts = printer.emulator.receipts();
            assertThat(receipts).as("the test receipt, then the summary").hasSize(2);
            String summary = String.join("\n", receipts.get(1).lines());
            assertThat(summary).contains("验收结果", kioskId, "全部通过", "安装人员签字");
            assertThat(cash.credits()).as("the note was handed back, nothing kept").isEmpty();
            assertThat(cash.state().cashboxNotes()).isZero();
            System.out.printf("acceptance of an enhanced kiosk took %d ms%n", millis);
        }
    }

    @Test
    void aMissingDeviceAndAMissingEnrollmentAreNamedAndASkipIsNoPass() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        try (PtyPair nothing = PtyPair.open(dir, "idr");
             EmulatedPrinter printer = new EmulatedPrinter(dir, Paper.MM58, "acceptance-failing")) {
            Path config = Files.writeString(dir.resolve("kiosk.json"), """
                    {"model": "desktop", "devices": [
                      {"kind": "idcard-reader", "driver": "samv", "port": "%s"},
                      {"kind": "qr-scanner", "driver": "newland", "port": "/dev/ttyNO-SUCH-SCANNER"},
                      {"kind": "receipt-printer", "driver": "escpos", "port": "%s", "options": {"paper": "58mm"}}]}
                    """.formatted(nothing.hostEnd(), printer.port()));
            Path pdf = dir.resolve("failing.pdf");

            Cli.Result r = Cli.run(NOW, "acceptance", "--config", config.toString(), "--installer", "李四", "--json",
                    "--report", pdf.toString(), "--data-dir", data.toString(), "--root", dir.toString(), "--timeout", "2",
                    "--skip", "qr-scan=扫码器待更换");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            JsonNode j = JSON.readTree(r.out());
            assertThat(j.get("accepted").asBoolean()).isFalse();
            assertThat(j.get("kioskId").isNull()).isTrue();
            assertThat(result(j, "enrollment")).isEqualTo("FAIL");
            assertThat(result(j, "id-card")).isEqualTo("FAIL");
            assertThat(result(j, "qr-scan")).isEqualTo("SKIP");
            assertThat(result(j, "receipt")).isEqualTo("PASS");
            assertThat(result(j, "disk")).isEqualTo("PASS");
            assertThat(result(j, "service")).isEqualTo("FAIL");
            assertThat(r.err()).contains("未通过：终端注册（enrollment）", "kioskctl enroll", "未通过：身份证读卡（id-card）",
                    "已跳过，不算通过：扫码（qr-scan）：安装人员跳过：扫码器待更换", "没有安装：请运行 kioskctl install",
                    "请放置身份证");
            assertThat(r.out()).as("prompts go to stderr with --json").doesNotContain("请放置身份证");

            Files.copy(pdf, Files.createDirectories(Path.of("target", "acceptance")).resolve("not-accepted.pdf"),
                    StandardCopyOption.REPLACE_EXISTING);
            String text = pdfText(pdf);
            assertThat(text).contains("UNENROLLED", "李四", "FAIL", "SKIP", "扫码器待更换", "未通过");
            List<PrintedReceipt> receipts = printer.emulator.receipts();
            assertThat(receipts).hasSize(2);
            assertThat(String.join("\n", receipts.get(1).lines())).contains("验收结果", "未通过");
        }
    }

    @Test
    void aSkipNeedsAReasonAndADeviceTheKioskHasAndSkipsAloneAreNotAcceptance() throws Exception {
        Path config = Files.writeString(dir.resolve("kiosk.json"), """
                {"model": "desktop", "devices": [
                  {"kind": "idcard-reader", "driver": "samv", "port": "/dev/ttyNO-SUCH-READER"},
                  {"kind": "qr-scanner", "driver": "newland", "port": "/dev/ttyNO-SUCH-SCANNER"},
                  {"kind": "receipt-printer", "driver": "escpos", "port": "/dev/ttyNO-SUCH-PRINTER"}]}
                """);
        Cli.Result noReason = Cli.run(NOW, "acceptance", "--config", config.toString(), "--installer", "李四",
                "--skip", "qr-scan");
        assertThat(noReason.exit()).as(noReason.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(noReason.err()).contains("跳过 qr-scan 必须写明原因");

        Cli.Result notFitted = Cli.run(NOW, "acceptance", "--config", config.toString(), "--installer", "李四",
                "--skip", "a4=没有打印机");
        assertThat(notFitted.exit()).as(notFitted.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(notFitted.err()).contains("配置里没有「A4 打印」要用的设备");

        Cli.Result unknown = Cli.run(NOW, "acceptance", "--config", config.toString(), "--installer", "李四",
                "--skip", "printer=坏了");
        assertThat(unknown.exit()).as(unknown.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("没有检查项目「printer」", "id-card");

        DeviceProfile profile = DeviceProfile.load(config);
        List<Acceptance.Result> results = new ArrayList<>();
        for (Acceptance.Item item : Acceptance.items(profile)) {
            Acceptance.Outcome o = item == Acceptance.Item.QR_SCAN ? Acceptance.Outcome.SKIP : Acceptance.Outcome.PASS;
            results.add(new Acceptance.Result(item, o, "", ExitCodes.OK, Optional.empty(), ""));
        }
        Acceptance.Run run = new Acceptance.Run(profile, Optional.empty(), results, Instant.EPOCH, Instant.EPOCH, Cli.CHINA);
        assertThat(run.accepted()).isFalse();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_ALL_CHECKED);
    }

    private static String result(JsonNode j, String id) {
        for (JsonNode i : j.get("items")) {
            if (i.get("id").asText().equals(id)) {
                return i.get("result").asText();
            }
        }
        throw new AssertionError("no item " + id + " in " + j);
    }

    /** The unit as {@code kioskctl install --root} leaves it: the file, and enabled for the boot target. */
    private Path installedUnit() throws Exception {
        Path root = dir.resolve("root");
        Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(units.resolve(KioskLayout.UNIT), """
                [Unit]
                Description=粤智助自助终端
                [Service]
                ExecStart=/usr/bin/true
                [Install]
                WantedBy=multi-user.target
                """);
        Path wants = Files.createDirectories(units.resolve("multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve(KioskLayout.UNIT), Path.of("../" + KioskLayout.UNIT));
        return root;
    }

    /** Puts one note in as soon as the acceptor draws notes in (it is enabled only during its step). */
    private static CompletableFuture<Void> hand(NoteAcceptorEmulator cash, long valueFen) {
        return CompletableFuture.runAsync(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!cash.insert(valueFen)) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the acceptor never drew the note in: " + cash.diagnostics());
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
    }

    /** The PDF's text as poppler's pdftotext reads it: what any PDF reader finds. */
    private static String pdfText(Path pdf) throws Exception {
        assertThat(pdf).isRegularFile();
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
