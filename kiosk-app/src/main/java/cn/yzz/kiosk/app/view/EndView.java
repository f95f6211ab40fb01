package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.i18n.Texts;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;

/**
 * The end of a visit: "请取走您的身份证", "请取走您的社保卡" and "请取走凭条" with pictures, then home (by a tap, or
 * by itself after a few seconds). Nothing personal is left to show: the session is already wiped.
 */
final class EndView extends MessageView {

    EndView(KioskFlowModel flow, Texts texts, boolean portrait) {
        super("end", reminders(flow, texts, portrait), texts.bind(() -> texts.get(headingKey(flow)),
                        flow.remindCardProperty(), flow.remindReceiptProperty(), flow.remindSsCardProperty()),
                sentence("end-text", texts.bind("end.text")),
                buttons(done(flow, texts)));
    }

    /** "请取走…" the ID card, the social security card, the receipt: those the visit left. */
    private static String headingKey(KioskFlowModel flow) {
        boolean card = flow.remindCardProperty().get();
        boolean ss = flow.remindSsCardProperty().get();
        boolean receipt = flow.remindReceiptProperty().get();
        if (ss) {
            return (card ? "end.take.cards" : "end.take.sscard") + (receipt ? ".receipt" : "");
        }
        return card && receipt ? "end.take.both" : receipt ? "end.take.receipt" : "end.take.card";
    }

    private static javafx.scene.Node reminders(KioskFlowModel flow, Texts texts, boolean portrait) {
        CardIllustration card = new CardIllustration(portrait ? 0.9 : 0.8, true, true, null);
        Ui.shownWhen(card, flow.remindCardProperty());
        SlotIllustration ssCard = new SlotIllustration(portrait ? 0.9 : 0.8, true, null);
        ssCard.setId("end-sscard");
        Ui.shownWhen(ssCard, flow.remindSsCardProperty());
        ReceiptIllustration receipt = new ReceiptIllustration(portrait ? 0.9 : 0.8);
        Ui.shownWhen(receipt, flow.remindReceiptProperty());
        HBox row = new HBox(64, card, ssCard, receipt);
        row.setAlignment(javafx.geometry.Pos.CENTER);
        // Three pictures side by side (both cards and the receipt) must still fit the screen's width.
        javafx.scene.transform.Scale fit = new javafx.scene.transform.Scale(1, 1, 0, 0);
        javafx.beans.binding.DoubleBinding factor = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> flow.remindCardProperty().get() && flow.remindSsCardProperty().get() && flow.remindReceiptProperty().get()
                        ? 0.66 : 1.0, flow.remindCardProperty(), flow.remindSsCardProperty(), flow.remindReceiptProperty());
        fit.xProperty().bind(factor);
        fit.yProperty().bind(factor);
        row.getTransforms().add(fit);
        return new javafx.scene.Group(row);
    }

    private static Button done(KioskFlowModel flow, Texts texts) {
        Button b = Ui.button(texts.bind("end.done"), "end-done", "primary-button");
        b.setOnAction(e -> flow.dismissEnd());
        return b;
    }
}
