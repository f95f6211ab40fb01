package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.i18n.Texts;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

/**
 * The frame every screen lives in: the header with the languages and 长辈模式, the screen of the
 * moment (or what covers it: help, the idle warning, out of service, the error screen), and the
 * bar with 返回, 首页, 🔊 再听一遍 and 求助. Built in code; it binds to the {@link Shell} and
 * forwards taps to it, nothing more.
 */
public final class KioskView extends BorderPane {

    public static final String STYLESHEET = "/cn/yzz/kiosk/app/kiosk.css";

    private final Shell shell;
    private final KioskFlowModel flow;
    private final Texts texts;
    private final boolean portrait;
    private final Map<Screen, Node> screens = new EnumMap<>(Screen.class);
    private final Map<Cover, Node> covers = new EnumMap<>(Cover.class);

    /**
     * @param width  the layout size in pixels (the screen's, or the design size in windowed mode)
     * @param height portrait when taller than wide
     */
    public KioskView(Shell shell, double width, double height) {
        this.shell = Objects.requireNonNull(shell, "shell");
        this.flow = shell.flow();
        this.texts = shell.texts();
        this.portrait = height >= width;
        getStyleClass().add("kiosk");
        getStyleClass().add(portrait ? "portrait" : "landscape");
        setPrefSize(width, height);
        setMinSize(width, height);
        setMaxSize(width, height);
        // 帮办代办's banner: a strip under the header in portrait; in landscape, whose height every step needs, in the bar.
        Node banner = assistBanner();
        setTop(portrait ? new VBox(header(), banner) : header());
        setBottom(navBar());
        if (!portrait) {
            HBox bar = (HBox) getBottom();
            bar.getChildren().addAll(bar.getChildren().indexOf(bar.lookup("#nav-replay")), java.util.List.of(banner, Ui.spacer()));
        }
        flow.screenProperty().addListener((o, was, now) -> showCenter());
        shell.coverProperty().addListener((o, was, now) -> showCenter());
        shell.elderProperty().addListener((o, was, now) -> elderClass(now));
        elderClass(shell.elderProperty().get());
        // English words are longer than Chinese ones: the stylesheet sets some of them smaller (never below the minimum).
        texts.languageProperty().addListener((o, was, now) -> languageClass(now));
        languageClass(texts.language());
        showCenter();
    }

    public static String stylesheet() {
        return Objects.requireNonNull(KioskView.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
    }

    private void elderClass(boolean elder) {
        getStyleClass().remove("elder");
        if (elder) {
            getStyleClass().add("elder");
        }
    }

    private void languageClass(Language l) {
        getStyleClass().remove("lang-en");
        if (l == Language.ENGLISH) {
            getStyleClass().add("lang-en");
        }
    }

    private void showCenter() {
        Cover c = shell.coverProperty().get();
        setCenter(c == Cover.NONE || c == Cover.CONSOLE ? screen(flow.screenProperty().get()) : cover(c)); // the console lies over it all
    }

    /** Screens are built when first needed, so the home screen appears sooner. */
    private Node screen(Screen s) {
        return screens.computeIfAbsent(s, k -> switch (k) {
            case HOME -> new HomeView(shell, portrait);
            case SERVICES -> new ServiceListView(flow, texts, portrait);
            case SEARCH -> new SearchView(flow, texts, portrait);
            case IDENTIFY -> new IdentifyView(shell, portrait);
            case SERVICE -> new cn.yzz.kiosk.app.view.steps.ServiceRunView(flow, texts, portrait);
            case END -> new EndView(flow, texts, portrait);
            case STAFF -> new StaffPinView(shell, portrait);
            case CONSENT -> new ConsentView(shell, portrait);
        });
    }

    private Node cover(Cover c) {
        return covers.computeIfAbsent(c, k -> switch (k) {
            case HELP -> new HelpView(shell, portrait);
            case IDLE_WARNING -> new IdleWarningView(shell, portrait);
            case OUT_OF_SERVICE -> new OutOfServiceView(shell, portrait);
            case ERROR -> new ErrorView(shell, portrait);
            case NONE, CONSOLE -> throw new IllegalArgumentException(k + " is not a cover of the centre");
        });
    }

    private Node header() {
        Label title = Ui.label(texts.bind("header.title"), "header-title");
        title.setId("title");
        title.setWrapText(false);
        staffCorner(title);
        Region rule = new Region();
        rule.getStyleClass().add("header-rule");
        Label subtitle = Ui.label(texts.bind("header.subtitle"), "header-subtitle");
        subtitle.setWrapText(false);
        HBox titles = new HBox(28, title, rule, subtitle);
        titles.setAlignment(Pos.CENTER_LEFT);

        HBox languages = new HBox(16);
        languages.setAlignment(Pos.CENTER_LEFT);
        for (Language l : Language.values()) {
            Button b = Ui.button(l.ownName(), "language-" + l.name().toLowerCase(java.util.Locale.ROOT), "tool-button", "language-button");
            b.setMinWidth(Region.USE_PREF_SIZE); // a language's name is never cut short
            texts.languageProperty().addListener((o, was, now) -> selected(b, now == l));
            selected(b, texts.language() == l);
            b.setOnAction(e -> shell.chooseLanguage(l));
            b.disableProperty().bind(shell.coverProperty().isEqualTo(Cover.OUT_OF_SERVICE));
            languages.getChildren().add(b);
        }
        Button elder = Ui.button(texts.bind(() -> texts.get(shell.elderProperty().get() ? "elder.button.on" : "elder.button.off"),
                shell.elderProperty()), "elder-toggle", "tool-button", "elder-button");
        shell.elderProperty().addListener((o, was, now) -> selected(elder, now));
        elder.setMinWidth(Region.USE_PREF_SIZE);
        elder.setOnAction(e -> shell.toggleElder());
        elder.disableProperty().bind(shell.coverProperty().isEqualTo(Cover.OUT_OF_SERVICE));

        Node header;
        if (portrait) {
            HBox tools = new HBox(16, languages, Ui.spacer(), elder);
            tools.setAlignment(Pos.CENTER_LEFT);
            tools.getStyleClass().add("header-tools");
            header = new VBox(20, titles, tools);
        } else {
            header = new HBox(28, titles, Ui.spacer(), languages, elder);
            ((HBox) header).setAlignment(Pos.CENTER_LEFT);
        }
        header.getStyleClass().add("header");
        return header;
    }

    /** How long the title is held at home to open 帮办代办's staff sign-in. */
    static final java.time.Duration STAFF_HOLD = java.time.Duration.ofSeconds(3);

    /**
     * 帮办代办: holding the title for {@link #STAFF_HOLD} at home opens the staff's sign-in. Nothing on screen offers it (it
     * is for the staff, who are shown it), and a villager's tap on the title does nothing; the administrator's console
     * will take its own gesture later.
     */
    private void staffCorner(Node title) {
        if (shell.assist() == null) {
            return;
        }
        javafx.animation.PauseTransition hold = new javafx.animation.PauseTransition(javafx.util.Duration.millis(STAFF_HOLD.toMillis()));
        hold.setOnFinished(e -> flow.openStaff());
        title.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> hold.playFromStart());
        title.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> hold.stop());
        title.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_EXITED, e -> hold.stop());
    }

    /** "帮办模式 · 工作人员 韦**" on every screen while a staff member does the visit's services. */
    private Node assistBanner() {
        Label words = Ui.label(texts.bind(() -> flow.session().assistant() == null ? ""
                : texts.get("assist.banner", flow.session().assistant().maskedName()), flow.session().assistantProperty()),
                "assist-banner-text");
        words.setId("assist-banner");
        words.setWrapText(false);
        HBox banner = new HBox(words);
        banner.getStyleClass().add("assist-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        return Ui.shownWhen(banner, flow.session().assistantProperty().isNotNull());
    }

    private static void selected(Button b, boolean on) {
        b.getStyleClass().remove("selected");
        if (on) {
            b.getStyleClass().add("selected");
        }
    }

    private Node navBar() {
        // Where there is nowhere to go (home, out of service), 返回 and 首页 stay in place, quiet.
        // 返回 is off where there is no way back: home, out of service, and a step whose work is done (paid,
        // submitted: the receipt and the evaluation); 首页 only at home and out of service. While money is
        // being taken, the pay screen's own 取消支付 comes first for both. Help is always left by 返回.
        BooleanBinding helping = shell.coverProperty().isEqualTo(Cover.HELP);
        BooleanBinding blocked = shell.coverProperty().isEqualTo(Cover.OUT_OF_SERVICE)
                .or(flow.session().takingMoneyProperty().and(helping.not()));
        Button back = Ui.button(texts.bind("nav.back"), "nav-back", "nav-button");
        Button home = Ui.button(texts.bind("nav.home"), "nav-home", "nav-button");
        back.disableProperty().bind(flow.canGoBackProperty().not().and(helping.not()).or(blocked));
        home.disableProperty().bind(flow.screenProperty().isEqualTo(KioskFlowModel.Screen.HOME).and(helping.not()).or(blocked));
        back.setOnAction(e -> {
            if (shell.coverProperty().get() == Cover.HELP) {
                shell.closeHelp();
            } else {
                flow.back();
            }
        });
        home.setOnAction(e -> {
            shell.closeHelp();
            flow.home();
        });
        Button replay = Ui.button(texts.bind("nav.replay"), "nav-replay", "nav-button");
        replay.setGraphic(speakerIcon());
        replay.setOnAction(e -> shell.replay());
        Button help = Ui.button(texts.bind("nav.help"), "nav-help", "nav-button", "help-button");
        help.setOnAction(e -> shell.help());
        help.disableProperty().bind(shell.coverProperty().isEqualTo(Cover.OUT_OF_SERVICE));
        HBox bar = new HBox(Ui.GAP, back, home, Ui.spacer(), replay, help);
        bar.getStyleClass().add("nav-bar");
        return bar;
    }

    /** 🔊 drawn as a shape: the kiosk's fonts have no emoji. */
    private static Node speakerIcon() {
        SVGPath p = new SVGPath();
        p.setContent("M2 12 H10 L20 3 V33 L10 24 H2 Z M25 10 Q31 18 25 26 M29 5 Q39 18 29 31");
        p.getStyleClass().add("speaker-icon");
        return p;
    }
}
