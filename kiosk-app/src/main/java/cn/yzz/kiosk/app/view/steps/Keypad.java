package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.FieldStep;
import cn.yzz.kiosk.app.view.Ui;
import javafx.scene.control.Button;
import javafx.scene.layout.GridPane;

/** The big numeric keypad: 1–9, then X (ID numbers only) 0 删除, and 清空 under it. Never a Chinese keyboard. */
final class Keypad extends GridPane {

    private final Button clear;

    /**
     * @param x          the X key (ID numbers), in 清空's place beside 0; 清空 goes under the keys
     * @param clearApart with X, 清空 is left for the caller to place ({@link #clear()}): landscape has no height
     *                   for a fifth row
     */
    Keypad(FieldStep step, Texts texts, boolean x, boolean clearApart) {
        setHgap(Ui.GAP);
        setVgap(Ui.GAP);
        getStyleClass().add("keypad");
        setId("keypad");
        setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a long problem beside it must not squeeze the keys' words
        for (int i = 1; i <= 9; i++) {
            char c = (char) ('0' + i);
            add(key(String.valueOf(c), "key-" + c, () -> step.key(c)), (i - 1) % 3, (i - 1) / 3);
        }
        Button xKey = key("X", "key-x", () -> step.key('X'));
        xKey.setDisable(!x);
        xKey.setVisible(x);
        add(xKey, 0, 3);
        add(key("0", "key-0", () -> step.key('0')), 1, 3);
        Button del = Ui.button(texts.bind("keypad.delete"), "key-delete", "key-button", "key-action");
        del.setOnAction(e -> step.delete());
        add(del, 2, 3);
        clear = Ui.button(texts.bind("keypad.clear"), "key-clear", "key-button", "key-action");
        clear.setOnAction(e -> step.clearKeyed());
        if (!x) {
            getChildren().remove(xKey);
            add(clear, 0, 3);
        } else if (!clearApart) {
            clear.setMaxWidth(Double.MAX_VALUE);
            add(clear, 0, 4, 3, 1); // X takes 清空's place beside 0
        }
    }

    /** 清空, wherever it is. */
    Button clear() {
        return clear;
    }

    private static Button key(String text, String id, Runnable action) {
        Button b = Ui.button(text, id, "key-button");
        b.setOnAction(e -> action.run());
        return b;
    }
}
