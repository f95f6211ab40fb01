package cn.yzz.kiosk.app.view.console;

import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.console.ConsolePage;
import cn.yzz.kiosk.app.view.Ui;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The administrator's console over the whole kiosk: the PIN pad, then the frame (a top line with 管理界面, who, the
 * kiosk's id and 退出; a side bar of pages; the page). Invisible, and taking no touches, while the console is closed.
 * Binds to {@link Console} and forwards taps to it, nothing more.
 */
public final class ConsoleView extends StackPane {

    public static final String STYLESHEET = "/cn/yzz/kiosk/app/console.css";

    private final Console console;
    private final Supplier<String> kioskId;
    private final boolean portrait;
    private final Map<ConsolePage, Node> built = new HashMap<>();
    private final PinPadView pad;
    private final BorderPane frame = new BorderPane();
    private final StackPane pageArea = new StackPane();
    private final Label idLabel = Ui.label("", "console-top-text");

    /**
     * @param kioskId the kiosk's id as enrolled (empty when not), read each time the console opens
     * @param width   the layout size (the kiosk's)
     */
    public ConsoleView(Console console, Supplier<String> kioskId, double width, double height) {
        this.console = Objects.requireNonNull(console, "console");
        this.kioskId = Objects.requireNonNull(kioskId, "kioskId");
        this.portrait = height >= width;
        getStyleClass().addAll("console", portrait ? "console-portrait" : "console-landscape");
        getStylesheets().add(stylesheet());
        setId("console");
        setPrefSize(width, height);
        setMinSize(width, height);
        setMaxSize(width, height);
        // Nothing of the console may show outside the kiosk's screen, whatever a page's content asks for.
        setClip(new javafx.scene.shape.Rectangle(width, height));
        pad = new PinPadView(console, portrait);
        frame.setTop(topLine());
        frame.setLeft(sideBar());
        pageArea.getStyleClass().add("console-page-area");
        pageArea.setAlignment(Pos.TOP_LEFT);
        frame.setCenter(pageArea);
        frame.getStyleClass().add("console-frame");
        StackPane.setAlignment(frame, Pos.TOP_LEFT); // should it ever be taller than the screen, the top line with 退出 stays
        // The frame lies under the pad while the PIN is keyed, so it is styled and laid out by then (the pad covers it whole).
        getChildren().addAll(frame, pad, warning());
        console.stateProperty().addListener((o, was, now) -> state());
        console.pageProperty().addListener((o, was, now) -> page(now));
        state();
    }

    public static String stylesheet() {
        return Objects.requireNonNull(ConsoleView.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
    }

    private void state() {
        Console.State s = console.stateProperty().get();
        setVisible(s != Console.State.CLOSED);
        pad.setVisible(s == Console.State.PIN);
        frame.setVisible(s != Console.State.CLOSED);
        if (s == Console.State.PIN && !console.pages().isEmpty()) {
            // While the PIN is keyed (seconds), the first page is built and styled behind the pad, once the pad is drawn:
            // the console then appears within a frame of the right PIN (the first build alone takes a few hundred ms).
            Runnable build = () -> {
                if (console.stateProperty().get() == Console.State.PIN && pageArea.getChildren().isEmpty()) {
                    page(console.pages().get(0));
                    frame.applyCss();
                    frame.layout();
                }
            };
            javafx.scene.Scene scene = getScene();
            if (scene == null) {
                build.run();
            } else {
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    scene.removePostLayoutPulseListener(once[0]);
                    javafx.application.Platform.runLater(build); // after the pulse that draws the pad
                };
                scene.addPostLayoutPulseListener(once[0]);
            }
        }
        if (s == Console.State.OPEN) {
            String id = kioskId.get();
            idLabel.setText("终端 " + (id == null || id.isEmpty() ? "未登记" : id));
        }
    }

    private void page(ConsolePage p) {
        if (p == null) {
            pageArea.getChildren().clear();
            return;
        }
        Node view = built.computeIfAbsent(p, ConsolePage::view);
        pageArea.getChildren().setAll(view);
    }

    private Node topLine() {
        Label title = Ui.label("管理界面", "console-title");
        title.setId("console-title");
        Label who = Ui.label("", "console-top-text");
        who.setId("console-who");
        who.textProperty().bind(Bindings.concat("登录：", console.whoProperty()));
        idLabel.setId("console-kiosk-id");
        Button leave = Ui.button("退出", "console-leave", "console-leave");
        leave.setOnAction(e -> console.leave());
        HBox top = new HBox(Ui.GAP, title, who, idLabel, Ui.spacer(), leave);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("console-top");
        return top;
    }

    private Node sideBar() {
        VBox bar = new VBox(16);
        bar.getStyleClass().add("console-side");
        Runnable fill = () -> {
            bar.getChildren().clear();
            int i = 0;
            for (ConsolePage p : console.pages()) {
                Button b = Ui.button(p.title(), "console-nav-" + i++, "console-nav");
                b.setMaxWidth(Double.MAX_VALUE);
                b.setOnAction(e -> console.show(p));
                console.pageProperty().addListener((o, was, now) -> selected(b, now == p));
                selected(b, console.pageProperty().get() == p);
                bar.getChildren().add(b);
            }
        };
        console.stateProperty().addListener((o, was, now) -> {
            if (now == Console.State.OPEN && bar.getChildren().size() != console.pages().size()) {
                fill.run();
            }
        });
        fill.run();
        return bar;
    }

    private static void selected(Button b, boolean on) {
        b.getStyleClass().remove("selected");
        if (on) {
            b.getStyleClass().add("selected");
        }
    }

    private Node warning() {
        Label words = Ui.label("马上自动退出管理界面：点一下屏幕可继续使用", "console-warning-text");
        words.setId("console-warning");
        HBox box = new HBox(words);
        box.getStyleClass().add("console-warning");
        box.setAlignment(Pos.CENTER);
        box.setMaxHeight(USE_PREF_SIZE);
        box.setMouseTransparent(true);
        StackPane.setAlignment(box, Pos.BOTTOM_CENTER);
        HBox.setHgrow(words, Priority.ALWAYS);
        return Ui.shownWhen(box, console.warningProperty());
    }
}
