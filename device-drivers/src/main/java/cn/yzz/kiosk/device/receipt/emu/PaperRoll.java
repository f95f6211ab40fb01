package cn.yzz.kiosk.device.receipt.emu;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;

/**
 * The paper in the emulated printer: the print head's modes, the line being composed, and the
 * dots printed so far on the current receipt, one pixel per dot at 203 dpi. Text is drawn in
 * 12×24 (ANK) and 24×24 (Chinese) cells times the size multipliers, as a real head prints it.
 * Not thread-safe: the emulator's thread owns it.
 */
final class PaperRoll {

    static final int ANK_WIDTH = 12;
    static final int CELL_HEIGHT = 24;
    static final int DEFAULT_LINE_SPACING = 30;
    /** Where the baseline sits in a 24-dot cell, so that Chinese glyphs fill it without clipping descenders. */
    private static final int BASELINE = 20;
    /** About 2 m of paper: nobody prints a longer receipt, and it bounds the memory a runaway feed can take. */
    static final int MAX_RECEIPT_ROWS = 16_000;

    private record Glyph(String ch, int cellWidth, int wMul, int hMul, boolean bold) {}

    private final int width;
    private final Font font;
    private final BooleanSupplier canPrint;
    private final Runnable paperOut;

    private BufferedImage canvas;
    private int y;
    private int paperLeft = Integer.MAX_VALUE;

    private int align;
    private boolean bold;
    private int wMul = 1;
    private int hMul = 1;
    private int lineSpacing = DEFAULT_LINE_SPACING;

    private final List<Glyph> line = new ArrayList<>();
    private int lineWidth;
    private final List<String> lines = new ArrayList<>();
    private final List<String> qrCodes = new ArrayList<>();
    private boolean spoiled;

    PaperRoll(int width, Font font, BooleanSupplier canPrint, Runnable paperOut) {
        this.width = width;
        this.font = font;
        this.canPrint = canPrint;
        this.paperOut = paperOut;
        this.canvas = blank(2000);
    }

    // ---- modes ----

    void reset() {
        line.clear();
        lineWidth = 0;
        align = 0;
        bold = false;
        wMul = 1;
        hMul = 1;
        lineSpacing = DEFAULT_LINE_SPACING;
    }

    void align(int n) {
        align = n % 48; // ESC a takes 0/1/2 or '0'/'1'/'2'
    }

    void bold(boolean on) {
        bold = on;
    }

    /** GS ! n: high nibble width − 1, low nibble height − 1. */
    void size(int n) {
        wMul = Math.min(8, ((n >> 4) & 0x0F) + 1);
        hMul = Math.min(8, (n & 0x0F) + 1);
    }

    /** ESC ! n: bit 3 bold, bit 4 double height, bit 5 double width. */
    void printMode(int n) {
        bold = (n & 0x08) != 0;
        hMul = (n & 0x10) != 0 ? 2 : 1;
        wMul = (n & 0x20) != 0 ? 2 : 1;
    }

    void lineSpacing(int dots) {
        lineSpacing = dots;
    }

    /** When this many more dot rows have been fed the roll runs out. */
    void paperLeft(int dots) {
        paperLeft = dots;
    }

    // ---- printing ----

    void character(String ch, boolean wide) {
        int cell = (wide ? 2 * ANK_WIDTH : ANK_WIDTH) * wMul;
        if (lineWidth + cell > width && !line.isEmpty()) {
            printLine(); // the head wraps a full line by itself
        }
        line.add(new Glyph(ch, cell, wMul, hMul, bold));
        lineWidth += cell;
    }

    /** Prints the pending line; on an empty line, feeds one line. */
    void lineFeed() {
        if (line.isEmpty()) {
            advance(lineSpacing);
        } else {
            printLine();
        }
    }

    void feedLines(int n) {
        printLine();
        advance(n * lineSpacing);
    }

    void feedDots(int n) {
        printLine();
        advance(n);
    }

    void qr(byte[] data, int moduleDots, ErrorCorrectionLevel level) {
        printLine();
        ByteMatrix m;
        try {
            m = Encoder.encode(new String(data, StandardCharsets.ISO_8859_1), level,
                    Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1")).getMatrix();
        } catch (WriterException e) {
            return; // a printer prints nothing for data it cannot encode
        }
        int size = m.getWidth() * moduleDots;
        if (!mayPrint(size)) {
            return;
        }
        qrCodes.add(new String(data, StandardCharsets.UTF_8));
        int x0 = alignedX(size);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.BLACK);
        for (int r = 0; r < m.getHeight(); r++) {
            for (int c = 0; c < m.getWidth(); c++) {
                if (m.get(c, r) == 1) {
                    g.fillRect(x0 + c * moduleDots, y + r * moduleDots, moduleDots, moduleDots);
                }
            }
        }
        g.dispose();
        advance(size);
    }

    /** GS v 0: {@code rows} rows of {@code rowBytes} bytes, MSB leftmost, scaled by the mode. */
    void raster(int rowBytes, int rows, byte[] bits, int xScale, int yScale) {
        printLine();
        int w = rowBytes * 8 * xScale;
        int h = rows * yScale;
        if (!mayPrint(h)) {
            return;
        }
        int x0 = alignedX(Math.min(w, width));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < rowBytes * 8; c++) {
                if ((bits[r * rowBytes + c / 8] & (0x80 >> (c % 8))) != 0) {
                    for (int dy = 0; dy < yScale; dy++) {
                        for (int dx = 0; dx < xScale; dx++) {
                            int px = x0 + c * xScale + dx;
                            if (px < width) {
                                canvas.setRGB(px, y + r * yScale + dy, 0xFF000000);
                            }
                        }
                    }
                }
            }
        }
        advance(h);
    }

    /** Prints what is pending, cuts, and writes the receipt to {@code png}. */
    PrintedReceipt cut(Path png) {
        printLine();
        if (!canPrint.getAsBoolean()) {
            spoiled = true; // no paper under the blade: the receipt did not come out whole
        }
        int h = Math.max(1, y);
        BufferedImage out = canvas.getSubimage(0, 0, width, h);
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(out, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        PrintedReceipt r = new PrintedReceipt(png, lines, qrCodes, width, h, !spoiled);
        canvas = blank(2000);
        y = 0;
        lines.clear();
        qrCodes.clear();
        spoiled = false;
        return r;
    }

    boolean spoiled() {
        return spoiled;
    }

    // ---- internals ----

    private void printLine() {
        if (line.isEmpty()) {
            return;
        }
        int tallest = line.stream().mapToInt(gl -> gl.hMul() * CELL_HEIGHT).max().orElse(CELL_HEIGHT);
        int advance = Math.max(lineSpacing, tallest + 6);
        StringBuilder text = new StringBuilder();
        line.forEach(gl -> text.append(gl.ch()));
        int x = alignedX(lineWidth);
        List<Glyph> glyphs = List.copyOf(line);
        line.clear();
        lineWidth = 0;
        if (!mayPrint(advance)) {
            return;
        }
        lines.add(text.toString());
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setColor(Color.BLACK);
        for (Glyph gl : glyphs) {
            int top = y + tallest - gl.hMul() * CELL_HEIGHT; // characters share a baseline
            Graphics2D cg = (Graphics2D) g.create();
            cg.translate(x, top);
            cg.scale(gl.wMul(), gl.hMul());
            cg.setFont(font);
            int cellW = gl.cellWidth() / gl.wMul();
            int adv = cg.getFontMetrics().stringWidth(gl.ch());
            int gx = (cellW - adv) / 2;
            cg.drawString(gl.ch(), gx, BASELINE);
            if (gl.bold()) {
                cg.drawString(gl.ch(), gx + 1, BASELINE);
            }
            cg.dispose();
            x += gl.cellWidth();
        }
        g.dispose();
        advance(advance);
    }

    /** False, and the receipt spoiled, when there is no paper to print on. */
    private boolean mayPrint(int rows) {
        if (!canPrint.getAsBoolean() || y + rows > MAX_RECEIPT_ROWS) {
            spoiled = true;
            return false;
        }
        ensureRows(y + rows);
        return true;
    }

    private void advance(int rows) {
        if (!canPrint.getAsBoolean() || y + rows > MAX_RECEIPT_ROWS) {
            spoiled = true;
            return;
        }
        ensureRows(y + rows);
        y += rows;
        if (paperLeft != Integer.MAX_VALUE) {
            paperLeft -= rows;
            if (paperLeft <= 0) {
                paperLeft = Integer.MAX_VALUE;
                paperOut.run();
            }
        }
    }

    private int alignedX(int w) {
        return switch (align) {
            case 1 -> Math.max(0, (width - w) / 2);
            case 2 -> Math.max(0, width - w);
            default -> 0;
        };
    }

    private void ensureRows(int rows) {
        if (rows <= canvas.getHeight()) {
            return;
        }
        BufferedImage bigger = blank(Math.max(rows, canvas.getHeight() * 2));
        Graphics2D g = bigger.createGraphics();
        g.drawImage(canvas, 0, 0, null);
        g.dispose();
        canvas = bigger;
    }

    private BufferedImage blank(int rows) {
        BufferedImage img = new BufferedImage(width, rows, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, rows);
        g.dispose();
        return img;
    }
}
