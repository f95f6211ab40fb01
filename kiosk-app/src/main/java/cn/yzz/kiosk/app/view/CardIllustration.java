package cn.yzz.kiosk.app.view;

import javafx.beans.value.ObservableValue;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Ellipse;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Scale;

/**
 * A card above the reader pad with an arrow between them: where the card goes. Drawn with shapes
 * (no image files), 480 × 390 at scale 1.
 */
final class CardIllustration extends Group {

    private static final Color PAD = Color.web("#37474f");
    private static final Color ZONE = Color.web("#546e7a");
    private static final Color CARD = Color.web("#e3f2fd");
    private static final Color CARD_EDGE = Color.web("#1565c0");
    private static final Color LINES = Color.web("#90a4ae");
    private static final Color ARROW = Color.web("#f9a825");

    /**
     * @param scale   size relative to 480 × 390
     * @param compact no words on the pad (as an icon on a button)
     */
    CardIllustration(double scale, boolean compact) {
        this(scale, compact, false, null);
    }

    /**
     * @param takeAway the arrow points up, away from the pad: "take your card"
     * @param padLabel the words on the pad ("读卡区"); unused when compact
     */
    CardIllustration(double scale, boolean compact, boolean takeAway, ObservableValue<String> padLabel) {
        Group shapes = new Group();
        shapes.getChildren().addAll(pad(compact, padLabel), card(), arrow(takeAway));
        shapes.getTransforms().add(new Scale(scale, scale, 0, 0));
        getChildren().add(shapes);
        setMouseTransparent(true);
    }

    private static Group pad(boolean compact, ObservableValue<String> padLabel) {
        Rectangle body = new Rectangle(0, 250, 480, 140);
        body.setArcWidth(36);
        body.setArcHeight(36);
        body.setFill(PAD);
        Rectangle zone = new Rectangle(60, 262, 360, 56);
        zone.setArcWidth(16);
        zone.setArcHeight(16);
        zone.setFill(ZONE);
        zone.setStroke(Color.web("#cfd8dc"));
        zone.setStrokeWidth(3);
        zone.getStrokeDashArray().addAll(14.0, 10.0);
        Group g = new Group(body, zone);
        if (!compact) {
            Text label = new Text(0, 364, "");
            label.textProperty().bind(padLabel);
            label.getStyleClass().add("pad-label"); // font from kiosk.css, so that elder mode enlarges it
            label.setFill(Color.WHITE);
            label.setWrappingWidth(480);
            label.setTextAlignment(TextAlignment.CENTER);
            label.setTextOrigin(VPos.BASELINE);
            g.getChildren().add(label);
        }
        return g;
    }

    private static Group card() {
        Rectangle body = new Rectangle(90, 0, 300, 190);
        body.setArcWidth(28);
        body.setArcHeight(28);
        body.setFill(CARD);
        body.setStroke(CARD_EDGE);
        body.setStrokeWidth(5);
        Rectangle photo = new Rectangle(296, 30, 72, 92);
        photo.setArcWidth(8);
        photo.setArcHeight(8);
        photo.setFill(Color.web("#bbdefb"));
        Circle head = new Circle(332, 62, 17, Color.web("#64b5f6"));
        Ellipse shoulders = new Ellipse(332, 116, 30, 22);
        shoulders.setFill(Color.web("#64b5f6"));
        Rectangle clipShoulders = new Rectangle(296, 30, 72, 92);
        shoulders.setClip(clipShoulders);
        Group g = new Group(body, photo, head, shoulders);
        double[][] lines = {{114, 40, 150}, {114, 70, 120}, {114, 100, 160}, {114, 146, 254}};
        for (double[] l : lines) {
            Rectangle r = new Rectangle(l[0], l[1], l[2], 14);
            r.setArcWidth(8);
            r.setArcHeight(8);
            r.setFill(LINES);
            g.getChildren().add(r);
        }
        return g;
    }

    private static Polygon arrow(boolean up) {
        Polygon p = new Polygon(
                240, 246,
                206, 214,
                226, 214,
                226, 196,
                254, 196,
                254, 214,
                274, 214);
        p.setFill(ARROW);
        if (up) {
            p.setRotate(180);
        }
        return p;
    }
}
