package cn.yzz.kiosk.device.receipt;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Receipt} into the ESC/POS bytes a Chinese kiosk printer understands
 * (devices.md §4.2–4.4). Pure: no I/O, same receipt, same bytes.
 *
 * <p>Text is GBK in Chinese mode ({@code FS &}); characters GBK lacks print as {@code ?}, and
 * control characters as spaces, so text can never smuggle a command. In GBK a character's byte
 * count is its printed width in columns (ASCII 12 dots = 1, Chinese 24 dots = 2), which is what
 * alignment is computed from.
 */
public final class EscPos {

    static final Charset GBK = Charset.forName("GBK");
    static final byte ESC = 0x1B;
    static final byte GS = 0x1D;
    static final byte FS = 0x1C;
    static final byte LF = 0x0A;
    /** Lines fed before the cut: the blade sits above the print head (devices.md §4.2). */
    static final int FEED_BEFORE_CUT = 4;
    static final int QR_MAX_MODULE_DOTS = 6;
    /** QR error correction M (GS ( k fn 69: 48 L, 49 M, 50 Q, 51 H). */
    static final int QR_ECC_M = 49;
    /**
     * Paper a text line moves, in dots, at most: the default 1/6-inch spacing at 203 dpi (24-dot
     * characters fit in it). A double-height title line counts twice.
     */
    static final int LINE_DOTS = 34;
    /** 90 mm/s at 8 dots per mm (devices.md §4.1, §4.8). */
    static final int PRINT_DOTS_PER_SECOND = 720;
    /** "cut ≈ 0.5–1 s" (devices.md §4.8): the slow end. */
    static final int CUT_MILLIS = 1000;

    private EscPos() {}

    public static byte[] encode(Receipt receipt) {
        return job(receipt).bytes();
    }

    /**
     * The bytes of a receipt, and how long a printer at the rated speed takes to print and cut
     * it (an upper bound: every line counted at full spacing).
     */
    public record Job(byte[] bytes, long printMillis) {}

    public static Job job(Receipt receipt) {
        Out out = new Out();
        out.bytes(ESC, '@', FS, '&'); // initialise, then Chinese (GBK) mode
        int cols = receipt.paper().columns();
        for (ReceiptLine line : receipt.lines()) {
            if (line instanceof ReceiptLine.Title t) {
                out.bytes(ESC, 'a', 1, ESC, 'E', 1, GS, '!', 0x11);
                for (String l : wrap(t.text(), cols / 2)) {
                    out.text(l).lf(2 * LINE_DOTS);
                }
                out.bytes(GS, '!', 0, ESC, 'E', 0, ESC, 'a', 0);
            } else if (line instanceof ReceiptLine.Text t) {
                if (t.align() != ReceiptLine.Align.LEFT) {
                    out.bytes(ESC, 'a', t.align().ordinal());
                }
                for (String l : wrap(t.text(), cols)) {
                    out.text(l).lf(LINE_DOTS);
                }
                if (t.align() != ReceiptLine.Align.LEFT) {
                    out.bytes(ESC, 'a', 0);
                }
            } else if (line instanceof ReceiptLine.Field f) {
                field(out, f.label(), f.value(), cols);
            } else if (line instanceof ReceiptLine.Amount a) {
                out.bytes(ESC, 'E', 1);
                field(out, a.label(), a.text(), cols);
                out.bytes(ESC, 'E', 0);
            } else if (line instanceof ReceiptLine.Separator) {
                out.text("-".repeat(cols)).lf(LINE_DOTS);
            } else if (line instanceof ReceiptLine.Qr q) {
                qr(out, q.data(), receipt.paper());
            } else if (line instanceof ReceiptLine.Logo l) {
                logo(out, l, receipt.paper());
            } else if (line instanceof ReceiptLine.Feed f) {
                out.bytes(ESC, 'd', f.lines()).moved(f.lines() * LINE_DOTS);
            }
        }
        out.bytes(ESC, 'd', FEED_BEFORE_CUT, GS, 'V', 0).moved(FEED_BEFORE_CUT * LINE_DOTS); // feed past the blade, full cut
        return new Job(out.toByteArray(), out.dots * 1000L / PRINT_DOTS_PER_SECOND + CUT_MILLIS);
    }

    /** Printed width in columns (Chinese 2, ASCII 1), after the same clean-up the encoder applies. */
    public static int columns(String text) {
        return gbk(clean(text)).length;
    }

    /** Label left, value flush right; when both do not fit on one line the value goes right-aligned below. */
    private static void field(Out out, String label, String value, int cols) {
        int lw = columns(label);
        int vw = columns(value);
        if (lw + 1 + vw <= cols) {
            out.text(label + " ".repeat(cols - lw - vw) + value).lf(LINE_DOTS);
            return;
        }
        for (String l : wrap(label, cols)) {
            out.text(l).lf(LINE_DOTS);
        }
        for (String v : wrap(value, cols)) {
            out.text(" ".repeat(cols - columns(v)) + v).lf(LINE_DOTS);
        }
    }

    private static void qr(Out out, String data, Paper paper) {
        byte[] d = data.getBytes(StandardCharsets.UTF_8);
        int modules = qrModules(d);
        // Room for a 4-module quiet zone on each side (even version 40 fits 58 mm at 2 dots); bigger modules scan better.
        int size = Math.min(QR_MAX_MODULE_DOTS, paper.dots() / (modules + 8));
        int storeLen = d.length + 3;
        out.lf(LINE_DOTS).bytes(ESC, 'a', 1);
        out.bytes(GS, '(', 'k', 4, 0, 0x31, 0x41, 50, 0); // model 2
        out.bytes(GS, '(', 'k', 3, 0, 0x31, 0x43, size); // module size in dots
        out.bytes(GS, '(', 'k', 3, 0, 0x31, 0x45, QR_ECC_M);
        out.bytes(GS, '(', 'k', storeLen & 0xFF, storeLen >> 8, 0x31, 0x50, 0x30).raw(d); // k counts bytes, not chars
        out.bytes(GS, '(', 'k', 3, 0, 0x31, 0x51, 0x30).moved(modules * size); // print
        out.lf(LINE_DOTS).bytes(ESC, 'a', 0);
    }

    /** Modules per side of the symbol the printer will make of {@code data} (model 2, level M). */
    static int qrModules(byte[] data) {
        try {
            return Encoder.encode(new String(data, StandardCharsets.ISO_8859_1), ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1")).getMatrix().getWidth();
        } catch (WriterException e) {
            throw new IllegalArgumentException("二维码内容太长（" + data.length + " 字节），纠错等级 M 的二维码放不下", e);
        }
    }

    private static void logo(Out out, ReceiptLine.Logo logo, Paper paper) {
        if (logo.width() > paper.dots()) {
            throw new IllegalArgumentException("图片宽 " + logo.width() + " 点，超过 " + paper + " 纸宽 " + paper.dots() + " 点");
        }
        int rowBytes = (logo.width() + 7) / 8;
        out.bytes(ESC, 'a', 1);
        out.bytes(GS, 'v', '0', 0, rowBytes & 0xFF, rowBytes >> 8, logo.height() & 0xFF, logo.height() >> 8).raw(logo.bits()).moved(logo.height());
        out.bytes(ESC, 'a', 0);
    }

    /**
     * Lines of at most {@code cols} columns, never splitting a character; {@code \n} breaks too.
     * A run of Latin letters and digits (a word, a number) moves whole to the next line when a
     * space before it allows; Chinese breaks anywhere.
     */
    static List<String> wrap(String text, int cols) {
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            String c = clean(para);
            StringBuilder line = new StringBuilder();
            int width = 0;
            int breakAt = -1; // just after the last space on the line
            int last = ' ';
            for (int i = 0; i < c.length(); ) {
                int cp = c.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                int w = gbk(ch).length;
                if (width + w > cols && width > 0) {
                    if (breakAt > 0 && latin(cp) && latin(last)) {
                        String tail = line.substring(breakAt);
                        lines.add(line.substring(0, breakAt));
                        line.setLength(0);
                        line.append(tail);
                        width = gbk(tail).length;
                    } else {
                        lines.add(line.toString());
                        line.setLength(0);
                        width = 0;
                    }
                    breakAt = -1;
                }
                line.append(ch);
                width += w;
                if (cp == ' ') {
                    breakAt = line.length();
                }
                last = cp;
                i += Character.charCount(cp);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean latin(int cp) {
        return cp > ' ' && cp < 0x7F;
    }

    /** Control characters would be read as commands; a space keeps the layout. */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(cp < 0x20 || cp == 0x7F ? ' ' : cp));
        return b.toString();
    }

    private static byte[] gbk(String s) {
        return s.getBytes(GBK); // unmappable characters become '?'
    }

    private static final class Out extends ByteArrayOutputStream {
        /** Paper moved so far, in dot rows. */
        long dots;

        Out lf(int lineDots) {
            write(LF);
            return moved(lineDots);
        }

        Out moved(int rows) {
            dots += rows;
            return this;
        }

        Out bytes(int... b) {
            for (int x : b) {
                write(x);
            }
            return this;
        }

        Out raw(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out text(String s) {
            return raw(gbk(clean(s)));
        }
    }
}
