package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.Ui;
import java.util.Objects;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** What the four pages' views share: their stylesheet, a page's frame and the controls made the same way. */
final class Kit {

    static final String STYLESHEET = "console-pages.css";

    private Kit() {}

    static String stylesheet() {
        return Objects.requireNonNull(Kit.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
    }

    /** A page: the sheet added to itself, so it looks the same in the console and alone in a test. */
    static VBox page(String id) {
        VBox page = new VBox();
        page.setId(id);
        page.getStyleClass().add("cp-page");
        page.getStylesheets().add(stylesheet());
        // Shapes and text drawn in code do not inherit the CSS family list: name the one this machine has.
        page.setStyle("-fx-font-family: \"" + Fonts.family() + "\";");
        return page;
    }

    static Label label(String text, String id, String... classes) {
        Label l = Ui.label(text, classes);
        if (id != null) {
            l.setId(id);
        }
        return l;
    }

    static Button button(String text, String id, boolean primary) {
        Button b = Ui.button(text, id, primary ? "cp-button" : "cp-button-secondary");
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}
