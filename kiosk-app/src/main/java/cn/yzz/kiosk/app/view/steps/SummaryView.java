package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.Money;
import cn.yzz.kiosk.app.service.SummaryStep;
import cn.yzz.kiosk.app.view.Ui;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** 请核对: each answer with 修改, the amount in big figures, and 确认 — nothing is committed before it. */
final class SummaryView extends StepPage {

    SummaryView(SummaryStep step, Texts texts, boolean portrait, Header header) {
        super("summary", texts, portrait, header, texts.bind("summary.heading"));
        // Portrait: one answer a row. Landscape has the width and not the height: two a row.
        int columns = portrait ? 1 : 2;
        javafx.scene.layout.GridPane lines = Ui.columns(columns, 16);
        lines.setId("summary-lines");
        int i = 0;
        for (SummaryStep.Line l : step.lines()) {
            Label label = Ui.label(l.payer() ? texts.get(l.label()) : l.label(), "field-label");
            label.setMinWidth(portrait ? 300 : 260);
            label.setPrefWidth(portrait ? 300 : 260);
            Label value = Ui.label(l.payer() ? texts.get(l.value()) : l.value(), "field-value");
            value.setId("summary-value-" + i);
            HBox.setHgrow(value, Priority.ALWAYS);
            value.setMaxWidth(Double.MAX_VALUE);
            Button edit = Ui.button(texts.bind("summary.edit"), "summary-edit-" + i, "secondary-button", "edit-button");
            edit.setOnAction(e -> step.edit(l));
            // Never narrower than its word (the stylesheet's min-width would win over the button's own): the value gives way.
            javafx.scene.layout.StackPane editBox = new javafx.scene.layout.StackPane(edit);
            editBox.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox row = new HBox(Ui.GAP, label, value, editBox);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("summary-row");
            row.setMaxWidth(Double.MAX_VALUE);
            lines.add(row, i % columns, i / columns);
            i++;
        }
        VBox body = new VBox(Ui.GAP, lines);
        body(body);
        HBox bottom;
        if (step.methods().size() > 1) {
            // By phone or in cash: the choice is the confirmation, one big button for each way.
            Button qr = Ui.button(texts.bind("summary.pay.qr"), "summary-confirm", "primary-button");
            qr.setOnAction(e -> step.confirm(PayMethod.QR));
            Button cash = Ui.button(texts.bind("summary.pay.cash"), "summary-cash", "primary-button");
            cash.setOnAction(e -> step.confirm(PayMethod.CASH));
            bottom = buttons(qr, cash);
        } else {
            Button ok = Ui.button(texts.bind(step.amountFen().isPresent() ? "summary.pay" : "summary.submit"), "summary-confirm",
                    "primary-button");
            ok.setOnAction(e -> step.confirm());
            bottom = buttons(ok);
        }
        step.amountFen().ifPresent(fen -> {
            Label amount = Ui.label(texts.bind("summary.amount", Money.text(fen)), "amount-text");
            amount.setId("summary-amount");
            if (portrait) {
                body.getChildren().add(amount);
            } else {
                bottom.getChildren().add(0, amount); // beside 确认缴费, where the eye goes next
            }
        });
    }
}
