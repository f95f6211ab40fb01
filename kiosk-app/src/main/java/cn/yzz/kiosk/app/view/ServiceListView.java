package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.catalogue.Service;
import cn.yzz.kiosk.app.catalogue.Theme;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import javafx.beans.binding.Bindings;
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
 * Portrait shows one column of six; landscape two columns of three.
 */
final class ServiceListView extends VBox {

    private final KioskFlowModel model;
    private final GridPane list = new GridPane();
    private final int columns;

    ServiceListView(KioskFlowModel model, boolean portrait) {
        this.model = model;
        this.columns = portrait ? 1 : 2;
        getStyleClass().add("page");
        setId("services");

        Label title = Ui.label("", "big-heading");
        title.setId("services-title");
        title.textProperty().bind(Bindings.createStringBinding(
                () -> model.themeProperty().get() == null ? "" : model.themeProperty().get().name(), model.themeProperty()));
        Label hint = Ui.label("请选择要办理的事项", "lead");
        VBox titles = new VBox(8, title, hint);

        list.setHgap(Ui.GAP);
        list.setVgap(Ui.GAP);
        int rows = KioskFlowModel.PAGE_SIZE / columns;
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
        VBox.setVgrow(list, Priority.ALWAYS);
        model.pageServicesProperty().addListener((ListChangeListener<Service>) c -> fill());
        fill();

        getChildren().addAll(titles, list, pager());
    }

    private void fill() {
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
        Label name = Ui.label(s.name(), "service-name");
        Label detail = Ui.label(s.department() + " · " + s.kind().text(), "service-detail");
        VBox words = new VBox(8, name, detail);
        words.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox content = new HBox(28, stripe, words);
        content.setAlignment(Pos.CENTER_LEFT);
        Button b = Ui.button(null, "service-" + s.id(), "service-button");
        b.setGraphic(content);
        b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        b.setMinHeight(120);
        b.setOnAction(e -> model.chooseService(s));
        return b;
    }

    private HBox pager() {
        Button previous = Ui.button("上一页", "page-previous", "secondary-button");
        Button next = Ui.button("下一页", "page-next", "secondary-button");
        previous.disableProperty().bind(model.hasPreviousPageProperty().not());
        next.disableProperty().bind(model.hasNextPageProperty().not());
        previous.setOnAction(e -> model.previousPage());
        next.setOnAction(e -> model.nextPage());
        Label where = Ui.label("", "page-label");
        where.setId("page-label");
        where.textProperty().bind(Bindings.createStringBinding(
                () -> "第 " + (model.pageProperty().get() + 1) + " 页，共 " + model.pageCountProperty().get() + " 页",
                model.pageProperty(), model.pageCountProperty()));
        HBox pager = new HBox(Ui.GAP, previous, Ui.spacer(), where, Ui.spacer(), next);
        pager.setAlignment(Pos.CENTER);
        // One page needs no pager; the row keeps its place so the list does not jump.
        pager.visibleProperty().bind(model.pageCountProperty().greaterThan(1));
        return pager;
    }
}
