package cn.yzz.kiosk.device.receipt;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One part of a {@link Receipt}, printed in order from the top. */
public sealed interface ReceiptLine {

    enum Align { LEFT, CENTRE, RIGHT }

    /** Large bold text, centred: the receipt's heading. */
    record Title(String text) implements ReceiptLine {
        public Title {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Plain text, wrapped at the paper's width; {@code \n} starts a new line. */
    record Text(String text, Align align) implements ReceiptLine {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(align, "align");
        }
    }

    /** A label on the left and its value flush right, e.g. 业务编号 ……… 2026112300017. */
    record Field(String label, String value) implements ReceiptLine {
        public Field {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A sum of money in yuan, printed bold with two decimals, flush right. */
    record Amount(String label, BigDecimal yuan) implements ReceiptLine {
        public Amount {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(yuan, "yuan");
            if (yuan.scale() > 2 && yuan.setScale(2, RoundingMode.DOWN).compareTo(yuan) != 0) {
                throw new IllegalArgumentException("金额最多两位小数（到分）：" + yuan.toPlainString());
            }
        }

        /** 12.5 → {@code 12.50 元}. */
        public String text() {
            return yuan.setScale(2, RoundingMode.UNNECESSARY).toPlainString() + " 元";
        }
    }

    /** A dashed line across the paper. */
    record Separator() implements ReceiptLine {}

    /** A QR code (model 2, error correction M), centred; {@code data} is sent as UTF-8. */
    record Qr(String data) implements ReceiptLine {
        /** Epson's limit for stored QR data (devices.md §4.4). */
        public static final int MAX_BYTES = 7089;

        public Qr {
            Objects.requireNonNull(data, "data");
            int n = data.getBytes(StandardCharsets.UTF_8).length;
            if (n == 0 || n > MAX_BYTES) {
                throw new IllegalArgumentException("二维码内容应为 1 到 " + MAX_BYTES + " 字节，实际 " + n + " 字节");
            }
        }
    }

    /**
     * A black-and-white image, centred, sent as a raster ({@code GS v 0}). {@code bits} holds
     * {@code height} rows of {@code ceil(width / 8)} bytes, most significant bit leftmost, 1 = black.
     */
    record Logo(int width, int height, byte[] bits) implements ReceiptLine {
        public Logo {
            if (width < 1 || height < 1 || height > 2400) {
                throw new IllegalArgumentException("logo size " + width + "×" + height + " out of range");
            }
            if (bits.length != (width + 7) / 8 * height) {
                throw new IllegalArgumentException("logo needs " + (width + 7) / 8 * height + " bytes, got " + bits.length);
            }
            bits = bits.clone();
        }

        @Override
        public byte[] bits() {
            return bits.clone();
        }

        /** Dark pixels (luminance below half) become dots. */
        public static Logo of(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            int rowBytes = (w + 7) / 8;
            byte[] bits = new byte[rowBytes * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    int alpha = rgb >>> 24;
                    int lum = (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
                    if (alpha >= 128 && lum < 128) {
                        bits[y * rowBytes + x / 8] |= (byte) (0x80 >> (x % 8));
                    }
                }
            }
            return new Logo(w, h, bits);
        }
    }

    /** Blank lines. */
    record Feed(int lines) implements ReceiptLine {
        public Feed {
            if (lines < 1 || lines > 255) {
                throw new IllegalArgumentException("feed 1..255 lines: " + lines);
            }
        }
    }
}
