package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.support.ChildJvm;
import cn.yzz.kiosk.app.support.SceneProbe;
import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.store.AuditLog;
import cn.yzz.kiosk.cashin.CashDesk;
import cn.yzz.kiosk.demo.DemoCounty;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.receipt.emu.PrintedReceipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * The administrator's console as an administrator uses it, headless (Monocle, 1080 × 1920) on the demo's emulated rig:
 * the corner, the PIN (wrong, locked, still locked after a restart, right), each device's test against the emulators,
 * a printer out of paper, and the cash box changed with the reconciliation slip printed and the cash-audit queued; the
 * audit log holds every step. Each screen is written to target/screenshots/console-*.png to look at.
 */
class ConsoleUiTest {

    private static final String PIN = "802468";

    @TempDir
    Path data;

    private final FxRobot robot = new FxRobot();
    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private DemoRig demo;
    private DemoCounty county;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private void start(boolean enrolled) throws Exception {
        if (demo == null) {
            demo = DemoRig.start(data.resolve("receipts"));
            demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
            demo.emulator().setPaced(false);
        }
        kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(), Clock.systemDefaultZone(),
                new Kiosk.Settings(Duration.ofSeconds(60), IdleWatch.Settings.defaults(), Duration.ZERO, false), demo);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
        });
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> {
            if (enrolled && county == null) {
                county = DemoCounty.start(data, "enhanced");
            }
        });
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
        if (county != null) {
            county.close();
        }
        robot.release(new MouseButton[0]);
    }

    @Test
    void theCornerOpensThePadAtHomeAndOutOfServiceButNeverDuringAVisit() throws Exception {
        AdminPin.in(data).set(PIN.toCharArray());
        start(false);
        tap("language-" + cn.yzz.kiosk.app.i18n.Language.values()[1].name().toLowerCase(java.util.Locale.ROOT));
        assertThat(fx(() -> kiosk.model().session().active())).as("a villager chose a language: a visit").isTrue();
        corner();
        assertThat(state()).as("never during a visit").isEqualTo(Console.State.CLOSED);
        fxRun(() -> kiosk.model().end());
        fxRun(() -> kiosk.model().dismissEnd());
        await("the visit over", () -> !kiosk.model().session().active() && kiosk.model().screenProperty().get() == Screen.HOME);

        for (int i = 0; i < 4; i++) {
            cornerPress();
        }
        assertThat(state()).as("four presses do not open it").isEqualTo(Console.State.CLOSED);
        corner();
        await("the PIN pad", () -> state() == Console.State.PIN);
        assertThat(fx(() -> kiosk.shell().coverProperty().get())).isEqualTo(Cover.CONSOLE);
        assertThat(fx(() -> kiosk.model().coveredProperty().get())).as("the villager's flow is covered").isTrue();
        shoot("pad-empty");
        tap("console-back");
        await("home again", () -> state() == Console.State.CLOSED && kiosk.shell().coverProperty().get() == Cover.NONE);

        // The reader found gone (DeviceWatch's grace passed): what the watch then tells the shell.
        fxRun(() -> kiosk.shell().essentialDevices(true));
        await("out of service", () -> kiosk.shell().coverProperty().get() == Cover.OUT_OF_SERVICE);
        corner();
        await("the PIN pad over the out-of-service screen", () -> state() == Console.State.PIN);
        tap("console-back");
        await("out of service again", () -> kiosk.shell().coverProperty().get() == Cover.OUT_OF_SERVICE);
    }

    @Test
    void fiveWrongPinsLockTheConsoleEvenAcrossARestart() throws Exception {
        AdminPin.in(data).set(PIN.toCharArray());
        start(false);
        corner();
        await("the PIN pad", () -> state() == Console.State.PIN);
        keyIn("135791");
        await("the wrong PIN's words", () -> SceneProbe.visible(scene, "console-notice"));
        assertThat(SceneProbe.textOf(scene, "console-notice")).isEqualTo("密码不对，还可以试 4 次");
        assertThat(fx(SceneProbe::textsInAllWindows)).as("no digit of a PIN on screen").noneMatch(t -> t.contains("135791"));
        shoot("pad-wrong");
        for (int i = 0; i < 4; i++) {
            keyIn("135791");
            await("checked", () -> !kiosk.console().checkingProperty().get());
        }
        await("locked", () -> kiosk.console().lockedProperty().get());
        assertThat(SceneProbe.textOf(scene, "console-notice")).matches("输错太多次，已锁定。请 5 分钟后再试（\\d\\d:\\d\\d 以后）");
        assertThat(fx(() -> SceneProbe.node(scene, "console-key-1").isDisabled())).isTrue();
        shoot("pad-locked");

        // A restart: a new kiosk on the same data folder.
        FxToolkit.setupFixture(() -> stage.hide());
        kiosk.close();
        start(false);
        corner();
        await("the PIN pad, still locked", () -> state() == Console.State.PIN && kiosk.console().lockedProperty().get());
        assertThat(SceneProbe.textOf(scene, "console-notice")).startsWith("输错太多次，已锁定");
        KioskLog.flush();
        List<String> audit = audit();
        // Four wrong ones with the tries left, the fifth locks.
        assertThat(audit).filteredOn(l -> l.startsWith("管理员|管理密码输错|")).hasSize(4);
        assertThat(audit).anyMatch(l -> l.matches("管理员\\|管理密码输错太多次\\|锁定到 \\d\\d:\\d\\d"));
    }

    @Test
    void theRightPinOpensTheDevicesPageAndEachDeviceTestWorks() throws Exception {
        AdminPin.in(data).set(PIN.toCharArray());
        start(true);
        await(60, "cash taken (desk made, reconciled)", () -> kiosk.model().abilitiesProperty().get()
                .has(cn.yzz.kiosk.app.catalogue.DeviceNeed.CASH_ACCEPTOR));
        openConsole();
        assertThat(SceneProbe.textOf(scene, "console-who")).isEqualTo("登录：管理员");
        assertThat(SceneProbe.textOf(scene, "console-kiosk-id")).startsWith("终端 ").doesNotContain("未登记");
        await("the devices' states", () -> "正常".equals(textOf("console-device-receipt-printer-state"))
                && "正常".equals(textOf("console-device-idcard-reader-state")));
        shoot("devices");

        int printed = demo.receiptPrinter().receipts().size();
        tap("console-device-receipt-printer-test");
        await("the test receipt", () -> textOf("console-device-receipt-printer-result").startsWith("测试小票已打印"));
        assertThat(demo.receiptPrinter().receipts()).hasSize(printed + 1);
        assertThat(String.join("\n", demo.receiptPrinter().receipts().get(printed).lines())).contains("打印测试");

        tap("console-device-idcard-reader-test");
        await("asks for a card", () -> textOf("console-device-idcard-reader-result").startsWith("请把一张身份证"));
        demo.placeCard(CardFixtures.RESIDENT);
        await("the card read", () -> textOf("console-device-idcard-reader-result").startsWith("读卡成功"));
        assertThat(textOf("console-device-idcard-reader-result")).isEqualTo("读卡成功：陈**");
        demo.removeCard();

        String code = "YSS-" + "8".repeat(40);
        tap("console-device-qr-scanner-test");
        await("asks for a code", () -> textOf("console-device-qr-scanner-result").startsWith("请把一个二维码"));
        demo.showCode(code);
        await("the code read", () -> textOf("console-device-qr-scanner-result").startsWith("扫码成功"));
        assertThat(textOf("console-device-qr-scanner-result")).isEqualTo("扫码成功：读到 44 个字符（内容不显示）");

        CashJournal.CashBox before = kiosk.cashDesk().cashBox();
        tap("console-device-cash-acceptor-test");
        await("asks for a note", () -> textOf("console-device-cash-acceptor-result").startsWith("请放入一张纸币"));
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> demo.insertNote(2_000));
        await(30, "the note read and handed back", () -> textOf("console-device-cash-acceptor-result").startsWith("识别到"));
        assertThat(textOf("console-device-cash-acceptor-result")).isEqualTo("识别到 20 元，已退还，请取回纸币");
        assertThat(kiosk.cashDesk().cashBox().noteCount()).as("nothing went to the box").isEqualTo(before.noteCount());

        tap("console-device-a4-printer-test");
        await(30, "the A4 test page", () -> textOf("console-device-a4-printer-result").startsWith("A4 测试页已打印"));
        shoot("devices-tested");

        tap("console-leave");
        await("home", () -> state() == Console.State.CLOSED && kiosk.shell().coverProperty().get() == Cover.NONE);
        List<String> audit = audit();
        assertThat(audit).contains("管理员|进入管理界面|用密码", "管理员|退出管理界面|手动退出",
                "管理员|打印测试小票（小票打印机）|测试小票已打印：请看字迹是否清楚、二维码能否扫出",
                "管理员|读卡测试（身份证阅读器）|读卡成功：陈**", "管理员|扫码测试（扫码器）|扫码成功：读到 44 个字符（内容不显示）",
                "管理员|验钞测试（纸币识别器）|识别到 20 元，已退还，请取回纸币");
        assertThat(String.join("\n", audit)).doesNotContain(code).doesNotContain(CardFixtures.RESIDENT.card().name())
                .doesNotContain(CardFixtures.RESIDENT.card().idNumber()).doesNotContain(PIN);
        KioskLog.flush();
    }

    @Test
    void paperOutIsShownWithWhatToDoAndTheCashBoxChangeEndsWithTheSlipAndTheAudit() throws Exception {
        AdminPin.in(data).set(PIN.toCharArray());
        start(true);
        await(60, "cash taken (desk made, reconciled)", () -> kiosk.model().abilitiesProperty().get()
                .has(cn.yzz.kiosk.app.catalogue.DeviceNeed.CASH_ACCEPTOR));
        pay(3_000, 1_000, 2_000);
        demo.receiptPrinter().setPaperNearEnd(true);
        openConsole();
        tap("console-nav-1");
        await("paper near its end", () -> "快用完".equals(textOf("console-paper-state")));
        demo.receiptPrinter().setPaperNearEnd(false);
        demo.receiptPrinter().setPaperEnd(true);
        tap("console-paper-refresh");
        await("paper out", () -> "没纸".equals(textOf("console-paper-state")));
        assertThat(textOf("console-paper-advice")).contains("打印机没纸了", "打开打印机上盖", "打印测试小票");
        await("the box", () -> textOf("console-box").contains("共 2 张，合计 30 元"));
        assertThat(textOf("console-box")).contains("10 元 × 1 张", "20 元 × 1 张", "已装 0%");
        shoot("paper-out");
        demo.receiptPrinter().setPaperEnd(false);
        tap("console-paper-refresh");
        await("paper back", () -> "正常".equals(textOf("console-paper-state")));

        tap("console-box-start");
        await("take it out", () -> textOf("console-box-step").startsWith("收钞机已停止收钱"));
        assertThat(fx(() -> kiosk.model().abilitiesProperty().get().has(cn.yzz.kiosk.app.catalogue.DeviceNeed.CASH_ACCEPTOR)))
                .as("no cash offered while the box is changed").isFalse();
        shoot("cash-take-out");
        int printed = demo.receiptPrinter().receipts().size();
        demo.removeCashbox();
        await("put an empty one in", () -> textOf("console-box-step").startsWith("第 2 步"));
        shoot("cash-put-in");
        demo.replaceCashbox();
        await(30, "the slip", () -> textOf("console-box-step").startsWith("第 3 步"));
        assertThat(textOf("console-box-step")).contains("对账单已打印");
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> demo.receiptPrinter().receipts().size() > printed);
        PrintedReceipt slip = demo.receiptPrinter().receipts().get(printed);
        String words = String.join("\n", slip.lines());
        assertThat(words).contains("钱箱清点单", "合计张数", "2 张", "账目校验码");
        Files.copy(slip.png(), screenshots().resolve("console-cash-slip.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        shoot("cash-done");

        OutboxEntry audit = kiosk.county().orElseThrow().outbox().list(100).stream()
                .filter(e -> "cash-audit".equals(e.transaction().type())).findFirst().orElseThrow();
        Map<String, Object> cash = audit.transaction().cash();
        assertThat(((Number) cash.get("cashboxFen")).longValue()).as("the audit's total is the journal's").isEqualTo(3_000);
        assertThat(cash.get("notes").toString()).contains("1000=1", "2000=1");
        assertThat(kiosk.cashDesk().cashBox().noteCount()).as("a new period, empty").isZero();
        await("cash offered again", () -> kiosk.model().abilitiesProperty().get().has(cn.yzz.kiosk.app.catalogue.DeviceNeed.CASH_ACCEPTOR));
        assertThat(audit()).contains("管理员|取出钱箱|开始：收钞机已停止收钱", "管理员|钱箱已取出|收钞机报告钱箱已取出",
                "管理员|放回钱箱|对账：2 张，合计 30 元，已打印");

        // The printer out of paper: the slip is shown on the page instead.
        demo.receiptPrinter().setPaperEnd(true);
        tap("console-paper-refresh");
        await("paper out", () -> "没纸".equals(textOf("console-paper-state")));
        tap("console-box-start");
        await("take it out", () -> textOf("console-box-step").startsWith("收钞机已停止收钱"));
        tap("console-box-out");
        await("put an empty one in", () -> textOf("console-box-step").startsWith("第 2 步"));
        demo.removeCashbox();
        demo.replaceCashbox();
        await(30, "the slip on screen", () -> SceneProbe.visible(scene, "console-box-report"));
        assertThat(textOf("console-box-report")).contains("钱箱清点单", "合计 0 张");
        shoot("cash-report-on-screen");

        tap("console-nav-" + (fx(() -> kiosk.console().pages().size()) - 1));
        await("关于", () -> SceneProbe.visible(scene, "console-about") && fx(() -> ((javafx.scene.layout.Pane) SceneProbe
                .node(scene, "console-about")).getChildren().size()) >= 8);
        shoot("about");
    }

    // Helpers //

    /** A cash payment through the kiosk's own desk, so that the box holds notes by the journal. */
    private void pay(long due, long... notes) throws Exception {
        CompletableFuture<CashDesk.Result> ended = new CompletableFuture<>();
        Transaction draft = new Transaction(UuidV7.next(), "payment", "KIOSKCTL-CASH", OffsetDateTime.now(), "test", null,
                Map.of("purpose", "console test"), due, Transaction.CASH, null, null, null);
        kiosk.cashDesk().start(draft, p -> {
            if (p instanceof CashDesk.Progress.Ended e) {
                ended.complete(e.result());
            }
        });
        for (long n : notes) {
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> demo.insertNote(n));
            long box = kiosk.cashDesk().cashBox().noteCount();
            WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> kiosk.cashDesk().cashBox().noteCount() >= box);
        }
        assertThat(ended.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo("paid");
    }

    private void openConsole() {
        corner();
        await("the PIN pad", () -> state() == Console.State.PIN);
        keyIn(PIN);
        await("the console", () -> state() == Console.State.OPEN);
    }

    private void keyIn(String digits) {
        for (char c : digits.toCharArray()) {
            tap("console-key-" + c);
        }
        tap("console-confirm");
    }

    private List<String> audit() throws Exception {
        AuditLog log = kiosk.county().orElseThrow().audit();
        WaitForAsyncUtils.waitForFxEvents();
        return log.recent(200).stream().map(e -> e.who() + "|" + e.what() + "|" + e.result()).toList();
    }

    private Console.State state() {
        return fx(() -> kiosk.console().stateProperty().get());
    }

    private String textOf(String id) {
        return SceneProbe.textOf(scene, id);
    }

    /** Five presses on the top-left corner. */
    private void corner() {
        for (int i = 0; i < 5; i++) {
            cornerPress();
        }
    }

    private void cornerPress() {
        Point2D p = fx(() -> scene.getRoot().localToScreen(40, 40));
        FxService.serviceContext().getBaseRobot().moveMouse(p);
        robot.press(MouseButton.PRIMARY);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
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

    private static Path screenshots() throws Exception {
        Path dir = ChildJvm.targetDir().resolve("screenshots");
        Files.createDirectories(dir);
        return dir;
    }

    private void shoot(String name) throws Exception {
        var image = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            return scene.snapshot(null);
        });
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", screenshots().resolve("console-" + name + ".png").toFile());
    }
}
