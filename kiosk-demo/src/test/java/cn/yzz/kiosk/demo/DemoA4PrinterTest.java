package cn.yzz.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Pages;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's A4 printer: the kiosk's pages into a PDF in the demo's data, pages reported as they are written. */
class DemoA4PrinterTest {

    @TempDir Path data;
    DemoA4Printer printer;

    @AfterEach
    void close() {
        if (printer != null) {
            printer.close();
        }
    }

    static A4Document record(int rows) {
        List<List<String>> body = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            body.add(List.of(String.format("%d-%02d", 2021 + i / 12, i % 12 + 1), "城乡居民基本养老保险", String.format("%.2f", 180 + i * 0.5)));
        }
        List<String> heading = List.of("费款所属期", "险种", "个人缴费(元)");
        return new A4Document("养老保险缴费记录", List.of(new A4Document.Field("姓名", "陈**")), A4Document.fitColumns(heading, body), body,
                "DEV-0123456789AB", "扫码核验本件", "本件由粤智助政务服务自助终端打印。", "以上记录仅供参考。");
    }

    @Test
    void aThreePageJobBecomesAPdfOfTheLaidOutPagesReportedPageByPage() throws Exception {
        printer = new DemoA4Printer("a4-printer", data.resolve("a4"), Duration.ofMillis(150));
        printer.open();
        A4Document doc = record(64);
        A4Pages expected = A4Pages.of(doc);
        assertThat(expected.getNumberOfPages()).isEqualTo(3);
        List<long[]> reports = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();

        A4Printer.PrintResult r = printer.print(doc, (done, total) -> reports.add(new long[] {done, total, System.nanoTime() - t0}))
                .get(30, TimeUnit.SECONDS);

        assertThat(r.pages()).isEqualTo(3);
        assertThat(reports).extracting(p -> p[0] + "/" + p[1]).containsExactly("0/3", "1/3", "2/3", "3/3");
        assertThat(reports.get(3)[2] - reports.get(1)[2]).as("a page takes the printer's pace").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(290));
        Path pdf = printer.lastPdf();
        assertThat(pdf.getParent()).isEqualTo(data.resolve("a4"));
        assertThat(pdf.getFileName().toString()).matches("a4-\\d{8}-\\d{6}-1\\.pdf");
        try (Stream<Path> files = Files.list(data.resolve("a4"))) {
            assertThat(files).containsExactly(pdf); // no .part left
        }
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            assertThat(d.getNumberOfPages()).isEqualTo(3);
            PDFRenderer renderer = new PDFRenderer(d);
            for (int i = 0; i < 3; i++) {
                assertThat(d.getPage(i).getMediaBox().getWidth()).isEqualTo(595.27563f);
                BufferedImage page = renderer.renderImageWithDPI(i, DemoA4Printer.DPI, ImageType.GRAY);
                ImageIO.write(page, "png", data.resolve("page-" + (i + 1) + ".png").toFile());
                assertThat(share(page, expected.render(i, DemoA4Printer.DPI))).as("page %d is the laid-out page", i + 1).isGreaterThan(0.97);
            }
        }
        assertThat(printer.state()).isEqualTo(DeviceState.IDLE);
        assertThat(printer.statistics()).containsEntry("PrintedPageCount", 3L);
    }

    @Test
    void withoutPaperNothingIsPrintedAndThePrinterSaysWhy() throws Exception {
        printer = new DemoA4Printer("a4-printer", data.resolve("a4"), Duration.ZERO);
        printer.open();
        printer.setPaperOut(true);
        awaitState(DeviceState.FAILED);
        assertThat(printer.checkHealth().detail()).isEqualTo("A4 打印机缺纸：请放入 A4 纸");
        assertFails(printer.print(record(3)), "A4 打印机缺纸，没有打印");
        printer.setPaperOut(false);
        awaitState(DeviceState.IDLE);
        assertThat(printer.print(record(3)).get(10, TimeUnit.SECONDS).pages()).isEqualTo(1);
    }

    @Test
    void aJamEndsTheJobWithoutAPdfAndWithoutItsPagesDone() throws Exception {
        printer = new DemoA4Printer("a4-printer", data.resolve("a4"), Duration.ZERO);
        printer.open();
        printer.jamNextJob();
        List<Integer> done = new CopyOnWriteArrayList<>();
        assertFails(printer.print(record(64), (d, t) -> done.add(d)), "A4 打印机卡纸，打印没有完成：请打开前盖取出卡住的纸");
        assertThat(done).containsExactly(0);
        try (Stream<Path> files = Files.list(data.resolve("a4"))) {
            assertThat(files).isEmpty();
        }
        assertThat(printer.state()).isEqualTo(DeviceState.IDLE);
    }

    @Test
    void closingMidJobEndsItAtOnce() throws Exception {
        printer = new DemoA4Printer("a4-printer", data.resolve("a4"), Duration.ofSeconds(5));
        printer.open();
        CompletableFuture<A4Printer.PrintResult> job = printer.print(record(64));
        Thread.sleep(300);
        printer.close();
        assertThatThrownBy(() -> job.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .extracting(Throwable::getCause, InstanceOfAssertFactories.type(DeviceException.class))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.CLOSED));
        assertThat(printer.state()).isEqualTo(DeviceState.CLOSED);
    }

    @Test
    void theRigStandsInForTheProfilesA4PrinterWithPdfsBesideTheReceipts() throws Exception {
        try (DemoRig rig = DemoRig.start(data.resolve("receipts"))) {
            var spec = DeviceProfile.parse(DeviceProfile.example("enhanced"), "enhanced.json").device(DeviceKind.A4_PRINTER).orElseThrow();
            assertThat(rig.standIn(spec)).containsSame(rig.a4Printer());
            assertThat(rig.takenAsPresent(DeviceKind.A4_PRINTER)).isFalse();
            assertThat(rig.a4Printer().folder()).isEqualTo(data.resolve("a4"));
        }
    }

    private void awaitState(DeviceState s) throws InterruptedException {
        for (int i = 0; i < 100 && printer.state() != s; i++) {
            Thread.sleep(20);
        }
        assertThat(printer.state()).isEqualTo(s);
    }

    private static void assertFails(CompletableFuture<?> f, String message) {
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .extracting(Throwable::getCause, InstanceOfAssertFactories.type(DeviceException.class))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(DeviceException.Kind.DEVICE_FAULT);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    /** The share of pixels on which two pictures agree (dark or light). */
    private static double share(BufferedImage a, BufferedImage b) {
        int same = 0;
        int n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                boolean da = a.getRaster().getSample(x, y, 0) < 128;
                boolean db = b.getRaster().getSample(x, y, 0) < 128;
                n++;
                same += da == db ? 1 : 0;
            }
        }
        return (double) same / n;
    }
}
