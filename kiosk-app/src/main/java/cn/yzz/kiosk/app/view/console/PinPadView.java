package cn.yzz.kiosk.app.view.console;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.view.Ui;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * The console's PIN pad: big keys 0–9, 清空, 删除, 确定 and 返回; the digits as dots (shapes: no digit of the PIN is ever
 * text on screen); 正在核对 while the PIN is checked; what is wrong and what to do in plain words.
 */
final class PinPadView extends BorderPane {

    PinPadView(Console console, boolean portrait) {
        getStyleClass().add("console-pad");
        setId("console-pad");
        Label title = Ui.label("管理员登录", "console-title");
        Button back = Ui.button("返回", "console-back", "console-leave");
        back.setOnAction(e -> console.back());
        HBox top = new HBox(Ui.GAP, title, Ui.spacer(), back);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("console-top");
        setTop(top);

        Label heading = Ui.label("请输入管理密码", "console-heading");
        heading.setId("console-pad-heading");
        Label who = Ui.label("", "console-text");
        who.setId("console-pad-who");
        who.textProperty().bind(console.whoProperty().map(w -> Console.ADMINISTRATOR.equals(w) ? "" : "工作人员卡：" + w));
        Ui.shownWhen(who, who.textProperty().isNotEmpty());
        VBox status = new VBox(Ui.GAP, heading, who, dots(console), checking(console), notice(console));
        status.setAlignment(Pos.CENTER);
        GridPane keys = keypad(console);
        // The status column keeps one width whatever it says, so a message never moves the keys under a finger.
        status.setPrefWidth(portrait ? 900 : 720);
        status.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        status.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (portrait) { // above the keys: a fixed height too, room for the heading, the dots and a two-line message
            status.setPrefHeight(470);
            status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            status.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            status.setAlignment(Pos.TOP_CENTER);
        }
        Node body = portrait ? new VBox(56, status, keys) : new HBox(96, status, keys);
        if (body instanceof VBox v) {
            v.setAlignment(Pos.TOP_CENTER);
        } else {
            ((HBox) body).setAlignment(Pos.CENTER);
        }
        body.getStyleClass().add("console-pad-body");
        setCenter(body);
    }

    /** One circle a digit keyed, at least six. */
    private static Node dots(Console console) {
        HBox dots = new HBox(24);
        dots.setId("console-dots");
        dots.getStyleClass().add("console-dots");
        dots.setAlignment(Pos.CENTER);
        dots.setMaxWidth(USE_PREF_SIZE);
        for (int i = 0; i < AdminPin.MAX_LENGTH; i++) {
            int position = i;
            Circle c = new Circle(20);
            c.getStyleClass().add("pin-dot");
            Runnable fill = () -> {
                c.getStyleClass().remove("keyed");
                int n = console.keyedProperty().get();
                if (n > position) {
                    c.getStyleClass().add("keyed");
                }
                boolean shown = position < Math.max(AdminPin.MIN_LENGTH, n);
                c.setVisible(shown);
                c.setManaged(shown);
            };
            console.keyedProperty().addListener((o, was, now) -> fill.run());
            fill.run();
            dots.getChildren().add(c);
        }
        return dots;
    }

    private static Node checking(Console console) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("progress");
        progress.setPrefSize(56, 56);
        Label words = Ui.label("正在核对密码…", "console-text");
        HBox row = new HBox(Ui.GAP, progress, words);
        row.setAlignment(Pos.CENTER);
        row.setId("console-checking");
        return Ui.shownWhen(row, console.checkingProperty());
    }

    private static Node notice(Console console) {
        Label words = Ui.label("", "error-text");
        words.setId("console-notice");
        words.textProperty().bind(console.noticeProperty());
        words.setMaxWidth(700);
        HBox box = new HBox(words);
        box.getStyleClass().add("error-box");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(USE_PREF_SIZE);
        return Ui.shownWhen(box, console.noticeProperty().isNotEmpty());
    }

    private static GridPane keypad(Console console) {
        GridPane grid = new GridPane();
        grid.setHgap(Ui.GAP);
        grid.setVgap(Ui.GAP);
        grid.getStyleClass().add("console-keypad");
        grid.setId("console-keypad");
        grid.setAlignment(Pos.CENTER);
        grid.setMinWidth(USE_PREF_SIZE);
        BooleanBinding off = console.checkingProperty().or(console.lockedProperty());
        for (int i = 1; i <= 9; i++) {
            char d = (char) ('0' + i);
            grid.add(key(String.valueOf(d), "console-key-" + d, () -> console.key(d), off), (i - 1) % 3, (i - 1) / 3);
        }
        grid.add(key("清空", "console-key-clear", console::clear, off), 0, 3);
        grid.add(key("0", "console-key-0", () -> console.key('0'), off), 1, 3);
        grid.add(key("删除", "console-key-delete", console::delete, off), 2, 3);
        Button ok = Ui.button("确定", "console-confirm", "primary-button", "console-confirm");
        ok.setOnAction(e -> console.confirm());
        ok.disableProperty().bind(off);
        ok.setMaxWidth(Double.MAX_VALUE);
        grid.add(ok, 0, 4, 3, 1);
        return grid;
    }

    private static Button key(String text, String id, Runnable action, BooleanBinding off) {
        Button b = Ui.button(text, id, "key-button");
        b.setOnAction(e -> action.run());
        b.disableProperty().bind(off);
        return b;
    }
}
