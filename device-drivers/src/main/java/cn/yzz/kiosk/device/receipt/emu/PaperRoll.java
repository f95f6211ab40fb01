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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The paper in the emulated printer: the print head's modes, the line being composed, and where
 * everything printed on the current receipt goes, one pixel per dot at 203 dpi. Text is laid out
 * in 12×24 (ANK) and 24×24 (Chinese) cells times the size multipliers, as a real head prints it.
 *
 * <p>Layout happens as commands arrive; the drawing itself is kept as a list of operations and
 * done by {@link Sheet#render()} after the cut, so that, as on a real printer, the receive path
 * (and the status replies it carries) never waits for the paper. Not thread-safe: the emulator's
 * thread owns it.
 */
final class PaperRoll {

    static final int ANK_WIDTH = 12;
    static final int CELL_HEIGHT = 24;
    static final int DEFAULT_LINE_SPACING = 30;
    /** About 2 m of paper: nobody prints a longer receipt, and it bounds the memory a runaway feed can take. */
    static final int MAX_RECEIPT_ROWS = 16_000;
    /** Where the baseline sits in a 24-dot cell, so that Chinese glyphs fill it without clipping descenders. */
    private static final int BASELINE = 20;

    private record Glyph(String ch, int cellWidth, int wMul, int hMul, boolean bold) {}

    /** The paper cut off the roll: what is printed on it, to be drawn by {@link #render()}. */
    record Sheet(int width, int height, List<Consumer<Graphics2D>> ops, Font font, List<String> lines, List<String> qrCodes,
                 boolean complete) {

        /** The receipt as the head printed it: black dots on white, one pixel per dot. */
        BufferedImage render() {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(font);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
            ops.forEach(op -> op.accept(g));
            g.dispose();
            return img;
        }
    }

    private final int width;
    private final Font font;
    private final BooleanSupplier canPrint;
    private final Runnable paperOut;

    private final List<Consumer<Graphics2D>> ops = new ArrayList<>();
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
        int top = y;
        ops.add(g -> {
            for (int r = 0; r < m.getHeight(); r++) {
                for (int c = 0; c < m.getWidth(); c++) {
                    if (m.get(c, r) == 1) {
                        g.fillRect(x0 + c * moduleDots, top + r * moduleDots, moduleDots, moduleDots);
                    }
                }
            }
        });
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
        int top = y;
        ops.add(g -> {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < rowBytes * 8; c++) {
                    if ((bits[r * rowBytes + c / 8] & (0x80 >> (c % 8))) != 0) {
                        g.fillRect(x0 + c * xScale, top + r * yScale, xScale, yScale); // clipped at the paper's edge
                    }
                }
            }
        });
        advance(h);
    }

    /** Prints what is pending and cuts. */
    Sheet cut() {
        printLine();
        if (!canPrint.getAsBoolean()) {
            spoiled = true; // no paper under the blade: the receipt did not come out whole
        }
        Sheet sheet = new Sheet(width, Math.max(1, y), List.copyOf(ops), font, List.copyOf(lines), List.copyOf(qrCodes), !spoiled);
        ops.clear();
        y = 0;
        lines.clear();
        qrCodes.clear();
        spoiled = false;
        return sheet;
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
        int x0 = alignedX(lineWidth);
        List<Glyph> glyphs = List.copyOf(line);
        line.clear();
        lineWidth = 0;
        if (!mayPrint(advance)) {
            return;
        }
        lines.add(text.toString());
        int lineTop = y;
        ops.add(g -> {
            int x = x0;
            for (Glyph gl : glyphs) {
                int top = lineTop + tallest - gl.hMul() * CELL_HEIGHT; // characters share a baseline
                Graphics2D cg = (Graphics2D) g.create();
                cg.translate(x, top);
                cg.scale(gl.wMul(), gl.hMul());
                int cellW = gl.cellWidth() / gl.wMul();
                int gx = (cellW - cg.getFontMetrics().stringWidth(gl.ch())) / 2;
                cg.drawString(gl.ch(), gx, BASELINE);
                if (gl.bold()) {
                    cg.drawString(gl.ch(), gx + 1, BASELINE);
                }
                cg.dispose();
                x += gl.cellWidth();
            }
        });
        advance(advance);
    }

    /** False, and the receipt spoiled, when there is no paper to print on. */
    private boolean mayPrint(int rows) {
        if (!canPrint.getAsBoolean() || y + rows > MAX_RECEIPT_ROWS) {
            spoiled = true;
            return false;
        }
        return true;
    }

    private void advance(int rows) {
        if (!mayPrint(rows)) {
            return;
        }
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
}
