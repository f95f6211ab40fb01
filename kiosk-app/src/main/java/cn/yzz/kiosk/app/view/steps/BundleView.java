package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.BundleStep;
import cn.yzz.kiosk.app.view.Ui;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** 一件事: the bundle's steps with what is done (✓), next (第 2 步 / 共 4 步), left, and not possible here now. */
final class BundleView extends StepPage {

    BundleView(BundleStep step, Texts texts, boolean portrait, Header header) {
        super("bundle", texts, portrait, header, texts.bind(() -> step.nextProperty().get() == 0
                ? texts.get("bundle.heading.done")
                : texts.get("bundle.heading", step.nextProperty().get(), step.count()), step.nextProperty()));
        VBox list = new VBox(12);
        list.setId("bundle-list");
        list.setAlignment(Pos.TOP_LEFT);
        list.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Runnable fill = () -> {
            list.getChildren().clear();
            int n = 0;
            for (BundleStep.Item item : step.itemsProperty()) {
                n++;
                String mark = switch (item.status()) {
                    case DONE -> "✓";
                    case NEXT -> "▶";
                    case LEFT -> "○";
                    case NOT_HERE -> "—";
                };
                Label l = Ui.label(mark + "  " + item.name() + "  " + texts.get("bundle.status." + item.status().name()
                        .toLowerCase(java.util.Locale.ROOT)), "bundle-item", "bundle-" + item.status().name().toLowerCase(java.util.Locale.ROOT));
                l.setId("bundle-item-" + n);
                list.getChildren().add(l);
            }
        };
        step.itemsProperty().addListener((javafx.collections.ListChangeListener<BundleStep.Item>) c -> fill.run());
        fill.run();
        Label hint = Ui.label(texts.bind("bundle.hint"), "lead");
        hint.setWrapText(true);
        hint.setMaxWidth(portrait ? 900 : 1400);
        VBox box = new VBox(Ui.GAP, hint, list);
        box.setAlignment(Pos.TOP_CENTER);
        body(box);
        Button skip = Ui.button(texts.bind("bundle.skip"), "bundle-skip", "secondary-button");
        skip.setOnAction(e -> step.skip());
        Ui.shownWhen(skip, step.nextProperty().greaterThan(0));
        Button go = Ui.button(texts.bind(() -> step.nextProperty().get() == 0 ? texts.get("bundle.finish")
                : texts.get("bundle.go", step.nextProperty().get()), step.nextProperty()), "bundle-go", "primary-button");
        go.setOnAction(e -> step.go());
        buttons(skip, go);
        Bindings.size(step.itemsProperty()); // the list is redrawn by its listener above
    }
}
