package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.PrintoutStep;
import cn.yzz.kiosk.app.service.PrintoutStep.State;
import cn.yzz.kiosk.app.view.ReceiptIllustration;
import cn.yzz.kiosk.app.view.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/** 正在打印 with the pages done → 请取走打印件; or why the printer could not, with 再试一次 (返回 goes back to the table). */
final class PrintoutView extends StepPage {

    PrintoutView(PrintoutStep step, Texts texts, boolean portrait, Header header) {
        super("printout", texts, portrait, header, texts.bind(() -> texts.get("printout.heading."
                + step.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT)), step.stateProperty()));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(96, 96);
        Ui.shownWhen(progress, step.stateProperty().isEqualTo(State.PRINTING));
        Label pages = Ui.label(texts.bind(() -> switch (step.stateProperty().get()) {
            case PRINTING -> step.pagesDoneProperty().get() == 0 ? texts.get("printout.starting")
                    : texts.get("printout.pages", step.pagesDoneProperty().get());
            case DONE -> texts.get("printout.done", step.pagesDoneProperty().get());
            case FAILED -> texts.get("printout.failed", step.problemProperty().get().isEmpty() ? ""
                    : "（" + step.problemProperty().get() + "）");
        }, step.stateProperty(), step.pagesDoneProperty(), step.problemProperty()), "body");
        pages.setId("printout-text");
        pages.setWrapText(true);
        pages.setMaxWidth(portrait ? 900 : 1400);
        VBox taken = new VBox(new ReceiptIllustration(1.0));
        taken.setAlignment(Pos.CENTER);
        Ui.shownWhen(taken, step.stateProperty().isEqualTo(State.DONE));
        VBox box = new VBox(48, progress, taken, pages);
        box.setAlignment(Pos.CENTER);
        body(box);
        Button retry = Ui.button(texts.bind("query.retry"), "printout-retry", "primary-button");
        retry.setOnAction(e -> step.retry());
        Ui.shownWhen(retry, step.stateProperty().isEqualTo(State.FAILED));
        Button next = Ui.button(texts.bind("pay.next"), "printout-next", "primary-button");
        next.setOnAction(e -> step.next());
        Ui.shownWhen(next, step.stateProperty().isEqualTo(State.DONE));
        buttons(retry, next);
    }
}
