package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.SubmitStep;
import cn.yzz.kiosk.app.service.SubmitStep.State;
import cn.yzz.kiosk.app.view.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/** 正在提交 → 提交成功 with the receipt number and what happens next (an SMS with the tracking number), or plain words. */
final class SubmitView extends StepPage {

    SubmitView(SubmitStep step, Texts texts, boolean portrait, Header header) {
        super("submit", texts, portrait, header, texts.bind(() -> texts.get("submit.heading."
                + step.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT)), step.stateProperty()));
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(96, 96);
        Ui.shownWhen(progress, step.stateProperty().isEqualTo(State.SUBMITTING));
        Label text = Ui.label(texts.bind(() -> step.stateProperty().get() == State.DONE
                ? texts.get("submit.done", step.stored().receiptNo())
                : texts.get("submit." + step.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT)),
                step.stateProperty()), "body");
        text.setId("submit-text");
        VBox box = new VBox(48, progress, text);
        box.setAlignment(Pos.CENTER);
        body(box);
        Button retry = Ui.button(texts.bind("submit.retry"), "submit-retry", "secondary-button");
        retry.setOnAction(e -> step.retry());
        Ui.shownWhen(retry, step.stateProperty().isEqualTo(State.FAILED));
        Button next = Ui.button(texts.bind("pay.next"), "submit-next", "primary-button");
        next.setOnAction(e -> step.next());
        Ui.shownWhen(next, step.stateProperty().isEqualTo(State.DONE));
        buttons(retry, next);
    }
}
