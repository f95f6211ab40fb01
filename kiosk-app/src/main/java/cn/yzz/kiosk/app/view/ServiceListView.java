package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.i18n.Texts;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * A theme's services, one page at a time (never a scroll bar: villagers page with big buttons).
 * Portrait shows one column; landscape two. The page size comes from the model (fewer in elder mode).
 */
final class ServiceListView extends VBox {

    private final KioskFlowModel model;
    private final Texts texts;
    private final GridPane list = new GridPane();
    private final int columns;

    ServiceListView(KioskFlowModel model, Texts texts, boolean portrait) {
        this.model = model;
        this.texts = texts;
        this.columns = portrait ? 1 : 2;
        getStyleClass().add("page");
        setId("services");

        Label title = Ui.label(texts.bind(() -> model.themeProperty().get() == null ? ""
                : texts.name(model.themeProperty().get()), model.themeProperty()), "big-heading", "heading");
        title.setId("services-title");
        Label hint = Ui.label(texts.bind("services.hint"), "lead");
        Ui.shownWhen(hint, model.pageCountProperty().greaterThan(0));
        VBox titles = new VBox(8, title, hint);

        list.setHgap(Ui.GAP);
        list.setVgap(Ui.GAP);
        list.setPrefHeight(0); // the list takes the height left; buttons with graphics would ask for far too much
        VBox.setVgrow(list, Priority.ALWAYS);
        model.pageServicesProperty().addListener((ListChangeListener<Service>) c -> fill());
        texts.languageProperty().addListener((o, was, now) -> fill());
        fill();

        Label none = Ui.label(texts.bind("services.none"), "lead");
        none.setId("services-none");
        Ui.shownWhen(none, model.pageCountProperty().isEqualTo(0));

        getChildren().addAll(titles, none, list, pager());
    }

    private void fill() {
        int rows = Math.max(1, (model.pageSizeProperty().get() + columns - 1) / columns);
        list.getColumnConstraints().clear();
        list.getRowConstraints().clear();
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            list.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            list.getRowConstraints().add(rc);
        }
        list.getChildren().clear();
        Theme theme = model.themeProperty().get();
        int i = 0;
        for (Service s : model.pageServicesProperty()) {
            list.add(serviceButton(s, theme), i % columns, i / columns);
            i++;
        }
    }

    private Button serviceButton(Service s, Theme theme) {
        Region stripe = new Region();
        stripe.getStyleClass().addAll("service-stripe", theme == null ? "tile" : "tile-" + theme.id());
        stripe.setMaxHeight(Double.MAX_VALUE);
        Label name = Ui.label(texts.name(s), "service-name");
        Label detail = Ui.label(texts.department(model.catalogue(), s) + " · " + texts.get("kind." + s.kind().wire()), "service-detail");
        VBox words = new VBox(8, name, detail);
        words.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox content = new HBox(28, stripe, words);
        content.setAlignment(Pos.CENTER_LEFT);
        Button b = Ui.button((String) null, "service-" + s.code(), "service-button");
        b.setGraphic(content);
        b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        b.setMinHeight(120);
        b.setOnAction(e -> model.chooseService(s));
        return b;
    }

    private HBox pager() {
        Button previous = Ui.button(texts.bind("services.previous"), "page-previous", "secondary-button");
        Button next = Ui.button(texts.bind("services.next"), "page-next", "secondary-button");
        previous.disableProperty().bind(model.hasPreviousPageProperty().not());
        next.disableProperty().bind(model.hasNextPageProperty().not());
        previous.setOnAction(e -> model.previousPage());
        next.setOnAction(e -> model.nextPage());
        Label where = Ui.label(texts.bind(() -> texts.get("services.page", model.pageProperty().get() + 1, model.pageCountProperty().get()),
                model.pageProperty(), model.pageCountProperty()), "page-label");
        where.setId("page-label");
        where.setWrapText(false);
        HBox pager = new HBox(Ui.GAP, previous, Ui.spacer(), where, Ui.spacer(), next);
        pager.setAlignment(Pos.CENTER);
        // One page needs no pager; the row keeps its place so the list does not jump.
        pager.visibleProperty().bind(model.pageCountProperty().greaterThan(1));
        return pager;
    }
}
