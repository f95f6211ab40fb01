package cn.yzz.kiosk.app.view;

import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Lays its content out at a fixed design size and scales it to fit, centred. Full screen the
 * design size is the screen's (scale 1); in windowed mode a 1080 × 1920 kiosk fits a laptop.
 */
public final class ScaledRoot extends Region {

    private final Region content;
    private final double designWidth;
    private final double designHeight;
    private final Scale scale = new Scale(1, 1, 0, 0);

    public ScaledRoot(Region content, double designWidth, double designHeight) {
        this.content = content;
        this.designWidth = designWidth;
        this.designHeight = designHeight;
        content.getTransforms().add(scale);
        getChildren().add(content);
        getStyleClass().add("kiosk");
    }

    @Override
    protected void layoutChildren() {
        double s = Math.min(getWidth() / designWidth, getHeight() / designHeight);
        scale.setX(s);
        scale.setY(s);
        content.resizeRelocate((getWidth() - designWidth * s) / 2, (getHeight() - designHeight * s) / 2, designWidth, designHeight);
    }

    @Override
    protected double computePrefWidth(double height) {
        return designWidth;
    }

    @Override
    protected double computePrefHeight(double width) {
        return designHeight;
    }
}
