package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.i18n.Texts;
import java.util.List;
import javafx.beans.Observable;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The end of a visit: "请取走您的身份证", "请取走您的社保卡" and "请取走凭条" with pictures, then home (by a tap, or
 * by itself after a few seconds). Nothing personal is left to show: the session is already wiped.
 * A 一件事 bundle left half way lists the steps not done; in landscape the words then stand beside
 * the pictures, as there is not the height for both.
 */
final class EndView extends MessageView {

    /** Landscape: up to this many steps left in one column. */
    private static final int ONE_COLUMN = 2;

    private final List<Node> stacked;

    EndView(KioskFlowModel flow, Texts texts, boolean portrait) {
        super("end", reminders(flow, texts, portrait), texts.bind(() -> texts.get(headingKey(flow)),
                        flow.remindCardProperty(), flow.remindReceiptProperty(), flow.remindSsCardProperty()),
                sentence("end-text", texts.bind("end.text")),
                left(flow, texts, portrait),
                buttons(done(flow, texts)));
        stacked = List.copyOf(getChildren());
        if (!portrait) {
            flow.remindLeftProperty().addListener((Observable o) -> arrange(flow.remindLeftProperty().isEmpty()));
            arrange(flow.remindLeftProperty().isEmpty());
        }
    }

    /** Landscape: the pictures above the words as on every simple screen, or, with steps left, beside them. */
    private void arrange(boolean nothingLeft) {
        // The children are [pictures, heading, 感谢使用, steps left, 完成].
        if (nothingLeft) {
            getChildren().setAll(stacked);
            return;
        }
        Node pictures = stacked.get(0);
        VBox words = new VBox(32, stacked.get(1), stacked.get(3), stacked.get(4));
        words.setAlignment(Pos.CENTER_LEFT);
        HBox side = new HBox(64, pictures, words);
        side.setAlignment(Pos.CENTER);
        getChildren().setAll(side);
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

    /** A bundle left half way: which of its steps are not done, one a line, and that what was done is kept. */
    private static Node left(KioskFlowModel flow, Texts texts, boolean portrait) {
        Label title = Ui.label(texts.bind("end.left.title"), "end-left-title");
        title.setId("end-left-title");
        GridPane steps = new GridPane();
        steps.setId("end-left-steps");
        steps.setHgap(48);
        steps.setVgap(8);
        Label note = Ui.label(texts.bind("end.left.note"), "end-left-note");
        note.setId("end-left-note");
        VBox box = new VBox(12, title, steps, note);
        box.setId("end-left");
        box.getStyleClass().add("end-left");
        box.setMaxWidth(portrait ? 984 : 1280);
        Runnable fill = () -> {
            steps.getChildren().clear();
            steps.getColumnConstraints().clear();
            List<String> left = flow.remindLeftProperty();
            int columns = portrait || left.size() <= ONE_COLUMN ? 1 : 2;
            int perColumn = (left.size() + columns - 1) / Math.max(1, columns);
            for (int c = 0; c < columns; c++) {
                ColumnConstraints cc = new ColumnConstraints();
                cc.setHgrow(Priority.SOMETIMES);
                steps.getColumnConstraints().add(cc);
            }
            for (int i = 0; i < left.size(); i++) {
                Label l = Ui.label("•  " + left.get(i), "end-left-step");
                l.setId("end-left-" + (i + 1));
                steps.add(l, i / perColumn, i % perColumn);
            }
        };
        flow.remindLeftProperty().addListener((Observable o) -> fill.run());
        fill.run();
        Ui.shownWhen(box, javafx.beans.binding.Bindings.isNotEmpty(flow.remindLeftProperty()));
        return box;
    }

    private static Button done(KioskFlowModel flow, Texts texts) {
        Button b = Ui.button(texts.bind("end.done"), "end-done", "primary-button");
        b.setOnAction(e -> flow.dismissEnd());
        return b;
    }
}
