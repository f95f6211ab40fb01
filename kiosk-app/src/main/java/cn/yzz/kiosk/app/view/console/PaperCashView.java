package cn.yzz.kiosk.app.view.console;

import cn.yzz.kiosk.app.console.PaperCashPage;
import cn.yzz.kiosk.app.console.PaperCashPage.Change;
import cn.yzz.kiosk.app.view.Ui;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** 纸张与钱箱: the paper card, and on an enhanced kiosk the cash box card with its fill bar and the box change. */
public final class PaperCashView extends ScrollPane {

    public PaperCashView(PaperCashPage page) {
        VBox cards = new VBox(20, Ui.label(page.title(), "console-heading"), paper(page));
        if (page.hasCash()) {
            cards.getChildren().add(cash(page));
        }
        setContent(cards);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("console-scroll");
    }

    private static VBox paper(PaperCashPage page) {
        Label state = Ui.label(page.paperProperty(), "console-state");
        state.setId("console-paper-state");
        page.paperToneProperty().addListener((o, was, now) -> DevicesView.tone(state, now));
        DevicesView.tone(state, page.paperToneProperty().get());
        HBox top = new HBox(Ui.GAP, Ui.label("小票打印纸", "console-card-title"), state);
        top.setAlignment(Pos.CENTER_LEFT);
        Label advice = Ui.label(page.paperAdviceProperty(), "console-card-text");
        advice.setId("console-paper-advice");
        Ui.shownWhen(advice, page.paperAdviceProperty().isNotEmpty());
        Button again = Ui.button("再查一次", "console-paper-refresh", "console-button");
        again.setOnAction(e -> page.refreshPaper());
        VBox card = new VBox(12, top, advice, again);
        card.getStyleClass().add("console-card");
        return card;
    }

    private static VBox cash(PaperCashPage page) {
        Label words = Ui.label(page.boxProperty(), "console-card-text");
        words.setId("console-box");
        Region track = new Region();
        track.getStyleClass().add("console-bar-track");
        track.setPrefWidth(600);
        track.setMaxWidth(600);
        Region bar = new Region();
        bar.getStyleClass().add("console-bar-fill");
        bar.setMinHeight(40);
        bar.maxWidthProperty().bind(page.fillProperty().multiply(600));
        bar.prefWidthProperty().bind(page.fillProperty().multiply(600));
        page.fillProperty().addListener((o, was, now) -> {
            bar.getStyleClass().remove("bad");
            if (now.doubleValue() >= 0.9) {
                bar.getStyleClass().add("bad");
            }
        });
        StackPane gauge = new StackPane(track, bar);
        gauge.setAlignment(Pos.CENTER_LEFT);
        gauge.setMaxWidth(600);
        gauge.setId("console-box-fill");

        Label step = Ui.label(page.changeWordsProperty(), "console-result");
        step.setId("console-box-step");
        Ui.shownWhen(step, page.changeWordsProperty().isNotEmpty());
        Button start = Ui.button("取出钱箱", "console-box-start", "console-button");
        start.setOnAction(e -> page.startChange());
        Ui.shownWhen(start, Bindings.createBooleanBinding(() -> page.changeProperty().get() == Change.NONE
                || page.changeProperty().get() == Change.DONE || page.changeProperty().get() == Change.BUSY, page.changeProperty()));
        Button out = Ui.button("我已取出", "console-box-out", "console-button");
        out.setOnAction(e -> page.confirmOut());
        Button cancel = Ui.button("不取了", "console-box-cancel", "console-button");
        cancel.setOnAction(e -> page.cancelChange());
        HBox takeOut = new HBox(Ui.GAP, out, cancel);
        Ui.shownWhen(takeOut, page.changeProperty().isEqualTo(Change.TAKE_OUT));
        Label report = Ui.label(page.reportProperty(), "console-report");
        report.setId("console-box-report");
        VBox reportBox = new VBox(report);
        reportBox.getStyleClass().add("console-card");
        Ui.shownWhen(reportBox, page.reportOnScreenProperty());
        VBox card = new VBox(16, Ui.label("钱箱", "console-card-title"), words, gauge, step, start, takeOut, reportBox);
        card.getStyleClass().add("console-card");
        card.setId("console-cash");
        return card;
    }
}
