package cn.yzz.kiosk.app.view;

import javafx.beans.value.ObservableValue;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Scale;

/**
 * A social security card, chip up, above the card slot with an arrow between them: into the slot, or
 * (take away) out of it. Drawn with shapes (no image files), 480 × 390 at scale 1, like {@link CardIllustration}.
 */
final class SlotIllustration extends Group {

    private static final Color BODY = Color.web("#37474f");
    private static final Color SLOT = Color.web("#102027");
    private static final Color CARD = Color.web("#fce4ec");
    private static final Color CARD_EDGE = Color.web("#ad1457");
    private static final Color BAND = Color.web("#c2185b");
    private static final Color CHIP = Color.web("#fbc02d");
    private static final Color CHIP_LINES = Color.web("#8d6e00");
    private static final Color LINES = Color.web("#b0a0a8");
    private static final Color ARROW = Color.web("#f9a825");

    /**
     * @param scale    size relative to 480 × 390
     * @param takeAway the arrow points up, out of the slot: "take your card"
     * @param label    the words on the reader ("社保卡口"); null: none (as an icon)
     */
    SlotIllustration(double scale, boolean takeAway, ObservableValue<String> label) {
        Group shapes = new Group(reader(label), card(), arrow(takeAway));
        shapes.getTransforms().add(new Scale(scale, scale, 0, 0));
        getChildren().add(shapes);
        setMouseTransparent(true);
    }

    private static Group reader(ObservableValue<String> label) {
        Rectangle body = new Rectangle(0, 250, 480, 140);
        body.setArcWidth(36);
        body.setArcHeight(36);
        body.setFill(BODY);
        Rectangle slot = new Rectangle(80, 278, 320, 22);
        slot.setArcWidth(12);
        slot.setArcHeight(12);
        slot.setFill(SLOT);
        slot.setStroke(Color.web("#cfd8dc"));
        slot.setStrokeWidth(3);
        Group g = new Group(body, slot);
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

    private static Group card() {
        Rectangle body = new Rectangle(90, 0, 300, 190);
        body.setArcWidth(28);
        body.setArcHeight(28);
        body.setFill(CARD);
        body.setStroke(CARD_EDGE);
        body.setStrokeWidth(5);
        Rectangle band = new Rectangle(92.5, 22, 295, 26);
        band.setFill(BAND);
        Rectangle chip = new Rectangle(118, 72, 64, 50);
        chip.setArcWidth(10);
        chip.setArcHeight(10);
        chip.setFill(CHIP);
        chip.setStroke(CHIP_LINES);
        chip.setStrokeWidth(2);
        Line across = new Line(118, 97, 182, 97);
        across.setStroke(CHIP_LINES);
        across.setStrokeWidth(2);
        Line down = new Line(150, 72, 150, 122);
        down.setStroke(CHIP_LINES);
        down.setStrokeWidth(2);
        Group g = new Group(body, band, chip, across, down);
        double[][] lines = {{206, 76, 150}, {206, 104, 110}, {118, 146, 238}};
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
                206, 220,
                226, 220,
                226, 198,
                254, 198,
                254, 220,
                274, 220);
        p.setFill(ARROW);
        if (up) {
            p.setRotate(180);
        }
        return p;
    }
}
