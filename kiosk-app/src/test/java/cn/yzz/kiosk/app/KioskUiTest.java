package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.catalogue.CatalogueLoader;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk as villagers use it, headless (Monocle, 1080 × 1920): the real views, flow models,
 * driver and emulated reader, driven by taps.
 */
class KioskUiTest {

    private static final long WAIT_SECONDS = 15;

    @TempDir
    static Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Kiosk kiosk;
    private Stage stage;
    private DemoRig demo;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(dataDir);
    }

    @BeforeEach
    void start() throws Exception {
        KioskOptions options = new KioskOptions(true, dataDir, false, null, KioskOptions.DEFAULT_BAUD, false);
        kiosk = Kiosk.create(options, CatalogueLoader.loadBundled(),
                Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai")),
                new IdentifyModel.Settings(Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(60)));
        demo = kiosk.demo().orElseThrow();
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            kiosk.show(stage, false);
        });
        kiosk.openDevicesInBackground();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.setupFixture(() -> stage.hide());
        kiosk.close();
    }

    private <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not run on the FX thread: " + e, e);
        }
    }

    private void awaitFx(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Screen screen() {
        return fx(() -> kiosk.model().screenProperty().get());
    }

    private Step step() {
        return fx(() -> kiosk.model().identify().stepProperty().get());
    }

    private String textOf(String id) {
        return fx(() -> ((Labeled) stage.getScene().lookup("#" + id)).getText());
    }

    @Test
    void fillsTheScreenWithoutDecorations() {
        assertThat(fx(() -> stage.getWidth())).isEqualTo(fx(() -> javafx.stage.Screen.getPrimary().getBounds().getWidth()));
        assertThat(fx(() -> stage.getHeight())).isEqualTo(1920.0);
        assertThat(fx(() -> stage.getStyle())).isEqualTo(javafx.stage.StageStyle.UNDECORATED);
        assertThat(fx(() -> stage.getFullScreenExitKeyCombination())).isEqualTo(javafx.scene.input.KeyCombination.NO_MATCH);
        assertThat(textOf("title")).isEqualTo("粤智助");
    }

    @Test
    void homeToIdentifyToMaskedIdentityAndBackHome() throws Exception {
        IdCard card = CardFixtures.RESIDENT.card();
        assertThat(screen()).isEqualTo(Screen.HOME);
        checkAccessible("home");

        robot.clickOn("#home-identify");
        awaitFx("the identify screen", () -> kiosk.model().identify().stepProperty().get() == Step.WAITING);
        assertThat(textOf("identify-heading")).isEqualTo("请放置身份证");
        assertThat(textOf("identify-message")).isEqualTo(IdentifyModel.PLACE_CARD);
        checkAccessible("identify");

        demo.placeCard(CardFixtures.RESIDENT);
        awaitFx("the identity", () -> kiosk.model().identify().stepProperty().get() == Step.DONE);
        assertThat(textOf("identity-name")).isEqualTo("陈**").isEqualTo(Mask.name(card.name()));
        assertThat(textOf("identity-number")).isEqualTo(Mask.number(card.idNumber()));
        assertThat(textOf("identity-type")).isEqualTo("居民身份证");
        assertThat(textOf("identity-age")).isEqualTo("41 岁");
        assertThat(textOf("identity-validity")).isEqualTo("2011.06.01 至 2031.06.01");
        List<String> texts = fx(KioskUiTest::allTextOnScreen);
        assertThat(texts).as("masked forms are shown").contains("陈**", Mask.number(card.idNumber()));
        assertThat(String.join("\n", texts)).as("the full name and number appear nowhere in the scene graph")
                .doesNotContain(card.name()).doesNotContain(card.idNumber())
                .doesNotContain(card.idNumber().substring(3, 14)).doesNotContain(card.address());
        checkAccessible("identity");

        robot.clickOn("#identity-done");
        awaitFx("the reminder", () -> kiosk.model().identify().stepProperty().get() == Step.TAKE_CARD);
        assertThat(textOf("identify-heading")).isEqualTo("请取走您的身份证");
        assertThat(String.join("\n", fx(KioskUiTest::allTextOnScreen))).doesNotContain("陈**");
        robot.clickOn("#take-card-ok");
        awaitFx("home", () -> kiosk.model().screenProperty().get() == Screen.HOME);
        assertThat(fx(() -> stage.getScene().lookup("#home").isVisible())).isTrue();

        KioskLog.flush();
        String log = Files.readString(dataDir.resolve("logs/kiosk.log"), StandardCharsets.UTF_8);
        assertThat(log).as("the read reached the log, masked").contains("陈**").contains(Mask.number(card.idNumber()));
        assertThat(log).doesNotContain(card.idNumber()).doesNotContain(card.name());
    }

    @Test
    void aThemeTileListsItsServicesAndAServiceLeadsToIdentifyThenBack() throws Exception {
        robot.clickOn("#tile-shebao");
        awaitFx("the service list", () -> kiosk.model().screenProperty().get() == Screen.SERVICES);
        assertThat(textOf("services-title")).isEqualTo("社保");
        assertThat(textOf("page-label")).isEqualTo("第 1 页，共 2 页");
        checkAccessible("services");
        robot.clickOn("#page-next");
        awaitFx("page 2", () -> kiosk.model().pageProperty().get() == 1);
        robot.clickOn("#page-previous");
        awaitFx("page 1", () -> kiosk.model().pageProperty().get() == 0);

        robot.clickOn("#service-rsj-cxjm-yanglao-renzheng");
        awaitFx("identify for the service", () -> kiosk.model().screenProperty().get() == Screen.IDENTIFY);
        assertThat(textOf("identify-service")).isEqualTo("办理事项：城乡居民养老保险待遇领取资格认证");

        robot.clickOn("#nav-back");
        awaitFx("back to the list", () -> kiosk.model().screenProperty().get() == Screen.SERVICES);
        robot.clickOn("#nav-home");
        awaitFx("home", () -> kiosk.model().screenProperty().get() == Screen.HOME);
    }

    @Test
    void aCardLiftedDuringTheReadAsksToPlaceItAgain() throws Exception {
        demo.emulator().inject(Fault.CARD_REMOVED_MID_READ, 1);
        robot.clickOn("#home-identify");
        awaitFx("waiting", () -> kiosk.model().identify().stepProperty().get() == Step.WAITING);
        demo.placeCard(CardFixtures.RESIDENT);
        awaitFx("the error", () -> kiosk.model().identify().stepProperty().get() == Step.ERROR);
        assertThat(textOf("identify-error")).isEqualTo("请重新放置身份证");
        assertThat(fx(() -> stage.getScene().lookup("#identify-error").isVisible())).isTrue();
        checkAccessible("identify error");

        demo.placeCard(CardFixtures.RESIDENT);
        awaitFx("the identity", () -> kiosk.model().identify().stepProperty().get() == Step.DONE);
        robot.clickOn("#nav-home");
        robot.clickOn("#take-card-ok");
        awaitFx("home", () -> kiosk.model().screenProperty().get() == Screen.HOME);
    }

    @Test
    void aPulledReaderCableSaysToAskTheStaff() throws Exception {
        demo.unplug();
        robot.clickOn("#home-identify");
        awaitFx("unavailable", () -> kiosk.model().identify().stepProperty().get() == Step.UNAVAILABLE);
        assertThat(textOf("identify-unavailable")).isEqualTo("读卡器暂时无法使用，请联系村委会工作人员");
        checkAccessible("unavailable");
        robot.clickOn("#nav-home");
        awaitFx("home", () -> kiosk.model().screenProperty().get() == Screen.HOME);
        assertThat(step()).isEqualTo(Step.IDLE);
    }

    /** Every piece of text in every window, as a villager could see it. */
    private static List<String> allTextOnScreen() {
        List<String> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) {
                collect(w.getScene().getRoot(), out);
            }
        }
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof Text t && t.getText() != null) {
            out.add(t.getText());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    /**
     * On the laid-out screen: visible text at least 28 px, visible buttons at least 96 × 96 px,
     * and no two buttons closer than 16 px.
     */
    private void checkAccessible(String where) {
        List<String> problems = fx(() -> {
            List<String> p = new ArrayList<>();
            List<Bounds> buttons = new ArrayList<>();
            int[] texts = {0};
            walk(stage.getScene().getRoot(), p, buttons, texts);
            if (buttons.size() < 2 || texts[0] < 3) {
                p.add("only " + buttons.size() + " buttons and " + texts[0] + " texts found: the check saw nothing");
            }
            for (int i = 0; i < buttons.size(); i++) {
                for (int j = i + 1; j < buttons.size(); j++) {
                    double gap = gap(buttons.get(i), buttons.get(j));
                    if (gap < 16) {
                        p.add("buttons " + buttons.get(i) + " and " + buttons.get(j) + " are " + gap + " px apart");
                    }
                }
            }
            return p;
        });
        assertThat(problems).as("accessibility on " + where).isEmpty();
    }

    private static void walk(Node n, List<String> problems, List<Bounds> buttons, int[] texts) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Text t && !t.getText().isBlank()) {
            texts[0]++;
            if (t.getFont().getSize() < 28) {
                problems.add("text '" + t.getText() + "' is " + t.getFont().getSize() + " px");
            }
        }
        if (n instanceof Button b) {
            Bounds s = b.localToScene(b.getLayoutBounds());
            if (s.getWidth() < 96 || s.getHeight() < 96) {
                problems.add("button " + b.getId() + " is " + s.getWidth() + " x " + s.getHeight());
            }
            buttons.add(s);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                walk(c, problems, buttons, texts);
            }
        }
    }

    private static double gap(Bounds a, Bounds b) {
        double dx = Math.max(0, Math.max(a.getMinX() - b.getMaxX(), b.getMinX() - a.getMaxX()));
        double dy = Math.max(0, Math.max(a.getMinY() - b.getMaxY(), b.getMinY() - a.getMaxY()));
        return Math.max(dx, dy);
    }
}
