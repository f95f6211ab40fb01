package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.FieldStep;
import cn.yzz.kiosk.app.service.Forms;
import cn.yzz.kiosk.app.service.Member;
import cn.yzz.kiosk.app.view.Ui;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One question: its label as the heading, a hint, then by type big choice buttons, the keypad with
 * what was keyed, a statement to confirm, or the household's members to tick.
 */
final class FieldView extends StepPage {

    /** Choices per column: more than this and they go in two columns. */
    private static final int ONE_COLUMN = 4;

    private final FieldStep step;

    FieldView(FieldStep step, Texts texts, boolean portrait, Header header) {
        super("field", texts, portrait, header, texts.bind(() -> step.field().label()));
        this.step = step;
        Field f = step.field();
        Label where = Ui.label(texts.bind("form.position", step.number(), step.count()), "lead");
        where.setId("field-position");
        where.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label hint = Ui.label(f.hint(), "lead");
        hint.setId("field-hint");
        Ui.shownWhen(hint, hint.textProperty().isNotEmpty());
        getChildren().add(new HBox(48, where, hint)); // one line: the page's height is for the answer
        Node error = problem(texts.bind(() -> text(step.problemProperty().get()), step.problemProperty()), "field-problem");
        switch (f.type()) {
            case CHOICE -> choices(f, error);
            case CONFIRM -> confirm(error);
            case HOUSEHOLD -> household(error);
            default -> keypad(f, error);
        }
    }

    private String text(Forms.Problem p) {
        return p == null ? "" : texts.get(p.key(), p.args().toArray());
    }

    private void choices(Field f, Node error) {
        GridPane grid = new GridPane();
        grid.setHgap(Ui.GAP);
        grid.setVgap(Ui.GAP);
        grid.setAlignment(Pos.TOP_CENTER);
        int columns = f.options().size() > ONE_COLUMN ? 2 : 1;
        int i = 0;
        for (String o : f.options()) {
            Button b = Ui.button(o, "choice-" + i, "choice-button");
            b.setWrapText(true);
            if (o.equals(step.chosen())) {
                b.getStyleClass().add("selected");
            }
            b.setMaxWidth(Double.MAX_VALUE);
            b.setPrefWidth(portrait ? (columns == 1 ? 900 : 440) : (columns == 1 ? 1000 : 700));
            b.setOnAction(e -> step.choose(o));
            grid.add(b, i % columns, i / columns);
            i++;
        }
        body(new VBox(Ui.GAP, grid, error));
        if (!f.required()) {
            Button skip = Ui.button(texts.bind("form.skip"), "field-skip", "secondary-button");
            skip.setOnAction(e -> step.ok());
            buttons(skip);
        }
    }

    private void confirm(Node error) {
        Label statement = Ui.label(texts.bind("form.confirm.text"), "body");
        VBox box = new VBox(Ui.GAP, statement, error);
        box.setAlignment(Pos.CENTER);
        body(box);
        Button yes = Ui.button(texts.bind("form.confirm"), "field-confirm", "primary-button");
        yes.setOnAction(e -> step.confirm());
        buttons(yes);
    }

    private void keypad(Field f, Node error) {
        Label keyed = Ui.label("", "keyed-value");
        keyed.setId("field-keyed");
        keyed.textProperty().bind(Bindings.createStringBinding(() -> shown(f.type(), step.keyedProperty().get()),
                step.keyedProperty()));
        keyed.setWrapText(false);
        HBox display = new HBox(keyed);
        display.getStyleClass().add("keyed-box");
        display.setAlignment(Pos.CENTER);
        boolean x = f.type() == FieldType.IDNUMBER;
        Keypad pad = new Keypad(step, texts, x, !portrait);
        Label own = Ui.label(texts.bind("form.card.own"), "offer-text");
        own.setId("field-card-note");
        HBox ownBox = new HBox(own);
        ownBox.getStyleClass().add("offer-box");
        ownBox.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Ui.shownWhen(ownBox, step.cardNoteProperty().isEqualTo("own"));
        error = new VBox(16, ownBox, error);
        Button ok = Ui.button(texts.bind("form.ok"), "field-ok", "primary-button");
        ok.setOnAction(e -> step.ok());
        if (portrait) {
            pad.setAlignment(Pos.CENTER);
            VBox box = new VBox(Ui.GAP, display, error, pad);
            box.setAlignment(Pos.TOP_CENTER);
            body(box);
            buttons(ok);
        } else {
            // Landscape has the width and not the height: what was keyed and 确定 beside the keypad (and 清空, when X
            // takes its place in the keypad).
            Node okRow = ok;
            if (x) {
                HBox both = new HBox(Ui.GAP, pad.clear(), ok);
                both.setAlignment(Pos.CENTER);
                okRow = both;
            }
            VBox left = new VBox(Ui.GAP, display, error, okRow);
            left.setAlignment(Pos.CENTER);
            HBox row = new HBox(64, left, pad);
            row.setAlignment(Pos.CENTER);
            body(row);
        }
    }

    /** Grouped so a villager can check it: 138 0013 8000, 2026-03-05, 441802 19850312 0035. */
    static String shown(FieldType type, String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            boolean gap = switch (type) {
                case PHONE -> i == 3 || i == 7;
                case DATE -> i == 4 || i == 6;
                case IDNUMBER -> i == 6 || i == 14;
                default -> false;
            };
            if (gap) {
                sb.append(type == FieldType.DATE ? "-" : " ");
            }
            sb.append(v.charAt(i));
        }
        return sb.length() == 0 ? " " : sb.toString();
    }

    private void household(Node error) {
        int columns = portrait ? 1 : 2; // landscape: two a row, the height is short
        javafx.scene.layout.GridPane list = Ui.columns(columns, 16);
        list.setId("household-list");
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(72, 72);
        Label loading = Ui.label(texts.bind(() -> texts.get(switch (step.loadingProperty().get()) {
            case NOT_FOUND -> "household.notfound";
            case UNREACHABLE -> "household.unreachable";
            default -> "household.loading";
        }), step.loadingProperty()), "status-text");
        loading.setId("household-status");
        HBox status = new HBox(Ui.GAP, progress, loading);
        status.setAlignment(Pos.CENTER);
        progress.visibleProperty().bind(step.loadingProperty().isEqualTo(FieldStep.Loading.LOADING));
        progress.managedProperty().bind(progress.visibleProperty());
        Ui.shownWhen(status, step.loadingProperty().isNotEqualTo(FieldStep.Loading.LOADED));
        Runnable fill = () -> {
            list.getChildren().clear();
            int i = 0;
            for (Member m : step.members()) {
                list.add(member(m, i), i % columns, i / columns);
                i++;
            }
        };
        step.members().addListener((ListChangeListener<Member>) c -> fill.run());
        step.ticked().addListener((SetChangeListener<Member>) c -> fill.run());
        fill.run();
        body(new VBox(Ui.GAP, status, list, error));
        Button retry = Ui.button(texts.bind("household.retry"), "household-retry", "secondary-button");
        retry.setOnAction(e -> step.retry());
        Ui.shownWhen(retry, step.loadingProperty().isEqualTo(FieldStep.Loading.UNREACHABLE));
        Button ok = Ui.button(texts.bind("form.next"), "field-ok", "primary-button");
        ok.setOnAction(e -> step.ok());
        Ui.shownWhen(ok, step.loadingProperty().isEqualTo(FieldStep.Loading.LOADED));
        buttons(retry, ok);
    }

    private Node member(Member m, int i) {
        boolean on = step.ticked().contains(m);
        Label mark = Ui.label(on ? "✓" : "", "tick-mark");
        mark.getStyleClass().add(on ? "ticked" : "unticked");
        Label name = Ui.label(m.maskedName() + "　" + m.relation(), "choice-name");
        Label number = Ui.label(m.maskedNumber(), "choice-hint");
        // Short masked words on one line: wrapping labels make the button ask its graphic's height for a narrow
        // width, and each member's button then grew taller than the screen, covering 下一步.
        mark.setWrapText(false);
        name.setWrapText(false);
        number.setWrapText(false);
        VBox words = new VBox(4, name, number);
        HBox content = new HBox(28, mark, words);
        content.setAlignment(Pos.CENTER_LEFT);
        Button b = Ui.button((String) null, "member-" + i, "choice-button");
        if (on) {
            b.getStyleClass().add("selected");
        }
        b.setGraphic(content);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> step.toggle(m));
        return b;
    }
}
