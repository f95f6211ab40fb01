package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.CashPayStep;
import cn.yzz.kiosk.app.service.CashPayStep.Slip;
import cn.yzz.kiosk.app.service.CashPayStep.State;
import cn.yzz.kiosk.app.service.CashSlips;
import cn.yzz.kiosk.app.service.Money;
import cn.yzz.kiosk.app.view.Ui;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * 现金支付: what is still due in the biggest figures, with what is due and what is in beside it; the notes
 * the acceptor takes drawn as notes (their colour, their value large), the others said to come back; each
 * credit and each note handed back in words; trouble in a red box; 取消 asked again; then 缴费成功 or the
 * change voucher on screen as it comes out of the printer (its number, amount, QR code).
 */
final class CashPayView extends StepPage {

    private final CashPayStep step;
    private final FlowPane notes = new FlowPane(Ui.GAP, Ui.GAP);
    private final VBox voucher = new VBox(12);

    CashPayView(CashPayStep step, Texts texts, boolean portrait, Header header) {
        super("cash", texts, portrait, header, texts.bind(() -> texts.get("cash.heading." + key(step.stateProperty().get())),
                step.stateProperty()));
        this.step = step;

        // The figures: what is still due is what the villager acts on, so it is the biggest.
        Node due = figure(texts.bind("cash.due", Money.text(step.dueFen())), "cash-due", "cash-figure");
        Node in = figure(texts.bind(() -> texts.get("cash.inserted", Money.text(step.insertedFenProperty().get())),
                step.insertedFenProperty()), "cash-inserted", "cash-figure");
        Label left = Ui.label(texts.bind(() -> texts.get("cash.left", Money.text(step.leftFenProperty().get())),
                step.leftFenProperty()), "cash-left");
        left.setId("cash-left");
        // Landscape has the width and not the height: what is due and what is in beside what is still due.
        javafx.scene.layout.Pane small = portrait ? new HBox(48, due, in) : new VBox(8, due, in);
        javafx.scene.layout.Pane figures = portrait ? new VBox(8, left, small) : new HBox(40, left, small);
        if (small instanceof HBox h) {
            h.setAlignment(Pos.CENTER);
            ((VBox) figures).setAlignment(Pos.CENTER);
        } else {
            ((VBox) small).setAlignment(Pos.CENTER_LEFT);
            ((HBox) figures).setAlignment(Pos.CENTER);
        }
        figures.getStyleClass().addAll("cash-figures", portrait ? "cash-figures-tall" : "cash-figures-wide");
        figures.setMaxWidth(Region.USE_PREF_SIZE);
        // Not while 取消 is asked: the question says what is in, and the screen stays short enough for landscape.
        Ui.shownWhen(figures, is(State.INSERTING).or(is(State.READING)).or(is(State.TROUBLE)).or(is(State.ENDING)));

        // The notes taken now, as notes; the others are inhibited and come back.
        Label takes = Ui.label(texts.bind("cash.accepts"), "lead");
        takes.setId("cash-accepts");
        notes.setId("cash-notes");
        notes.setAlignment(Pos.CENTER);
        notes.setPrefWrapLength(900);
        step.acceptsProperty().addListener((o, was, now) -> drawNotes(now));
        drawNotes(step.acceptsProperty().get());
        Label others = Ui.label(texts.bind("cash.accepts.other"), "lead");
        others.setId("cash-accepts-other");
        VBox noteBox = new VBox(12, takes, notes, others);
        noteBox.setAlignment(Pos.CENTER);
        // Only while notes go in: in trouble or when asked whether to cancel, the question is what the villager reads.
        Ui.shownWhen(noteBox, step.acceptsProperty().isNotNull().and(is(State.INSERTING).or(is(State.READING)))
                .and(javafx.beans.binding.Bindings.createBooleanBinding(() -> !step.acceptsProperty().get().isEmpty(),
                        step.acceptsProperty())));

        // What is happening now: reading, the last credit.
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(72, 72);
        Ui.shownWhen(progress, is(State.STARTING).or(is(State.READING)).or(is(State.ENDING)));
        Label status = Ui.label(texts.bind(() -> status(step, texts), step.stateProperty(), step.lastNoteFenProperty(),
                step.resultProperty()), "status-text");
        status.setId("cash-status");
        HBox statusRow = new HBox(Ui.GAP, progress, status);
        statusRow.setAlignment(Pos.CENTER);
        // In landscape a note just handed back takes the status line's place (the height is short; it says more).
        Ui.shownWhen(statusRow, status.textProperty().isNotEmpty().and(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> portrait || step.returnedProperty().get().isEmpty(), step.returnedProperty())));

        Node returned = problem(texts.bind(() -> step.returnedProperty().get().isEmpty()
                || step.stateProperty().get() != State.INSERTING && step.stateProperty().get() != State.READING ? ""
                : texts.get("cash.returned", step.returnedProperty().get()), step.returnedProperty(), step.stateProperty()),
                "cash-returned");
        Node trouble = problem(texts.bind(() -> switch (step.stateProperty().get()) {
            case TROUBLE -> texts.get("cash.trouble", step.problemProperty().get());
            case FAILED -> texts.get("cash.failed", step.problemProperty().get().isEmpty() ? ""
                    : "（" + step.problemProperty().get() + "）");
            default -> "";
        }, step.stateProperty(), step.problemProperty()), "cash-problem");

        Label question = Ui.label(texts.bind(() -> step.insertedFenProperty().get() > 0
                ? texts.get("cash.confirm.question", Money.text(step.insertedFenProperty().get()))
                : texts.get("cash.confirm.none"), step.insertedFenProperty()), "cash-question");
        question.setId("cash-question");
        HBox questionBox = new HBox(question);
        questionBox.getStyleClass().add("cash-question-box");
        questionBox.setAlignment(Pos.CENTER);
        questionBox.setMaxWidth(Region.USE_PREF_SIZE);
        Ui.shownWhen(questionBox, is(State.CONFIRM_CANCEL));

        voucher.setId("cash-voucher");
        voucher.getStyleClass().add("voucher-paper");
        voucher.setAlignment(Pos.CENTER);
        voucher.setMaxWidth(Region.USE_PREF_SIZE);
        step.slipProperty().addListener((o, was, now) -> drawVoucher());
        Ui.shownWhen(voucher, step.slipProperty().isNotEqualTo(Slip.NONE));
        Label slip = Ui.label(texts.bind(() -> switch (step.slipProperty().get()) {
            case NONE -> "";
            case PRINTING -> texts.get("cash.voucher.printing");
            case PRINTED -> texts.get("cash.voucher.printed");
            case ON_SCREEN -> texts.get("cash.voucher.screen", step.slipProblemProperty().get().isEmpty() ? ""
                    : "（" + step.slipProblemProperty().get() + "）");
        }, step.slipProperty(), step.slipProblemProperty()), "status-text", "cash-slip");
        slip.setId("cash-slip");
        Ui.shownWhen(slip, slip.textProperty().isNotEmpty());

        VBox words = new VBox(portrait ? Ui.GAP : 12, figures, statusRow, returned, trouble, questionBox, slip);
        words.setAlignment(Pos.TOP_CENTER);

        Button cancel = Ui.button(texts.bind("cash.cancel"), "cash-cancel", "secondary-button");
        cancel.setOnAction(e -> step.cancel());
        Ui.shownWhen(cancel, is(State.INSERTING).or(is(State.READING)).or(is(State.TROUBLE)));
        Button keep = Ui.button(texts.bind("cash.confirm.no"), "cash-keep", "primary-button");
        keep.setOnAction(e -> step.keepPaying());
        Button yes = Ui.button(texts.bind("cash.confirm.yes"), "cash-confirm-cancel", "secondary-button");
        yes.setOnAction(e -> step.confirmCancel());
        Ui.shownWhen(keep, is(State.CONFIRM_CANCEL));
        Ui.shownWhen(yes, is(State.CONFIRM_CANCEL));
        BooleanBinding over = is(State.CANCELLED).or(is(State.FAILED));
        Button giveUp = Ui.button(texts.bind("pay.give.up"), "cash-give-up", "secondary-button");
        giveUp.setOnAction(e -> step.giveUp());
        Ui.shownWhen(giveUp, over);
        Button again = Ui.button(texts.bind("cash.again"), "cash-again", "primary-button");
        again.setOnAction(e -> step.again());
        Ui.shownWhen(again, over);
        Button next = Ui.button(texts.bind("pay.next"), "cash-next", "primary-button");
        next.setOnAction(e -> step.next());
        Ui.shownWhen(next, is(State.PAID).or(is(State.VOUCHER)).and(step.slipProperty().isNotEqualTo(Slip.PRINTING)));
        if (portrait) {
            words.getChildren().addAll(noteBox, voucher);
            body(words);
            buttons(cancel, yes, keep, giveUp, again, next);
        } else {
            // Landscape has the width and not the height: the notes (or the voucher) beside the words and buttons.
            HBox row = new HBox(48, cancel, yes, keep, giveUp, again, next);
            row.setAlignment(Pos.CENTER);
            words.getChildren().add(row);
            notes.setPrefWrapLength(520); // two notes a row
            notes.setMinWidth(Region.USE_PREF_SIZE);
            takes.setWrapText(false);
            others.setMinWidth(0);
            others.setMaxWidth(560);
            VBox right = new VBox(Ui.GAP, noteBox, voucher);
            right.setAlignment(Pos.CENTER);
            right.setMinWidth(Region.USE_PREF_SIZE); // the words give way, not the notes
            HBox side = new HBox(64, words, right);
            side.setAlignment(Pos.TOP_CENTER);
            HBox.setHgrow(words, javafx.scene.layout.Priority.ALWAYS);
            body(side);
        }
        drawVoucher();
    }

    private static String key(State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private BooleanBinding is(State s) {
        return step.stateProperty().isEqualTo(s);
    }

    private BooleanBinding collecting() {
        return is(State.INSERTING).or(is(State.READING)).or(is(State.TROUBLE)).or(is(State.CONFIRM_CANCEL));
    }

    private static String status(CashPayStep step, Texts texts) {
        return switch (step.stateProperty().get()) {
            case STARTING -> texts.get("cash.status.starting");
            case READING -> texts.get("cash.status.reading");
            case INSERTING -> step.lastNoteFenProperty().get() > 0
                    ? texts.get("cash.status.credited", yuan(step.lastNoteFenProperty().get()))
                    : texts.get("cash.status.inserting");
            case ENDING -> texts.get("cash.status.ending");
            case PAID -> step.resultProperty().get() == null ? ""
                    : texts.get("cash.status.paid", Money.text(step.resultProperty().get().dueFen()),
                    step.stored() == null ? "" : step.stored().receiptNo());
            case VOUCHER -> step.resultProperty().get() == null ? ""
                    : texts.get("cash.status.voucher", Money.text(step.resultProperty().get().insertedFen()));
            case CANCELLED -> texts.get("pay.status.cancelled");
            default -> "";
        };
    }

    /** A note's value as printed on it: 100, 50, 0.5. */
    static String yuan(long fen) {
        return Money.yuan(fen).stripTrailingZeros().toPlainString();
    }

    private static Label figure(javafx.beans.value.ObservableValue<String> text, String id, String style) {
        Label l = Ui.label(text, style);
        l.setId(id);
        return l;
    }

    private void drawNotes(List<Long> values) {
        notes.getChildren().clear();
        for (long fen : values == null ? List.<Long>of() : values) {
            Label value = Ui.label(yuan(fen), "note-value");
            Label unit = Ui.label("元", "note-unit");
            HBox note = new HBox(6, value, unit);
            note.setAlignment(Pos.BASELINE_CENTER);
            note.getStyleClass().addAll("note-tile", "note-" + yuan(fen).replace('.', '-'));
            note.setId("cash-note-" + fen);
            notes.getChildren().add(note);
        }
    }

    /** The voucher as it comes out of the printer. */
    private void drawVoucher() {
        voucher.getChildren().clear();
        CashSlips.Voucher v = step.voucher();
        if (v == null) {
            return;
        }
        Label title = Ui.label(texts.get("cash.voucher.title"), "receipt-title");
        Label amount = Ui.label(texts.get("cash.voucher.amount", Money.text(v.fen())), "voucher-amount");
        amount.setId("cash-voucher-amount");
        Label number = Ui.label(texts.get("cash.voucher.no", v.number()), "receipt-line");
        number.setId("cash-voucher-no");
        QrCode qr = new QrCode(v.number(), portrait ? 240 : 200);
        qr.setId("cash-voucher-qr");
        Label footer = Ui.label(CashSlips.VOUCHER_FOOTER, "receipt-line");
        for (Label l : List.of(title, amount, number, footer)) {
            l.setWrapText(false); // a slip's lines are short: never broken into a column
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        VBox words = new VBox(8, title, amount, number, footer);
        words.setAlignment(Pos.CENTER_LEFT);
        HBox row = new HBox(40, words, qr);
        row.setAlignment(Pos.CENTER);
        voucher.getChildren().add(row);
    }
}
