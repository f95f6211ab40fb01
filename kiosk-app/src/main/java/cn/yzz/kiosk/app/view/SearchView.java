package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.search.SearchModel;
import cn.yzz.kiosk.app.search.SearchModel.State;
import cn.yzz.kiosk.cache.catalog.Service;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * 搜索: the letters typed with 清空 beside them, a big A–Z keypad (seven keys a row, 删除 after Z), and the services the
 * letters find, a page at a time (no scrolling, fewer in elder mode). Where the results go, the screen says
 * how to type while the field is empty, and 没有找到 with what to try when nothing is found. Portrait puts
 * the results under the keypad, landscape beside it. A result is chosen as from a theme's list.
 */
final class SearchView extends VBox {

    private static final int KEYS_A_ROW = 7;
    /** Space between results: the least a touch target may have. */
    private static final double RESULT_GAP = 16;

    private final KioskFlowModel flow;
    private final SearchModel search;
    private final Texts texts;
    private final GridPane results = new GridPane();

    SearchView(KioskFlowModel flow, Texts texts, boolean portrait) {
        this.flow = flow;
        this.search = flow.search();
        this.texts = texts;
        getStyleClass().addAll("page", "search");
        setId("search");

        Label title = Ui.label(texts.bind("search.title"), "heading");
        title.setId("search-title");
        VBox typing = new VBox(Ui.GAP, title, field(), keypad());
        VBox found = new VBox(Ui.GAP, answer(), pager());
        VBox.setVgrow(found.getChildren().get(0), Priority.ALWAYS);
        if (portrait) {
            VBox.setVgrow(found, Priority.ALWAYS);
            getChildren().addAll(typing, found);
        } else {
            typing.setMinWidth(Region.USE_PREF_SIZE);
            typing.setPrefWidth(900);
            HBox.setHgrow(found, Priority.ALWAYS);
            HBox row = new HBox(40, typing, found);
            VBox.setVgrow(row, Priority.ALWAYS);
            getChildren().add(row);
        }
    }

    /** The letters typed, in capitals with a space between them; a prompt while there are none. */
    private HBox field() {
        Label letters = Ui.label(texts.bind(() -> spaced(search.lettersProperty().get()), search.lettersProperty()), "keyed-value");
        letters.setId("search-letters");
        letters.setWrapText(false);
        Label empty = Ui.label(texts.bind("search.field.empty"), "search-placeholder");
        empty.setWrapText(false);
        BooleanBinding none = search.lettersProperty().isEmpty();
        Ui.shownWhen(letters, none.not());
        Ui.shownWhen(empty, none);
        HBox box = new HBox(letters, empty);
        box.setId("search-field");
        box.getStyleClass().addAll("keyed-box", "search-field");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(box, Priority.ALWAYS);
        // 清空 beside the letters it clears; 删除, the key used most, is the keypad's widest.
        Button clear = Ui.button(texts.bind("keypad.clear"), "letter-clear", "key-button", "key-action", "search-clear");
        clear.setOnAction(e -> search.clear());
        clear.disableProperty().bind(search.lettersProperty().isEmpty());
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setMaxHeight(Double.MAX_VALUE);
        HBox row = new HBox(Ui.GAP, box, clear);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static String spaced(String letters) {
        StringBuilder sb = new StringBuilder();
        for (char c : letters.toUpperCase(Locale.ROOT).toCharArray()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A to Z, seven a row, then 删除 two keys wide: four full rows. */
    private GridPane keypad() {
        GridPane keys = Ui.columns(KEYS_A_ROW, RESULT_GAP);
        keys.getStyleClass().add("letter-keypad");
        keys.setId("letter-keypad");
        int i = 0;
        for (char c = 'A'; c <= 'Z'; c++, i++) {
            char key = c;
            Button b = Ui.button(String.valueOf(c), "letter-" + Character.toLowerCase(c), "key-button", "letter-key");
            b.setOnAction(e -> search.key(key));
            keys.add(stretched(b), i % KEYS_A_ROW, i / KEYS_A_ROW);
        }
        Button delete = Ui.button(texts.bind("keypad.delete"), "letter-delete", "key-button", "letter-key", "key-action");
        delete.setOnAction(e -> search.delete());
        delete.disableProperty().bind(search.lettersProperty().isEmpty());
        keys.add(stretched(delete), i % KEYS_A_ROW, i / KEYS_A_ROW, 2, 1);
        return keys;
    }

    private static Button stretched(Button b) {
        b.setMaxWidth(Double.MAX_VALUE);
        return b;
    }

    /** Where the results go: the results, or how to type, or 没有找到, or that the index is not ready. */
    private StackPane answer() {
        Label count = Ui.label(texts.bind(() -> texts.get("search.found", search.countProperty().get()), search.countProperty()), "lead");
        count.setId("search-count");
        results.setHgap(Ui.GAP);
        results.setVgap(RESULT_GAP);
        results.setPrefHeight(0); // the results share the height left; buttons with graphics would ask for far too much
        VBox.setVgrow(results, Priority.ALWAYS);
        search.pageServicesProperty().addListener((ListChangeListener<Service>) c -> fill());
        search.pageSizeProperty().addListener((o, was, now) -> fill());
        texts.languageProperty().addListener((o, was, now) -> fill());
        fill();
        VBox list = new VBox(RESULT_GAP, count, results);
        Ui.shownWhen(list, search.countProperty().greaterThan(0));

        Label hint = Ui.label(texts.bind("search.hint"), "lead");
        hint.setId("search-hint");
        Ui.shownWhen(hint, search.lettersProperty().isEmpty().and(search.stateProperty().isNotEqualTo(State.UNAVAILABLE)));

        Label preparing = Ui.label(texts.bind("search.preparing"), "lead");
        preparing.setId("search-preparing");
        Ui.shownWhen(preparing, search.lettersProperty().isNotEmpty().and(search.stateProperty().isEqualTo(State.PREPARING)));

        Label unavailable = Ui.label(texts.bind("search.unavailable"), "lead");
        unavailable.setId("search-unavailable");
        Ui.shownWhen(unavailable, search.stateProperty().isEqualTo(State.UNAVAILABLE));

        // Nothing found, or found but not offered on this kiosk now: the heading and what to do differ.
        Label none = Ui.label(texts.bind(() -> texts.get(search.notOfferedHereProperty().get() ? "search.none.here" : "search.none"),
                search.notOfferedHereProperty()), "heading");
        none.setId("search-none");
        Label noneHint = Ui.label(texts.bind(() -> texts.get(search.notOfferedHereProperty().get() ? "search.none.here.hint"
                : "search.none.hint"), search.notOfferedHereProperty()), "lead");
        noneHint.setId("search-none-hint");
        VBox nothing = new VBox(Ui.GAP, Icons.info(), none, noneHint);
        nothing.setAlignment(Pos.TOP_LEFT);
        Ui.shownWhen(nothing, Bindings.createBooleanBinding(search::noneFound,
                search.stateProperty(), search.lettersProperty(), search.countProperty()));

        StackPane answer = new StackPane(list, hint, preparing, unavailable, nothing);
        answer.setAlignment(Pos.TOP_LEFT);
        answer.setPrefHeight(0);
        return answer;
    }

    private void fill() {
        int rows = Math.max(1, search.pageSizeProperty().get());
        results.getColumnConstraints().setAll(new ColumnConstraints());
        results.getColumnConstraints().get(0).setPercentWidth(100);
        results.getRowConstraints().clear();
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            results.getRowConstraints().add(rc);
        }
        results.getChildren().clear();
        int i = 0;
        for (Service s : search.pageServicesProperty()) {
            results.add(result(s), 0, i++);
        }
    }

    /** One found service: its theme's colour, its name, what kind of service it is. */
    private Button result(Service s) {
        Region stripe = new Region();
        stripe.getStyleClass().addAll("service-stripe", "tile-" + s.theme());
        stripe.setMaxHeight(Double.MAX_VALUE);
        Label name = Ui.label(texts.name(s), "service-name");
        HBox.setHgrow(name, Priority.ALWAYS);
        name.setMaxWidth(Double.MAX_VALUE);
        Label kind = Ui.label(texts.get("kind." + s.kind().wire()), "service-detail");
        kind.setMinWidth(Region.USE_PREF_SIZE);
        HBox content = new HBox(28, stripe, name, kind);
        content.setAlignment(Pos.CENTER_LEFT);
        Button b = Ui.button((String) null, "result-" + s.code(), "service-button", "search-result");
        b.setGraphic(content);
        b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        b.setMinHeight(96);
        // The column decides the width: a long name (a query's, say) must not widen the list past the screen.
        b.setMinWidth(0);
        b.setPrefWidth(0);
        name.setWrapText(true);
        // A button lays its graphic out at the graphic's own width; the name must wrap inside the button instead.
        content.prefWidthProperty().bind(b.widthProperty().subtract(60));
        b.setOnAction(e -> flow.chooseService(s));
        return b;
    }

    private HBox pager() {
        Button previous = Ui.button(texts.bind("services.previous"), "search-previous", "secondary-button");
        Button next = Ui.button(texts.bind("services.next"), "search-next", "secondary-button");
        previous.disableProperty().bind(search.hasPreviousPageProperty().not());
        next.disableProperty().bind(search.hasNextPageProperty().not());
        previous.setOnAction(e -> search.previousPage());
        next.setOnAction(e -> search.nextPage());
        Label where = Ui.label(texts.bind(() -> texts.get("services.page", search.pageProperty().get() + 1, search.pageCountProperty().get()),
                search.pageProperty(), search.pageCountProperty()), "page-label");
        where.setId("search-page-label");
        where.setWrapText(false);
        HBox pager = new HBox(Ui.GAP, previous, Ui.spacer(), where, Ui.spacer(), next);
        pager.setAlignment(Pos.CENTER);
        // One page needs no pager; the row keeps its place so that the results do not jump.
        pager.visibleProperty().bind(search.pageCountProperty().greaterThan(1));
        return pager;
    }
}
