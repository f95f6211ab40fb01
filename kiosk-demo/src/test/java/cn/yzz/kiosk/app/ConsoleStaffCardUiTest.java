package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.SceneProbe;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.store.AuditLog;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The staff card's way into the administrator's console, headless (Monocle, 1080 × 1920) on the demo's emulated reader,
 * set up as {@link ConsoleUiTest} is: the staff member enrolled as the demo enrols its own ({@code Demo.enrolDemoStaff}: 001,
 * the 含指纹 card). Out of service a villager's card is told it is no staff card and opens nothing; the staff card opens
 * the PIN pad naming them, and the right PIN signs them in, the audit naming them (masked). At home a card opens nothing;
 * on the pad the corner opened, a staff card names who signs in. Screens go to target/screenshots/console-staff-*.png.
 */
class ConsoleStaffCardUiTest {

    private static final String PIN = "802468";
    private static final IdCard STAFF_CARD = CardFixtures.RESIDENT_FINGERPRINT.card();
    private static final IdCard VILLAGER = CardFixtures.RESIDENT.card();
    private static final String NAMED = "工作人员 001 " + Mask.name(STAFF_CARD.name());

    @TempDir
    Path data;

    private final FxRobot robot = new FxRobot();
    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private DemoRig demo;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private void start() throws Exception {
        AdminPin.in(data).set(PIN.toCharArray());
        StaffStore.in(data).add("001", STAFF_CARD.name(), "246810".toCharArray(), STAFF_CARD.idNumber());
        demo = DemoRig.start(data.resolve("receipts"));
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        demo.emulator().setPaced(false);
        kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(), Clock.systemDefaultZone(),
                new Kiosk.Settings(Duration.ofSeconds(60), IdleWatch.Settings.defaults(), Duration.ZERO, false), demo);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
        });
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> { });
        await(60, "the outbox open", () -> kiosk.countyOpen());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            FxToolkit.setupFixture(() -> stage.hide());
            kiosk.close();
        }
        if (demo != null) {
            demo.close();
        }
        robot.release(new MouseButton[0]);
    }

    @Test
    void outOfServiceAVillagersCardIsToldAndTheStaffCardOpensThePadNamingThemAndTheirPinSignsThemIn() throws Exception {
        start();
        // The reader found gone (DeviceWatch's grace passed): what the watch then tells the shell.
        fxRun(() -> kiosk.shell().essentialDevices(true));
        await("out of service", () -> cover() == Cover.OUT_OF_SERVICE);

        demo.placeCard(CardFixtures.RESIDENT);
        await("the villager's card told", () -> SceneProbe.visible(scene, "card-notice"));
        assertThat(textOf("card-notice")).isEqualTo("这张卡不是工作人员卡。终端暂停服务，现在不能办事，请取回您的卡");
        assertThat(state()).as("no pad for a villager's card").isEqualTo(Console.State.CLOSED);
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
        shoot("oos-not-staff");
        // The card stays on the reader: it is not looked up again (its words would come back), and the words go.
        await(15, "the words gone, the card still there", () -> !SceneProbe.visible(scene, "card-notice"));
        assertThat(state()).isEqualTo(Console.State.CLOSED);
        demo.removeCard();

        demo.placeCard(CardFixtures.RESIDENT_FINGERPRINT);
        await("the PIN pad", () -> state() == Console.State.PIN);
        assertThat(cover()).isEqualTo(Cover.CONSOLE);
        assertThat(textOf("console-pad-who")).isEqualTo("工作人员卡：" + NAMED);
        shoot("pad-named");
        keyIn(PIN);
        await("the console", () -> state() == Console.State.OPEN);
        assertThat(textOf("console-who")).contains(NAMED);
        demo.removeCard();
        tap("console-leave");
        await("out of service again", () -> state() == Console.State.CLOSED && cover() == Cover.OUT_OF_SERVICE);

        List<String> audit = audit();
        assertThat(audit).contains(NAMED + "|进入管理界面|用工作人员卡和密码", NAMED + "|退出管理界面|手动退出");
        assertThat(String.join("\n", audit)).doesNotContain(STAFF_CARD.idNumber()).doesNotContain(STAFF_CARD.name())
                .doesNotContain(VILLAGER.idNumber()).doesNotContain(VILLAGER.name()).doesNotContain(PIN);
        assertThat(fx(SceneProbe::textsInAllWindows)).noneMatch(t -> t.contains(STAFF_CARD.idNumber())
                || t.contains(STAFF_CARD.name()) || t.contains(VILLAGER.idNumber()) || t.contains(VILLAGER.name()));
    }

    @Test
    void atHomeACardOpensNothingAndOnThePadTheCornerOpenedAStaffCardNamesWhoSignsIn() throws Exception {
        start();
        assertThat(cover()).isEqualTo(Cover.NONE);
        demo.placeCard(CardFixtures.RESIDENT_FINGERPRINT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(state()).as("at home a card is the villager's own").isEqualTo(Console.State.CLOSED);

        corner();
        await("the PIN pad", () -> state() == Console.State.PIN);
        // The reader finds no card it has read until it is placed again: the pad finding it shows home never read it.
        await("the card lying there names them", () -> NAMED.equals(fx(() -> kiosk.console().whoProperty().get())));
        assertThat(textOf("console-pad-who")).isEqualTo("工作人员卡：" + NAMED);
        demo.removeCard();
        tap("console-back");
        await("home", () -> state() == Console.State.CLOSED && cover() == Cover.NONE);
        assertThat(fx(() -> kiosk.console().whoProperty().get())).isEqualTo(Console.ADMINISTRATOR);

        corner();
        await("the PIN pad", () -> state() == Console.State.PIN);
        assertThat(SceneProbe.visible(scene, "console-pad-who")).as("nobody named yet").isFalse();
        demo.placeCard(CardFixtures.RESIDENT);
        await("a villager's card told on the pad", () -> textOf("console-notice").startsWith("这张卡不是本机登记的工作人员卡"));
        demo.removeCard();
        demo.placeCard(CardFixtures.RESIDENT_FINGERPRINT);
        await("named", () -> NAMED.equals(fx(() -> kiosk.console().whoProperty().get())));
        assertThat(state()).as("the PIN is still needed").isEqualTo(Console.State.PIN);
        keyIn(PIN);
        await("the console", () -> state() == Console.State.OPEN);
        demo.removeCard();
        tap("console-leave");
        await("home", () -> state() == Console.State.CLOSED && cover() == Cover.NONE);
        assertThat(audit()).contains(NAMED + "|进入管理界面|用工作人员卡和密码");
    }

    // Helpers (as ConsoleUiTest's) //

    private void keyIn(String digits) {
        for (char c : digits.toCharArray()) {
            tap("console-key-" + c);
        }
        tap("console-confirm");
    }

    private List<String> audit() throws Exception {
        KioskLog.flush();
        AuditLog log = kiosk.county().orElseThrow().audit();
        WaitForAsyncUtils.waitForFxEvents();
        return log.recent(200).stream().map(e -> e.who() + "|" + e.what() + "|" + e.result()).toList();
    }

    private Console.State state() {
        return fx(() -> kiosk.console().stateProperty().get());
    }

    private Cover cover() {
        return fx(() -> kiosk.shell().coverProperty().get());
    }

    private String textOf(String id) {
        return SceneProbe.textOf(scene, id);
    }

    /** Five presses on the top-left corner. */
    private void corner() {
        for (int i = 0; i < 5; i++) {
            Point2D p = fx(() -> scene.getRoot().localToScreen(40, 40));
            FxService.serviceContext().getBaseRobot().moveMouse(p);
            robot.press(MouseButton.PRIMARY);
            robot.release(MouseButton.PRIMARY);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private void tap(String id) {
        Node target = fx(() -> SceneProbe.node(scene, id));
        Point2D centre = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            Bounds b = target.localToScreen(target.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        FxService.serviceContext().getBaseRobot().moveMouse(centre);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shoot(String name) throws Exception {
        Path dir = ChildJvm.targetDir().resolve("screenshots");
        Files.createDirectories(dir);
        var image = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", dir.resolve("console-staff-" + name + ".png").toFile());
    }
}
