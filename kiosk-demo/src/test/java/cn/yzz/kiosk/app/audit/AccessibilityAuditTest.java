package cn.yzz.kiosk.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.yzz.kiosk.app.audit.AccessibilityAudit.Rules;
import cn.yzz.kiosk.app.audit.AccessibilityAudit.Violation;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Each rule on small synthetic screens of the kiosk's size (1080 × 1920), passing and failing. */
class AccessibilityAuditTest {

    private static final String BLACK_28 = "-fx-font-size: 28px; -fx-text-fill: black;";

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    // Contrast maths //

    @Test
    void contrastRatioMatchesWcagForKnownPairs() {
        assertThat(ContrastCheck.ratio(Color.web("#000"), Color.web("#fff"))).isCloseTo(21.0, within(1e-9));
        assertThat(ContrastCheck.ratio(Color.web("#767676"), Color.web("#fff"))).isCloseTo(4.54, within(0.005));
        assertThat(ContrastCheck.ratio(Color.web("#fff"), Color.web("#767676"))).as("order does not matter")
                .isCloseTo(4.54, within(0.005));
        assertThat(ContrastCheck.ratio(Color.web("#595959"), Color.web("#fff"))).isCloseTo(7.0, within(0.01));
    }

    // A good screen //

    @Test
    void aScreenThatFollowsTheRulesHasNoViolations() {
        List<Violation> v = audit(Rules.normal(), () -> screen(
                at(heading(label("请选择要办理的事项", "-fx-font-size: 40px; -fx-text-fill: #1a1a1a;")), 48, 40),
                at(label("请把身份证放在感应区", BLACK_28), 48, 120),
                at(button("ok", 96, 96), 48, 300),
                at(button("cancel", 96, 96), 160, 300)));

        assertThat(v).as(AccessibilityAudit.report(v)).isEmpty();
    }

    // Text size //

    @Test
    void reportsTextSmallerThan28px() {
        List<Violation> v = audit(Rules.normal(), () -> screen(
                at(id("small", label("小字", "-fx-font-size: 20px; -fx-text-fill: black;")), 48, 40),
                at(label("正常", BLACK_28), 48, 200)));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("text-size");
            assertThat(x.node()).startsWith("Label#small \"小字\" @(48,40 ");
            assertThat(x.detail()).isEqualTo("20 px on screen, needs 28 px");
        });
    }

    @Test
    void reportsAHeadingSmallerThan40px() {
        List<Violation> v = audit(Rules.normal(), () -> screen(
                at(id("title", heading(label("标题", "-fx-font-size: 32px; -fx-text-fill: black;"))), 48, 40)));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("heading-size");
            assertThat(x.node()).startsWith("Label#title[heading] \"标题\"");
            assertThat(x.detail()).isEqualTo("32 px on screen, needs 40 px");
        });
    }

    @Test
    void aHeadingClassCountsUpToThreeLevelsAboveTheText() {
        // The Label's text sits at level 0; the Label is level 1, then two VBoxes.
        List<Violation> threeUp = audit(Rules.normal(), () -> screen(
                at(heading(new VBox(new VBox(label("标题", "-fx-font-size: 32px; -fx-text-fill: black;")))), 48, 40)));
        List<Violation> fourUp = audit(Rules.normal(), () -> screen(
                at(heading(new VBox(new VBox(new VBox(label("标题", "-fx-font-size: 32px; -fx-text-fill: black;"))))), 48, 40)));

        assertThat(threeUp).extracting(Violation::rule).containsExactly("heading-size");
        assertThat(fourUp).as("32 px is fine for body text").isEmpty();
    }

    @Test
    void aTextInTheGraphicOfAHeadingLabelIsAHeadingHoweverDeep() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Text deep = new Text("深");
            deep.setFont(Font.font(32));
            Label label = heading(label("", BLACK_28));
            label.setGraphic(new StackPane(new StackPane(new StackPane(deep))));
            return screen(at(label, 48, 40));
        });

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("heading-size");
            assertThat(x.node()).startsWith("Text \"深\"");
        });
    }

    @Test
    void measuresTextAsScaledOnScreen() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Pane half = new Pane(at(label("缩小", "-fx-font-size: 40px; -fx-text-fill: black;"), 0, 0));
            half.getTransforms().add(new Scale(0.5, 0.5));
            return screen(at(half, 48, 40));
        });

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("text-size");
            assertThat(x.detail()).isEqualTo("20 px on screen, needs 28 px");
        });
    }

    @Test
    void textExactlyAtTheLimitPassesAlsoWhenScaled() {
        List<Violation> v = audit(Rules.elder(), () -> {
            Pane scaled = new Pane(at(label("缩放", "-fx-font-size: 56px; -fx-text-fill: black;"), 0, 0));
            scaled.getTransforms().add(new Scale(0.65, 0.65)); // 56 × 0.65 = 36.4
            return screen(at(label("刚好", "-fx-font-size: 36.4px; -fx-text-fill: black;"), 48, 40), at(scaled, 48, 200));
        });

        assertThat(v).as(AccessibilityAudit.report(v)).isEmpty();
    }

    // Touch targets //

    @Test
    void reportsAButtonLowerThan96px() {
        List<Violation> v = audit(Rules.normal(), () -> screen(at(button("flat", 96, 60), 48, 40)));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("target-size");
            assertThat(x.node()).startsWith("Button#flat \"OK\" @(48,40 96x60)");
            assertThat(x.detail()).isEqualTo("96 x 60 px, needs 96 x 96 px");
        });
    }

    @Test
    void theTouchTargetClassMakesAnyNodeATarget() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Pane tile = sized(new Pane(), 80, 200);
            tile.getStyleClass().add("touch-target");
            return screen(at(tile, 48, 40));
        });

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("target-size");
            assertThat(x.node()).isEqualTo("Pane[touch-target] @(48,40 80x200)");
        });
    }

    @Test
    void reportsTargetsCloserThan16px() {
        List<Violation> v = audit(Rules.normal(), () -> screen(
                at(button("left", 96, 96), 48, 40),
                at(button("right", 96, 96), 152, 40)));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("target-gap");
            assertThat(x.node()).startsWith("Button#left");
            assertThat(x.detail()).startsWith("8 px from Button#right").endsWith("needs 16 px between targets");
        });
    }

    @Test
    void targetsFarEnoughApartAcrossOrDownPass() {
        List<Violation> v = audit(Rules.normal(), () -> screen(
                at(button("a", 96, 96), 48, 40),
                at(button("b", 96, 96), 152, 152))); // 8 px across, 16 px down

        assertThat(v).as(AccessibilityAudit.report(v)).isEmpty();
    }

    @Test
    void reportsATargetInsideAnother() {
        List<Violation> v = audit(Rules.normal(), () -> {
            StackPane card = sized(new StackPane(button("inner", 96, 96)), 300, 300);
            card.setId("card");
            card.getStyleClass().add("touch-target");
            return screen(at(card, 48, 40));
        });

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("target-gap");
            assertThat(x.node()).startsWith("StackPane#card[touch-target]");
            assertThat(x.detail()).startsWith("contains Button#inner");
        });
    }

    @Test
    void aButtonThatIsAnotherButtonsGraphicIsOneTarget() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Button outer = button("outer", 300, 200);
            outer.setGraphic(button("icon", 96, 96));
            return screen(at(outer, 48, 40));
        });

        assertThat(v).as(AccessibilityAudit.report(v)).isEmpty();
    }

    // Contrast //

    @Test
    void reportsGreyTextOnWhite() {
        List<Violation> v = audit(Rules.normal(), () -> screen(
                at(id("hint", label("提示", "-fx-font-size: 28px; -fx-text-fill: #aaaaaa;")), 48, 40)));

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("contrast");
            assertThat(x.node()).startsWith("Label#hint");
            assertThat(x.detail()).isEqualTo("2.32:1 (#aaaaaa on #ffffff), needs 4.5:1");
        });
    }

    @Test
    void passesAtExactly4point5To1AndFailsJustBelow() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Label greyText = id("grey-text", label("刚好", "-fx-font-size: 28px;"));
            greyText.setTextFill(greyAgainstWhite(4.5));
            Label onGrey = id("on-grey", label("刚好", BLACK_28));
            onGrey.setBackground(Background.fill(greyAgainstBlack(4.5)));
            Label under = id("under", label("差一点", "-fx-font-size: 28px;"));
            under.setTextFill(greyAgainstWhite(4.49));
            return screen(at(greyText, 48, 40), at(onGrey, 48, 200), at(under, 48, 400));
        });

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("contrast");
            assertThat(x.node()).startsWith("Label#under");
            assertThat(x.detail()).startsWith("4.49:1");
        });
    }

    @Test
    void elderRulesNeed7To1AndLargerText() {
        String size = "-fx-font-size: 40px; ";
        List<Violation> seven = audit(Rules.elder(), () -> screen(at(label("七比一", size + "-fx-text-fill: #595959;"), 48, 40)));
        List<Violation> under = audit(Rules.elder(), () -> screen(at(label("不够", size + "-fx-text-fill: #5a5a5a;"), 48, 40)));
        List<Violation> small = audit(Rules.elder(), () -> screen(at(label("小", BLACK_28), 48, 40)));

        assertThat(seven).as(AccessibilityAudit.report(seven)).isEmpty();
        assertThat(under).singleElement().satisfies(x -> assertThat(x.detail()).startsWith("6.90:1").endsWith("needs 7:1"));
        assertThat(small).singleElement().satisfies(x -> assertThat(x.detail()).isEqualTo("28 px on screen, needs 36.4 px"));
        assertThat(audit(Rules.normal(), () -> screen(at(label("不够", size + "-fx-text-fill: #5a5a5a;"), 48, 40))))
                .as("the same grey passes the normal rules").isEmpty();
    }

    @Test
    void aTranslucentBackgroundIsCompositedOverTheOneBelow() {
        List<Violation> v = audit(Rules.normal(), () -> {
            String white = "-fx-font-size: 28px; -fx-text-fill: white;";
            Label onHalfBlack = label("白字", white + " -fx-background-color: rgba(0, 0, 0, 0.5);");
            Rectangle fadedBlack = new Rectangle(300, 100, Color.BLACK);
            fadedBlack.setOpacity(0.5);
            return screen(at(onHalfBlack, 48, 40), at(new StackPane(fadedBlack, label("白字", white)), 48, 400));
        });

        assertThat(v).hasSize(2).allSatisfy(x -> assertThat(x.detail()).contains("(#ffffff on #808080)"));
    }

    @Test
    void aLinearGradientIsTakenAtTheTextsCentre() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Pane fade = sized(new Pane(
                    at(id("top", label("上", BLACK_28)), 48, 40),
                    at(id("bottom", label("下", BLACK_28)), 48, 1800)), 1080, 1920);
            fade.setStyle("-fx-background-color: linear-gradient(to bottom, white, black);");
            return screen(fade);
        });

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("contrast");
            assertThat(x.node()).startsWith("Label#bottom");
        });
    }

    @Test
    void aFadedLabelIsJudgedByTheColourItShows() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Label faded = label("淡", BLACK_28);
            faded.setOpacity(0.4);
            return screen(at(faded, 48, 40));
        });

        assertThat(v).singleElement().satisfies(x -> assertThat(x.detail()).contains("(#999999 on #ffffff)"));
    }

    @Test
    void aShapePaintedUnderTheTextIsItsBackground() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Text onDark = new Text("读卡区");
            onDark.setFont(Font.font(32));
            onDark.setFill(Color.WHITE);
            Text onLight = new Text("!");
            onLight.setFont(Font.font(110));
            onLight.setFill(Color.WHITE);
            return screen(at(new StackPane(new Rectangle(480, 140, Color.web("#37474f")), onDark), 48, 40),
                    at(new StackPane(new Circle(72, Color.web("#fdecea")), onLight), 48, 400));
        });

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.node()).startsWith("Text \"!\"");
            assertThat(x.detail()).contains("(#ffffff on #fdecea)");
        });
    }

    @Test
    void textWhoseColourOrBackgroundCannotBeJudgedIsReported() {
        List<Violation> v = audit(Rules.normal(), () -> {
            StackPane picture = sized(new StackPane(label("图上的字", BLACK_28)), 400, 300);
            picture.setId("picture");
            picture.setStyle("-fx-background-color: radial-gradient(radius 100%, white, black);");
            StackPane photo = new StackPane(new ImageView(new WritableImage(400, 300)), label("照片上的字", BLACK_28));
            Label rainbow = id("rainbow", label("彩虹", "-fx-font-size: 28px; -fx-text-fill: linear-gradient(red, blue);"));
            return screen(at(picture, 48, 40), at(photo, 48, 400), at(rainbow, 48, 800));
        });

        assertThat(v).extracting(Violation::rule).containsOnly("contrast");
        assertThat(v).extracting(Violation::detail).containsExactly(
                "cannot determine background: RadialGradient on StackPane#picture @(48,40 400x300)",
                "cannot determine background: ImageView under the text: ImageView @(48,400 400x300)",
                "cannot determine text colour: LinearGradient");
    }

    @Test
    void disabledTextIsExemptFromContrastButNotFromSize() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Label faint = id("faint", label("灰色", "-fx-font-size: 28px; -fx-text-fill: #cccccc;"));
            Label small = id("small", label("小字", "-fx-font-size: 20px; -fx-text-fill: #cccccc;"));
            faint.setDisable(true);
            small.setDisable(true);
            return screen(at(faint, 48, 40), at(small, 48, 200));
        });

        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("text-size");
            assertThat(x.node()).startsWith("Label#small");
        });
    }

    // What is audited //

    @Test
    void nodesNobodyCanSeeAreNotAudited() {
        List<Violation> v = audit(Rules.normal(), () -> {
            Label hidden = label("隐藏", "-fx-font-size: 10px;");
            hidden.setVisible(false);
            Label transparent = label("透明", "-fx-font-size: 10px;");
            transparent.setOpacity(0);
            VBox hiddenParent = new VBox(button("tiny", 20, 20));
            hiddenParent.setVisible(false);
            Label offScreen = label("屏幕外", "-fx-font-size: 10px;");
            Pane clipped = sized(new Pane(at(label("被裁掉", "-fx-font-size: 10px;"), 0, 200)), 400, 400);
            clipped.setClip(new Rectangle(400, 100));
            Label seen = id("seen", label("看得见", "-fx-font-size: 10px;"));
            return screen(at(hidden, 48, 40), at(transparent, 48, 100), at(hiddenParent, 48, 200),
                    at(offScreen, 1200, 300), at(clipped, 48, 400), at(seen, 48, 1500));
        });

        assertThat(v).as(AccessibilityAudit.report(v)).singleElement().satisfies(x -> assertThat(x.node()).startsWith("Label#seen"));
    }

    @Test
    void theAuditIgnoreClassSkipsAWholeSubtree() {
        List<Violation> v = audit(Rules.normal(), () -> {
            VBox simulator = new VBox(label("模拟器", "-fx-font-size: 12px; -fx-text-fill: #cccccc;"), button("fault", 40, 20));
            simulator.getStyleClass().add("audit-ignore");
            return screen(at(simulator, 48, 40), at(button("near", 96, 96), 48, 64));
        });

        assertThat(v).as(AccessibilityAudit.report(v)).isEmpty();
    }

    // Reporting //

    @Test
    void describesANodeByTypeIdClassesTextAndBounds() {
        Button back = button("nav-back", 160, 96);
        back.setText("返回");
        back.getStyleClass().add("nav-button");
        Label longText = id("long", label("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十多出来", BLACK_28));

        Parent root = fx(() -> screen(at(back, 48, 1780), at(longText, 48, 40)));
        AccessibilityAudit.auditOnFxThread(root, Rules.normal()); // lays the screen out

        assertThat(fx(() -> AccessibilityAudit.describe(back))).isEqualTo("Button#nav-back[nav-button] \"返回\" @(48,1780 160x96)");
        assertThat(fx(() -> AccessibilityAudit.describe(longText)))
                .startsWith("Label#long \"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十…\" @(48,40 ");
    }

    @Test
    void theReportHasOneLinePerViolation() {
        List<Violation> v = audit(Rules.normal(), () -> screen(
                at(id("small", label("小字", "-fx-font-size: 20px; -fx-text-fill: #aaaaaa;")), 48, 40)));

        assertThat(AccessibilityAudit.report(v).lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("Label#small"));
        assertThat(AccessibilityAudit.report(v)).startsWith("text-size: Label#small \"小字\" @(48,40 ");
    }

    // Building screens //

    /** Builds the screen on the JavaFX thread, where scenes are made, and audits it from the test thread. */
    private static List<Violation> audit(Rules rules, Callable<Parent> screen) {
        Parent root = fx(screen);
        return AccessibilityAudit.auditOnFxThread(root, rules);
    }

    private static <T> T fx(Callable<T> action) {
        try {
            return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not run on the JavaFX thread: " + e, e);
        }
    }

    /** A white screen of the kiosk's size with {@code nodes} where they were put. */
    private static Pane screen(Node... nodes) {
        Pane root = new Pane(nodes);
        root.setStyle("-fx-background-color: white;");
        new Scene(root, 1080, 1920); // the audit measures against the scene's size
        return root;
    }

    private static <N extends Node> N at(N node, double x, double y) {
        node.relocate(x, y);
        return node;
    }

    private static <N extends Node> N id(String id, N node) {
        node.setId(id);
        return node;
    }

    private static <N extends Node> N heading(N node) {
        node.getStyleClass().add("heading");
        return node;
    }

    private static Label label(String text, String style) {
        Label label = new Label(text);
        label.setStyle(style);
        return label;
    }

    private static Button button(String id, double width, double height) {
        Button button = sized(new Button("OK"), width, height);
        button.setId(id);
        button.setStyle("-fx-font-size: 28px; -fx-padding: 0;");
        return button;
    }

    private static <R extends Region> R sized(R region, double width, double height) {
        region.setMinSize(width, height);
        region.setPrefSize(width, height);
        region.setMaxSize(width, height);
        return region;
    }

    /** The grey that has {@code ratio}:1 against white (WCAG's luminance formula inverted). */
    private static Color greyAgainstWhite(double ratio) {
        return grey(1.05 / ratio - 0.05);
    }

    private static Color greyAgainstBlack(double ratio) {
        return grey(0.05 * ratio - 0.05);
    }

    private static Color grey(double luminance) {
        return Color.gray(1.055 * Math.pow(luminance, 1 / 2.4) - 0.055);
    }
}
