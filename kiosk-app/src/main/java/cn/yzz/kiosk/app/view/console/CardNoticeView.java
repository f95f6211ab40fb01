package cn.yzz.kiosk.app.view.console;

import cn.yzz.kiosk.app.view.Ui;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.TextAlignment;

/**
 * What the out-of-service screen says about a card placed on it that is no staff card ({@code StaffCardWatch}'s notice):
 * a box of plain words over the lower part of the screen, shown only while there are words, and taking no touches.
 */
public final class CardNoticeView extends StackPane {

    /** From the bottom of the kiosk's screen: above the footer, below the out-of-service screen's own words. */
    private static final double ABOVE_BOTTOM = 320;

    public CardNoticeView(ObservableStringValue notice, double width, double height) {
        setId("card-notice-layer");
        setMouseTransparent(true);
        setPickOnBounds(false);
        setPrefSize(width, height);
        Label words = Ui.label(notice, "error-text");
        words.setId("card-notice");
        words.setTextAlignment(TextAlignment.CENTER);
        words.setMaxWidth(Math.min(900, width - 160));
        HBox box = new HBox(words);
        box.getStyleClass().add("error-box");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(Region.USE_PREF_SIZE);
        box.setMaxHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(box, Pos.BOTTOM_CENTER);
        StackPane.setMargin(box, new Insets(0, 0, ABOVE_BOTTOM, 0));
        getChildren().add(box);
        Ui.shownWhen(this, javafx.beans.binding.Bindings.isNotEmpty(notice));
    }
}
