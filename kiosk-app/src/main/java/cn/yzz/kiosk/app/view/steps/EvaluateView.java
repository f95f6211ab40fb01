package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.EvaluateStep;
import cn.yzz.kiosk.app.view.Ui;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * 好差评: five big buttons with stars and words, 非常满意 first; for the two lowest the reasons to pick;
 * 提交评价 and, always there, 暂不评价.
 */
final class EvaluateView extends StepPage {

    EvaluateView(EvaluateStep step, Texts texts, boolean portrait, Header header) {
        super("evaluate", texts, portrait, header, texts.bind(step.assisted() ? "evaluate.heading.assisted" : "evaluate.heading"));
        // Portrait: one level a row, 非常满意 first. Landscape: the five side by side.
        javafx.scene.layout.Pane levels = portrait ? new VBox(16) : new javafx.scene.layout.HBox(Ui.GAP);
        for (int l = 5; l >= 1; l--) {
            int level = l;
            Label stars = Ui.label("★".repeat(l) + "☆".repeat(5 - l), "stars");
            stars.setWrapText(false);
            Label words = Ui.label(texts.bind("evaluate.level." + l), "choice-name");
            words.setWrapText(!portrait); // one line in portrait, so the button's height comes out right
            words.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            javafx.scene.layout.Pane content = portrait ? new javafx.scene.layout.HBox(28, stars, words) : new VBox(8, stars, words);
            if (content instanceof VBox v) {
                v.setAlignment(Pos.CENTER);
            } else {
                ((javafx.scene.layout.HBox) content).setAlignment(Pos.CENTER_LEFT);
            }
            Button b = Ui.button((String) null, "evaluate-" + l, "choice-button", "level-button");
            b.setGraphic(content);
            b.setMaxWidth(Double.MAX_VALUE);
            if (!portrait) {
                b.setPrefHeight(200); // wrapped words: a graphic's height for no width is far too tall (JavaFX 21)
                b.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                javafx.scene.layout.HBox.setHgrow(b, javafx.scene.layout.Priority.ALWAYS);
                b.setPrefWidth(0);
                words.maxWidthProperty().bind(b.widthProperty().subtract(40));
            }
            b.setOnAction(e -> step.rate(level));
            step.levelProperty().addListener((o, was, now) -> {
                b.getStyleClass().remove("selected");
                if (now.intValue() == level) {
                    b.getStyleClass().add("selected");
                }
            });
            levels.getChildren().add(b);
        }
        FlowPane reasons = new FlowPane(Ui.GAP, 16);
        reasons.setId("evaluate-reasons");
        reasons.setAlignment(Pos.CENTER);
        for (String r : EvaluateStep.REASONS) {
            Button b = Ui.button(texts.bind("evaluate.reason." + r), "reason-" + r, "secondary-button", "reason-button");
            b.setOnAction(e -> step.toggleReason(r));
            step.reasons().addListener((SetChangeListener<String>) c -> {
                b.getStyleClass().remove("selected");
                if (step.reasons().contains(r)) {
                    b.getStyleClass().add("selected");
                }
            });
            reasons.getChildren().add(b);
        }
        Label ask = Ui.label(texts.bind("evaluate.reason.ask"), "lead");
        Label missing = Ui.label(texts.bind("evaluate.reason.missing"), "error-text");
        missing.setId("evaluate-missing");
        // In the question's place: landscape has no height for both.
        Ui.shownWhen(missing, step.missingReasonProperty());
        Ui.shownWhen(ask, step.missingReasonProperty().not());
        VBox reasonBox = new VBox(16, ask, missing, reasons);
        Ui.shownWhen(reasonBox, step.needReasonProperty());
        body(new VBox(Ui.GAP, levels, reasonBox));
        Button skip = Ui.button(texts.bind("evaluate.skip"), "evaluate-skip", "secondary-button");
        skip.setOnAction(e -> step.skip());
        Button submit = Ui.button(texts.bind("evaluate.submit"), "evaluate-submit", "primary-button");
        submit.setOnAction(e -> step.submit());
        submit.disableProperty().bind(step.levelProperty().isEqualTo(0));
        buttons(skip, submit);
    }
}
