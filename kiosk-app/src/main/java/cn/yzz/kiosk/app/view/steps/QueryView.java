package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.QueryStep;
import cn.yzz.kiosk.app.service.QueryStep.State;
import cn.yzz.kiosk.app.view.Icons;
import cn.yzz.kiosk.app.view.Ui;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

/**
 * A query's answer as a table, a page at a time (上一页 / 下一页, never scrolled), with 打印 where the service prints;
 * while the county is asked, a progress line once it is slow; when it has nothing or cannot answer, plain words in the
 * middle of the screen (with the county's own note when it gave one) and 再试一次.
 */
public final class QueryView extends StepPage {

    /**
     * Rows a page at most: elder mode's rows are bigger, a portrait screen is taller. Fewer when the table's rows are
     * tall (its words wrap): as many as fit the screen.
     */
    public static int rows(boolean portrait, boolean elder) {
        return portrait ? (elder ? 8 : 12) : (elder ? 5 : 8);
    }

    QueryView(QueryStep step, Texts texts, boolean portrait, Header header, ObservableBooleanValue elder) {
        super("query", texts, portrait, header, texts.bind(() -> heading(step, texts), step.stateProperty(), step.problemProperty()));

        QueryTable table = new QueryTable(step, () -> rows(portrait, elder.get()));
        VBox.setVgrow(table, Priority.ALWAYS);
        Ui.shownWhen(table, step.stateProperty().isEqualTo(State.SHOWN));

        Label pageOf = Ui.label(texts.bind(() -> texts.get("services.page", step.pageProperty().get() + 1, step.pageCountProperty().get()),
                step.pageProperty(), step.pageCountProperty()), "page-label");
        pageOf.setId("query-page");
        pageOf.setTextAlignment(TextAlignment.CENTER);
        pageOf.setAlignment(Pos.CENTER);
        Button previous = Ui.button(texts.bind("services.previous"), "query-previous", "secondary-button");
        previous.setOnAction(e -> step.previousPage());
        previous.disableProperty().bind(step.pageProperty().isEqualTo(0));
        Button next = Ui.button(texts.bind("services.next"), "query-next", "secondary-button");
        next.setOnAction(e -> step.nextPage());
        next.disableProperty().bind(step.pageProperty().greaterThanOrEqualTo(step.pageCountProperty().subtract(1)));

        Button retry = Ui.button(texts.bind("query.retry"), "query-retry", "primary-button");
        retry.setOnAction(e -> step.retry());
        Ui.shownWhen(retry, step.stateProperty().isEqualTo(State.FAILED));
        Button print = Ui.button(texts.bind("query.print"), "query-print", "primary-button");
        print.setOnAction(e -> step.print());
        Ui.shownWhen(print, Bindings.createBooleanBinding(step::printable, step.stateProperty()));
        Button done = Ui.button(texts.bind(step.isPrintService() ? "query.no-print" : "query.done"), "query-done",
                step.isPrintService() ? "secondary-button" : "primary-button");
        done.setOnAction(e -> step.done());
        Ui.shownWhen(done, step.stateProperty().isEqualTo(State.SHOWN).or(step.stateProperty().isEqualTo(State.EMPTY)));

        Node message = message(step, texts, portrait);
        if (portrait) {
            // Portrait has the height: the pages' buttons under the table, the step's own at the bottom.
            pageOf.setWrapText(false);
            pageOf.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox pager = new HBox(Ui.GAP, previous, pageOf, next);
            pager.setId("query-pager");
            pager.setAlignment(Pos.CENTER);
            Ui.shownWhen(pager, paged(step));
            VBox box = new VBox(Ui.GAP, message, table, pager);
            box.setAlignment(Pos.TOP_CENTER);
            body(box);
            buttons(retry, done, print);
        } else {
            // Landscape has the width and not the height: the table takes it all and its buttons stand beside it,
            // the pages' at the top and the step's own at the bottom; without a table, the buttons are under the words.
            VBox pager = new VBox(16, previous, pageOf, next);
            pager.setId("query-pager");
            pager.setAlignment(Pos.TOP_CENTER);
            Ui.shownWhen(pager, paged(step));
            for (Button b : new Button[] {previous, next}) {
                b.setMaxWidth(Double.MAX_VALUE);
                b.getStyleClass().add("side-button");
            }
            VBox side = new VBox(16);
            side.setId("query-side");
            side.setAlignment(Pos.BOTTOM_CENTER);
            side.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Ui.shownWhen(side, step.stateProperty().isEqualTo(State.SHOWN));
            HBox.setHgrow(table, Priority.ALWAYS);
            HBox.setHgrow(message, Priority.ALWAYS);
            body(new HBox(48, message, table, side));
            HBox bottom = buttons();
            Ui.shownWhen(bottom, step.stateProperty().isNotEqualTo(State.SHOWN));
            Runnable place = () -> {
                boolean beside = step.stateProperty().get() == State.SHOWN;
                for (Button b : new Button[] {retry, done, print}) {
                    b.setMaxWidth(beside ? Double.MAX_VALUE : javafx.scene.layout.Region.USE_PREF_SIZE);
                    b.getStyleClass().remove("side-button");
                    if (beside) {
                        b.getStyleClass().add("side-button");
                    }
                }
                if (beside) {
                    bottom.getChildren().clear();
                    side.getChildren().setAll(pager, Ui.spacer(), retry, done, print);
                } else {
                    side.getChildren().clear();
                    bottom.getChildren().setAll(retry, done, print);
                }
            };
            step.stateProperty().addListener((o, was, now) -> place.run());
            place.run();
        }
        // An answer's title is the county's words, often long: a heading, not the biggest one.
        step.stateProperty().addListener((o, was, now) -> titleSize(now));
        titleSize(step.stateProperty().get());
    }

    private void titleSize(State s) {
        heading.getStyleClass().remove("big-heading");
        if (s != State.SHOWN) {
            heading.getStyleClass().add("big-heading");
        }
    }

    private static javafx.beans.binding.BooleanBinding paged(QueryStep step) {
        return step.pageCountProperty().greaterThan(1).and(step.stateProperty().isEqualTo(State.SHOWN));
    }

    /** Asking (once slow), nothing found, or why not: in the middle of the room, a picture over plain words. */
    private static Node message(QueryStep step, Texts texts, boolean portrait) {
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("progress");
        progress.setPrefSize(120, 120);
        progress.setMaxSize(120, 120);
        Ui.shownWhen(progress, step.stateProperty().isEqualTo(State.ASKING));
        Node empty = Ui.shownWhen(Icons.info(), step.stateProperty().isEqualTo(State.EMPTY));
        Node failed = Ui.shownWhen(Icons.warning(), step.stateProperty().isEqualTo(State.FAILED));
        StackPane picture = new StackPane(progress, empty, failed);

        Label words = Ui.label(texts.bind(() -> switch (step.stateProperty().get()) {
            case ASKING -> texts.get("query.asking");
            case EMPTY -> texts.get("query.empty");
            case FAILED -> step.problemProperty().get() == null ? ""
                    : texts.get("query.failed." + step.problemProperty().get().name().toLowerCase(Locale.ROOT));
            case SHOWN -> "";
        }, step.stateProperty(), step.problemProperty()), "status-text");
        words.setId("query-words");
        words.setTextAlignment(TextAlignment.CENTER);
        words.setAlignment(Pos.CENTER);
        words.setMaxWidth(portrait ? 900 : 1200);
        // What the county said about it (an empty answer's reason: "您尚未办理退休手续，暂无发放记录。").
        Label note = Ui.label(texts.bind(() -> step.stateProperty().get() == State.EMPTY && step.answerProperty().get() != null
                ? step.answerProperty().get().footer() : "", step.stateProperty(), step.answerProperty()), "lead");
        note.setId("query-note");
        note.setTextAlignment(TextAlignment.CENTER);
        note.setAlignment(Pos.CENTER);
        note.setMaxWidth(portrait ? 900 : 1200);
        Ui.shownWhen(note, note.textProperty().isNotEmpty());

        if (!portrait) {
            words.setTextAlignment(TextAlignment.LEFT);
            words.setAlignment(Pos.CENTER_LEFT);
            note.setTextAlignment(TextAlignment.LEFT);
            note.setAlignment(Pos.CENTER_LEFT);
        }
        // Landscape has not the height for a picture over the words: beside them.
        javafx.scene.layout.Region box = Ui.pictureWithWords(portrait, 40, picture, words, note);
        box.setId("query-message");
        VBox.setVgrow(box, Priority.ALWAYS);
        // A quick answer never flashes a spinner: the words show once the county is slow.
        Ui.shownWhen(box, step.stateProperty().isNotEqualTo(State.SHOWN)
                .and(step.stateProperty().isNotEqualTo(State.ASKING).or(step.slowProperty())));
        return box;
    }

    private static String heading(QueryStep step, Texts texts) {
        return switch (step.stateProperty().get()) {
            case ASKING -> texts.get("query.heading.asking");
            case SHOWN -> step.answerProperty().get().title();
            case EMPTY -> texts.get("query.heading.empty");
            case FAILED -> texts.get("query.heading.failed");
        };
    }
}
