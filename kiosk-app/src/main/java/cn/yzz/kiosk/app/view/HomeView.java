package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/**
 * Home: the big 刷身份证 entry and one tile per life theme, three by three. Portrait puts the
 * entry above the tiles; landscape puts it beside them. A theme this kiosk can do nothing of now
 * keeps its tile, quiet and saying so, so that the tiles never move.
 */
final class HomeView extends VBox {

    /** Tiles per row: three in portrait, five in landscape (ten themes: four rows, or two tall enough for English). */
    private static final int PORTRAIT_COLUMNS = 3;
    private static final int LANDSCAPE_COLUMNS = 5;
    private static final double PORTRAIT_ENTRY_HEIGHT = 260;
    private static final double LANDSCAPE_SEARCH_HEIGHT = 112;

    private final KioskFlowModel flow;
    private final Texts texts;
    private final javafx.beans.property.ReadOnlyBooleanProperty elder;
    private final int columns;

    HomeView(Shell shell, boolean portrait) {
        this.flow = shell.flow();
        this.texts = shell.texts();
        this.elder = shell.elderProperty();
        this.columns = portrait ? PORTRAIT_COLUMNS : LANDSCAPE_COLUMNS;
        getStyleClass().add("page");
        setId("home");

        Label greeting = Ui.label(texts.bind(() -> flow.session().personProperty().get() == null ? ""
                : texts.get("home.greeting", flow.session().personProperty().get().name()), flow.session().personProperty()),
                "lead", "greeting");
        greeting.setId("home-greeting");
        Button endVisit = Ui.button(texts.bind("home.end"), "home-end", "secondary-button");
        endVisit.setOnAction(e -> flow.end());
        HBox greetingRow = new HBox(Ui.GAP, greeting, Ui.spacer(), endVisit);
        greetingRow.setAlignment(Pos.CENTER_LEFT);
        Ui.shownWhen(greetingRow, flow.session().personProperty().isNotNull());
        Button identify = identifyEntry(portrait);
        Ui.shownWhen(identify, flow.session().personProperty().isNull());
        Label heading = Ui.label(texts.bind("home.heading"), "heading");
        javafx.scene.layout.StackPane tiles = new javafx.scene.layout.StackPane(tiles(flow.catalogue().themes()));
        tiles.setPrefHeight(0); // the tiles share whatever height is left; their own preference would be far too tall
        // A county's new catalogue may bring other themes: the tiles follow it.
        flow.catalogueProperty().addListener((o, was, now) -> tiles.getChildren().setAll(tiles(now.themes())));
        VBox.setVgrow(tiles, Priority.ALWAYS);

        if (portrait) {
            // A button whose content is a graphic reports a pref height for no width that is far too
            // tall (JavaFX 21), so its height is fixed here; the tiles take the rest.
            identify.setPrefHeight(PORTRAIT_ENTRY_HEIGHT);
            identify.setMinHeight(Region.USE_PREF_SIZE);
            identify.setMaxHeight(Region.USE_PREF_SIZE);
            getChildren().addAll(identify, greetingRow, heading, tiles);
        } else {
            // 搜索 beside the heading: a third row of tiles, or a tile under the card entry, would leave the
            // words of English theme names or of the card entry in elder mode no height.
            Button search = searchTile(false);
            search.setPrefHeight(LANDSCAPE_SEARCH_HEIGHT); // a button with a graphic asks for far too much height of its own
            search.getStyleClass().add("search-beside-heading");
            search.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            search.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
            HBox headingRow = new HBox(Ui.GAP, heading, Ui.spacer(), search);
            headingRow.setAlignment(Pos.CENTER_LEFT);
            VBox left = new VBox(Ui.GAP, greetingRow, headingRow, tiles);
            VBox.setVgrow(tiles, Priority.ALWAYS);
            HBox.setHgrow(left, Priority.ALWAYS);
            identify.setMaxHeight(Double.MAX_VALUE);
            identify.setPrefWidth(460);
            identify.setMinWidth(460);
            HBox row = new HBox(40, left, identify);
            VBox.setVgrow(row, Priority.ALWAYS);
            getChildren().add(row);
        }
    }

    private Button identifyEntry(boolean portrait) {
        Label title = Ui.label(texts.bind("home.identify"), "identify-entry-title");
        // A 粤省事码 shown to the scanner here identifies first too: say so when the kiosk can check one now.
        Label hint = Ui.label(texts.bind(() -> texts.get(flow.abilitiesProperty().get().allows(cn.yzz.kiosk.cache.catalog.Identity.YSS_CODE)
                ? "home.identify.hint.code" : "home.identify.hint"), flow.abilitiesProperty()), "identify-entry-hint");
        hint.setTextAlignment(portrait ? TextAlignment.LEFT : TextAlignment.CENTER);
        title.setTextAlignment(portrait ? TextAlignment.LEFT : TextAlignment.CENTER);
        VBox words = new VBox(12, title, hint);
        Node icon = new CardIllustration(portrait ? 0.42 : 0.7, true);
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
        Button b = Ui.button((String) null, "home-identify", "identify-entry");
        b.setGraphic(content);
        b.setMinHeight(96);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> flow.identifyFirst());
        b.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> flow.catalogue().themes().stream().allMatch(t -> flow.offerable(t).isEmpty()), flow.abilitiesProperty()));
        return b;
    }

    private GridPane tiles(List<Theme> themes) {
        GridPane grid = new GridPane();
        grid.setHgap(Ui.GAP);
        grid.setVgap(Ui.GAP);
        boolean withSearch = columns == PORTRAIT_COLUMNS; // portrait: 搜索 after the themes; landscape: beside the heading
        int rows = (themes.size() + (withSearch ? 1 : 0) + columns - 1) / columns;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
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
            grid.add(tile(themes.get(i)), i % columns, i / columns);
        }
        if (withSearch) {
            grid.add(searchTile(true), themes.size() % columns, themes.size() / columns);
        }
        return grid;
    }

    /** 搜索: find a service by the pinyin initials of its name; its words one above the other, or on one line. */
    private Button searchTile(boolean stacked) {
        Label name = Ui.label(texts.bind("home.search"), "tile-name");
        Label hint = Ui.label(texts.bind("home.search.hint"), "tile-hint");
        name.setTextAlignment(TextAlignment.CENTER);
        hint.setTextAlignment(TextAlignment.CENTER);
        name.setAlignment(Pos.CENTER);
        hint.setAlignment(Pos.CENTER);
        Ui.shownWhen(hint, elder.not());
        javafx.scene.layout.Pane box = stacked ? new VBox(6, name, hint) : new HBox(16, name, hint);
        if (box instanceof VBox v) {
            v.setAlignment(Pos.CENTER);
        } else {
            ((HBox) box).setAlignment(Pos.CENTER);
        }
        Button b = Ui.button((String) null, "tile-search", "tile", "tile-search");
        b.setGraphic(box);
        b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        b.setMinSize(96, 96);
        if (stacked) {
            name.maxWidthProperty().bind(b.widthProperty().subtract(36));
            hint.maxWidthProperty().bind(b.widthProperty().subtract(36));
        } else {
            name.setWrapText(false);
            hint.setWrapText(false);
        }
        b.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> flow.catalogue().themes().stream().allMatch(t -> flow.offerable(t).isEmpty()), flow.abilitiesProperty()));
        b.setOnAction(e -> flow.openSearch());
        return b;
    }

    private Button tile(Theme theme) {
        Label name = Ui.label(texts.bind(() -> texts.name(theme)), "tile-name");
        Label hint = Ui.label(texts.bind(() -> flow.offerable(theme).isEmpty() ? texts.get("home.tile.unavailable")
                : texts.hint(theme), flow.abilitiesProperty(), flow.catalogueProperty()), "tile-hint");
        hint.setTextAlignment(TextAlignment.CENTER);
        name.setTextAlignment(TextAlignment.CENTER);
        name.setAlignment(Pos.CENTER);
        hint.setAlignment(Pos.CENTER);
        // Elder mode keeps tiles to their names (simpler, and the larger text fits); a tile that
        // cannot be used still says so.
        Ui.shownWhen(hint, javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !elder.get() || flow.offerable(theme).isEmpty(), elder, flow.abilitiesProperty()));
        VBox box = new VBox(6, name, hint);
        box.setAlignment(Pos.CENTER);
        Button b = Ui.button((String) null, "tile-" + theme.id(), "tile", "tile-" + theme.id());
        b.setGraphic(box);
        b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        b.setMinSize(96, 96);
        // A button lays its graphic out at the graphic's own width; the words must wrap inside the tile instead.
        name.maxWidthProperty().bind(b.widthProperty().subtract(36));
        hint.maxWidthProperty().bind(b.widthProperty().subtract(36));
        b.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> flow.offerable(theme).isEmpty(),
                flow.abilitiesProperty()));
        b.setOnAction(e -> flow.openTheme(theme));
        return b;
    }
}
