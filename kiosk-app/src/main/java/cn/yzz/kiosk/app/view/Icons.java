package cn.yzz.kiosk.app.view;

import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;

/** Simple pictures drawn with shapes (the kiosk's fonts have no emoji); colours come from kiosk.css. */
public final class Icons {

    private Icons() {}

    /** A red disc with "!": something cannot be done. */
    public static Node warning() {
        return disc("icon-warning", "M-9 -48 H9 L6 14 H-6 Z M0 26 A11 11 0 1 1 0.01 26 Z");
    }

    /** A blue disc with "?": help. */
    public static Node help() {
        return disc("icon-help", "M-26 -22 C-26 -48 26 -48 26 -22 C26 -4 6 0 6 16 H-8 C-8 -6 12 -8 12 -22 C12 -36 -12 -36 -12 -22 Z M-1 26 A10 10 0 1 1 -0.99 26 Z");
    }

    /** An amber disc with a clock: time is running out. */
    public static Node clock() {
        return disc("icon-clock", "M-6 -50 H6 V-4 L34 14 L28 24 L-6 4 Z");
    }

    /** A blue disc with "i": information. */
    public static Node info() {
        return disc("icon-help", "M-8 -16 H8 V44 H-8 Z M0 -30 A11 11 0 1 1 0.01 -30 Z");
    }

    /** A green disc with a tick: done. */
    public static Node done() {
        return disc("icon-done", "M-40 0 L-28 -12 L-10 6 L30 -34 L42 -22 L-10 30 Z");
    }

    private static Node disc(String styleClass, String mark) {
        Circle ring = new Circle(72);
        ring.getStyleClass().addAll("icon-disc", styleClass);
        SVGPath p = new SVGPath();
        p.setContent(mark);
        p.getStyleClass().add("icon-mark");
        StackPane icon = new StackPane(ring, p);
        icon.setMaxSize(144, 144);
        return icon;
    }
}
