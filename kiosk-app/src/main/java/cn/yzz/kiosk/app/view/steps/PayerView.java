package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.PayerStep;
import cn.yzz.kiosk.app.view.Ui;
import cn.yzz.kiosk.cache.catalog.Payer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** 本人缴费 / 家庭缴费 / 代他人缴费 as big buttons, each with a line saying what it means. */
final class PayerView extends StepPage {

    PayerView(PayerStep step, Texts texts, boolean portrait, Header header) {
        super("payer", texts, portrait, header, texts.bind("payer.heading"));
        VBox list = new VBox(Ui.GAP);
        list.setAlignment(Pos.TOP_CENTER);
        for (Payer p : step.choices()) {
            Label name = Ui.label(texts.bind("payer." + p.wire()), "choice-name");
            Label hint = Ui.label(texts.bind("payer." + p.wire() + ".hint"), "choice-hint");
            VBox words = new VBox(6, name, hint);
            Button b = Ui.button((String) null, "payer-" + p.wire(), "choice-button");
            b.setGraphic(words);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setPrefHeight(portrait ? 160 : 136); // a graphic's height for no width is far too tall (JavaFX 21)
            b.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setOnAction(e -> step.choose(p));
            list.getChildren().add(b);
        }
        body(list);
    }
}
