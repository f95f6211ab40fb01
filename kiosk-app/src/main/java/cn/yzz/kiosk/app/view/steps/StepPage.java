package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.view.Ui;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The layout every step shares: the service's name small, the step's heading big, its body, its buttons at the bottom. */
abstract class StepPage extends VBox {

    /** What every step shows above its heading: the service, and whom it is done for (masked). */
    record Header(String service, String person) {}

    protected final Texts texts;
    protected final boolean portrait;
    /** The step's heading, big. */
    protected final Label heading;

    StepPage(String id, Texts texts, boolean portrait, Header header, ObservableValue<String> heading) {
        this.texts = texts;
        this.portrait = portrait;
        getStyleClass().addAll("page", "step-page");
        setId(id);
        Label service = Ui.label(header.service(), "lead");
        service.setId("step-service");
        Label person = Ui.label(header.person().isEmpty() ? "" : texts.get("service.person", header.person()), "lead");
        person.setId("service-person");
        person.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox top = new HBox(Ui.GAP, service, Ui.spacer(), person);
        this.heading = Ui.label(heading, "big-heading", "heading");
        this.heading.setId(id + "-heading");
        getChildren().addAll(new VBox(8, top, this.heading));
    }

    /** The body, taking the height left. */
    protected void body(Node n) {
        VBox.setVgrow(n, Priority.ALWAYS);
        getChildren().add(n);
    }

    /** The buttons, centred at the bottom, with the gap touch targets need. */
    protected HBox buttons(Node... nodes) {
        HBox row = new HBox(48, nodes);
        row.setAlignment(Pos.CENTER);
        row.getStyleClass().add("step-buttons");
        getChildren().add(row);
        return row;
    }

    /** A plain-words problem line (red box), shown only while it has text. */
    protected static Node problem(ObservableValue<String> text, String id) {
        Label l = Ui.label(text, "error-text");
        l.setId(id);
        HBox box = new HBox(l);
        box.getStyleClass().add("error-box");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Ui.shownWhen(box, l.textProperty().isNotEmpty());
        return box;
    }
}
