package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.flow.AssistModel;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;
import java.util.Locale;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * 帮办代办's sign-in: six dots for the PIN, the keypad (1–9, 清空 0 删除, always in the same places: see {@link AssistModel}
 * for why it is not shuffled), what went wrong, and that a staff card placed on the reader works too. The digits are never
 * shown, only how many were keyed.
 */
final class StaffPinView extends VBox {

    private final AssistModel assist;
    private final Texts texts;

    StaffPinView(Shell shell, boolean portrait) {
        this.assist = shell.assist();
        this.texts = shell.texts();
        getStyleClass().add("page");
        setId("staff");
        setAlignment(Pos.TOP_CENTER);

        Label heading = Ui.label(texts.bind("staff.heading"), "big-heading", "heading");
        heading.setId("staff-heading");
        Label hint = Ui.label(texts.bind("staff.hint"), "lead");
        hint.setId("staff-hint");
        VBox titles = new VBox(8, heading, hint);
        titles.setMaxWidth(Double.MAX_VALUE);

        VBox status = new VBox(Ui.GAP, dots(), checking(), problem());
        status.setAlignment(Pos.CENTER);
        GridPane keypad = keypad();
        if (portrait) {
            VBox body = new VBox(48, status, keypad);
            body.setAlignment(Pos.TOP_CENTER);
            VBox.setVgrow(body, Priority.ALWAYS);
            getChildren().addAll(titles, body);
        } else {
            HBox.setHgrow(status, Priority.ALWAYS);
            HBox body = new HBox(64, status, keypad);
            body.setAlignment(Pos.CENTER);
            VBox.setVgrow(body, Priority.ALWAYS);
            getChildren().addAll(titles, body);
        }
    }

    /** One circle a digit, filled once keyed. Shapes, not characters: nothing of the PIN is ever text on screen. */
    private Node dots() {
        HBox dots = new HBox(28);
        dots.setId("staff-dots");
        dots.getStyleClass().add("keyed-box");
        dots.setAlignment(Pos.CENTER);
        dots.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        for (int i = 0; i < StaffStore.PIN_LENGTH; i++) {
            int position = i;
            Circle c = new Circle(22);
            c.getStyleClass().add("pin-dot");
            Runnable fill = () -> {
                c.getStyleClass().remove("keyed");
                if (assist.keyedProperty().get() > position) {
                    c.getStyleClass().add("keyed");
                }
            };
            assist.keyedProperty().addListener((o, was, now) -> fill.run());
            fill.run();
            dots.getChildren().add(c);
        }
        return dots;
    }

    private Node checking() {
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("progress");
        progress.setPrefSize(56, 56);
        Label words = Ui.label(texts.bind("staff.checking"), "status-text");
        HBox row = new HBox(Ui.GAP, progress, words);
        row.setAlignment(Pos.CENTER);
        row.setId("staff-checking");
        return Ui.shownWhen(row, assist.checkingProperty());
    }

    private Node problem() {
        Label words = Ui.label(texts.bind(() -> {
            AssistModel.Notice n = assist.noticeProperty().get();
            return n == null ? "" : texts.get("staff.problem." + n.problem().name().toLowerCase(Locale.ROOT), n.count());
        }, assist.noticeProperty()), "error-text");
        words.setId("staff-problem");
        HBox box = new HBox(words);
        box.getStyleClass().add("error-box");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return Ui.shownWhen(box, assist.noticeProperty().isNotNull());
    }

    private GridPane keypad() {
        GridPane grid = new GridPane();
        grid.setHgap(Ui.GAP);
        grid.setVgap(Ui.GAP);
        grid.getStyleClass().add("keypad");
        grid.setId("staff-keypad");
        grid.setAlignment(Pos.CENTER);
        grid.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        BooleanBinding off = assist.checkingProperty().or(assist.lockedProperty());
        for (int i = 1; i <= 9; i++) {
            char d = (char) ('0' + i);
            grid.add(key(String.valueOf(d), "staff-key-" + d, () -> assist.key(d), off), (i - 1) % 3, (i - 1) / 3);
        }
        Button clear = Ui.button(texts.bind("keypad.clear"), "staff-key-clear", "key-button", "key-action");
        clear.setOnAction(e -> assist.clear());
        clear.disableProperty().bind(off);
        grid.add(clear, 0, 3);
        grid.add(key("0", "staff-key-0", () -> assist.key('0'), off), 1, 3);
        Button delete = Ui.button(texts.bind("keypad.delete"), "staff-key-delete", "key-button", "key-action");
        delete.setOnAction(e -> assist.delete());
        delete.disableProperty().bind(off);
        grid.add(delete, 2, 3);
        return grid;
    }

    private static Button key(String text, String id, Runnable action, BooleanBinding off) {
        Button b = Ui.button(text, id, "key-button");
        b.setOnAction(e -> action.run());
        b.disableProperty().bind(off);
        return b;
    }
}
