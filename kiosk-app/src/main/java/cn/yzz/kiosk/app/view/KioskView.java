package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The whole kiosk screen: the header, the current screen of the flow and the bar with 返回 and
 * 首页. Built in code; it binds to {@link KioskFlowModel} and forwards taps to it, nothing more.
 */
public final class KioskView extends BorderPane {

    public static final String STYLESHEET = "/cn/yzz/kiosk/app/kiosk.css";

    private final KioskFlowModel model;
    private final boolean portrait;
    private final Map<Screen, Node> screens = new EnumMap<>(Screen.class);

    /**
     * @param width  the layout size in pixels (the screen's, or the design size in windowed mode)
     * @param height portrait when taller than wide
     */
    public KioskView(KioskFlowModel model, double width, double height) {
        this.model = Objects.requireNonNull(model, "model");
        this.portrait = height >= width;
        getStyleClass().add("kiosk");
        getStyleClass().add(portrait ? "portrait" : "landscape");
        setPrefSize(width, height);
        setMinSize(width, height);
        setMaxSize(width, height);
        setTop(header());
        setBottom(navBar());
        model.screenProperty().addListener((o, was, now) -> setCenter(screen(now)));
        setCenter(screen(model.screenProperty().get()));
    }

    public static String stylesheet() {
        return Objects.requireNonNull(KioskView.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
    }

    /** Screens are built when first needed, so the home screen appears sooner. */
    private Node screen(Screen s) {
        return screens.computeIfAbsent(s, k -> switch (k) {
            case HOME -> new HomeView(model, portrait);
            case SERVICES -> new ServiceListView(model, portrait);
            case IDENTIFY -> new IdentifyView(model.identify(), model, portrait);
        });
    }

    private Node header() {
        Label title = Ui.label("粤智助", "header-title");
        title.setId("title");
        Region rule = new Region();
        rule.getStyleClass().add("header-rule");
        Label subtitle = Ui.label("政务服务自助终端", "header-subtitle");
        HBox header = new HBox(title, rule, subtitle);
        header.getStyleClass().add("header");
        return header;
    }

    private Node navBar() {
        Button back = Ui.button("返回", "nav-back", "nav-button");
        Button home = Ui.button("首页", "nav-home", "nav-button");
        back.disableProperty().bind(model.canGoBackProperty().not());
        home.disableProperty().bind(model.canGoBackProperty().not());
        back.setOnAction(e -> model.back());
        home.setOnAction(e -> model.home());
        Label help = Ui.label("需要帮助？请找村委会工作人员", "help-text");
        help.setWrapText(false);
        HBox bar = new HBox(back, Ui.spacer(), help, Ui.spacer(), home);
        bar.getStyleClass().add("nav-bar");
        return bar;
    }
}
