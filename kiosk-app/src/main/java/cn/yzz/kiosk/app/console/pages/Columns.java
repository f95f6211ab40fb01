package cn.yzz.kiosk.app.console.pages;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Children in a grid of equal columns: {@code wide} columns when there is room ({@code wideFrom} pixels or more), else
 * {@code narrow}; a row is as tall as its tallest child. So a page fits a landscape console and a portrait one alike.
 */
final class Columns extends Region {

    private static final double GAP = 20;

    private final int wide;
    private final int narrow;
    private final double wideFrom;

    Columns(int wide, int narrow, double wideFrom, Node... children) {
        this.wide = wide;
        this.narrow = narrow;
        this.wideFrom = wideFrom;
        getChildren().addAll(children);
    }

    private int columns(double width) {
        return width >= wideFrom ? wide : narrow;
    }

    private List<Node> shown() {
        return getManagedChildren();
    }

    private double columnWidth(double width, int columns) {
        return Math.max(0, (width - GAP * (columns - 1)) / columns);
    }

    /** Its height follows its width: a parent asks for the width first. */
    @Override
    public javafx.geometry.Orientation getContentBias() {
        return javafx.geometry.Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefHeight(double width) {
        double w = width < 0 ? wideFrom : width;
        int columns = columns(w);
        double cw = columnWidth(w, columns);
        List<Node> kids = shown();
        double h = 0;
        for (int row = 0; row * columns < kids.size(); row++) {
            h += (row > 0 ? GAP : 0) + rowHeight(kids, row, columns, cw);
        }
        return h;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        return wideFrom;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    private static double rowHeight(List<Node> kids, int row, int columns, double cw) {
        double h = 0;
        for (int i = row * columns; i < Math.min(kids.size(), (row + 1) * columns); i++) {
            h = Math.max(h, kids.get(i).prefHeight(cw));
        }
        return h;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        int columns = columns(w);
        double cw = columnWidth(w, columns);
        List<Node> kids = shown();
        double y = 0;
        for (int row = 0; row * columns < kids.size(); row++) {
            double h = rowHeight(kids, row, columns, cw);
            for (int i = row * columns; i < Math.min(kids.size(), (row + 1) * columns); i++) {
                kids.get(i).resizeRelocate((i - row * columns) * (cw + GAP), y, cw, h);
            }
            y += h + GAP;
        }
    }
}
