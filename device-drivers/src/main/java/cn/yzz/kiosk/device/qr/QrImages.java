package cn.yzz.kiosk.device.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * QR codes as pictures, through ZXing: reading a code from a document camera's frame or a photo,
 * and drawing the codes the kiosk shows (payment, receipt verification). Text is always encoded
 * as UTF-8 with an ECI marker, so phones read Chinese correctly.
 */
public final class QrImages {

    /** Redundancy: L 7 %, M 15 %, Q 25 %, H 30 % of the code may be damaged and still read. */
    public enum Correction {
        L(ErrorCorrectionLevel.L), M(ErrorCorrectionLevel.M), Q(ErrorCorrectionLevel.Q), H(ErrorCorrectionLevel.H);

        final ErrorCorrectionLevel zxing;

        Correction(ErrorCorrectionLevel zxing) {
            this.zxing = zxing;
        }
    }

    /** No code could be found in the picture. */
    public static final class NoCodeFound extends Exception {
        NoCodeFound() {
            super("图像中没有找到二维码或条码：请把码放平、对准并避免反光", null, false, false);
        }
    }

    /**
     * A code read from a picture.
     *
     * @param text   the payload, a possible credential: log {@link #toString()} only
     * @param format ZXing's name of the symbology, e.g. {@code QR_CODE}
     */
    public record Decoded(String text, String format) {
        @Override
        public String toString() {
            return "Decoded[" + format + ", " + text.length() + " chars]";
        }
    }

    private QrImages() {}

    /**
     * Finds and reads one code in {@code image} (any rotation, a good range of sizes; QR and the
     * common 1-D and 2-D symbologies).
     *
     * @throws NoCodeFound when none can be read
     */
    public static Decoded decode(BufferedImage image) throws NoCodeFound {
        Objects.requireNonNull(image, "image");
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        // Codes without an ECI marker are read as UTF-8 first, the usual case today (ZXing falls back for Shift_JIS-looking bytes).
        hints.put(DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            Result r = new MultiFormatReader().decode(bitmap, hints);
            return new Decoded(r.getText(), r.getBarcodeFormat().name());
        } catch (NotFoundException e) {
            throw new NoCodeFound();
        }
    }

    /**
     * The modules of a QR code for {@code text}: {@code true} is dark, row by row, with
     * {@code quietZone} light modules on every side (4 is what the standard asks for).
     */
    public static boolean[][] matrix(String text, Correction correction, int quietZone) {
        BitMatrix m = encode(text, correction, quietZone, 0);
        boolean[][] out = new boolean[m.getHeight()][m.getWidth()];
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                out[y][x] = m.get(x, y);
            }
        }
        return out;
    }

    /** The QR code for {@code text} as a black-on-white picture, {@code modulePixels} pixels per module. */
    public static BufferedImage image(String text, Correction correction, int quietZone, int modulePixels) {
        if (modulePixels < 1) {
            throw new IllegalArgumentException("modulePixels must be at least 1");
        }
        return MatrixToImageWriter.toBufferedImage(encode(text, correction, quietZone, modulePixels));
    }

    /** With {@code modulePixels} 0 the matrix has one cell per module. */
    private static BitMatrix encode(String text, Correction correction, int quietZone, int modulePixels) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a QR code needs some text");
        }
        if (quietZone < 0) {
            throw new IllegalArgumentException("quietZone must not be negative");
        }
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, correction.zxing);
        hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        hints.put(EncodeHintType.MARGIN, quietZone);
        try {
            BitMatrix bare = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
            if (modulePixels <= 1) {
                return bare;
            }
            int side = bare.getWidth() * modulePixels;
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, side, side, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text too long for a QR code (" + text.length() + " characters)", e);
        }
    }
}
