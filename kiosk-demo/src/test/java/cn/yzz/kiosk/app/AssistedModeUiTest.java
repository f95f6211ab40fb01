package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.audit.AccessibilityAudit;
import cn.yzz.kiosk.app.audit.AccessibilityAudit.Rules;
import cn.yzz.kiosk.app.audit.AccessibilityAudit.Violation;
import cn.yzz.kiosk.app.flow.AssistModel.Consent;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.SceneProbe;
import cn.yzz.kiosk.app.view.ElderStyle;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.app.view.ScaledRoot;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
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
 * 帮办代办 as the staff and the villager do it, headless (Monocle, 1080 × 1920) on the demo's emulated reader: the title
 * held at home, the PIN keyed (or the staff card placed), the villager's own card as consent, a service with the banner on
 * every screen, the evaluation asked of the villager, and the end that ends the mode. Each screen of the mode is also drawn
 * at 1920 × 1080 and in elder mode, audited, and written to {@code target/screenshots/assisted-*.png} to look at.
 */
class AssistedModeUiTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final IdCard STAFF_CARD = CardFixtures.RESIDENT_FINGERPRINT.card();
    private static final IdCard VILLAGER = CardFixtures.RESIDENT.card();
    private static final String PIN = "246810";
    /** 城乡居民基本养老保险参保登记: an application with a choice, a phone number and a statement. */
    private static final String SERVICE = "RSJ-0005";

    @TempDir
    static Path dataDir;

    private final FxRobot robot = new FxRobot();
    private final List<Node> pressed = new ArrayList<>();
    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private Scene landscape;
    private DemoRig demo;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(dataDir);
        // The staff member as the console (later) enrols them: staff number, name, PIN, and their own ID card.
        StaffStore.in(dataDir).add("001", STAFF_CARD.name(), PIN.toCharArray(), STAFF_CARD.idNumber());
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
            scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> pressed.add(e.getPickResult().getIntersectedNode()));
            ScaledRoot root = new ScaledRoot(new KioskView(kiosk.shell(), 1920, 1080), 1920, 1080);
            root.setStyle("-fx-font-family: \"" + Fonts.family() + "\";");
            landscape = new Scene(root, 1920, 1080);
            landscape.getStylesheets().add(KioskView.stylesheet());
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
    void staffSignInWithTheirPinTheVillagerConsentsAndEveryScreenOfTheServiceShowsTheBanner() throws Exception {
        assertThat(visible("assist-banner")).isFalse();
        tap("title");
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertThat(screen()).as("a tap on the title does nothing").isEqualTo(Screen.HOME);

        holdTitle();
        await("the staff's sign-in", () -> screen() == Screen.STAFF);
        assertThat(textOf("staff-heading")).isEqualTo(say("staff.heading"));
        assertThat(visible("assist-banner")).as("no mode before someone signs in").isFalse();
        for (char c : "246".toCharArray()) {
            tap("staff-key-" + c);
        }
        assertThat(fx(() -> kiosk.shell().assist().keyedProperty().get())).isEqualTo(3);
        assertThat(fx(SceneProbe::textsInAllWindows)).as("no digit of the PIN on screen").noneMatch(t -> t.contains("246"));
        shoot("staff-pin");
        for (char c : "810".toCharArray()) {
            tap("staff-key-" + c);
        }
        await("the consent", () -> screen() == Screen.CONSENT);
        assertThat(visible("assist-banner")).isTrue();
        assertThat(textOf("assist-banner")).isEqualTo(say("assist.banner", "韦**")).isEqualTo("帮办模式 · 工作人员 韦**");
        assertThat(textOf("consent-statement")).isEqualTo(say("consent.statement", "韦**", "001"));
        assertThat(visible("consent-place")).isTrue();
        shoot("consent");

        demo.placeCard(CardFixtures.RESIDENT);
        await("the consent given", () -> consent() == Consent.GIVEN);
        assertThat(textOf("consent-given")).isEqualTo(say("consent.given", "陈**", "韦**"));
        assertThat(textOf("consent-villager")).contains("陈**").doesNotContain(VILLAGER.idNumber());
        shoot("consent-given");
        tap("consent-start");
        await("home, identified", () -> screen() == Screen.HOME);
        assertThat(textOf("home-greeting")).contains("陈**");
        assertThat(visible("assist-banner")).isTrue();

        tap("tile-social-insurance");
        await("the service list", () -> screen() == Screen.SERVICES);
        assertThat(visible("assist-banner")).isTrue();
        tapService(SERVICE);
        await("the service, without a second identification", () -> screen() == Screen.SERVICE);
        var service = fx(() -> kiosk.model().catalogue().service(SERVICE).orElseThrow());
        boolean shot = false;
        for (Field f : service.form()) {
            if (f.type() == cn.yzz.kiosk.cache.catalog.FieldType.IDCARD_FIELD) {
                continue;
            }
            await("the question " + f.id(), () -> visible("field") && f.label().equals(textOf("field-heading")));
            assertThat(visible("assist-banner")).as("the banner on the question " + f.id()).isTrue();
            switch (f.type()) {
                case CHOICE -> {
                    if (!shot) {
                        shoot("step-banner");
                        shot = true;
                    }
                    tap("choice-0");
                }
                case PHONE -> {
                    for (char c : "13800138000".toCharArray()) {
                        tap("key-" + c);
                    }
                    tap("field-ok");
                }
                case CONFIRM -> tap("field-confirm");
                default -> throw new AssertionError("the test's service has no " + f.type() + " question");
            }
        }
        await("the summary", () -> visible("summary"));
        assertThat(visible("assist-banner")).isTrue();
        tap("summary-confirm");
        await("submitted", () -> visible("submit-next"));
        Transaction stored = fx(() -> kiosk.model().runProperty().get().committed());
        assertThat(stored.data()).as("the application names the staff member by number").containsEntry("assistedBy", "001");
        assertThat(stored.person().idNumber()).as("and is the villager's").isEqualTo(VILLAGER.idNumber());
        assertThat(stored.data().toString()).doesNotContain(STAFF_CARD.idNumber()).doesNotContain(STAFF_CARD.name());
        tap("submit-next");
        await("是否打印", () -> visible("receipt-skip"));
        assertThat(visible("assist-banner")).isTrue();
        tap("receipt-skip");
        await("好差评", () -> visible("evaluate-skip"));
        assertThat(textOf("evaluate-heading")).isEqualTo(say("evaluate.heading.assisted"));
        assertThat(visible("assist-banner")).isTrue();
        shoot("evaluate");
        tap("evaluate-4");
        tap("evaluate-submit");
        await("the end", () -> screen() == Screen.END);
        assertThat(visible("assist-banner")).as("the mode ends with the visit").isFalse();
        assertThat(fx(() -> kiosk.model().session().assistant())).isNull();
        demo.removeCard();
        tap("end-done");
        await("home", () -> screen() == Screen.HOME);
        assertThat(visible("assist-banner")).isFalse();

        KioskLog.flush();
        String log = Files.readString(dataDir.resolve("logs/kiosk.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("assisted mode: staff 001 (韦**) signed in by PIN", "assisted mode starts, staff 001 (韦**)",
                "the villager consented with their own ID card (陈**)", "assisted mode ends, staff 001 (韦**)");
        assertThat(log).as("no PIN, no full name or number in the log").doesNotContain(PIN).doesNotContain(STAFF_CARD.name())
                .doesNotContain(STAFF_CARD.idNumber()).doesNotContain(VILLAGER.name()).doesNotContain(VILLAGER.idNumber());
    }

    @Test
    void theStaffCardSignsInAndTheStaffMembersOwnCardIsNoConsent() throws Exception {
        holdTitle();
        await("the staff's sign-in", () -> screen() == Screen.STAFF);
        demo.placeCard(CardFixtures.RESIDENT_FINGERPRINT);
        await("the consent", () -> screen() == Screen.CONSENT);
        // A reader finds a card it has read only once it is placed again (devices.md): the staff member does so by mistake.
        demo.removeCard();
        demo.placeCard(CardFixtures.RESIDENT_FINGERPRINT);
        await("the staff member's own card refused", () -> consent() == Consent.STAFF_CARD);
        assertThat(textOf("consent-staff-card")).isEqualTo(say("consent.staff_card"));
        shoot("consent-staff-card");
        demo.removeCard();
        demo.placeCard(CardFixtures.RESIDENT);
        await("the villager's consent", () -> consent() == Consent.GIVEN);
        assertThat(fx(() -> kiosk.model().session().personProperty().get())).as("not yet: 开始办理 first").isNull();
        tap("nav-home");
        await("the end, reminding to take the card", () -> screen() == Screen.END);
        assertThat(fx(() -> kiosk.model().session().assistant())).isNull();
        assertThat(visible("assist-banner")).isFalse();
    }

    @Test
    void aWrongPinSaysHowManyTriesAreLeftInPlainWords() throws Exception {
        holdTitle();
        await("the staff's sign-in", () -> screen() == Screen.STAFF);
        for (char c : "135792".toCharArray()) {
            tap("staff-key-" + c);
        }
        await("the wrong PIN's words", () -> visible("staff-problem"));
        assertThat(textOf("staff-problem")).isEqualTo(say("staff.problem.wrong", 4)).isEqualTo("密码不正确，还可以再试 4 次");
        assertThat(fx(() -> kiosk.shell().assist().keyedProperty().get())).isZero();
        shoot("staff-wrong");
        tap("nav-back");
        await("home", () -> screen() == Screen.HOME);
        assertThat(fx(() -> kiosk.model().session().active())).isFalse();
    }

    // Helpers //

    /** A staff member's finger on the title for longer than the hold: the pointer stays put, pressed. */
    private void holdTitle() {
        pointAt("title");
        robot.press(MouseButton.PRIMARY);
        WaitForAsyncUtils.sleep(3300, TimeUnit.MILLISECONDS);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The screen now, at 1080 × 1920 (the kiosk's own window) and 1920 × 1080, in normal and elder mode: audited (text
     * size, touch targets, contrast), no word cut short, and written to target/screenshots/assisted-*.png.
     */
    private void shoot(String name) throws Exception {
        Path dir = ChildJvm.targetDir().resolve("screenshots");
        Files.createDirectories(dir);
        List<String> problems = new ArrayList<>();
        for (boolean elder : new boolean[] {false, true}) {
            fxRun(() -> kiosk.shell().setElder(elder));
            fxRun(() -> {
                landscape.getStylesheets().remove(ElderStyle.stylesheet());
                if (elder) {
                    landscape.getStylesheets().add(ElderStyle.stylesheet());
                }
            });
            for (Scene s : List.of(scene, landscape)) {
                String file = "assisted-" + (s == scene ? "portrait" : "landscape") + (elder ? "-elder-" : "-normal-") + name + ".png";
                Parent root = s.getRoot();
                var image = fx(() -> {
                    for (int pass = 0; pass < 3; pass++) {
                        root.applyCss();
                        root.layout();
                    }
                    cutShort(root, file, problems);
                    return s.snapshot(null);
                });
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve(file).toFile());
                List<Violation> violations = AccessibilityAudit.auditOnFxThread(root, elder ? Rules.elder() : Rules.normal());
                if (!violations.isEmpty()) {
                    problems.add(file + ":\n" + AccessibilityAudit.report(violations));
                }
            }
        }
        fxRun(() -> kiosk.shell().setElder(false));
        assertThat(problems).as("the screens of the mode, at both sizes and in both modes").isEmpty();
    }

    /** A label whose words were cut short ("…"): what it shows differs from its text. */
    private static void cutShort(Node node, String where, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text t && child != l.getGraphic() && !l.getText().equals(t.getText())) {
                    out.add(where + ": cut short: #" + l.getId() + " shows \"" + t.getText() + "\"");
                }
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                cutShort(child, where, out);
            }
        }
    }

    private void tapService(String code) {
        while (!fx(() -> scene.getRoot().lookup("#service-" + code) != null && scene.getRoot().lookup("#service-" + code).isVisible())) {
            int page = fx(() -> kiosk.model().pageProperty().get());
            tap("page-next");
            await("the next page", () -> kiosk.model().pageProperty().get() == page + 1);
        }
        tap("service-" + code);
    }

    /** A finger's tap on the centre of {@code id}, which must be what the press lands on. */
    private void tap(String id) {
        Node target = pointAt(id);
        pressed.clear();
        robot.clickOn(MouseButton.PRIMARY);
        if (!fx(target::isDisabled)) {
            assertThat(pressed).as("the tap on #" + id + " reached it").isNotEmpty();
            assertThat(fx(() -> within(pressed.get(pressed.size() - 1), target))).as("a tap on #" + id + " lands on it").isTrue();
        }
    }

    private static boolean within(Node n, Node ancestor) {
        for (Node up = n; up != null; up = up.getParent()) {
            if (up == ancestor) {
                return true;
            }
        }
        return false;
    }

    private Node pointAt(String id) {
        Node target = fx(() -> SceneProbe.node(scene, id));
        Point2D centre = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            Bounds b = target.localToScreen(target.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        FxService.serviceContext().getBaseRobot().moveMouse(centre);
        WaitForAsyncUtils.waitForFxEvents();
        return target;
    }

    private static String say(String key, Object... args) {
        String s = new Texts().get(key, args);
        assertThat(s).as("a text for " + key).isNotEqualTo(key);
        return s;
    }

    private Screen screen() {
        return fx(() -> kiosk.model().screenProperty().get());
    }

    private Consent consent() {
        return fx(() -> kiosk.shell().assist().consentProperty().get());
    }

    private String textOf(String id) {
        return SceneProbe.textOf(scene, id);
    }

    private boolean visible(String id) {
        return SceneProbe.visible(scene, id);
    }
}
