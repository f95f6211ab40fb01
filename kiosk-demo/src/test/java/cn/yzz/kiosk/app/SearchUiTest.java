package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.search.SearchModel;
import cn.yzz.kiosk.app.support.SceneProbe;
import cn.yzz.kiosk.app.view.ElderStyle;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.app.view.ScaledRoot;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 搜索 as a villager uses it, headless (Monocle, 1080 × 1920), on the real kiosk (its index built on its own
 * thread): the home screen's tile, the A–Z keypad tapped letter by letter, a result chosen, 返回 back to the
 * results. Also draws the screen with results, with none found, in elder mode and in landscape into
 * {@code target/search-shots} (for a person to look at).
 */
class SearchUiTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Path SHOTS = Path.of("target", "search-shots");

    @TempDir
    static Path dataDir;

    private final FxRobot robot = new FxRobot();
    private final Texts words = new Texts();
    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private DemoRig demo;
    private final List<Node> pressed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(dataDir);
    }

    @BeforeEach
    void start() throws Exception {
        demo = DemoRig.start(dataDir.resolve("receipts"));
        kiosk = Kiosk.create(DemoOptions.kiosk(dataDir), CatalogParser.bundled(), TODAY,
                new Kiosk.Settings(Duration.ofSeconds(60), IdleWatch.Settings.defaults(), Duration.ZERO, false), demo);
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        demo.emulator().setPaced(false);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
            scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pressed.add(e.getPickResult().getIntersectedNode()));
        });
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> { });
        await("the outbox open", () -> kiosk.countyOpen());
        fxRun(() -> kiosk.onlineProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.setupFixture(() -> stage.hide());
        kiosk.close();
        demo.close();
        robot.release(new MouseButton[0]);
    }

    @Test
    void aVillagerTypesYlbxChoosesAResultAndComesBackToTheResults() throws Exception {
        assertThat(textOf("tile-search")).isNull(); // its words are in its graphic, as a theme tile's
        shot("portrait-normal-home");
        landscape("landscape-normal-home", false, "tile-search");
        tap("tile-search");
        await("the 搜索 screen", () -> screen() == Screen.SEARCH);
        assertThat(textOf("search-title")).isEqualTo(words.get("search.title"));
        assertThat(SceneProbe.visible(scene, "search-hint")).as("how to type, while the field is empty").isTrue();
        await("the index built on its own thread", () -> search().stateProperty().get() == SearchModel.State.READY);

        for (char c : "ylbx".toCharArray()) {
            tap("letter-" + c);
        }
        assertThat(textOf("search-letters")).isEqualTo("Y L B X");
        int found = fx(() -> search().countProperty().get());
        assertThat(found).isPositive();
        assertThat(textOf("search-count")).isEqualTo(words.get("search.found", found));
        List<Service> page = fx(() -> List.copyOf(search().pageServicesProperty()));
        assertThat(page).isNotEmpty().allSatisfy(s -> assertThat(cn.yzz.kiosk.app.search.SearchIndex.initialsOf(s.name())).contains("ylbx"));
        for (Service s : page) {
            assertThat(SceneProbe.visible(scene, "result-" + s.code())).as(s.name() + " on screen").isTrue();
        }
        shot("portrait-normal-search-results");

        Service chosen = page.stream().filter(s -> s.name().contains("养老保险")).findFirst().orElseThrow();
        tap("result-" + chosen.code());
        await("identify for the service found", () -> kiosk.model().identify().stepProperty().get() == Step.WAITING);
        assertThat(fx(() -> kiosk.model().serviceProperty().get())).isEqualTo(chosen);

        tap("nav-back");
        await("back on the results", () -> screen() == Screen.SEARCH);
        assertThat(textOf("search-letters")).isEqualTo("Y L B X");
        assertThat(fx(() -> List.copyOf(search().pageServicesProperty()))).isEqualTo(page);

        tap("letter-delete");
        assertThat(textOf("search-letters")).isEqualTo("Y L B");
        tap("letter-clear");
        assertThat(SceneProbe.visible(scene, "search-letters")).isFalse();
        assertThat(SceneProbe.visible(scene, "search-hint")).isTrue();

        tap("nav-back");
        await("home", () -> screen() == Screen.HOME);
    }

    @Test
    void nothingFoundSaysSoAndElderModeAndLandscapeKeepTheKeysAndResultsOnScreen() throws Exception {
        tap("tile-search");
        await("the index", () -> screen() == Screen.SEARCH && search().stateProperty().get() == SearchModel.State.READY);
        for (char c : "qqq".toCharArray()) {
            tap("letter-" + c);
        }
        assertThat(SceneProbe.visible(scene, "search-none")).isTrue();
        assertThat(textOf("search-none")).isEqualTo(words.get("search.none"));
        assertThat(SceneProbe.visible(scene, "search-count")).isFalse();
        shot("portrait-normal-search-none");

        tap("letter-clear");
        for (char c : "zzxq".toCharArray()) { // 自助寻亲: in the catalogue, but it needs a camera, which this kiosk has not
            tap("letter-" + c);
        }
        assertThat(textOf("search-none")).isEqualTo(words.get("search.none.here"));
        assertThat(textOf("search-none-hint")).isEqualTo(words.get("search.none.here.hint"));
        shot("portrait-normal-search-not-here");

        tap("letter-clear");
        tap("elder-toggle");
        await("elder mode", () -> kiosk.shell().elderProperty().get());
        for (char c : "cxjm".toCharArray()) {
            tap("letter-" + c);
        }
        assertThat(fx(() -> search().pageServicesProperty().size())).isEqualTo(SearchModel.ELDER_PAGE_SIZE);
        assertThat(SceneProbe.visible(scene, "search-next")).isTrue();
        shot("portrait-elder-search-results");
        tap("search-next");
        assertThat(fx(() -> search().pageProperty().get())).isEqualTo(1);

        // The same kiosk drawn in landscape, in both modes (the audit of ScreensAuditTest checks sizes and gaps).
        landscape("landscape-elder-search-results", true, "letter-keypad");
        fxRun(() -> kiosk.shell().setElder(false));
        landscape("landscape-normal-search-results", false, "letter-keypad");
    }

    // Helpers //

    private SearchModel search() {
        return kiosk.model().search();
    }

    private Screen screen() {
        return fx(() -> kiosk.model().screenProperty().get());
    }

    private String textOf(String id) {
        return SceneProbe.textOf(scene, id);
    }

    private void tap(String id) {
        Point2D centre = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            Node n = SceneProbe.node(scene, id);
            for (Node up = n; up != null; up = up.getParent()) {
                assertThat(up.isVisible()).as("#" + id + " is shown").isTrue();
            }
            assertThat(n.isDisabled()).as("#" + id + " can be tapped").isFalse();
            Bounds b = n.localToScreen(n.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        Node target = fx(() -> SceneProbe.node(scene, id));
        FxService.serviceContext().getBaseRobot().moveMouse(centre);
        WaitForAsyncUtils.waitForFxEvents();
        pressed.clear();
        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pressed).as("the tap on #" + id + " reached the screen").isNotEmpty();
        Node hit = pressed.get(pressed.size() - 1);
        assertThat(fx(() -> {
            for (Node up = hit; up != null; up = up.getParent()) {
                if (up == target) {
                    return true;
                }
            }
            return false;
        })).as("a tap on the centre of #" + id + " lands on it").isTrue();
    }

    private void shot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        BufferedImage img = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return SwingFXUtils.fromFXImage(scene.snapshot(null), null);
        });
        ImageIO.write(img, "png", SHOTS.resolve(name + ".png").toFile());
    }

    /** A second view of the same shell at 1920 × 1080, styled as the kiosk styles its scene, drawn to a file. */
    private void landscape(String name, boolean elder, String shown) throws Exception {
        Files.createDirectories(SHOTS);
        BufferedImage img = fx(() -> {
            ScaledRoot root = new ScaledRoot(new KioskView(kiosk.shell(), 1920, 1080), 1920, 1080);
            root.setStyle("-fx-font-family: \"" + Fonts.family() + "\";");
            Scene s = new Scene(root, 1920, 1080);
            s.getStylesheets().add(KioskView.stylesheet());
            if (elder) {
                s.getStylesheets().add(ElderStyle.stylesheet());
            }
            for (int pass = 0; pass < 3; pass++) {
                root.applyCss();
                root.layout();
            }
            assertThat(root.lookup("#" + shown)).as("#" + shown + " in landscape").isNotNull();
            return SwingFXUtils.fromFXImage(s.snapshot(null), null);
        });
        ImageIO.write(img, "png", SHOTS.resolve(name.toLowerCase(Locale.ROOT) + ".png").toFile());
    }
}
