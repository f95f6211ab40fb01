package cn.yzz.kiosk.demo.e2e;

import cn.yzz.kiosk.device.a4.A4Pages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A printout on A4 as the villager holds it: the PDF of the job, its pages looked at as a reader would (grey, at
 * {@link #DPI}). The pages of CUPS's PDF are pictures of text (the JDK hands CUPS PostScript that draws each glyph),
 * so what a page says is checked by comparing it with the same page laid out anew from what the screen showed.
 */
final class A4Paper {

    static final int DPI = 150;
    /** The page's side margins (A4Pages: 20 mm), in pixels at {@link #DPI}, a little inside. */
    private static final int LEFT = (int) Math.ceil(20 / 25.4 * DPI) + 2;
    private static final int RIGHT = (int) ((210 - 20) / 25.4 * DPI) - 2;

    private final Path pdf;
    private final List<BufferedImage> pages;

    private A4Paper(Path pdf, List<BufferedImage> pages) {
        this.pdf = pdf;
        this.pages = pages;
    }

    static A4Paper read(Path pdf) {
        List<BufferedImage> pages = new ArrayList<>();
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer r = new PDFRenderer(d);
            for (int i = 0; i < d.getNumberOfPages(); i++) {
                float widthPt = d.getPage(i).getMediaBox().getWidth();
                float heightPt = d.getPage(i).getMediaBox().getHeight();
                if (Math.abs(widthPt - 595) > 2 || Math.abs(heightPt - 842) > 2) {
                    throw new JourneyFailed(pdf.getFileName() + " page " + (i + 1) + " is " + widthPt + " x " + heightPt + " pt, not A4");
                }
                pages.add(r.renderImageWithDPI(i, DPI, ImageType.GRAY));
            }
        } catch (IOException e) {
            throw new JourneyFailed("cannot read the printout " + pdf + ": " + e.getMessage());
        }
        return new A4Paper(pdf, pages);
    }

    int pageCount() {
        return pages.size();
    }

    Path file() {
        return pdf;
    }

    /** The QR code on the first page, as a phone reads it; fails when there is none. */
    String qrCode() {
        String text = KioskScreen.decode(pages.get(0));
        if (text == null) {
            throw new JourneyFailed("no readable QR code on the first page of " + pdf.getFileName());
        }
        return text;
    }

    /**
     * Every page carries the table's heading row, and it is the one the expected layout has there: the grey band
     * across the table, with the same words in it (at most 10% of the dark pixels of either without a match within
     * a pixel in the other, as print and layout differ by antialiasing).
     */
    void checkHeadings(A4Pages expected) {
        for (int i = 0; i < pages.size(); i++) {
            BufferedImage printed = pages.get(i);
            int[] band = headingBand(printed);
            if (band == null) {
                throw new JourneyFailed("page " + (i + 1) + " of " + pages.size() + " of " + pdf.getFileName() + " has no table heading row");
            }
            BufferedImage laid = grey(expected.render(i, DPI));
            int[] want = headingBand(laid);
            if (want == null || Math.abs(want[0] - band[0]) > 3 || Math.abs(want[1] - band[1]) > 3) {
                throw new JourneyFailed("page " + (i + 1) + ": the table heading row is at " + band[0] + "–" + band[1]
                        + " px, the layout has it at " + (want == null ? "none" : want[0] + "–" + want[1]));
            }
            int top = Math.min(band[0], want[0]);
            int bottom = Math.max(band[1], want[1]);
            double off = mismatch(laid, printed, top, bottom);
            if (off > 0.10) {
                throw new JourneyFailed(String.format("page %d: the table heading row differs from the layout's (%.0f%% of its strokes)",
                        i + 1, off * 100));
            }
            if (dark(printed, top, bottom) < 200) {
                throw new JourneyFailed("page " + (i + 1) + ": the table heading row is empty");
            }
        }
    }

    /**
     * The rows (top inclusive, bottom exclusive) of the first band that is mostly light grey across the table: it
     * begins at a row mostly grey and ends at the first row with little grey left (the heading's text, on one line
     * or two, leaves plenty of grey between its strokes; the white rows under it do not).
     */
    private static int[] headingBand(BufferedImage page) {
        int top = -1;
        for (int y = 0; y < page.getHeight(); y++) {
            int grey = 0;
            for (int x = LEFT; x < RIGHT; x++) {
                int v = page.getRaster().getSample(x, y, 0);
                grey += v >= 205 && v <= 245 ? 1 : 0;
            }
            if (top < 0 && grey > (RIGHT - LEFT) * 0.6) {
                top = y;
            } else if (top >= 0 && grey < (RIGHT - LEFT) * 0.2) {
                if (y - top >= 20 * DPI / 72) {
                    return new int[] {top, y};
                }
                top = -1; // a thin grey line, not the heading row
            }
        }
        return null;
    }

    private static BufferedImage grey(BufferedImage image) {
        BufferedImage g = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        g.createGraphics().drawImage(image, 0, 0, null);
        return g;
    }

    private static int dark(BufferedImage img, int top, int bottom) {
        int n = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = LEFT; x < RIGHT; x++) {
                n += isDark(img, x, y) ? 1 : 0;
            }
        }
        return n;
    }

    /** The share of dark pixels in either picture with no dark pixel within one pixel in the other. */
    private static double mismatch(BufferedImage a, BufferedImage b, int top, int bottom) {
        int darkPixels = 0;
        int lonely = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = LEFT; x < RIGHT; x++) {
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

    private static boolean near(BufferedImage img, int x, int y) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (isDark(img, x + dx, y + dy)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDark(BufferedImage img, int x, int y) {
        return x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight() && img.getRaster().getSample(x, y, 0) < 128;
    }
}
