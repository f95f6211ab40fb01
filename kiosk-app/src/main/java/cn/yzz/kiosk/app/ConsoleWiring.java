package cn.yzz.kiosk.app;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.console.AboutPage;
import cn.yzz.kiosk.app.console.ActionPage;
import cn.yzz.kiosk.app.console.AuditTrail;
import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.console.ConsolePage;
import cn.yzz.kiosk.app.console.DevicesPage;
import cn.yzz.kiosk.app.console.KioskControl;
import cn.yzz.kiosk.app.console.PaperCashPage;
import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.view.console.ConsoleView;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The administrator's console as the composition root builds it: the console model over the shell, its pages in the side
 * bar's order (设备, 纸张与钱箱, 帮办代办, 重启程序, 关于; the queue, network, logs, diagnostics and training pages join
 * this list), its audit trail, and its layer over the kiosk with the corner that opens it.
 */
final class ConsoleWiring {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.console");

    /** The corner's size in layout pixels: a finger's width and more, in the header's top-left where nothing else is. */
    static final double CORNER = 160;

    /** Until the kiosk's own restart and training are wired in: says in the log what was asked. */
    static final KioskControl LOGGING_CONTROL = new KioskControl() {
        @Override
        public void restart() {
            LOG.warning("console: restart asked; this start has no way to restart itself");
        }

        @Override
        public void training(boolean on) {
            LOG.warning(() -> "console: training " + (on ? "on" : "off") + " asked; this start has no way to switch");
        }

        @Override
        public boolean inTraining() {
            return false;
        }
    };

    record Made(Console console, AuditTrail trail) {}

    private ConsoleWiring() {}

    static Made make(KioskOptions options, FittedDevices fitted, ReceiptOut printerOut, CashWatch cash, Shell shell,
                     Scheduler scheduler, Executor fx, Clock clock, AtomicReference<CountyLink> link, KioskControl control) {
        Executor work = thread("kiosk-console");
        AuditTrail trail = new AuditTrail(thread("kiosk-audit"), clock);
        Console console = new Console(AdminPin.in(options.dataDir()), work, fx, scheduler, clock, trail, new Console.Host() {
            @Override
            public boolean mayOpen() {
                return shell.consoleMayOpen();
            }

            @Override
            public boolean cover() {
                return shell.openConsole();
            }

            @Override
            public void uncover() {
                shell.closeConsole();
            }
        }, Console.Settings.defaults());
        shell.coverProperty().addListener((o, was, now) -> {
            if (was == Shell.Cover.CONSOLE && now != Shell.Cover.CONSOLE) {
                console.interrupted("被出错画面打断");
            }
        });
        List<DevicesPage.Fitted> devices = new ArrayList<>();
        for (DeviceNeed n : DeviceNeed.values()) {
            if (fitted.fitted().contains(n)) {
                devices.add(new DevicesPage.Fitted(n, fitted.device(n).orElse(null)));
            }
        }
        List<ConsolePage> pages = new ArrayList<>();
        pages.add(new DevicesPage(devices, cash, console.audit(), work, fx, clock, printerOut.paper()));
        pages.add(new PaperCashPage(fitted.device(DeviceNeed.RECEIPT_PRINTER, ReceiptPrinter.class).orElse(null), cash,
                console.audit(), work, fx));
        if (shell.assist() != null) {
            pages.add(ActionPage.assist(() -> {
                console.audit().record("开始帮办代办", "离开管理界面，工作人员登录");
                console.leave();
                shell.flow().openStaff();
            }));
        }
        pages.add(ActionPage.restart(control, console.audit()));
        pages.add(new AboutPage(() -> quickFacts(options, shell), () -> slowFacts(options.dataDir(), clock), work, fx));
        console.setPages(pages);
        return new Made(console, trail);
    }

    private static Map<String, String> quickFacts(KioskOptions options, Shell shell) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("程序版本", AboutPage.version());
        m.put("终端型号", options.profile().model().toString().toLowerCase(java.util.Locale.ROOT).contains("enhanced") ? "增强型" : "桌面型");
        m.put("求助联系人", options.helpName().isEmpty() ? "村委会工作人员" : options.helpName()
                + (options.helpPhone().isEmpty() ? "" : "（" + options.helpPhone() + "）"));
        m.put("服务目录版本", shell.flow().catalogue().version());
        return m;
    }

    /** What the enrollment says; never the token. Reads a file: on the console's thread. */
    private static Map<String, String> slowFacts(Path dataDir, Clock clock) throws java.io.IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Optional<EnrollmentFile> e = EnrollmentFile.load(dataDir);
        m.put("终端编号", e.map(EnrollmentFile::kioskId).orElse(""));
        m.put("村（社区）代码", e.map(EnrollmentFile::villageCode).orElse(""));
        m.put("后台地址", e.map(EnrollmentFile::backendUrl).orElse(""));
        Path file = dataDir.resolve(EnrollmentFile.NAME);
        m.put("登记时间", e.isPresent() && Files.exists(file) ? DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(clock.getZone() == null ? ZoneId.systemDefault() : clock.getZone())
                .format(Files.getLastModifiedTime(file).toInstant()) : "");
        return m;
    }

    /** The kiosk with the console over it; five presses on the corner open the console's PIN pad. */
    static Region layers(Region kiosk, Console console, Supplier<String> kioskId, double width, double height) {
        ConsoleView view = new ConsoleView(console, kioskId, width, height);
        kiosk.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getX() <= CORNER && e.getY() <= CORNER) {
                if (console.cornerPressed(System.nanoTime())) {
                    e.consume(); // the fifth press opens the console and does nothing under it
                }
            } else {
                console.pressedElsewhere();
            }
        });
        StackPane layers = new StackPane(kiosk, view);
        layers.setPrefSize(width, height);
        return layers;
    }

    /** A thread that ends when idle (nothing to close), one task after the other. */
    private static Executor thread(String name) {
        return new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

}
