package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.QueryStep;
import cn.yzz.kiosk.app.service.QueryStep.State;
import cn.yzz.kiosk.app.view.Ui;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A query's answer as a table, a page at a time (上一页 / 下一页, never scrolled), with 打印 where the service prints;
 * while the county is asked, a progress line once it is slow; when it cannot answer, plain words and 再试一次.
 */
final class QueryView extends StepPage {

    /** Rows per page: elder mode's rows are bigger, a portrait screen is taller. */
    static int rows(boolean portrait, boolean elder) {
        return portrait ? (elder ? 8 : 12) : (elder ? 5 : 8);
    }

    private final QueryStep step;
    private final GridPane table = new GridPane();

    QueryView(QueryStep step, Texts texts, boolean portrait, Header header, ObservableBooleanValue elder) {
        super("query", texts, portrait, header, texts.bind(() -> heading(step, texts), step.stateProperty(), step.problemProperty()));
        this.step = step;
        step.rowsPerPageProperty().bind(Bindings.createIntegerBinding(() -> rows(portrait, elder.get()), elder));

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(96, 96);
        Label asking = Ui.label(texts.bind("query.asking"), "body");
        asking.setId("query-asking");
        VBox waiting = new VBox(32, progress, asking);
        waiting.setAlignment(Pos.CENTER);
        Ui.shownWhen(waiting, step.stateProperty().isEqualTo(State.ASKING).and(step.slowProperty()));

        Label problem = Ui.label(texts.bind(() -> step.stateProperty().get() == State.FAILED && step.problemProperty().get() != null
                ? texts.get("query.failed." + step.problemProperty().get().name().toLowerCase(Locale.ROOT))
                : step.stateProperty().get() == State.EMPTY ? texts.get("query.empty") : "",
                step.stateProperty(), step.problemProperty()), "body");
        problem.setId("query-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(portrait ? 900 : 1400);
        Ui.shownWhen(problem, problem.textProperty().isNotEmpty());

        table.setId("query-table");
        table.getStyleClass().add("query-table");
        table.setMaxWidth(Double.MAX_VALUE);
        Label pageOf = Ui.label(texts.bind(() -> texts.get("services.page", step.pageProperty().get() + 1, step.pageCountProperty().get()),
                step.pageProperty(), step.pageCountProperty()), "lead");
        pageOf.setId("query-page");
        Button previous = Ui.button(texts.bind("services.previous"), "query-previous", "secondary-button");
        previous.setOnAction(e -> step.previousPage());
        previous.disableProperty().bind(step.pageProperty().isEqualTo(0));
        Button next = Ui.button(texts.bind("services.next"), "query-next", "secondary-button");
        next.setOnAction(e -> step.nextPage());
        next.disableProperty().bind(step.pageProperty().greaterThanOrEqualTo(step.pageCountProperty().subtract(1)));
        HBox pager = new HBox(Ui.GAP, previous, pageOf, next);
        pager.setAlignment(Pos.CENTER);
        Ui.shownWhen(pager, step.pageCountProperty().greaterThan(1).and(step.stateProperty().isEqualTo(State.SHOWN)));
        Label footer = Ui.label(texts.bind(() -> step.answerProperty().get() == null ? "" : step.answerProperty().get().footer(),
                step.answerProperty()), "lead");
        footer.setId("query-footer");
        footer.setWrapText(true);
        Ui.shownWhen(footer, footer.textProperty().isNotEmpty().and(step.stateProperty().isEqualTo(State.SHOWN)));
        VBox shown = new VBox(16, table, footer, pager);
        shown.setAlignment(Pos.TOP_CENTER);
        Ui.shownWhen(shown, step.stateProperty().isEqualTo(State.SHOWN));

        VBox box = new VBox(Ui.GAP, waiting, problem, shown);
        box.setAlignment(Pos.TOP_CENTER);
        body(box);

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
        buttons(retry, done, print);

        step.answerProperty().addListener((o, was, now) -> fill());
        step.pageProperty().addListener((o, was, now) -> fill());
        step.rowsPerPageProperty().addListener((o, was, now) -> fill());
        fill();
    }

    private static String heading(QueryStep step, Texts texts) {
        return switch (step.stateProperty().get()) {
            case ASKING -> texts.get("query.heading.asking");
            case SHOWN -> step.answerProperty().get().title();
            case EMPTY -> texts.get("query.heading.empty");
            case FAILED -> texts.get("query.heading.failed");
        };
    }

    /** The page's rows under the heading row; each cell one line, cut with … rather than wrapped. */
    private void fill() {
        table.getChildren().clear();
        table.getColumnConstraints().clear();
        QueryAnswer a = step.answerProperty().get();
        if (a == null) {
            return;
        }
        List<String> heading = a.heading();
        for (int c = 0; c < heading.size(); c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHgrow(Priority.SOMETIMES);
            cc.setFillWidth(true);
            table.getColumnConstraints().add(cc);
            Label h = Ui.label(heading.get(c), "query-head");
            h.setMaxWidth(Double.MAX_VALUE);
            h.setTextOverrun(OverrunStyle.ELLIPSIS);
            table.add(h, c, 0);
        }
        List<List<String>> rows = step.pageRows();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                Label cell = Ui.label(row.get(c), "query-cell", r % 2 == 0 ? "query-even" : "query-odd");
                cell.setMaxWidth(Double.MAX_VALUE);
                cell.setTextOverrun(OverrunStyle.ELLIPSIS);
                cell.setId("query-cell-" + r + "-" + c);
                table.add(cell, c, r + 1);
            }
        }
    }
}
