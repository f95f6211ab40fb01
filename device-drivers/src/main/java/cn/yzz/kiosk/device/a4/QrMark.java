package cn.yzz.kiosk.device.a4;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A QR code drawn as vector squares, so it stays sharp at any printer resolution (a bitmap
 * scaled onto paper blurs the module edges a scanner needs).
 */
final class QrMark {

    /** White modules around the code that scanners need to find it. */
    static final int QUIET_MODULES = 4;

    private final BitMatrix modules;

    QrMark(String text) {
        try {
            modules = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0,
                            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException e) {
            throw new IllegalArgumentException("核验二维码内容太长（" + text.length() + " 个字符）", e);
        }
    }

    /** Modules per side, without the quiet zone. */
    int size() {
        return modules.getWidth();
    }

    /** Draws the code with its quiet zone inside the square at ({@code x}, {@code y}) of side {@code side}. */
    void draw(Graphics2D g, double x, double y, double side) {
        double m = side / (size() + 2 * QUIET_MODULES);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(x, y, side, side));
        Path2D.Double dark = new Path2D.Double();
        for (int row = 0; row < size(); row++) {
            int col = 0;
            while (col < size()) {
                if (!modules.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < size() && modules.get(col, row)) {
                    col++;
                }
                // One rectangle per run of dark modules keeps the PostScript small.
                dark.append(new Rectangle2D.Double(x + (QUIET_MODULES + start) * m, y + (QUIET_MODULES + row) * m,
                        (col - start) * m, m), false);
            }
        }
        g.setColor(Color.BLACK);
        g.fill(dark);
    }
}
