package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.console.ConsolePage;
import cn.yzz.kiosk.app.console.pages.NetworkPage;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.support.SceneProbe;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.demo.DemoClock;
import cn.yzz.kiosk.demo.DemoCounty;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.profile.DeviceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The issue's "done when": an administrator finds and fixes a paper-out printer, a blocked queue and a wrong clock from
 * the console, as in {@code ./kiosk demo} (the demo's rig, its county backend, its clock), headless (Monocle, 1080 ×
 * 1920). Each trouble is made as the simulator's 管理员演示 buttons make it; everything else is taps on the console, and
 * what is checked is what the administrator reads on it, then the audit log.
 */
class AdminWalkthroughTest {

    private static final String PIN = "802468";
    /** The demo stops trying after 6 uploads; 3 keeps the walk short, the same path. */
    private static final int MAX_ATTEMPTS = 3;
    private static final String COUNTY_FAILS = "error-rate=1,only=transactions:batch";
    /** 立即同步's words while the county fails: the failure, or the entry already stuck (never 全部传完了). */
    private static final String FAILED_OR_STUCK = "没有(上传|传上去)，(还剩 1 笔。县里的服务器出了故障.*|卡住的 1 笔要先点「解除」才会再传(。县里的服务器出了故障.*)?)";

    @TempDir
    Path data;

    private final FxRobot robot = new FxRobot();
    private final DemoClock clock = new DemoClock();
    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private DemoRig demo;
    private volatile DemoCounty county;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** The demo's kiosk: its rig, its clock, its county backend (failing uploads from the start when asked). */
    private void start(boolean countyFails) throws Exception {
        AdminPin.in(data).set(PIN.toCharArray());
        demo = DemoRig.start(data.resolve("receipts"));
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        demo.emulator().setPaced(false);
        kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(), clock,
                new Kiosk.Settings(Duration.ofSeconds(60), IdleWatch.Settings.defaults(), Duration.ZERO, false), demo);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
        });
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> {
            county = DemoCounty.start(data, "enhanced");
            if (countyFails) {
                county.backend().faults().set(COUNTY_FAILS); // 县里后台出错, as the simulator sets it
            }
        }, Settings.defaults().withMaxAttempts(MAX_ATTEMPTS));
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
    void aPrinterOutOfPaperIsFoundOnTheConsoleAndSeenFineOnceLoaded() throws Exception {
        start(false);
        await(30, "the receipt printer open", () -> kiosk.device(DeviceKind.RECEIPT_PRINTER).orElseThrow().state() == DeviceState.IDLE);
        demo.receiptPrinter().setPaperEnd(true); // 小票打印机没纸
        openConsole();

        // 设备: the printer's card says it has no paper and what to do.
        await("设备 shows the printer out of paper", () -> printerDetail().contains("缺纸"));
        assertThat(printerState()).as("paper is fixed on site, not a fault for the county").isEqualTo("缺纸");
        assertThat(printerDetail()).isEqualTo("打印机缺纸：请打开机盖装入新的热敏纸卷");
        assertThat(textOf("console-device-receipt-printer-advice")).contains("打开打印机上盖", "新纸卷");

        // 纸张与钱箱: 没纸 with how to load a roll.
        page("纸张与钱箱");
        await("没纸", () -> "没纸".equals(textOf("console-paper-state")));
        assertThat(textOf("console-paper-advice")).contains("打印机没纸了", "打开打印机上盖");

        demo.receiptPrinter().setPaperEnd(false); // a roll loaded
        tap("console-paper-refresh");
        await("paper fine again", () -> "正常".equals(textOf("console-paper-state")));
        assertThat(textOf("console-paper-advice")).isEmpty();
        page("设备");
        await("设备 shows the printer fine", () -> "正常".equals(printerState()) && !printerDetail().contains("缺纸"));
        tap("console-device-receipt-printer-test");
        await("the test receipt", () -> textOf("console-device-receipt-printer-result").startsWith("测试小票已打印"));
        assertThat(audit()).contains("管理员|打印测试小票（小票打印机）|测试小票已打印：请看字迹是否清楚、二维码能否扫出");
    }

    @Test
    void aQueueStuckWhileTheCountyFailedIsUnblockedAndSyncedOnceItWorks() throws Exception {
        start(true);
        String submitted = applyForPension(); // a villager's application, queued while the county fails every upload
        OutboxEntry entry = kiosk.county().orElseThrow().outbox().list(100).stream()
                .filter(e -> "RSJ-0005".equals(e.transaction().serviceCode())).findFirst().orElseThrow();
        String receiptNo = entry.transaction().receiptNo();
        assertThat(submitted).as("the villager's receipt number").contains(receiptNo);
        openConsole();
        page("队列");
        await("the queue read", () -> textOf("queue-pending-figure").endsWith("笔"));

        // 立即同步 until the entry is stuck (the sync engine's own passes count too, so it may be stuck at the first press).
        int press = 0;
        do {
            syncNow();
            assertThat(textOf("queue-result")).as("the sync's words").matches(FAILED_OR_STUCK);
        } while (++press <= MAX_ATTEMPTS && !"1 笔".equals(textOf("queue-blocked-figure")));
        await("卡住 1 笔", () -> "1 笔".equals(textOf("queue-blocked-figure")));
        assertThat(textOf("queue-blocked-meaning")).contains("解除");
        List<String> row = fx(() -> SceneProbe.texts(SceneProbe.node(scene, "queue-trouble-0")));
        assertThat(row).contains("卡住").anyMatch(t -> t.contains("城乡居民基本养老保险") && t.contains(receiptNo));
        assertThat(textOf("queue-trouble-reason-0")).contains("已上传 " + MAX_ATTEMPTS + " 次都没成功", "县里的后台出了故障", "解除");
        assertThat(county.backend().storedCount(entry.transaction().id().toString())).isZero();

        county.backend().faults().set(""); // 县里后台恢复
        tap("queue-unblock-0");
        await("解除", () -> "已解除，下次同步会重新上传".equals(textOf("queue-result")));
        // The engine may send it by itself as soon as it is pending again: either way 立即同步 ends with it synced.
        syncNow();
        await(30, "synced at the county", () -> county.backend().storedCount(entry.transaction().id().toString()) == 1);
        page("设备");
        page("队列"); // read again, as an administrator coming back to the page
        await("队列 says so", () -> "0 笔".equals(textOf("queue-blocked-figure")) && "0 笔".equals(textOf("queue-pending-figure")));
        assertThat(textOf("queue-pending-meaning")).isEqualTo("都传到县里了。");
        assertThat(SceneProbe.visible(scene, "queue-troubles-none")).isTrue();
        assertThat(entry(receiptNo).state()).isEqualTo(OutboxEntry.State.ACKNOWLEDGED);

        List<String> audit = audit();
        assertThat(audit).anyMatch(l -> l.startsWith("管理员|立即同步|") && l.substring("管理员|立即同步|".length()).matches(FAILED_OR_STUCK));
        assertThat(audit).anyMatch(l -> l.startsWith("管理员|解除卡住的一笔：城乡居民基本养老保险") && l.endsWith("|已解除，下次同步会重新上传"));
        assertThat(audit).anyMatch(l -> l.startsWith("管理员|立即同步|") && !l.contains("故障"));
    }

    @Test
    void aClockTwoHoursAheadIsFoundByTheNetworkCheckAndSetRightByOneTap() throws Exception {
        start(false);
        await(30, "the county reached", () -> kiosk.onlineProperty().get());
        clock.putOff(Duration.ofHours(2)); // 终端时钟拨快 2 小时
        openConsole();
        page("网络");
        assertThat(SceneProbe.visible(scene, "network-fix-clock")).as("no 校准时钟 before a check found the clock wrong").isFalse();
        tap("network-start");
        await(40, "the check done", () -> !running() && mark("clock") != null);
        assertThat(mark("http")).isEqualTo("OK");
        assertThat(mark("clock")).isEqualTo("FAILED");
        assertThat(textOf("network-clock-detail")).contains("快了", "2 小时");
        assertThat(textOf("network-clock-cause")).startsWith("原因：").contains("快了");
        assertThat(textOf("network-clock-fix")).startsWith("怎么办：");
        assertThat(textOf("network-summary")).isEqualTo("有 1 项不正常：本机时钟不对，点「校准时钟」把它调到县里的时间");
        await("校准时钟 offered", () -> SceneProbe.visible(scene, "network-fix-clock"));

        tap("network-fix-clock");
        await(40, "checked again, the clock right", () -> !running() && "OK".equals(mark("clock")));
        assertThat(textOf("network-summary")).isEqualTo("已把本机时钟往回调了 2 小时，和县里一致。网络正常：本机连得上县里");
        assertThat(textOf("network-clock-detail")).contains("本机时钟与县里相差");
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).as("the kiosk's clock, set to the county's")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(SceneProbe.visible(scene, "network-fix-clock")).isFalse();

        List<String> audit = audit();
        assertThat(audit).anyMatch(l -> l.startsWith("管理员|网络检查|有 1 项不正常"));
        assertThat(audit).anyMatch(l -> l.matches("管理员\\|校准时钟\\|已把本机时钟往回调了 2 小时，和县里一致"));
        assertThat(audit).contains("管理员|网络检查|网络正常：本机连得上县里");
    }

    // The villager's part //

    /**
     * 城乡居民基本养老保险参保登记 through the screens, as a villager does it: the ID card, the choices, the phone, the
     * statement, 确认; no receipt, no rating. Returns what the 已提交 screen said.
     */
    private String applyForPension() {
        tap("home-identify");
        await("waiting for a card", () -> kiosk.model().identify().stepProperty().get() == Step.WAITING);
        demo.placeCard(CardFixtures.RESIDENT);
        await("identified", () -> kiosk.model().identify().stepProperty().get() == Step.DONE);
        tap("identity-continue");
        await("home, identified", () -> screen() == Screen.HOME);
        tap("tile-social-insurance");
        await("the services", () -> screen() == Screen.SERVICES);
        while (fx(() -> scene.lookup("#service-RSJ-0005") == null)) {
            int page = fx(() -> kiosk.model().pageProperty().get());
            tap("page-next");
            await("the next page", () -> kiosk.model().pageProperty().get() == page + 1);
        }
        tap("service-RSJ-0005");
        await("the first question", () -> SceneProbe.visible(scene, "choice-1"));
        tap("choice-1");
        await("the phone", () -> SceneProbe.visible(scene, "keypad"));
        for (char c : "13800138000".toCharArray()) {
            tap("key-" + c);
        }
        tap("field-ok");
        await("the statement", () -> SceneProbe.visible(scene, "field-confirm"));
        tap("field-confirm");
        await("the summary", () -> SceneProbe.visible(scene, "summary-confirm"));
        tap("summary-confirm");
        await(30, "submitted", () -> SceneProbe.visible(scene, "submit-next"));
        String submitted = textOf("submit-text");
        tap("submit-next");
        await("是否打印", () -> SceneProbe.visible(scene, "receipt-skip"));
        tap("receipt-skip");
        await("好差评", () -> SceneProbe.visible(scene, "evaluate-skip"));
        tap("evaluate-skip");
        await("the end", () -> screen() == Screen.END);
        tap("end-done");
        await("the visit over", () -> screen() == Screen.HOME && !kiosk.model().session().active());
        return submitted;
    }

    private OutboxEntry entry(String receiptNo) throws Exception {
        return kiosk.county().orElseThrow().outbox().list(100).stream()
                .filter(e -> receiptNo.equals(e.transaction().receiptNo())).findFirst()
                .orElseThrow(() -> new AssertionError("no entry with receipt " + receiptNo));
    }

    // The administrator's part //

    private void openConsole() {
        for (int i = 0; i < 5; i++) {
            Point2D p = fx(() -> scene.getRoot().localToScreen(40, 40));
            FxService.serviceContext().getBaseRobot().moveMouse(p);
            robot.press(MouseButton.PRIMARY);
            robot.release(MouseButton.PRIMARY);
            WaitForAsyncUtils.waitForFxEvents();
        }
        await("the PIN pad", () -> state() == Console.State.PIN && kiosk.shell().coverProperty().get() == Cover.CONSOLE);
        for (char c : PIN.toCharArray()) {
            tap("console-key-" + c);
        }
        tap("console-confirm");
        await("the console", () -> state() == Console.State.OPEN);
    }

    /** Taps the side bar's button named {@code title} and waits for its page. */
    private void page(String title) {
        List<ConsolePage> pages = fx(() -> kiosk.console().pages());
        int i = 0;
        while (!pages.get(i).title().equals(title)) {
            i++;
        }
        assertThat(textOf("console-nav-" + i)).isEqualTo(title);
        tap("console-nav-" + i);
        ConsolePage p = pages.get(i);
        await(title, () -> kiosk.console().pageProperty().get() == p);
    }

    /** 立即同步, and its end. */
    private void syncNow() {
        await("立即同步 tappable", () -> !SceneProbe.node(scene, "queue-sync").isDisabled());
        tap("queue-sync");
        await(30, "the sync's end", () -> !SceneProbe.node(scene, "queue-sync").isDisabled() && !textOf("queue-result").isEmpty());
    }

    /** The 网络 page checking (or setting the clock). */
    private boolean running() {
        return fx(() -> ((NetworkPage) kiosk.console().pageProperty().get()).runningProperty().get());
    }

    /** A network step's mark: OK, FAILED, NOT_CHECKED, NOT_APPLICABLE, or null before it was checked. */
    private String mark(String step) {
        return fx(() -> {
            Object o = SceneProbe.node(scene, "network-" + step + "-mark").getUserData();
            return o == null ? null : o.toString();
        });
    }

    private String printerState() {
        return textOf("console-device-receipt-printer-state");
    }

    private String printerDetail() {
        return textOf("console-device-receipt-printer-detail");
    }

    private List<String> audit() throws Exception {
        KioskLog.flush();
        WaitForAsyncUtils.waitForFxEvents();
        return kiosk.county().orElseThrow().audit().recent(200).stream().map(e -> e.who() + "|" + e.what() + "|" + e.result())
                .toList();
    }

    private Console.State state() {
        return fx(() -> kiosk.console().stateProperty().get());
    }

    private Screen screen() {
        return fx(() -> kiosk.model().screenProperty().get());
    }

    /** The words of the labelled node {@code id}; "" when it is not on screen (a console page not drawn yet). */
    private String textOf(String id) {
        return fx(() -> scene.lookup("#" + id) instanceof Labeled l ? l.getText() : "");
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
}
