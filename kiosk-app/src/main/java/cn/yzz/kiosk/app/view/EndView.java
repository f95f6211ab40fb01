package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.i18n.Texts;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;

/**
 * The end of a visit: "请取走您的身份证" and "请取走凭条" with pictures, then home (by a tap, or
 * by itself after a few seconds). Nothing personal is left to show: the session is already wiped.
 */
final class EndView extends MessageView {

    EndView(KioskFlowModel flow, Texts texts, boolean portrait) {
        super("end", reminders(flow, portrait), texts.bind(() -> texts.get(
                        flow.remindCardProperty().get() && flow.remindReceiptProperty().get() ? "end.take.both"
                                : flow.remindReceiptProperty().get() ? "end.take.receipt" : "end.take.card"),
                        flow.remindCardProperty(), flow.remindReceiptProperty()),
                sentence("end-text", texts.bind("end.text")),
                left(flow, texts),
                buttons(done(flow, texts)));
    }

    private static HBox reminders(KioskFlowModel flow, boolean portrait) {
        CardIllustration card = new CardIllustration(portrait ? 0.9 : 0.8, true, true, null);
        Ui.shownWhen(card, flow.remindCardProperty());
        ReceiptIllustration receipt = new ReceiptIllustration(portrait ? 0.9 : 0.8);
        Ui.shownWhen(receipt, flow.remindReceiptProperty());
        HBox row = new HBox(64, card, receipt);
        row.setAlignment(javafx.geometry.Pos.CENTER);
        return row;
    }

    /** A bundle left half way: which of its steps are not done. */
    private static javafx.scene.Node left(KioskFlowModel flow, Texts texts) {
        javafx.scene.control.Label l = Ui.label(texts.bind(() -> flow.remindLeftProperty().isEmpty() ? ""
                : texts.get("end.left", String.join("、", flow.remindLeftProperty())), flow.remindLeftProperty()), "lead");
        l.setId("end-left");
        l.setWrapText(true);
        l.setMaxWidth(1400);
        Ui.shownWhen(l, l.textProperty().isNotEmpty());
        return l;
    }

    private static Button done(KioskFlowModel flow, Texts texts) {
        Button b = Ui.button(texts.bind("end.done"), "end-done", "primary-button");
        b.setOnAction(e -> flow.dismissEnd());
        return b;
    }
}
