package cn.yzz.kiosk.app.view;

import javafx.beans.value.ObservableValue;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Scale;

/**
 * A phone showing a QR code above the scanner's window, with an arrow between them: hold the 粤省事码
 * to the scanner. Drawn with shapes (no image files), 480 × 390 at scale 1, like {@link CardIllustration}.
 */
final class CodeIllustration extends Group {

    private static final Color BODY = Color.web("#37474f");
    private static final Color WINDOW = Color.web("#263238");
    private static final Color BEAM = Color.web("#ef5350");
    private static final Color PHONE = Color.web("#455a64");
    private static final Color SCREEN = Color.WHITE;
    private static final Color MODULE = Color.web("#1b5e20");
    private static final Color ARROW = Color.web("#f9a825");

    /** The modules of a small QR-like pattern between the finder squares, row by row (1 dark). */
    private static final String[] MODULES = {
        "0010100", "1011010", "0110011", "1001101", "0111000", "1010110", "0101101"};

    /**
     * @param scale size relative to 480 × 390
     * @param label the words on the scanner ("扫码口"); null: none (as an icon)
     */
    CodeIllustration(double scale, ObservableValue<String> label) {
        Group shapes = new Group(scanner(label), phone(), arrow());
        shapes.getTransforms().add(new Scale(scale, scale, 0, 0));
        getChildren().add(shapes);
        setMouseTransparent(true);
    }

    private static Group scanner(ObservableValue<String> label) {
        Rectangle body = new Rectangle(0, 250, 480, 140);
        body.setArcWidth(36);
        body.setArcHeight(36);
        body.setFill(BODY);
        Rectangle window = new Rectangle(130, 262, 220, 56);
        window.setArcWidth(16);
        window.setArcHeight(16);
        window.setFill(WINDOW);
        window.setStroke(Color.web("#cfd8dc"));
        window.setStrokeWidth(3);
        Rectangle beam = new Rectangle(146, 287, 188, 6);
        beam.setFill(BEAM);
        Group g = new Group(body, window, beam);
        if (label != null) {
            Text t = new Text(0, 364, "");
            t.textProperty().bind(label);
            t.getStyleClass().add("pad-label"); // font from kiosk.css, so that elder mode enlarges it
            t.setFill(Color.WHITE);
            t.setWrappingWidth(480);
            t.setTextAlignment(TextAlignment.CENTER);
            t.setTextOrigin(VPos.BASELINE);
            g.getChildren().add(t);
        }
        return g;
    }

    private static Group phone() {
        Rectangle body = new Rectangle(165, 0, 150, 196);
        body.setArcWidth(26);
        body.setArcHeight(26);
        body.setFill(PHONE);
        Rectangle screen = new Rectangle(177, 16, 126, 160);
        screen.setArcWidth(8);
        screen.setArcHeight(8);
        screen.setFill(SCREEN);
        Group g = new Group(body, screen);
        double x0 = 186;
        double y0 = 40;
        double m = 108.0 / 11; // an 11-module code, 108 px wide
        for (double[] f : new double[][] {{0, 0}, {8, 0}, {0, 8}}) {
            g.getChildren().addAll(square(x0 + f[0] * m, y0 + f[1] * m, 3 * m, MODULE),
                    square(x0 + f[0] * m + m * 0.6, y0 + f[1] * m + m * 0.6, 1.8 * m, SCREEN),
                    square(x0 + f[0] * m + m, y0 + f[1] * m + m, m, MODULE));
        }
        for (int r = 0; r < MODULES.length; r++) {
            for (int c = 0; c < MODULES[r].length(); c++) {
                if (MODULES[r].charAt(c) == '1') {
                    g.getChildren().add(square(x0 + (c + 4) * m, y0 + (r + 4) * m, m, MODULE));
                }
            }
        }
        g.getChildren().add(square(x0 + 4 * m, y0, m, MODULE));
        g.getChildren().add(square(x0 + 5 * m, y0 + 2 * m, m, MODULE));
        return g;
    }

    private static Rectangle square(double x, double y, double size, Color fill) {
        Rectangle r = new Rectangle(x, y, size, size);
        r.setFill(fill);
        return r;
    }

    private static Polygon arrow() {
        Polygon p = new Polygon(
                240, 246,
                206, 220,
                226, 220,
                226, 202,
                254, 202,
                254, 220,
                274, 220);
        p.setFill(ARROW);
        return p;
    }
}
