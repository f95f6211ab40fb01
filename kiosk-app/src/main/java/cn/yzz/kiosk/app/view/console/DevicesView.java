package cn.yzz.kiosk.app.view.console;

import cn.yzz.kiosk.app.console.DevicesPage;
import cn.yzz.kiosk.app.view.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** 设备: one card a device, with its state, detail, what to do and its test. */
public final class DevicesView extends ScrollPane {

    public DevicesView(DevicesPage page) {
        VBox cards = new VBox(20);
        cards.setId("console-devices");
        Label heading = Ui.label("设备", "console-heading");
        cards.getChildren().add(heading);
        for (DevicesPage.Row r : page.rows()) {
            cards.getChildren().add(card(page, r));
        }
        setContent(cards);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setVbarPolicy(ScrollBarPolicy.AS_NEEDED);
        getStyleClass().add("console-scroll");
        setPannable(false);
    }

    private static VBox card(DevicesPage page, DevicesPage.Row r) {
        String id = "console-device-" + r.need().wireName();
        Label name = Ui.label(r.name(), "console-card-title");
        Label state = Ui.label(r.stateProperty(), "console-state");
        state.setId(id + "-state");
        r.toneProperty().addListener((o, was, now) -> tone(state, now));
        tone(state, r.toneProperty().get());
        HBox top = new HBox(Ui.GAP, name, state, Ui.spacer());
        top.setAlignment(Pos.CENTER_LEFT);
        Label detail = Ui.label(r.detailProperty(), "console-card-text");
        detail.setId(id + "-detail");
        Ui.shownWhen(detail, r.detailProperty().isNotEmpty());
        Label advice = Ui.label(r.adviceProperty(), "console-card-text");
        advice.setId(id + "-advice");
        Ui.shownWhen(advice, r.adviceProperty().isNotEmpty());
        VBox card = new VBox(12, top, detail, advice);
        if (!r.testName().isEmpty()) {
            Button test = Ui.button(r.testName(), id + "-test", "console-button");
            test.setOnAction(e -> page.test(r));
            test.disableProperty().bind(r.testingProperty());
            test.setMinWidth(USE_PREF_SIZE); // its words are never cut short
            ProgressIndicator busy = new ProgressIndicator();
            busy.setPrefSize(48, 48);
            Ui.shownWhen(busy, r.testingProperty());
            Label result = Ui.label(r.resultProperty(), "console-result");
            result.setId(id + "-result");
            HBox row = new HBox(Ui.GAP, test, busy, result);
            row.setAlignment(Pos.CENTER_LEFT);
            result.setMaxWidth(560);
            card.getChildren().add(row);
        }
        card.getStyleClass().add("console-card");
        card.setId(id);
        return card;
    }

    static void tone(Label l, String tone) {
        l.getStyleClass().removeAll("good", "busy", "warn", "bad", "none");
        l.getStyleClass().add(tone);
    }
}
