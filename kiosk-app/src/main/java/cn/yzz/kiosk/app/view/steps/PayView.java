package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.app.service.Money;
import cn.yzz.kiosk.app.service.QrPayStep;
import cn.yzz.kiosk.app.service.QrPayStep.State;
import cn.yzz.kiosk.app.view.Ui;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * 扫码缴费: the amount, a large QR code of the order's {@code payUrl}, 微信 / 支付宝 / 云闪付, the time left,
 * and 取消支付; then 缴费成功 with the receipt number, or what went wrong in plain words.
 */
final class PayView extends StepPage {

    private final QrPayStep step;
    private final StackPane code = new StackPane();

    PayView(QrPayStep step, Texts texts, boolean portrait, Header header) {
        super("pay", texts, portrait, header, texts.bind(() -> texts.get("pay.heading." + step.stateProperty().get()
                .name().toLowerCase(java.util.Locale.ROOT)), step.stateProperty()));
        this.step = step;
        Label amount = Ui.label(texts.bind(() -> texts.get(step.stateProperty().get() == State.PAID ? "pay.amount.paid" : "pay.amount",
                Money.text(step.amountFen())), step.stateProperty()), "amount-text");
        amount.setId("pay-amount");
        Label apps = Ui.label(texts.bind("pay.apps"), "lead");
        apps.setId("pay-apps");
        Label left = Ui.label(texts.bind(() -> texts.get("pay.left", step.secondsLeftProperty().get() / 60,
                String.format("%02d", step.secondsLeftProperty().get() % 60)), step.secondsLeftProperty()), "countdown");
        left.setId("pay-left");
        code.setId("pay-code");
        code.setMinSize(portrait ? 560 : 440, portrait ? 560 : 440);
        step.orderProperty().addListener((o, was, now) -> drawCode(now));
        drawCode(step.orderProperty().get());
        Label status = Ui.label(texts.bind(() -> texts.get("pay.status." + step.stateProperty().get().name()
                .toLowerCase(java.util.Locale.ROOT)), step.stateProperty()), "status-text");
        status.setId("pay-status");
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(72, 72);
        progress.visibleProperty().bind(is(State.OPENING).or(is(State.COMMITTING)).or(is(State.LINE_DOWN)));
        progress.managedProperty().bind(progress.visibleProperty());
        HBox statusRow = new HBox(Ui.GAP, progress, status);
        statusRow.setAlignment(Pos.CENTER);
        Ui.shownWhen(left, is(State.SHOWING).or(is(State.LINE_DOWN)));
        Ui.shownWhen(code, is(State.SHOWING).or(is(State.LINE_DOWN)));
        Ui.shownWhen(apps, is(State.SHOWING).or(is(State.LINE_DOWN)));
        Label receipt = Ui.label(texts.bind(() -> step.stored() == null ? ""
                : texts.get("pay.receipt.no", step.stored().receiptNo()), step.stateProperty()), "lead");
        receipt.setId("pay-receipt-no");
        Ui.shownWhen(receipt, is(State.PAID));
        Node words = new VBox(Ui.GAP, amount, apps, left, statusRow, receipt);
        ((VBox) words).setAlignment(portrait ? Pos.CENTER : Pos.CENTER_LEFT);
        Node layout = portrait ? new VBox(Ui.GAP, words, code) : new HBox(64, code, words);
        if (layout instanceof VBox v) {
            v.setAlignment(Pos.TOP_CENTER);
        } else {
            ((HBox) layout).setAlignment(Pos.CENTER);
        }
        body(layout);

        Button cancel = Ui.button(texts.bind("pay.cancel"), "pay-cancel", "secondary-button");
        cancel.setOnAction(e -> step.cancel());
        Ui.shownWhen(cancel, is(State.SHOWING).or(is(State.LINE_DOWN)));
        Button again = Ui.button(texts.bind("pay.again"), "pay-again", "primary-button");
        again.setOnAction(e -> step.again());
        BooleanBinding over = is(State.EXPIRED).or(is(State.CANCELLED)).or(is(State.FAILED));
        Ui.shownWhen(again, over);
        Button giveUp = Ui.button(texts.bind("pay.give.up"), "pay-give-up", "secondary-button");
        giveUp.setOnAction(e -> step.giveUp());
        Ui.shownWhen(giveUp, over);
        Button next = Ui.button(texts.bind("pay.next"), "pay-next", "primary-button");
        next.setOnAction(e -> step.next());
        Ui.shownWhen(next, is(State.PAID));
        if (portrait) {
            buttons(cancel, giveUp, again, next);
        } else {
            HBox row = new HBox(Ui.GAP, cancel, giveUp, again, next); // beside the code: the height is the code's
            row.setAlignment(Pos.CENTER_LEFT);
            ((VBox) words).getChildren().add(row);
        }
    }

    private BooleanBinding is(State s) {
        return step.stateProperty().isEqualTo(s);
    }

    private void drawCode(County.QrOrder order) {
        code.getChildren().setAll();
        if (order != null) {
            code.getChildren().add(new QrCode(order.payUrl(), portrait ? 560 : 440));
        }
    }
}
