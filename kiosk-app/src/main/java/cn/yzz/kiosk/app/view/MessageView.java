package cn.yzz.kiosk.app.view;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/**
 * The layout of the simple screens (help, the idle warning, out of service, the error screen,
 * the service placeholder, the end): a picture, a heading, a few plain sentences and big buttons,
 * centred. The screens differ only in what they put in.
 */
class MessageView extends VBox {

    MessageView(String id, Node picture, ObservableValue<String> heading, Node... rest) {
        getStyleClass().addAll("page", "message-page");
        setId(id);
        setAlignment(Pos.CENTER);
        setSpacing(48);
        Label h = Ui.label(heading, "big-heading", "heading");
        h.setId(id + "-heading");
        h.setTextAlignment(TextAlignment.CENTER);
        getChildren().addAll(picture, h);
        getChildren().addAll(rest);
    }

    /** A sentence of the page, centred. */
    static Label sentence(String id, ObservableValue<String> text, String... styleClasses) {
        Label l = Ui.label(text, styleClasses.length == 0 ? new String[] {"lead"} : styleClasses);
        l.setId(id);
        l.setTextAlignment(TextAlignment.CENTER);
        l.setAlignment(Pos.CENTER);
        l.setMaxWidth(900);
        return l;
    }

    /** Buttons side by side, with the gap touch targets need. */
    static HBox buttons(Node... buttons) {
        HBox row = new HBox(48, buttons);
        row.setAlignment(Pos.CENTER);
        return row;
    }
}
