package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.assist.StaffMember;
import cn.yzz.kiosk.app.flow.AssistModel;
import cn.yzz.kiosk.app.flow.AssistModel.Consent;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.MaskedIdentity;
import cn.yzz.kiosk.app.flow.Session;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * 帮办授权: who will do the villager's services (the staff member, masked, and their staff number), then "place your own ID
 * card" as the consent; the card read (masked) with 开始办理; or why the card cannot be used (the staff member's own, a card
 * that cannot go on, a reader that cannot read).
 */
final class ConsentView extends VBox {

    private final AssistModel assist;
    private final IdentifyModel identify;
    private final Texts texts;
    private final boolean portrait;

    ConsentView(Shell shell, boolean portrait) {
        this.assist = shell.assist();
        this.identify = shell.flow().identify();
        this.texts = shell.texts();
        this.portrait = portrait;
        getStyleClass().add("page");
        setId("consent");
        setAlignment(Pos.TOP_CENTER);

        Session session = shell.flow().session();
        Label heading = Ui.label(texts.bind("consent.heading"), "big-heading", "heading");
        heading.setId("consent-heading");
        Label statement = Ui.label(texts.bind(() -> {
            StaffMember s = session.assistant();
            return s == null ? "" : texts.get("consent.statement", s.maskedName(), s.id());
        }, session.assistantProperty()), "consent-statement");
        statement.setId("consent-statement");
        VBox titles = new VBox(16, heading, statement);
        titles.setMaxWidth(Double.MAX_VALUE);

        VBox parts = new VBox(waiting(), unavailable(), staffCard(), given(), cannot());
        parts.setAlignment(Pos.CENTER);
        VBox.setVgrow(parts, Priority.ALWAYS);
        getChildren().addAll(titles, parts);
    }

    private BooleanBinding consent(Consent c) {
        return assist.consentProperty().isEqualTo(c);
    }

    private BooleanBinding waitingForCard() {
        return consent(Consent.WAITING).or(consent(Consent.CHECKING)).and(identify.stepProperty().isNotEqualTo(Step.UNAVAILABLE));
    }

    private Node waiting() {
        CardIllustration picture = new CardIllustration(portrait ? 1.3 : 0.9, false, false, texts.bind("identify.pad"));
        Label place = Ui.label(texts.bind("consent.place"), "status-text");
        place.setId("consent-place");
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("progress");
        progress.setPrefSize(72, 72);
        progress.setMinSize(72, 72);
        progress.visibleProperty().bind(identify.readingProperty().or(consent(Consent.CHECKING)));
        HBox row = new HBox(Ui.GAP, progress, place);
        row.setAlignment(Pos.CENTER);
        Label again = Ui.label(texts.bind("identify.again"), "error-text");
        again.setId("consent-again");
        HBox againBox = new HBox(again);
        againBox.getStyleClass().add("error-box");
        againBox.setMaxWidth(Region.USE_PREF_SIZE);
        againBox.visibleProperty().bind(identify.stepProperty().isEqualTo(Step.ERROR));
        Region part = Ui.pictureWithWords(portrait, 48, picture, row, againBox);
        part.setId("consent-waiting");
        return Ui.shownWhen(part, waitingForCard());
    }

    private Node unavailable() {
        Label message = Ui.label(texts.bind("identify.unavailable"), "error-text");
        HBox box = new HBox(message);
        box.getStyleClass().add("error-box");
        box.setMaxWidth(Region.USE_PREF_SIZE);
        Button retry = Ui.button(texts.bind("identify.retry"), "consent-retry", "secondary-button");
        retry.setOnAction(e -> identify.retry());
        VBox v = new VBox(56, Icons.warning(), box, retry);
        v.setAlignment(Pos.CENTER);
        v.setId("consent-unavailable");
        return Ui.shownWhen(v, consent(Consent.WAITING).and(identify.stepProperty().isEqualTo(Step.UNAVAILABLE)));
    }

    private Node staffCard() {
        CardIllustration picture = new CardIllustration(portrait ? 1.0 : 0.9, false, true, texts.bind("identify.pad"));
        Label words = Ui.label(texts.bind("consent.staff_card"), "error-text");
        words.setId("consent-staff-card");
        HBox box = new HBox(words);
        box.getStyleClass().add("error-box");
        box.setMaxWidth(portrait ? 900 : 1000);
        Region part = Ui.pictureWithWords(portrait, 48, picture, box);
        return Ui.shownWhen(part, consent(Consent.STAFF_CARD));
    }

    private Node given() {
        Label who = Ui.label(texts.bind(() -> {
            MaskedIdentity id = identify.identityProperty().get();
            return id == null ? "" : id.name() + "  " + id.number();
        }, identify.identityProperty()), "field-value");
        who.setId("consent-villager");
        who.setWrapText(false);
        VBox panel = new VBox(who);
        panel.getStyleClass().add("identity-panel");
        panel.setAlignment(Pos.CENTER);
        panel.setMaxWidth(Region.USE_PREF_SIZE);
        Label ok = Ui.label(texts.bind(() -> {
            MaskedIdentity id = identify.identityProperty().get();
            StaffMember s = assist.flow().session().assistant();
            return id == null || s == null ? "" : texts.get("consent.given", id.name(), s.maskedName());
        }, identify.identityProperty(), assist.flow().session().assistantProperty()), "ok-text");
        ok.setId("consent-given");
        HBox okBox = new HBox(ok);
        okBox.getStyleClass().add("ok-box");
        okBox.setAlignment(Pos.CENTER);
        okBox.setMaxWidth(Region.USE_PREF_SIZE);
        Button start = Ui.button(texts.bind("consent.start"), "consent-start", "primary-button");
        start.setOnAction(e -> assist.startServices());
        VBox v = new VBox(40, panel, okBox, start);
        v.setAlignment(Pos.CENTER);
        return Ui.shownWhen(v, consent(Consent.GIVEN));
    }

    private Node cannot() {
        Label words = Ui.label(texts.bind("consent.cannot"), "error-text");
        words.setId("consent-cannot");
        Label problems = Ui.label(texts.bind(() -> {
            MaskedIdentity id = identify.identityProperty().get();
            return id == null ? "" : String.join("\n", id.problems().stream().map(c -> texts.get(IdentifyView.checkKey(c))).toList());
        }, identify.identityProperty()), "problem-text");
        VBox box = new VBox(12, words, problems);
        box.getStyleClass().add("error-box");
        box.setMaxWidth(Region.USE_PREF_SIZE);
        Button leave = Ui.button(texts.bind("consent.leave"), "consent-leave", "primary-button");
        leave.setOnAction(e -> assist.flow().home());
        VBox v = new VBox(40, box, leave);
        v.setAlignment(Pos.CENTER);
        return Ui.shownWhen(v, consent(Consent.CANNOT));
    }
}
