package cn.yzz.kiosk.app.view;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small builders so that every screen makes its controls the same way. */
public final class Ui {

    /** Space between touch targets (at least 16 px). */
    public static final double GAP = 24;

    private Ui() {}

    /** A label whose words follow the language on screen. */
    public static Label label(ObservableValue<String> text, String... styleClasses) {
        Label l = label("", styleClasses);
        l.textProperty().bind(text);
        return l;
    }

    public static Label label(String text, String... styleClasses) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styleClasses);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** A button whose words follow the language on screen. */
    public static Button button(ObservableValue<String> text, String id, String... styleClasses) {
        Button b = button((String) null, id, styleClasses);
        b.textProperty().bind(text);
        return b;
    }

    public static Button button(String text, String id, String... styleClasses) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().addAll(styleClasses);
        b.setFocusTraversable(false);
        b.setMinHeight(Region.USE_PREF_SIZE);
        return b;
    }

    public static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    /** Shows {@code node} only while {@code shown}; a hidden node takes no room. */
    public static <N extends Node> N shownWhen(N node, ObservableValue<Boolean> shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(node.visibleProperty());
        return node;
    }

    /** An illustration with its words: above them in portrait, beside them in landscape. */
    public static Region pictureWithWords(boolean portrait, double portraitGap, Node picture, Node... words) {
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

    /** A grid of {@code columns} equal columns, with the gaps touch targets need. */
    public static javafx.scene.layout.GridPane columns(int columns, double vgap) {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(GAP);
        grid.setVgap(vgap);
        for (int c = 0; c < columns; c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            grid.getColumnConstraints().add(cc);
        }
        return grid;
    }
}
