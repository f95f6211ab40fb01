package cn.yzz.kiosk.device.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import cn.yzz.kiosk.device.receipt.emu.PrintedReceipt;
import cn.yzz.kiosk.device.receipt.emu.ReceiptPrinterEmulator;
import cn.yzz.kiosk.device.serial.LinkOpener;
import cn.yzz.kiosk.device.serial.PtyPair;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real driver against the emulated printer over a socat pty pair, through jSerialComm. */
class PtyPrinterTest {

    @TempDir Path dir;
    PtyPair pty;
    ReceiptPrinterEmulator emulator;
    EscPosReceiptPrinter printer;
    Path out;
    final List<DeviceEvent.StateChanged> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start(TestInfo test) throws Exception {
        String method = test.getTestMethod().orElseThrow().getName();
        String display = test.getDisplayName();
        out = SampleReceipts.outDir(display.startsWith(method) ? method : method + "-" + display.replaceAll("[^A-Za-z0-9]", ""));
        start(Paper.MM80);
    }

    void start(Paper paper) throws Exception {
        deleteRecursively(out);
        pty = PtyPair.open(dir, "prn");
        emulator = new ReceiptPrinterEmulator(LinkOpener.serialPort(pty.deviceEnd().toString()), 115200, paper, out);
        printer = new EscPosReceiptPrinter("receipt-printer", LinkOpener.serialPort(pty.hostEnd().toString()), 115200);
        printer.addListener(e -> {
            if (e instanceof DeviceEvent.StateChanged c) {
                changes.add(c);
            }
        });
        printer.open();
    }

    @AfterEach
    void stop() {
        printer.close();
        emulator.close();
        pty.close();
    }

    @ParameterizedTest
    @EnumSource(Paper.class)
    void printsAChineseReceiptWithQrAndLogo(Paper paper) throws Exception {
        if (paper != Paper.MM80) { // the fixture started an 80 mm printer
            stop();
            start(paper);
        }
        assertThat(printer.state()).isEqualTo(DeviceState.IDLE);
        Receipt receipt = SampleReceipts.payment(paper);
        ReceiptPrinter.PrintJob job = print(receipt);

        assertThat(job.bytes()).isEqualTo(EscPos.encode(receipt).length);
        assertThat(job.after().ready()).isTrue();
        PrintedReceipt r = oneReceipt();
        assertThat(r.complete()).isTrue();
        assertThat(emulator.unknownCommands()).isEmpty();
        assertThat(r.lines()).contains("粤智助缴费凭条", "城乡居民养老保险", "扫码核验凭条真伪", "-".repeat(paper.columns()));
        String amount = r.lines().stream().filter(l -> l.startsWith("缴费金额")).findFirst().orElseThrow();
        assertThat(amount).endsWith("360.00 元");
        assertThat(EscPos.columns(amount)).as("amount flush right: %s", amount).isEqualTo(paper.columns());
        assertThat(r.lines().stream().filter(l -> l.startsWith("业务编号")).findFirst().orElseThrow())
                .isEqualTo("业务编号" + " ".repeat(paper.columns() - 8 - 13) + "2026112300017");
        assertThat(r.qrCodes()).containsExactly(SampleReceipts.VERIFY_URL);

        assertThat(r.png()).exists().hasFileName("receipt-001.png").startsWith(SampleReceipts.outDir(""));
        BufferedImage img = ImageIO.read(r.png().toFile());
        assertThat(img.getWidth()).isEqualTo(paper.dots()).isEqualTo(r.widthDots());
        assertThat(img.getHeight()).isBetween(500, 2000);
        double black = blackFraction(img);
        assertThat(black).as("ink on the receipt").isBetween(0.03, 0.4);
        assertThat(decodeQr(img)).isEqualTo(SampleReceipts.VERIFY_URL);
        assertThat(blackFraction(img.getSubimage(0, 0, img.getWidth(), 64))).as("the logo at the top").isGreaterThan(0.05);
    }

    @Test
    void aTitleTooWideForOneLineWrapsWithoutSplittingACharacter() throws Exception {
        print(Receipt.on(Paper.MM80).title("广东省城乡居民基本养老保险缴费凭条（补缴）").build());
        // 12 double-width characters fill 48 columns.
        assertThat(oneReceipt().lines()).containsExactly("广东省城乡居民基本养老保", "险缴费凭条（补缴）");
    }

    @Test
    void paperEndBeforeAJobRefusesItAndSendsNothing() throws Exception {
        emulator.setPaperEnd(true);
        assertRefused(DeviceException.Kind.MEDIA_ERROR, "打印机缺纸");
    }

    @Test
    void anOpenCoverBeforeAJobRefusesItAndSendsNothing() throws Exception {
        emulator.setCoverOpen(true);
        assertRefused(DeviceException.Kind.MEDIA_ERROR, "机盖没有合上");
    }

    @Test
    void aCutterErrorBeforeAJobRefusesItAndSendsNothing() throws Exception {
        emulator.setCutterError(true);
        assertRefused(DeviceException.Kind.DEVICE_FAULT, "切刀故障");
    }

    @Test
    void aNearlyEmptyRollStillPrintsAndSaysSo() throws Exception {
        emulator.setPaperNearEnd(true);
        ReceiptPrinter.PrintJob job = print(SampleReceipts.payment(Paper.MM80));
        assertThat(job.after().paperNearEnd()).isTrue();
        assertThat(oneReceipt().complete()).isTrue();
        Health h = printer.checkHealth();
        assertThat(h.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(h.detail()).isEqualTo("打印纸即将用完：请尽快换纸");
    }

    @Test
    void paperRunningOutMidJobFailsTheJobAndTheNextRollPrints() throws Exception {
        emulator.runOutOfPaperAfter(400); // 5 cm: the receipt is longer
        assertThatThrownBy(() -> print(SampleReceipts.payment(Paper.MM80)))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeviceException.Kind.MEDIA_ERROR);
                    assertThat(e.getMessage()).startsWith("凭条没有打印完整：").contains("缺纸");
                });
        PrintedReceipt r = oneReceipt();
        assertThat(r.complete()).isFalse();
        assertThat(r.png().getFileName().toString()).isEqualTo("receipt-001-incomplete.png");
        assertThat(r.qrCodes()).isEmpty();
        assertThat(printer.state()).isEqualTo(DeviceState.FAILED);
        assertThat(printer.statistics()).containsEntry("FailedJobCount", 1L);

        emulator.setPaperEnd(false); // a new roll
        emulator.setPaperNearEnd(false);
        waitFor(() -> printer.state() == DeviceState.IDLE, "the heartbeat sees the new roll");
        print(SampleReceipts.payment(Paper.MM80));
        assertThat(emulator.receipts()).hasSize(2).last().satisfies(last -> assertThat(last.complete()).isTrue());
    }

    @Test
    void aSilentPrinterIsAClearErrorAndGetsNoJob() throws Exception {
        emulator.setSilent(true);
        assertThatThrownBy(() -> print(SampleReceipts.payment(Paper.MM80)))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeviceException.Kind.NOT_ANSWERING);
                    assertThat(e.getMessage()).isEqualTo("打印机没有响应：请检查打印机的数据线、电源和端口设置");
                });
        byte[] heard = emulator.heardWhileSilent();
        assertThat(heard.length % 3).isZero();
        for (int i = 0; i < heard.length; i += 3) {
            assertThat(new int[] {heard[i], heard[i + 1]}).as("only DLE EOT requests").containsExactly(0x10, 0x04);
        }
        assertThat(printer.state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(emulator.receipts()).isEmpty();
    }

    @Test
    void noiseBeforeStatusRepliesIsSkipped() throws Exception {
        emulator.garbleStatusReplies(2); // the driver resends twice
        print(SampleReceipts.payment(Paper.MM80));
        assertThat(oneReceipt().complete()).isTrue();
        assertThat(printer.statistics().get("GarbledStatusCount")).isGreaterThanOrEqualTo(1L);
    }

    @Test
    void statusRepliesThatStayGarbledAreAProtocolErrorAndNoJobIsSent() {
        emulator.garbleStatusReplies(Integer.MAX_VALUE);
        assertThatThrownBy(() -> print(SampleReceipts.payment(Paper.MM80)))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL);
                    assertThat(e.getMessage()).contains("状态回复一直无法识别");
                });
        assertThat(emulator.jobBytesReceived()).isZero();
    }

    @Test
    void theHeartbeatNoticesAnEmptyRollWhileIdle() throws Exception {
        emulator.setPaperEnd(true);
        // The event, not the state: listeners hear of a change just after the state has moved.
        waitFor(() -> changes.stream().anyMatch(c -> c.to() == DeviceState.FAILED), "paper end seen without a job");
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.to()).isEqualTo(DeviceState.FAILED);
            assertThat(c.detail()).contains("打印机缺纸");
        });
    }

    @Test
    void aPulledCableIsNoticedWithinSecondsAndThePrinterComesBackOnItsOwn() throws Exception {
        print(SampleReceipts.payment(Paper.MM80));
        pty.close(); // the cable is out
        waitFor(() -> changes.stream().anyMatch(c -> c.to() == DeviceState.OFFLINE), "the pulled cable noticed");
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.to()).isEqualTo(DeviceState.OFFLINE);
            assertThat(c.detail()).contains("打印机");
        });
        assertThatThrownBy(() -> print(SampleReceipts.payment(Paper.MM80)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.NOT_ANSWERING));

        pty = PtyPair.open(dir, "prn"); // plugged back in, same port path; the emulator reopens its end
        waitFor(() -> printer.state() == DeviceState.IDLE, "the printer back in use");
        print(SampleReceipts.payment(Paper.MM80));
        assertThat(emulator.receipts()).hasSize(2).allSatisfy(r -> assertThat(r.complete()).isTrue());
    }

    @Test
    void aCablePulledDuringAJobFailsTheJob() throws Exception {
        emulator.setPaced(true); // the job takes its wire time, about 0.2 s at 115200 baud
        var job = printer.print(SampleReceipts.payment(Paper.MM80));
        // Pulled as soon as the job has started arriving: the rest is still a wire time away.
        waitFor(() -> emulator.jobBytesReceived() > 0, "the job under way");
        pty.close();
        assertThatThrownBy(() -> {
            try {
                job.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }).isInstanceOfSatisfying(DeviceException.class, e -> {
            assertThat(e.kind()).isEqualTo(DeviceException.Kind.NOT_ANSWERING);
            assertThat(e.getMessage()).contains("没有打印完整");
        });
        assertThat(printer.state()).isEqualTo(DeviceState.OFFLINE);
        assertThat(printer.statistics()).containsEntry("FailedJobCount", 1L);
    }

    @Test
    void aClosedPrinterSaysSo() {
        printer.close();
        printer.close();
        assertThat(printer.state()).isEqualTo(DeviceState.CLOSED);
        assertThatThrownBy(() -> print(SampleReceipts.payment(Paper.MM80)))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.CLOSED));
    }

    // ---- helpers ----

    private void assertRefused(DeviceException.Kind kind, String reason) throws Exception {
        assertThatThrownBy(() -> print(SampleReceipts.payment(Paper.MM80)))
                .isInstanceOfSatisfying(DeviceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).startsWith("没有打印：").contains(reason);
                });
        assertThat(emulator.jobBytesReceived()).as("no byte of the job sent").isZero();
        assertThat(emulator.statusRequests()).isGreaterThanOrEqualTo(4);
        assertThat(emulator.receipts()).isEmpty();
        assertThat(printer.state()).isEqualTo(DeviceState.FAILED);
        assertThat(printer.statistics()).containsEntry("RefusedJobCount", 1L);
        assertThat(printer.checkHealth().detail()).contains(reason);
    }

    private ReceiptPrinter.PrintJob print(Receipt receipt) throws Exception {
        try {
            return printer.print(receipt).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private PrintedReceipt oneReceipt() {
        assertThat(emulator.receipts()).hasSize(1);
        return emulator.receipts().get(0);
    }

    static double blackFraction(BufferedImage img) {
        long black = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFF) < 128) {
                    black++;
                }
            }
        }
        return (double) black / ((long) img.getWidth() * img.getHeight());
    }

    static String decodeQr(BufferedImage img) throws Exception {
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

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what + " within 5 s").isTrue();
    }

    private static void deleteRecursively(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
