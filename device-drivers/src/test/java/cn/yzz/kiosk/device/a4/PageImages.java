package cn.yzz.kiosk.device.a4;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Pages as pictures: ours drawn straight from Java2D, the printed ones rendered from the PDF, and ways to compare them. */
final class PageImages {

    static final int DPI = 150;

    private PageImages() {}

    /** A page as {@link A4Pages} draws it, on white, at {@code dpi}. */
    static BufferedImage drawn(A4Pages pages, int index, int dpi) {
        double s = dpi / 72.0;
        BufferedImage img = new BufferedImage((int) Math.round(A4Pages.WIDTH * s), (int) Math.round(A4Pages.HEIGHT * s), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.scale(s, s);
        pages.print(g, A4Pages.a4(), index);
        g.dispose();
        return img;
    }

    /**
     * Every page of a PDF rendered at {@code dpi} by poppler's pdftoppm into {@code dir} as
     * {@code <name>-<page>.png}. PDFBox renders the same pages too, but Ghostscript writes every
     * glyph as a path (about 2.7 MB of drawing per page) and PDFBox takes 6–10 s a page over them
     * on a busy two-core machine; pdftoppm takes under a second.
     */
    static List<BufferedImage> rendered(Path pdf, int dpi, Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList()) {
                Files.delete(p);
            }
        }
        Process p = new ProcessBuilder("pdftoppm", "-r", String.valueOf(dpi), "-png", pdf.toString(), dir.resolve(name).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("pdftoppm failed: " + out);
        }
        List<BufferedImage> pages = new ArrayList<>();
        for (int i = 1; Files.exists(dir.resolve(name + "-" + i + ".png")); i++) {
            BufferedImage png = ImageIO.read(dir.resolve(name + "-" + i + ".png").toFile());
            BufferedImage grey = new BufferedImage(png.getWidth(), png.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            grey.createGraphics().drawImage(png, 0, 0, null);
            pages.add(grey);
        }
        return pages;
    }

    static void write(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** The text of the first QR code found, or null. */
    static String qr(BufferedImage img) {
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return null;
        }
    }

    /** A region given in points, in pixels at {@code dpi}. */
    static Rectangle region(double x, double y, double w, double h, int dpi) {
        double s = dpi / 72.0;
        return new Rectangle((int) (x * s), (int) (y * s), (int) Math.ceil(w * s), (int) Math.ceil(h * s));
    }

    static int dark(BufferedImage img, Rectangle r) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                n += isDark(img, x, y) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * How much two pictures of the same page disagree inside {@code r}: the share of dark pixels in
     * either that have no dark pixel within one pixel in the other (0 = same marks, 1 = nothing in
     * common). The one-pixel slack absorbs antialiasing and rounding differences between renderers.
     */
    static double mismatch(BufferedImage a, BufferedImage b, Rectangle r) {
        int darkA = 0;
        int darkB = 0;
        int lonely = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (isDark(a, x, y)) {
                    darkA++;
                    lonely += near(b, x, y) ? 0 : 1;
                }
                if (isDark(b, x, y)) {
                    darkB++;
                    lonely += near(a, x, y) ? 0 : 1;
                }
            }
        }
        return darkA + darkB == 0 ? 0 : (double) lonely / (darkA + darkB);
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
        // Both sources are 8-bit grey; reading the bytes is ~50 times faster than getRGB.
        byte[] grey = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight() && (grey[y * img.getWidth() + x] & 0xFF) < 128;
    }
}
