package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.view.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Draws {@link DiagnosticsPage}: what the bundle is, the steps, 写到U盘 / 写到文件夹, and where it went. */
final class DiagnosticsView extends VBox {

    DiagnosticsView(DiagnosticsPage page) {
        VBox frame = Kit.page("diagnostics-page");
        VBox.setVgrow(frame, Priority.ALWAYS);
        getChildren().add(frame);

        Label contents = Kit.label(DiagnosticsPage.CONTENTS, "diagnostics-contents", "cp-text");
        Label steps = Kit.label("1. 插入U盘　2. 点「写到U盘」　3. 等到写好　4. 拔下U盘，交给县里", "diagnostics-steps", "cp-explain");

        Button stick = Kit.button("写到U盘", "diagnostics-stick", true);
        stick.setOnAction(e -> page.toStick());
        stick.disableProperty().bind(page.busyProperty());
        HBox buttons = new HBox(24, stick);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox actions = new VBox(12, buttons);
        if (page.folder() != null) {
            Button folder = Kit.button("写到文件夹", "diagnostics-folder", false);
            folder.setOnAction(e -> page.toFolder());
            folder.disableProperty().bind(page.busyProperty());
            // Under the buttons, not beside them: a long path beside them squeezed 写到文件夹 to "写到…".
            Label which = Kit.label("文件夹：" + page.folder(), "diagnostics-folder-path", "cp-explain");
            buttons.getChildren().add(folder);
            actions.getChildren().add(which);
        }

        ProgressIndicator spinner = Ui.shownWhen(new ProgressIndicator(), page.busyProperty());
        spinner.setId("diagnostics-progress");
        spinner.setPrefSize(64, 64);
        Label progress = Kit.label("", "diagnostics-progress-words", "cp-text");
        progress.textProperty().bind(page.progressProperty());
        HBox working = Ui.shownWhen(new HBox(20, spinner, progress), page.busyProperty());
        working.setAlignment(Pos.CENTER_LEFT);

        Label problem = Kit.label("", "diagnostics-problem", "cp-result", "cp-bad");
        problem.textProperty().bind(page.problemProperty());
        Ui.shownWhen(problem, page.problemProperty().isNotEmpty());

        Label heading = Kit.label("已写好", null, "cp-result", "cp-good");
        Label file = Kit.label("", "diagnostics-file", "cp-text");
        Label size = Kit.label("", "diagnostics-size", "cp-text");
        Label where = Kit.label("", "diagnostics-where", "cp-text");
        Label next = Kit.label("现在可以拔下U盘，交给县里。", "diagnostics-next", "cp-explain");
        VBox result = Ui.shownWhen(new VBox(8, heading, file, size, where, next), page.doneProperty().isNotNull());
        result.setId("diagnostics-result");
        result.getStyleClass().add("cp-card");
        page.doneProperty().addListener((o, was, d) -> {
            if (d != null) {
                file.setText("文件：" + d.written().file().getFileName());
                size.setText("大小：" + Words.size(d.written().bytes()));
                where.setText("位置：" + d.where());
                next.setText(d.where().startsWith("U盘") ? "现在可以拔下U盘，交给县里。" : "县里可以从这个文件夹取走它。");
            }
        });

        frame.getChildren().addAll(contents, steps, actions, working, problem, result);
    }
}
