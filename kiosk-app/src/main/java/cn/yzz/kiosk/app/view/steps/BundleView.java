package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.BundleStep;
import cn.yzz.kiosk.app.service.BundleStep.Status;
import cn.yzz.kiosk.app.view.Ui;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * 一件事: the bundle's steps in order, each a row with its number (✓ once done), its name and where it stands (已办好,
 * 接下来办, 还没办), the next one marked out; one this kiosk cannot do now says where to do it instead. Landscape has the
 * width and not the height: more than three steps go in two columns, read down.
 */
final class BundleView extends StepPage {

    /** Landscape: up to this many steps in one column, more in two. */
    private static final int ONE_COLUMN = 3;

    BundleView(BundleStep step, Texts texts, boolean portrait, Header header) {
        super("bundle", texts, portrait, header, texts.bind(() -> step.nextProperty().get() == 0
                ? texts.get("bundle.heading.done")
                : texts.get("bundle.heading", step.nextProperty().get(), step.count()), step.nextProperty()));
        GridPane list = new GridPane();
        list.setId("bundle-list");
        list.setHgap(Ui.GAP);
        Label hint = Ui.label(texts.bind("bundle.hint"), "lead");
        hint.setId("bundle-hint");
        hint.maxWidthProperty().bind(list.maxWidthProperty()); // over the list, left-aligned with it
        VBox box = new VBox(Ui.GAP, hint, list);
        box.setAlignment(Pos.TOP_CENTER);
        body(box);
        Runnable fill = () -> fill(list, box, step.itemsProperty(), texts, portrait);
        step.itemsProperty().addListener((ListChangeListener<BundleStep.Item>) c -> fill.run());
        fill.run();
        Button skip = Ui.button(texts.bind("bundle.skip"), "bundle-skip", "secondary-button");
        skip.setOnAction(e -> step.skip());
        Ui.shownWhen(skip, step.nextProperty().greaterThan(0));
        Button go = Ui.button(texts.bind(() -> step.nextProperty().get() == 0 ? texts.get("bundle.finish")
                : texts.get("bundle.go", step.nextProperty().get()), step.nextProperty()), "bundle-go", "primary-button");
        go.setOnAction(e -> step.go());
        buttons(skip, go);
    }

    private void fill(GridPane list, VBox box, List<BundleStep.Item> items, Texts texts, boolean portrait) {
        list.getChildren().clear();
        list.getColumnConstraints().clear();
        int columns = portrait || items.size() <= ONE_COLUMN ? 1 : 2;
        int perColumn = (items.size() + columns - 1) / columns;
        // One column is no wider than its words need. Two take the width, and have not the height to spare:
        // compact rows, closer gaps.
        list.setMaxWidth(portrait ? 984 : columns == 1 ? 1200 : Double.MAX_VALUE);
        list.setVgap(columns == 2 ? 8 : 12);
        box.setSpacing(columns == 2 ? 16 : Ui.GAP);
        list.getStyleClass().remove("bundle-columns");
        getStyleClass().remove("bundle-compact");
        if (columns == 2) {
            list.getStyleClass().add("bundle-columns");
            getStyleClass().add("bundle-compact");
        }
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            list.getColumnConstraints().add(cc);
        }
        for (int i = 0; i < items.size(); i++) {
            list.add(row(i + 1, items.get(i), texts), i / perColumn, i % perColumn);
        }
    }

    /** One step: its number or ✓, its name, where it stands. */
    private static HBox row(int n, BundleStep.Item item, Texts texts) {
        String status = item.status().name().toLowerCase(Locale.ROOT);
        Label mark = Ui.label(switch (item.status()) {
            case DONE -> "✓";
            case NOT_HERE -> "—";
            default -> String.valueOf(n);
        }, "bundle-mark", "bundle-mark-" + status);
        mark.setWrapText(false);
        mark.setMinWidth(Region.USE_PREF_SIZE);
        Label name = Ui.label(item.name(), "bundle-name");
        name.setId("bundle-name-" + n);
        VBox words = new VBox(4, name);
        words.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setMaxWidth(Double.MAX_VALUE);
        Label where = Ui.label(texts.get("bundle.status." + status), "bundle-status", "bundle-status-" + status);
        where.setId("bundle-status-" + n);
        HBox row = new HBox(16, mark, words);
        if (item.status() == Status.NOT_HERE) {
            words.getChildren().add(where); // a sentence: where to do it instead, under the name
        } else {
            where.setWrapText(false);
            where.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().add(where);
        }
        row.setId("bundle-item-" + n);
        row.getStyleClass().addAll("bundle-row", "bundle-" + status);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setMaxWidth(Double.MAX_VALUE);
        return row;
    }
}
