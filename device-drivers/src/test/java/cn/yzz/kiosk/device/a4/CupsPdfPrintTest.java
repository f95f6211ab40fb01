package cn.yzz.kiosk.device.a4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.Health;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real driver printing through the real CUPS (javax.print → lpr → cupsd → cups-pdf →
 * Ghostscript), and what came out. The JDK draws text from a Printable as glyph outlines, so the
 * PDF has no extractable Chinese text (platform-recipes §5); the words are checked by rendering the
 * PDF at 150 dpi and comparing it with the page drawn straight from Java2D. PDFBox reads the PDF's
 * structure; poppler's pdftoppm renders the pages (see {@link PageImages#rendered}) into
 * target/a4/contribution-record-page-N.png, beside the PDF (moved there from cups-pdf's folder).
 */
class CupsPdfPrintTest {

    static final int MONTHS = 50;
    static CupsA4Printer printer;
    static A4Document doc = Samples.record(MONTHS);
    static A4Pages expected;
    static A4Printer.PrintResult result;
    static Path pdf;
    static List<BufferedImage> printed;

    @BeforeAll
    static void printOnce() throws Exception {
        CupsPdf.restoreQueue();
        expected = new A4Pages(doc);
        printer = new CupsA4Printer("a4", CupsPdf.QUEUE, CupsA4Printer.Options.defaults());
        printer.open();
        result = printer.print(doc).get(90, TimeUnit.SECONDS);
        Files.createDirectories(CupsPdf.PNG_DIR);
        pdf = Files.move(CupsPdf.pdfOf(result.jobId()), CupsPdf.PNG_DIR.resolve("contribution-record.pdf"), StandardCopyOption.REPLACE_EXISTING);
        printed = PageImages.rendered(pdf, PageImages.DPI, CupsPdf.PNG_DIR, "contribution-record-page");
    }

    @AfterAll
    static void close() {
        printer.close();
    }

    @Test
    void theJobFinishesAndTheResultSaysWhere() {
        assertThat(result.printer()).isEqualTo("PDF");
        assertThat(result.jobId()).isPositive();
        assertThat(result.pages()).isEqualTo(expected.getNumberOfPages()).isGreaterThanOrEqualTo(3);
        assertThat(printer.state()).isEqualTo(DeviceState.IDLE);
        assertThat(printer.statistics()).containsEntry("PrintedJobCount", 1L).containsEntry("PrintedPageCount", (long) result.pages());
    }

    @Test
    void thePdfHasThePaginationsPagesOnIsoA4() throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            assertThat(d.getNumberOfPages()).isEqualTo(expected.getNumberOfPages());
            for (int i = 0; i < d.getNumberOfPages(); i++) {
                PDRectangle box = d.getPage(i).getMediaBox();
                assertThat(box.getWidth()).as("page %d width (pt)", i + 1).isCloseTo(595.28f, within(1f));
                assertThat(box.getHeight()).as("page %d height (pt)", i + 1).isCloseTo(841.89f, within(1f));
            }
            // The platform fact the picture checks below stand in for: no fonts, so no text to extract.
            assertThat(d.getPage(0).getResources().getFontNames()).as("Java's CJK text arrives as outlines").isEmpty();
        }
    }

    @Test
    void everyPrintedPageLooksLikeTheDrawnPage() {
        for (int i = 0; i < printed.size(); i++) {
            BufferedImage ours = PageImages.drawn(expected, i, PageImages.DPI);
            Rectangle whole = new Rectangle(0, 0, ours.getWidth(), ours.getHeight());
            assertThat(PageImages.mismatch(ours, printed.get(i), whole)).as("page %d", i + 1).isLessThan(0.10);
        }
    }

    @Test
    void theChineseTitleIsPrinted() {
        BufferedImage first = printed.get(0);
        Rectangle title = PageImages.region(A4Pages.MARGIN_X, A4Pages.MARGIN_TOP, A4Pages.CONTENT_WIDTH, 30, PageImages.DPI);
        BufferedImage ours = PageImages.drawn(expected, 0, PageImages.DPI);
        assertThat(PageImages.dark(first, title)).as("ink in the title band").isGreaterThan(2000);
        assertThat(PageImages.mismatch(ours, first, title)).isLessThan(0.05);
        // A different title in the same place would not pass.
        A4Document other = new A4Document("医疗保险缴费凭证", doc.header(), doc.columns(), doc.rows(), doc.qrText(), doc.qrCaption(), doc.footnote());
        assertThat(PageImages.mismatch(PageImages.drawn(new A4Pages(other, expected.font()), 0, PageImages.DPI), first, title)).isGreaterThan(0.2);
    }

    @Test
    void eachPageCarriesItsOwnPageNumber() {
        Rectangle label = PageImages.region(A4Pages.MARGIN_X + A4Pages.CONTENT_WIDTH - 90, A4Pages.HEIGHT - A4Pages.MARGIN_BOTTOM - 12,
                90, 16, PageImages.DPI);
        int n = printed.size();
        for (int i = 0; i < n; i++) {
            double own = PageImages.mismatch(PageImages.drawn(expected, i, PageImages.DPI), printed.get(i), label);
            double next = PageImages.mismatch(PageImages.drawn(expected, (i + 1) % n, PageImages.DPI), printed.get(i), label);
            assertThat(own).as("page %d against 第 %d 页", i + 1, i + 1).isLessThan(next).isLessThan(0.1);
        }
    }

    @Test
    void theQrCodeOnThePrintDecodesToTheVerificationAddress() {
        assertThat(PageImages.qr(printed.get(0))).isEqualTo(Samples.VERIFY_URL);
    }

    @Test
    void thePageImagesAreWrittenUnderTarget() {
        for (int i = 1; i <= printed.size(); i++) {
            assertThat(CupsPdf.PNG_DIR.resolve("contribution-record-page-" + i + ".png")).isNotEmptyFile();
        }
    }

    @Test
    void healthSaysThePrinterIsReadyInPlainWords() {
        Health h = printer.checkHealth();
        assertThat(h.status()).isEqualTo(Health.Status.OK);
        assertThat(h.detail()).isEqualTo("打印机 PDF 正常：空闲，接受新任务");
    }

    @Test
    void thePrintHoldsNoFullNameOrIdNumber() throws Exception {
        assertThat(Files.size(pdf)).isPositive();
        assertThat(doc.allText()).doesNotContain(Samples.ID_NUMBER, Samples.NAME).contains("陈**", "440***********1526");
    }
}
