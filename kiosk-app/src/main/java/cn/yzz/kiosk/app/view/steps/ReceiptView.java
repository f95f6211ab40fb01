package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.Money;
import cn.yzz.kiosk.app.service.ReceiptStep;
import cn.yzz.kiosk.app.service.ReceiptStep.State;
import cn.yzz.kiosk.app.service.Receipts;
import cn.yzz.kiosk.app.view.ReceiptIllustration;
import cn.yzz.kiosk.app.view.Ui;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** 是否打印凭条: 打印 / 不打印; printing; 请取走凭条; or the receipt on screen with its QR code when the printer cannot. */
final class ReceiptView extends StepPage {

    ReceiptView(ReceiptStep step, Texts texts, boolean portrait, Header header) {
        super("receipt", texts, portrait, header, texts.bind(() -> texts.get("receipt.heading."
                + step.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT)), step.stateProperty()));
        Label why = Ui.label(texts.bind(() -> step.stateProperty().get() == State.ON_SCREEN
                ? texts.get("receipt.printer.down", step.problemProperty().get().isEmpty() ? ""
                : "（" + step.problemProperty().get() + "）") : "", step.stateProperty(),
                step.problemProperty()), "error-text");
        why.setId("receipt-problem");
        Ui.shownWhen(why, why.textProperty().isNotEmpty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(96, 96);
        Ui.shownWhen(progress, step.stateProperty().isEqualTo(State.PRINTING));
        VBox paper = paper(step.content(), portrait);
        Ui.shownWhen(paper, step.stateProperty().isEqualTo(State.ON_SCREEN).or(step.stateProperty().isEqualTo(State.ASK)));
        ReceiptPicture taken = new ReceiptPicture();
        Ui.shownWhen(taken, step.stateProperty().isEqualTo(State.PRINTED));
        VBox box = new VBox(Ui.GAP, why, progress, taken);
        box.setAlignment(Pos.TOP_CENTER);
        Button print = Ui.button(texts.bind("receipt.print"), "receipt-print", "primary-button");
        print.setOnAction(e -> step.print());
        Button skip = Ui.button(texts.bind("receipt.skip"), "receipt-skip", "secondary-button");
        skip.setOnAction(e -> step.skip());
        Ui.shownWhen(print, step.stateProperty().isEqualTo(State.ASK));
        Ui.shownWhen(skip, step.stateProperty().isEqualTo(State.ASK));
        Button next = Ui.button(texts.bind("pay.next"), "receipt-next", "primary-button");
        next.setOnAction(e -> step.next());
        Ui.shownWhen(next, step.stateProperty().isEqualTo(State.PRINTED).or(step.stateProperty().isEqualTo(State.ON_SCREEN)));
        if (portrait) {
            box.getChildren().add(paper);
            body(box);
            buttons(skip, print, next);
        } else {
            // Landscape has the width and not the height: words and buttons beside the paper.
            HBox row = new HBox(Ui.GAP, skip, print, next);
            row.setAlignment(Pos.CENTER);
            box.getChildren().add(row);
            box.setAlignment(Pos.CENTER);
            HBox.setHgrow(box, javafx.scene.layout.Priority.ALWAYS);
            HBox side = new HBox(48, box, paper);
            side.setAlignment(Pos.CENTER);
            body(side);
        }
    }

    /** The receipt as it would come out of the printer, masked, with its QR code. */
    private static VBox paper(Receipts.Content c, boolean portrait) {
        VBox lines = new VBox(8);
        Label title = Ui.label(c.title(), "receipt-title");
        lines.getChildren().add(title);
        for (Map.Entry<String, String> l : c.lines()) {
            Label k = Ui.label(l.getKey(), "receipt-line");
            k.setMinWidth(180);
            Label v = Ui.label(l.getValue(), "receipt-line");
            v.setWrapText(false); // a receipt's line is short; never squeezed into a column of single characters
            v.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            v.setId("receipt-" + l.getKey());
            lines.getChildren().add(new HBox(16, k, v));
        }
        if (c.amountFen() != null) {
            Label a = Ui.label("金额　" + Money.text(c.amountFen()) + " 元", "receipt-amount");
            a.setId("receipt-amount");
            lines.getChildren().add(a);
        }
        QrCode qr = new QrCode(c.qr(), portrait ? 260 : 240);
        qr.setId("receipt-qr");
        javafx.scene.layout.Pane row = portrait ? new VBox(16, lines, qr) : new HBox(40, lines, qr);
        VBox paper = new VBox(row);
        paper.getStyleClass().add("receipt-paper");
        paper.setId("receipt-paper");
        paper.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        paper.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return paper;
    }

    /** A receipt coming out of the printer: the end screen's picture. */
    private static final class ReceiptPicture extends VBox {
        ReceiptPicture() {
            getChildren().add(new ReceiptIllustration(1.0));
            setAlignment(Pos.CENTER);
        }
    }
}
