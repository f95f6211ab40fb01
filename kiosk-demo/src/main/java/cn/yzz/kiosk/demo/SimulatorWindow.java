package cn.yzz.kiosk.demo;

import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.view.Fonts;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixture;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * The demo's control panel: a small ordinary window that places and removes emulated cards and
 * breaks the reader on purpose, walks away from the kiosk, takes the network away or causes an
 * unexpected error. It is for whoever runs the demo, not for villagers, so it uses
 * ordinary desktop sizes. It opens beside the kiosk's window, never over it. Closing it (or 退出演示) is
 * the only way out of the demo.
 */
public final class SimulatorWindow {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.demo");

    /** A 粤省事码 the demo's county does not know (an old one, refreshed since on the phone): it answers 404. */
    static final String EXPIRED_YSS_CODE = "YSS-DEMO-EXPIRED-0000";

    /** Between the panel and the kiosk's window or the screen's edge. */
    static final double GAP = 16;

    private final Stage stage = new Stage(StageStyle.DECORATED);
    private final Window owner;

    /**
     * @param network          the simulated village line: switching it off cuts the demo's county backend off
     * @param printTestReceipt prints a receipt through the kiosk's own printer driver (returns at once)
     * @param payByPhone       pays the order whose QR code is on the kiosk's screen, as the villager's phone would
     */
    /** What the 管理员演示 buttons put wrong, for the administrator to find and fix on the console. */
    public interface AdminTroubles {
        void paperOut(boolean out);

        /** The county's backend answers every upload with an error, so entries are retried and in the end stuck. */
        void countyFails(boolean fails);

        void clockAhead(boolean ahead);
    }

    public SimulatorWindow(DemoRig rig, Shell shell, BooleanProperty network, Runnable printTestReceipt, Runnable payByPhone,
                           AdminTroubles troubles, Window owner) {
        this.owner = owner;
        VBox box = new VBox(6);
        box.setPadding(new Insets(12));
        box.setPrefWidth(420);
        box.setStyle("-fx-font-family: \"" + Fonts.family() + "\"; -fx-font-size: 15px;");
        box.getChildren().add(heading("身份证"));
        for (CardFixture f : CardFixtures.all()) {
            box.getChildren().add(button("放置：" + f.description(), "sim-place-" + f.id(), () -> rig.placeCard(f)));
        }
        box.getChildren().add(button("取走身份证", "sim-remove", rig::removeCard));
        box.getChildren().add(heading("故障"));
        box.getChildren().addAll(
                button("读卡器无响应", "sim-silence", rig::silence),
                button("读卡失败一次", "sim-read-fails", rig::readFailsOnce),
                button("读卡时身份证被移开", "sim-removed-mid-read", rig::cardRemovedMidRead),
                button("拔出读卡器数据线", "sim-unplug", rig::unplug),
                button("插回", "sim-plug-in", rig::plugIn),
                button("清除故障", "sim-clear", rig::clearFaults));
        box.getChildren().add(heading("村民"));
        box.getChildren().addAll(
                button("走开（立即出现无人操作提示）", "sim-walk-away", shell::walkAway),
                button("模拟一次意外错误", "sim-error", () -> {
                    throw new IllegalStateException("simulated unexpected error (demo)");
                }));
        box.getChildren().add(heading("凭条打印机与扫码器"));
        box.getChildren().addAll(
                button("打印一张测试凭条（图片存入演示数据目录 receipts）", "sim-print", printTestReceipt),
                toggle("打印机缺纸", "装入新纸卷", "sim-paper", on -> rig.receiptPrinter().setPaperEnd(on)),
                toggle("打开打印机机盖", "合上机盖", "sim-cover", on -> rig.receiptPrinter().setCoverOpen(on)),
                button("向扫码器出示粤省事码", "sim-show-code", () -> rig.showCode(DevBackend.DEMO_YSS_CODE)),
                button("向扫码器出示已过期的粤省事码", "sim-show-old-code", () -> rig.showCode(EXPIRED_YSS_CODE)));
        box.getChildren().add(heading("社保卡"));
        for (SsCardFixture f : List.of(SsCardFixtures.GEN2, SsCardFixtures.EXPIRED, SsCardFixtures.NOT_SOCIAL_SECURITY)) {
            box.getChildren().add(button("插入：" + f.description(), "sim-insert-" + f.id(), () -> rig.insertSsCard(f)));
        }
        box.getChildren().add(button("取出社保卡", "sim-take-sscard", rig::removeSsCard));
        box.getChildren().add(heading("纸币器（现金）"));
        javafx.scene.layout.FlowPane noteRow = new javafx.scene.layout.FlowPane(6, 6);
        for (long yuan : new long[] {1, 5, 10, 20, 50, 100}) {
            Button b = button("投入 " + yuan + " 元", "sim-note-" + yuan, off(() -> rig.insertNote(yuan * 100)));
            b.setMaxWidth(Button.USE_PREF_SIZE);
            noteRow.getChildren().add(b);
        }
        box.getChildren().add(noteRow);
        box.getChildren().addAll(
                button("投入一张假币", "sim-note-fake", off(rig::insertFakeNote)),
                button("纸币器断电 3 秒（钞票在机内时也可）", "sim-note-power", off(() -> rig.cutNoteAcceptorPower(java.time.Duration.ofSeconds(3)))),
                toggle("取出钱箱", "放回清空的钱箱（打印清点单）", "sim-cashbox", on -> off(on ? rig::removeCashbox
                        : rig::replaceCashbox).run()),
                button("下一张纸币卡在机内", "sim-note-jam", off(rig::jamNextNote)),
                button("排除卡币", "sim-note-clear-jam", off(rig::clearNoteJam)));
        box.getChildren().add(heading("手机"));
        box.getChildren().add(button("手机扫码付款（付屏幕上的缴费二维码）", "sim-pay", payByPhone));
        box.getChildren().add(heading("网络"));
        Button line = button("", "sim-network", () -> network.set(!network.get()));
        line.textProperty().bind(Bindings.when(network).then("断开网络").otherwise("恢复网络"));
        box.getChildren().add(line);
        box.getChildren().add(heading("管理员演示（连点屏幕左上角 5 次，管理密码 " + Demo.DEMO_ADMIN_PIN + "）"));
        box.getChildren().addAll(
                toggle("小票打印机没纸", "装好小票纸", "sim-paper-out", troubles::paperOut),
                toggle("县里后台出错（上传总失败，几次后卡住）", "县里后台恢复", "sim-county-fails", troubles::countyFails),
                toggle("终端时钟拨快 2 小时", "时钟拨回（不用“校准时钟”）", "sim-clock-ahead", troubles::clockAhead));
        box.getChildren().add(heading("演示"));
        box.getChildren().add(button("退出演示", "sim-quit", Platform::exit));
        stage.setTitle("模拟器");
        // Taller than a small screen now: it scrolls rather than run off the bottom.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        stage.setScene(new Scene(scroll));
        if (owner != null) {
            stage.initOwner(owner); // stays above the full-screen kiosk where there is a window manager
        }
        // Closing the control panel ends the demo, which otherwise has no way out.
        stage.setOnCloseRequest(e -> Platform.exit());
    }

    /** The emulated note validator writes its state file: never on the JavaFX thread. */
    private static final java.util.concurrent.Executor NOTES = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "demo-simulator-notes");
        t.setDaemon(true);
        return t;
    });

    private static Runnable off(Runnable action) {
        return () -> NOTES.execute(action);
    }

    /** A button that switches something on and, pressed again, off; its words say what the next press does. */
    private static Button toggle(String on, String off, String id, java.util.function.Consumer<Boolean> action) {
        javafx.beans.property.BooleanProperty state = new javafx.beans.property.SimpleBooleanProperty(false);
        Button b = button("", id, () -> {
            state.set(!state.get());
            action.accept(state.get());
        });
        b.textProperty().bind(Bindings.when(state).then(off).otherwise(on));
        return b;
    }

    /**
     * Shows the panel beside the kiosk's window (see {@link #beside}). A full-screen kiosk on the only
     * screen leaves no room beside it; then the panel goes at the screen's top right corner, as before
     * (the keys 1–7, 0 and W work without it).
     */
    public void show() {
        stage.show();
        double room = Screen.getPrimary().getVisualBounds().getHeight() - 2 * GAP;
        if (stage.getHeight() > room) {
            stage.setHeight(room);
        }
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        Optional<Point2D> at = owner == null ? Optional.empty()
                : beside(new Rectangle2D(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight()),
                        stage.getWidth(), stage.getHeight(), screens);
        if (at.isPresent()) {
            stage.setX(at.get().getX());
            stage.setY(at.get().getY());
            return;
        }
        LOG.info("no room beside the kiosk's window: the simulator is at the screen's top right corner");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setX(screen.getMaxX() - stage.getWidth() - GAP);
        stage.setY(screen.getMinY() + GAP);
    }

    /**
     * Where a panel of {@code width} × {@code height} goes beside {@code kiosk} without covering it: to its
     * right, else to its left, on the screen it is on, else on another screen; empty when no screen has room.
     */
    static Optional<Point2D> beside(Rectangle2D kiosk, double width, double height, List<Rectangle2D> screens) {
        for (Rectangle2D s : screens) {
            if (!s.intersects(kiosk)) {
                continue;
            }
            double y = Math.max(s.getMinY(), Math.min(Math.max(kiosk.getMinY(), s.getMinY() + GAP), s.getMaxY() - height - GAP));
            if (s.getMaxX() - kiosk.getMaxX() >= width + 2 * GAP) {
                return Optional.of(new Point2D(kiosk.getMaxX() + GAP, y));
            }
            if (kiosk.getMinX() - s.getMinX() >= width + 2 * GAP) {
                return Optional.of(new Point2D(kiosk.getMinX() - GAP - width, y));
            }
        }
        for (Rectangle2D s : screens) {
            if (!s.intersects(kiosk) && s.getWidth() >= width + 2 * GAP) {
                return Optional.of(new Point2D(s.getMaxX() - width - GAP, s.getMinY() + GAP));
            }
        }
        return Optional.empty();
    }

    public Stage stage() {
        return stage;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0;");
        return l;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> action.run());
        return b;
    }
}
