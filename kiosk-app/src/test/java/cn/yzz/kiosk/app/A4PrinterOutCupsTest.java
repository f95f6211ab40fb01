package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.service.Printouts;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import cn.yzz.kiosk.device.a4.A4Document;
import cn.yzz.kiosk.device.a4.A4Pages;
import cn.yzz.kiosk.device.a4.CupsA4Printer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A print service's answer on A4 through the kiosk's A4 printer as a run sees it ({@link A4PrinterOut}) and
 * the real CUPS with its cups-pdf queue PDF, as ./kiosk test sets it up: javax.print → lpr → cupsd →
 * cups-pdf → Ghostscript. The PDF and its pages rendered by poppler's pdftoppm are kept under
 * kiosk-app/target/a4/ to look at.
 */
class A4PrinterOutCupsTest {

    static final String QUEUE = "PDF";
    static final Path OUT = Path.of("target", "a4");
    static final int DPI = 150;
    static final String VERIFY = "https://yzz.gd.gov.cn/verify?no=WJ-0042-20261206-3FA9C1&code=7F3K9Q";

    static CupsA4Printer printer;
    static A4PrinterOut out;
    static A4Document doc;
    static A4Pages expected;
    static final List<String> progress = new CopyOnWriteArrayList<>();
    static int printedPages;
    static Path pdf;
    static List<BufferedImage> pages;

    @BeforeAll
    static void printOnce() throws Exception {
        admin("cupsenable", QUEUE);
        admin("cupsaccept", QUEUE);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("费款所属期", "险种", "缴费基数", "个人缴费(元)", "到账状态"));
        for (int i = 0; i < 64; i++) {
            rows.add(List.of(String.format("%d-%02d", 2021 + i / 12, i % 12 + 1), i % 3 == 2 ? "城乡居民基本医疗保险" : "城乡居民基本养老保险",
                    "4,588.00", String.format("%.2f", 180 + i * 0.5), "已到账"));
        }
        QueryAnswer answer = new QueryAnswer("社会保险个人参保缴费明细", rows, "以上记录截至打印之日，如有疑问请到镇人社服务所查询。", VERIFY);
        doc = Printouts.a4(answer, new Printouts.Stamp(new Person("440105195608121526", "陈美玲"),
                OffsetDateTime.parse("2026-12-06T09:30:00+08:00"), "WJ-0042", "WJ-0042-20261206-3FA9C1"));
        expected = A4Pages.of(doc);

        printer = new CupsA4Printer("a4", QUEUE, new CupsA4Printer.Options(URI.create("http://localhost:631"),
                Duration.ofSeconds(90), Duration.ofSeconds(1), Duration.ofMillis(200)));
        out = new A4PrinterOut(printer);
        assertThat(out.ready()).as("not ready before it is opened").isFalse();
        printer.open();
        assertThat(out.ready()).isTrue();
        List<Path> before = pdfs();
        printedPages = out.print(doc, done -> progress.add(done + " on " + Thread.currentThread().getName())).get(90, TimeUnit.SECONDS);

        Files.createDirectories(OUT);
        pdf = Files.move(newPdf(before), OUT.resolve("query-answer.pdf"), StandardCopyOption.REPLACE_EXISTING);
        pages = rendered(pdf);
    }

    @AfterAll
    static void close() throws Exception {
        if (printer != null) {
            printer.close();
        }
        admin("cupsenable", QUEUE);
    }

    @Test
    void theAnswerTakesThreeOrMorePagesAndThePdfHasThemAllOnA4() throws Exception {
        assertThat(expected.getNumberOfPages()).isGreaterThanOrEqualTo(3);
        assertThat(printedPages).isEqualTo(expected.getNumberOfPages());
        String info = admin("pdfinfo", pdf.toString());
        assertThat(info).containsPattern("Pages: +" + expected.getNumberOfPages() + "\n").containsPattern("Page size: +595\\.\\d+ x 841\\.\\d+ pts \\(A4\\)");
        assertThat(pages).hasSize(expected.getNumberOfPages());
    }

    @Test
    void everyPrintedPageIsThePageLaidOutAndShowsTheTablesHeading() {
        BufferedImage firstHeading = null;
        for (int i = 0; i < pages.size(); i++) {
            BufferedImage printed = pages.get(i);
            assertThat(mismatch(expected.render(i, DPI), printed, 0, 0, printed.getWidth(), printed.getHeight()))
                    .as("page %d against the page laid out", i + 1).isLessThan(0.10);
            int[] band = headingBand(printed);
            assertThat(band).as("page %d has the heading row's grey band", i + 1).isNotNull();
            BufferedImage heading = printed.getSubimage(left(), band[0], right() - left(), band[1] - band[0]);
            assertThat(dark(heading)).as("page %d: words in the heading row", i + 1).isGreaterThan(200);
            if (firstHeading == null) {
                firstHeading = heading;
            } else {
                int h = Math.min(heading.getHeight(), firstHeading.getHeight());
                assertThat(mismatch(firstHeading, heading, 0, 0, heading.getWidth(), h)).as("page %d's heading row is page 1's", i + 1)
                        .isLessThan(0.05);
            }
        }
    }

    @Test
    void theQrCodeOnTheFirstPageDecodesToTheVerifyCode() throws Exception {
        BufferedImage first = pages.get(0);
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(first))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        assertThat(text).isEqualTo(VERIFY);
    }

    @Test
    void pagesDoneWereToldOffTheScreensThreadEndingWithAllOfThem() {
        int n = expected.getNumberOfPages();
        assertThat(progress).first().isEqualTo("0 on kiosk-a4");
        assertThat(progress).last().isEqualTo(n + " on kiosk-a4");
        assertThat(progress).allSatisfy(p -> assertThat(p).endsWith(" on kiosk-a4"));
    }

    @Test
    void aPausedPrinterIsNotReadyAndSaysWhy() throws Exception {
        try {
            admin("cupsdisable", "-r", "缺纸", QUEUE);
            // Wait for the pause itself: not ready can also be a job still finishing on the shared queue (打印结束
            // came first in a clean-clone run).
            for (int i = 0; i < 200 && !"打印机 PDF 已暂停（缺纸）".equals(out.why()); i++) {
                Thread.sleep(50);
            }
            assertThat(out.ready()).isFalse();
            assertThat(out.why()).isEqualTo("打印机 PDF 已暂停（缺纸）");
        } finally {
            admin("cupsenable", QUEUE);
        }
        for (int i = 0; i < 100 && !out.ready(); i++) {
            Thread.sleep(50);
        }
        assertThat(out.ready()).isTrue();
        assertThat(out.why()).isEmpty();
    }

    // ---- the printed pages ----

    static int left() {
        return (int) Math.ceil(20 * 72 / 25.4 * DPI / 72) + 2;
    }

    static int right() {
        return (int) ((210 - 20) * 72 / 25.4 * DPI / 72) - 2;
    }

    /** The rows (top inclusive, bottom exclusive) of the first band that is mostly light grey across the table: its heading row. */
    static int[] headingBand(BufferedImage page) {
        int top = -1;
        for (int y = 0; y < page.getHeight(); y++) {
            int grey = 0;
            for (int x = left(); x < right(); x++) {
                int v = page.getRaster().getSample(x, y, 0);
                grey += v >= 205 && v <= 245 ? 1 : 0;
            }
            boolean band = grey > (right() - left()) * 0.6;
            if (band && top < 0) {
                top = y;
            } else if (!band && top >= 0) {
                return y - top >= 20 * DPI / 72 ? new int[] {top, y} : null;
            }
        }
        return null;
    }

    static int dark(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += img.getRaster().getSample(x, y, 0) < 128 ? 1 : 0;
            }
        }
        return n;
    }

    /** The share of dark pixels in either picture with no dark pixel within one pixel in the other. */
    static double mismatch(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        int darkPixels = 0;
        int lonely = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if (isDark(a, x, y)) {
                    darkPixels++;
                    lonely += near(b, x, y) ? 0 : 1;
                }
                if (isDark(b, x, y)) {
                    darkPixels++;
                    lonely += near(a, x, y) ? 0 : 1;
                }
            }
        }
        return darkPixels == 0 ? 0 : (double) lonely / darkPixels;
    }

    static boolean near(BufferedImage img, int x, int y) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (isDark(img, x + dx, y + dy)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isDark(BufferedImage img, int x, int y) {
        return x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight() && img.getRaster().getSample(x, y, 0) < 128;
    }

    // ---- CUPS, cups-pdf and poppler ----

    /** The PDFs in cups-pdf's output folder ({@code Out} in its configuration). */
    static List<Path> pdfs() throws IOException {
        String dir = Files.readAllLines(Path.of("/etc/cups/cups-pdf.conf")).stream().map(String::strip)
                .filter(l -> l.startsWith("Out ")).map(l -> l.substring(4).strip()).findFirst().orElse("${HOME}/PDF")
                .replace("${USER}", System.getProperty("user.name")).replace("${HOME}", System.getProperty("user.home"));
        Files.createDirectories(Path.of(dir));
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(p -> p.toString().endsWith(".pdf")).toList();
        }
    }

    /** The driver's job names its PDF {@code yzz-a4-…-job_<id>.pdf}; the newest that was not there before is ours. */
    static Path newPdf(List<Path> before) throws IOException {
        return pdfs().stream().filter(p -> !before.contains(p) && p.getFileName().toString().startsWith("yzz-a4-"))
                .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
                .orElseThrow(() -> new AssertionError("no new PDF from cups-pdf"));
    }

    static List<BufferedImage> rendered(Path pdf) throws Exception {
        try (Stream<Path> old = Files.list(OUT)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("query-answer-page-")).toList()) {
                Files.delete(p);
            }
        }
        admin("pdftoppm", "-r", String.valueOf(DPI), "-gray", "-png", pdf.toString(), OUT.resolve("query-answer-page").toString());
        List<BufferedImage> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(OUT)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("query-answer-page-")).sorted().toList()) {
                BufferedImage png = ImageIO.read(p.toFile());
                BufferedImage grey = new BufferedImage(png.getWidth(), png.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
                grey.createGraphics().drawImage(png, 0, 0, null);
                out.add(grey);
            }
        }
        return out;
    }

    static String admin(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + text);
        }
        return text;
    }
}
