package cn.yzz.kiosk.app.view;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small builders so that every screen makes its controls the same way. */
final class Ui {

    /** Space between touch targets (at least 16 px). */
    static final double GAP = 24;

    private Ui() {}

    static Label label(String text, String... styleClasses) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styleClasses);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    static Button button(String text, String id, String... styleClasses) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll(styleClasses);
        b.setFocusTraversable(false);
        return b;
    }

    static Region spacer() {
        Region r = new Region();
        javafx.scene.layout.HBox.setHgrow(r, Priority.ALWAYS);
        javafx.scene.layout.VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    /** An illustration with its words: above them in portrait, beside them in landscape. */
    static Region pictureWithWords(boolean portrait, double portraitGap, Node picture, Node... words) {
        if (portrait) {
            VBox v = new VBox(portraitGap, picture);
            v.getChildren().addAll(words);
            v.setAlignment(Pos.CENTER);
            return v;
        }
        VBox column = new VBox(40, words);
        column.setAlignment(Pos.CENTER_LEFT);
        HBox h = new HBox(96, picture, column);
        h.setAlignment(Pos.CENTER);
        return h;
    }
}
