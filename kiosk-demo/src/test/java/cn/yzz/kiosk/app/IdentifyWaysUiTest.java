package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.flow.IdentifyModel.Problem;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.support.SceneProbe;
import cn.yzz.kiosk.app.view.ElderStyle;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.ScaledRoot;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.demo.DemoCounty;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.sscard.SsCardReader;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
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
 * The identify screen's ways as villagers use them, headless (Monocle, 1080 × 1920) on the demo's devices:
 * the 粤省事码 shown to the emulated scanner and resolved by the demo's county over loopback HTTP, the social
 * security card in the in-memory slot read by the real driver. Every new state is also drawn to
 * {@code target/identify-screens/} in portrait (as on screen), landscape (the same models in a 1920 × 1080
 * view) and, for the ways offered, elder mode, for a person to look at.
 */
class IdentifyWaysUiTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final Path SHOTS = Path.of("target", "identify-screens");
    /** 城乡居民养老、医疗保险缴费（本人）: ID card, 粤省事码 or social security card. */
    private static final String PAY_SELF = "SWJ-0001";
    private static final String OLD_CODE = "YSS-DEMO-EXPIRED-0000";

    @TempDir
    static Path dataDir;
    private static DemoCounty county;

    private final FxRobot robot = new FxRobot();
    private final List<Node> pressed = new CopyOnWriteArrayList<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private Scene landscape;
    private DemoRig demo;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(dataDir);
        county = DemoCounty.start(dataDir, "enhanced");
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void county() {
        county.close();
    }

    @BeforeEach
    void start() throws Exception {
        Logger.getLogger("").addHandler(capture);
        county.backend().faults().clear();
        demo = DemoRig.start(dataDir.resolve("receipts"));
        kiosk = Kiosk.create(DemoOptions.kiosk(dataDir), CatalogParser.bundled(), TODAY,
                new Kiosk.Settings(Duration.ofSeconds(60), IdleWatch.Settings.defaults(), Duration.ZERO, false), demo);
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        demo.emulator().setPaced(false);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
            scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pressed.add(e.getPickResult().getIntersectedNode()));
            // The same models drawn for a landscape screen, styled as Kiosk.show styles the real one.
            ScaledRoot wide = new ScaledRoot(new KioskView(kiosk.shell(), 1920, 1080), 1920, 1080);
            wide.setStyle("-fx-font-family: \"" + Fonts.family() + "\";");
            landscape = new Scene(wide, 1920, 1080);
            landscape.getStylesheets().add(KioskView.stylesheet());
            kiosk.shell().elderProperty().addListener((o, was, now) -> {
                landscape.getStylesheets().remove(ElderStyle.stylesheet());
                if (now) {
                    landscape.getStylesheets().add(ElderStyle.stylesheet());
                }
            });
        });
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> { }); // enrolled with the demo county: the code is resolved over HTTP
        await("the outbox open", () -> kiosk.countyOpen());
        await("the devices open", () -> kiosk.model().abilitiesProperty().get().allows(Identity.SSCARD)
                && kiosk.model().abilitiesProperty().get().allows(Identity.YSS_CODE));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        Logger.getLogger("").removeHandler(capture);
        FxToolkit.setupFixture(() -> stage.hide());
        kiosk.close();
        demo.close();
        robot.release(new MouseButton[0]);
    }

    @Test
    void aCodeShownAtHomeIsCheckedByTheCountyAndIdentifiesFirst() throws Exception {
        assertThat(fx(() -> SceneProbe.texts(node("home-identify")))).as("home says a code works here too")
                .contains(say("home.identify.hint.code"));
        shoot("home");

        county.backend().faults().set("delay=3s,only=identity/resolve"); // a slow line, so that checking shows
        demo.showCode(DevBackend.DEMO_YSS_CODE);
        await("checking the code", () -> step() == Step.RESOLVING);
        assertThat(screen()).isEqualTo(Screen.IDENTIFY);
        assertThat(textOf("identify-message")).isEqualTo(say("identify.resolving"));
        assertThat(visible("identify-error")).isFalse();
        shoot("identify-resolving");

        await(10, "resolved", () -> step() == Step.DONE);
        county.backend().faults().clear();
        assertThat(textOf("identity-name")).isEqualTo("李**");
        assertThat(textOf("identity-type")).isEqualTo(say("how.yss-code"));
        assertThat(visible("identity-validity")).as("a code has no validity dates").isFalse();
        assertThat(visible("identity-photo")).as("a neutral figure instead of a photo").isTrue();
        assertThat(visible("identity-ok")).isTrue();
        assertThat(textOf("identity-ok")).isEqualTo(say("identity.verified"));
        shoot("identity-code");

        tap("identity-continue");
        await("home, identified", () -> screen() == Screen.HOME && kiosk.model().session().villager() != null);
        assertThat(fx(() -> kiosk.model().session().villager().how())).isEqualTo(Identity.YSS_CODE);
        tap("tile-social-insurance");
        await("the list", () -> screen() == Screen.SERVICES);
        tapService(PAY_SELF);
        await("the service, not asked again", () -> screen() == Screen.SERVICE);
        tap("nav-home");
        await("home at once: no card to take", () -> screen() == Screen.HOME && !fx(() -> kiosk.model().session().active()));

        String all = String.join("\n", logged.stream().map(r -> r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())).toList());
        assertThat(all).as("the code never logged").doesNotContain(DevBackend.DEMO_YSS_CODE).doesNotContain("DEMO-0001");
        KioskLog.flush();
        assertThat(Files.readString(dataDir.resolve("logs/kiosk.log"))).doesNotContain(DevBackend.DEMO_YSS_CODE).contains("粤省事码 resolved");
    }

    @Test
    void theWaysOfferedAndWhatEachFailureSays() throws Exception {
        tap("tile-social-insurance");
        await("the list", () -> screen() == Screen.SERVICES);
        tapService(PAY_SELF);
        await("identify", () -> step() == Step.WAITING);
        assertThat(textOf("identify-heading")).isEqualTo(say("identify.heading.any"));
        assertThat(visible("method-idcard")).isTrue();
        assertThat(visible("method-yss-code")).isTrue();
        assertThat(visible("method-sscard")).isTrue();
        assertThat(fx(() -> node("method-idcard").localToScene(0, 0).getY()))
                .as("the ID card first, then the code, then the card").isLessThan(fx(() -> node("method-yss-code").localToScene(0, 0).getY()));
        assertThat(fx(() -> node("method-yss-code").localToScene(0, 0).getY())).isLessThan(fx(() -> node("method-sscard").localToScene(0, 0).getY()));
        assertThat(textOf("identify-message")).isEqualTo(say("identify.waiting.any"));
        shoot("identify-ways");
        tap("elder-toggle");
        await("elder mode", () -> kiosk.shell().elderProperty().get());
        shoot("identify-ways-elder");
        tap("elder-toggle");
        await("normal text", () -> !kiosk.shell().elderProperty().get());

        demo.showCode(OLD_CODE);
        await("404", () -> problem() == Problem.CODE_UNKNOWN);
        assertThat(textOf("identify-error")).isEqualTo(say("identify.error.code_unknown"));
        assertThat(visible("identify-error")).isTrue();
        shoot("identify-code-unknown");

        fxRun(() -> kiosk.onlineProperty().set(false));
        await("the code way gone offline", () -> !visible("method-yss-code"));
        demo.showCode(DevBackend.DEMO_YSS_CODE);
        await("offline", () -> problem() == Problem.CODE_OFFLINE);
        assertThat(textOf("identify-error")).isEqualTo(say("identify.error.code_offline"));
        shoot("identify-code-offline");
        fxRun(() -> kiosk.onlineProperty().set(true));

        demo.insertSsCard(SsCardFixtures.EXPIRED);
        await("expired", () -> problem() == Problem.SSCARD_EXPIRED);
        assertThat(textOf("identify-error")).isEqualTo(say("identify.error.sscard_expired"));
        shoot("identify-sscard-expired");
        takeOutSsCard();

        demo.insertSsCard(SsCardFixtures.NOT_SOCIAL_SECURITY);
        await("not a social security card", () -> problem() == Problem.NOT_SSCARD);
        assertThat(textOf("identify-error")).isEqualTo(say("identify.error.not_sscard"));
        shoot("identify-not-sscard");
        takeOutSsCard();

        demo.insertSsCard(SsCardFixtures.GEN2);
        await("identified by the card", () -> step() == Step.DONE);
        assertThat(textOf("identity-name")).isEqualTo(Mask.name(SsCardFixtures.GEN2.card().name()));
        assertThat(textOf("identity-number")).isEqualTo(Mask.number(SsCardFixtures.GEN2.card().idNumber()));
        assertThat(textOf("identity-type")).isEqualTo(say("how.sscard"));
        assertThat(visible("identity-validity")).isTrue();
        String shown = String.join("\n", fx(SceneProbe::textsInAllWindows));
        assertThat(shown).doesNotContain(SsCardFixtures.GEN2.card().name()).doesNotContain(SsCardFixtures.GEN2.card().idNumber());
        shoot("identity-sscard");

        tap("identity-continue");
        await("the payment", () -> screen() == Screen.SERVICE);
        tap("nav-home");
        await("the end", () -> screen() == Screen.END);
        assertThat(textOf("end-heading")).isEqualTo(say("end.take.sscard"));
        assertThat(visible("end-sscard")).isTrue();
        shoot("end-sscard");
        takeOutSsCard();
        tap("end-done");
        await("home", () -> screen() == Screen.HOME);
    }

    // Helpers //

    /** Takes the card out and waits until the reader has seen the slot empty, as a villager's hand takes a moment. */
    private void takeOutSsCard() {
        demo.removeSsCard();
        SsCardReader reader = (SsCardReader) kiosk.device(DeviceKind.SSCARD_READER).orElseThrow();
        await("the slot empty", () -> !reader.cardPresent());
    }

    private Screen screen() {
        return fx(() -> kiosk.model().screenProperty().get());
    }

    private Step step() {
        return fx(() -> kiosk.model().identify().stepProperty().get());
    }

    private Problem problem() {
        return fx(() -> kiosk.model().identify().problemProperty().get());
    }

    private Node node(String id) {
        return SceneProbe.node(scene, id);
    }

    private String textOf(String id) {
        return SceneProbe.textOf(scene, id);
    }

    private boolean visible(String id) {
        return SceneProbe.visible(scene, id);
    }

    private static String say(String key, Object... args) {
        String s = new Texts().get(key, args);
        assertThat(s).as("a text for " + key).isNotEqualTo(key);
        return s;
    }

    /** The screen as it is, portrait and landscape, as PNGs. */
    private void shoot(String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        List<java.awt.image.BufferedImage> images = new ArrayList<>(fx(() -> {
            List<java.awt.image.BufferedImage> out = new ArrayList<>();
            for (Scene s : List.of(scene, landscape)) {
                s.getRoot().applyCss();
                s.getRoot().layout();
                out.add(SwingFXUtils.fromFXImage(s.snapshot(null), null));
            }
            return out;
        }));
        ImageIO.write(images.get(0), "png", SHOTS.resolve("portrait-" + name + ".png").toFile());
        ImageIO.write(images.get(1), "png", SHOTS.resolve("landscape-" + name + ".png").toFile());
    }

    private void tapService(String code) {
        while (!fx(() -> {
            layOut();
            return scene.lookup("#service-" + code) != null && SceneProbe.visible(scene, "service-" + code);
        })) {
            int page = fx(() -> kiosk.model().pageProperty().get());
            tap("page-next");
            await("the next page", () -> kiosk.model().pageProperty().get() == page + 1);
        }
        tap("service-" + code);
    }

    /** A finger's tap on the centre of {@code id}, which must be shown and not covered. */
    private void tap(String id) {
        Node target = fx(() -> node(id));
        Point2D centre = fx(() -> {
            layOut();
            Node n = node(id);
            for (Node up = n; up != null; up = up.getParent()) {
                if (!up.isVisible()) {
                    throw new AssertionError("#" + id + " is not shown: a finger cannot tap it");
                }
            }
            Bounds b = n.localToScreen(n.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        FxService.serviceContext().getBaseRobot().moveMouse(centre);
        WaitForAsyncUtils.waitForFxEvents();
        pressed.clear();
        robot.clickOn(MouseButton.PRIMARY);
        if (!fx(target::isDisabled)) {
            assertThat(pressed).as("the tap on #" + id + " reached it").isNotEmpty();
            assertThat(fx(() -> {
                for (Node up = pressed.get(pressed.size() - 1); up != null; up = up.getParent()) {
                    if (up == target) {
                        return true;
                    }
                }
                return false;
            })).as("a tap on #" + id + " lands on it").isTrue();
        }
    }

    private void layOut() {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }
}
