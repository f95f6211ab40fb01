package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.PrintoutStep;
import cn.yzz.kiosk.app.service.PrintoutStep.State;
import cn.yzz.kiosk.app.view.Icons;
import cn.yzz.kiosk.app.view.ReceiptIllustration;
import cn.yzz.kiosk.app.view.Ui;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.text.TextAlignment;

/**
 * 正在打印 with the pages done → 请取走打印件 with the paper coming out; or why the printer could not, with 再试一次
 * (返回 goes back to the table). A picture over plain words, in the middle of the room.
 */
final class PrintoutView extends StepPage {

    PrintoutView(PrintoutStep step, Texts texts, boolean portrait, Header header) {
        super("printout", texts, portrait, header, texts.bind(() -> texts.get("printout.heading."
                + step.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT)), step.stateProperty()));
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("progress");
        progress.setPrefSize(120, 120);
        progress.setMaxSize(120, 120);
        Ui.shownWhen(progress, step.stateProperty().isEqualTo(State.PRINTING));
        Node taken = Ui.shownWhen(new ReceiptIllustration(1.0), step.stateProperty().isEqualTo(State.DONE));
        Node failed = Ui.shownWhen(Icons.warning(), step.stateProperty().isEqualTo(State.FAILED));
        StackPane picture = new StackPane(progress, taken, failed);
        Label words = Ui.label(texts.bind(() -> switch (step.stateProperty().get()) {
            case PRINTING -> step.pagesDoneProperty().get() == 0 ? texts.get("printout.starting")
                    : texts.get("printout.pages", step.pagesDoneProperty().get());
            case DONE -> texts.get("printout.done", step.pagesDoneProperty().get());
            case FAILED -> texts.get("printout.failed", step.problemProperty().get().isEmpty() ? ""
                    : "（" + step.problemProperty().get() + "）");
        }, step.stateProperty(), step.pagesDoneProperty(), step.problemProperty()), "status-text");
        words.setId("printout-text");
        words.setTextAlignment(TextAlignment.CENTER);
        words.setAlignment(Pos.CENTER);
        words.setMaxWidth(portrait ? 900 : 1200);
        if (!portrait) {
            words.setTextAlignment(TextAlignment.LEFT);
            words.setAlignment(Pos.CENTER_LEFT);
        }
        // Landscape has not the height for the paper coming out over the words: beside them.
        body(Ui.pictureWithWords(portrait, 48, picture, words));
        Button retry = Ui.button(texts.bind("query.retry"), "printout-retry", "primary-button");
        retry.setOnAction(e -> step.retry());
        Ui.shownWhen(retry, step.stateProperty().isEqualTo(State.FAILED));
        Button next = Ui.button(texts.bind("pay.next"), "printout-next", "primary-button");
        next.setOnAction(e -> step.next());
        Ui.shownWhen(next, step.stateProperty().isEqualTo(State.DONE));
        buttons(retry, next);
    }
}
