package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.catalogue.Theme;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/**
 * Home: the big 刷身份证 entry and one tile per life theme, three by three. Portrait puts the
 * entry above the tiles; landscape puts it beside them.
 */
final class HomeView extends VBox {

    private static final int COLUMNS = 3;

    HomeView(KioskFlowModel model, boolean portrait) {
        getStyleClass().add("page");
        setId("home");

        Button identify = identifyEntry(model, portrait);
        Label heading = Ui.label("请选择要办理的事项", "heading");
        GridPane tiles = tiles(model, model.catalogue().themes());
        VBox.setVgrow(tiles, Priority.ALWAYS);

        if (portrait) {
            getChildren().addAll(identify, heading, tiles);
        } else {
            VBox left = new VBox(Ui.GAP, heading, tiles);
            HBox.setHgrow(left, Priority.ALWAYS);
            identify.setMaxHeight(Double.MAX_VALUE);
            identify.setPrefWidth(500);
            identify.setMinWidth(500);
            HBox row = new HBox(40, left, identify);
            VBox.setVgrow(row, Priority.ALWAYS);
            getChildren().add(row);
        }
    }

    private static Button identifyEntry(KioskFlowModel model, boolean portrait) {
        Label title = Ui.label("刷身份证", "identify-entry-title");
        Label hint = Ui.label("放上身份证，开始办理", "identify-entry-hint");
        hint.setTextAlignment(portrait ? TextAlignment.LEFT : TextAlignment.CENTER);
        VBox words = new VBox(12, title, hint);
        Node icon = new CardIllustration(portrait ? 0.42 : 0.8, true);
        Node content;
        if (portrait) {
            words.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(words, Priority.ALWAYS);
            content = new HBox(40, icon, words);
            ((HBox) content).setAlignment(Pos.CENTER_LEFT);
        } else {
            words.setAlignment(Pos.CENTER);
            content = new VBox(40, icon, words);
            ((VBox) content).setAlignment(Pos.CENTER);
        }
        Button b = Ui.button(null, "home-identify", "identify-entry");
        b.setGraphic(content);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> model.identifyFirst());
        return b;
    }

    private static GridPane tiles(KioskFlowModel model, List<Theme> themes) {
        GridPane grid = new GridPane();
        grid.setHgap(Ui.GAP);
        grid.setVgap(Ui.GAP);
        int rows = (themes.size() + COLUMNS - 1) / COLUMNS;
        for (int c = 0; c < COLUMNS; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / COLUMNS);
            cc.setFillWidth(true);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setFillHeight(true);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < themes.size(); i++) {
            grid.add(tile(model, themes.get(i)), i % COLUMNS, i / COLUMNS);
        }
        return grid;
    }

    private static Button tile(KioskFlowModel model, Theme theme) {
        Label name = Ui.label(theme.name(), "tile-name");
        Label hint = Ui.label(theme.hint(), "tile-hint");
        hint.setTextAlignment(TextAlignment.CENTER);
        name.setTextAlignment(TextAlignment.CENTER);
        VBox box = new VBox(12, name, hint);
        box.setAlignment(Pos.CENTER);
        Button b = Ui.button(null, "tile-" + theme.id(), "tile", "tile-" + theme.id());
        b.setGraphic(box);
        b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        b.setMinSize(96, 96);
        b.setOnAction(e -> model.openTheme(theme));
        return b;
    }
}
