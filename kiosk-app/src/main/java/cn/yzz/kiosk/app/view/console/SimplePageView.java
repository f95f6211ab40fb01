package cn.yzz.kiosk.app.view.console;

import cn.yzz.kiosk.app.view.Ui;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** A page of a heading, lines of words and buttons: 帮办代办, 重启程序, 关于. */
public final class SimplePageView extends VBox {

    /** A button on the page: its words, its id and what it does. */
    public record Action(String words, String id, Runnable run) {}

    public SimplePageView(String heading, List<Label> lines, List<Action> actions) {
        super(20);
        getChildren().add(Ui.label(heading, "console-heading"));
        VBox card = new VBox(12);
        card.getStyleClass().add("console-card");
        for (Label l : lines) {
            l.getStyleClass().add("console-card-text");
            card.getChildren().add(l);
        }
        HBox buttons = new HBox(Ui.GAP);
        buttons.setAlignment(Pos.CENTER_LEFT);
        for (Action a : actions) {
            Button b = Ui.button(a.words(), a.id(), "console-button");
            b.setOnAction(e -> a.run().run());
            b.setMinWidth(USE_PREF_SIZE);
            buttons.getChildren().add(b);
        }
        if (!buttons.getChildren().isEmpty()) {
            card.getChildren().add(buttons);
        }
        if (!card.getChildren().isEmpty()) {
            getChildren().add(card);
        }
    }
}
