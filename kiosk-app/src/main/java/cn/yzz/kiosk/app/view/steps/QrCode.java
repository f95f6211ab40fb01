package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.device.qr.QrImages;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** A QR code drawn crisp at any size (modules as filled squares), with its quiet zone, on white. */
final class QrCode extends Canvas {

    QrCode(String text, double size) {
        super(size, size);
        boolean[][] m = QrImages.matrix(text, QrImages.Correction.M, 4);
        GraphicsContext g = getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, size, size);
        double cell = Math.floor(size / m.length);
        // Whole pixels: a module edge on a half pixel is drawn anti-aliased, and the seams between modules then
        // show as light lines that stop a phone's scanner from finding the code.
        double offset = Math.floor((size - cell * m.length) / 2);
        g.setFill(Color.BLACK);
        for (int y = 0; y < m.length; y++) {
            for (int x = 0; x < m[y].length; x++) {
                if (m[y][x]) {
                    g.fillRect(offset + x * cell, offset + y * cell, cell, cell);
                }
            }
        }
        setId("qr-code");
    }
}
