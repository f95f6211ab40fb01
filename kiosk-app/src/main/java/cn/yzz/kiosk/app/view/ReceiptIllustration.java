package cn.yzz.kiosk.app.view;

import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;

/**
 * A receipt coming out of the printer slot with an arrow pointing up: "take your receipt".
 * Drawn with shapes, 480 × 390 at scale 1, like {@link CardIllustration} beside it.
 */
public final class ReceiptIllustration extends Group {

    public ReceiptIllustration(double scale) {
        Rectangle printer = new Rectangle(40, 260, 400, 130);
        printer.setArcWidth(36);
        printer.setArcHeight(36);
        printer.setFill(Color.web("#37474f"));
        Rectangle slot = new Rectangle(110, 276, 260, 18);
        slot.setArcWidth(10);
        slot.setArcHeight(10);
        slot.setFill(Color.web("#102027"));
        Rectangle paper = new Rectangle(130, 40, 220, 246);
        paper.setFill(Color.WHITE);
        paper.setStroke(Color.web("#90a4ae"));
        paper.setStrokeWidth(3);
        Group g = new Group(printer, slot, paper);
        double[][] lines = {{150, 70, 180}, {150, 100, 120}, {150, 130, 160}, {150, 160, 100}, {150, 200, 180}};
        for (double[] l : lines) {
            Rectangle r = new Rectangle(l[0], l[1], l[2], 12);
            r.setArcWidth(8);
            r.setArcHeight(8);
            r.setFill(Color.web("#b0bec5"));
            g.getChildren().add(r);
        }
        Polygon arrow = new Polygon(420, 40, 386, 80, 406, 80, 406, 150, 434, 150, 434, 80, 454, 80);
        arrow.setFill(Color.web("#f9a825"));
        g.getChildren().add(arrow);
        g.getTransforms().add(new Scale(scale, scale, 0, 0));
        getChildren().add(g);
        setMouseTransparent(true);
    }
}
