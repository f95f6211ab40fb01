package cn.yzz.kiosk.app;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.admin.ClockSetter;
import cn.yzz.kiosk.admin.DiagnosticsBundle;
import cn.yzz.kiosk.admin.LogBook;
import cn.yzz.kiosk.admin.RemovableMedia;
import cn.yzz.kiosk.app.console.pages.DiagnosticsPage;
import cn.yzz.kiosk.app.console.pages.LogPage;
import cn.yzz.kiosk.app.console.pages.NetworkPage;
import cn.yzz.kiosk.app.console.pages.QueuePage;
import cn.yzz.kiosk.app.training.TrainingPage;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.QueueProblem;
import cn.yzz.kiosk.cache.sync.NetworkDiagnosis;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.console.AboutPage;
import cn.yzz.kiosk.app.console.ActionPage;
import cn.yzz.kiosk.app.console.AuditTrail;
import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.console.ConsolePage;
import cn.yzz.kiosk.app.console.DevicesPage;
import cn.yzz.kiosk.app.console.KioskControl;
import cn.yzz.kiosk.app.console.PaperCashPage;
import cn.yzz.kiosk.app.console.StaffCardWatch;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.view.console.CardNoticeView;
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
 * bar's order (设备, 纸张与钱箱, 帮办代办, 队列, 网络, 日志, 诊断包, 培训模式, 重启程序, 关于), its audit trail, and its layer
 * over the kiosk with the corner that opens it; and the staff card's way in ({@link StaffCardWatch}: the ID card reader on
 * the out-of-service screen and on the PIN pad, never at home).
 */
final class ConsoleWiring {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.console");

    /** The corner's size in layout pixels: a finger's width and more, in the header's top-left where nothing else is. */
    static final double CORNER = 160;


    record Made(Console console, AuditTrail trail, StaffCardWatch staffCards) {}

    private ConsoleWiring() {}

    /**
     * @param staff       the staff list, for staff cards (looked up on {@code staffThread}, 帮办代办's "kiosk-staff")
     */
    static Made make(KioskOptions options, FittedDevices fitted, ReceiptOut printerOut, CashWatch cash, Shell shell,
                     Scheduler scheduler, Executor fx, Clock clock, AtomicReference<CountyLink> link, KioskControl control,
                     StaffStore staff, Executor staffThread) {
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
        // A staff card opens the PIN pad on the out-of-service screen, and names who signs in on the pad; at home the reader
        // is the villager's (StaffCardWatch says why). The binding is held by the watch, which the console's listener holds.
        StaffCardWatch staffCards = new StaffCardWatch(console, shell.coverProperty().isEqualTo(Shell.Cover.OUT_OF_SERVICE),
                fitted.idReader()::read, staff::card, staffThread, fx, scheduler);
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
        pages.add(queuePage(link, shell, console, fx, clock));
        pages.add(new NetworkPage(new NetworkPage.Data(each -> diagnosis(options, clock)
                .run(r -> each.accept(new NetworkPage.Check(NetworkPage.Step.valueOf(r.check().name()),
                        NetworkPage.Outcome.valueOf(r.outcome().name()), r.detail(), r.cause(), r.fix()))),
                () -> store(link).reachability().last(24), () -> correctClock(options, clock)), console.audit(), fx, clock));
        pages.add(new LogPage(logReader(options.dataDir()), console.audit(), fx, clock));
        pages.add(new DiagnosticsPage(new DiagnosticsPage.Data(
                () -> RemovableMedia.system().find().stream().map(RemovableMedia.Medium::mountPoint).toList(),
                folder -> {
                    DiagnosticsBundle bundle = bundle(options, shell, link, clock);
                    Path file = bundle.writeTo(folder, Long.MAX_VALUE); // a stick takes it whole; only uploads are capped
                    return new DiagnosticsPage.Written(file, Files.size(file));
                }, options.dataDir().resolve("diagnostics")), console.audit(), fx));
        pages.add(new TrainingPage(control, console.audit()));
        pages.add(ActionPage.restart(control, console.audit()));
        pages.add(new AboutPage(() -> quickFacts(options, shell), () -> slowFacts(options.dataDir(), clock), work, fx));
        console.setPages(pages);
        return new Made(console, trail, staffCards);
    }

    private static KioskStore store(AtomicReference<CountyLink> link) {
        CountyLink c = link.get();
        if (c == null) {
            throw new IllegalStateException("终端的记录还没打开（刚开机时要等一会儿）：请稍后再点");
        }
        return c.store();
    }

    private static ConsolePage queuePage(AtomicReference<CountyLink> link, Shell shell, Console console, Executor fx, Clock clock) {
        return new QueuePage(new QueuePage.Data(now -> store(link).outbox().status(now),
                () -> store(link).outbox().days(7, ZoneId.systemDefault(), clock.instant()).stream()
                        .map(d -> new QueuePage.Day(d.day(), d.made(), d.synced(), d.failed())).toList(),
                () -> store(link).outbox().problems(50).stream().map(p -> new QueuePage.Trouble(p.id(),
                        what(shell, p), p.createdAt().toInstant(), p.state() == OutboxEntry.State.BLOCKED
                                ? QueuePage.State.BLOCKED : QueuePage.State.REJECTED, p.words(), p.attempts())).toList(),
                () -> {
                    store(link); // says so when the store is not open yet
                    return link.get().engine().orElseThrow(() -> new IllegalStateException(
                            "本机还没有登记到县里，不能同步：请县里技术人员运行 kioskctl enroll")).syncNow();
                },
                id -> store(link).outbox().unblock(id)), console.audit(), fx, clock);
    }

    /** A trouble's service in words: its name in the catalogue, else its code or kind, and its receipt number. */
    private static String what(Shell shell, QueueProblem p) {
        String name = p.serviceCode() == null ? p.type()
                : shell.flow().catalogue().service(p.serviceCode()).map(s -> s.name()).orElse(p.serviceCode());
        return p.receiptNo() == null ? name : name + "（收据 " + p.receiptNo() + "）";
    }

    private static NetworkDiagnosis diagnosis(KioskOptions options, Clock clock) throws java.io.IOException {
        return new NetworkDiagnosis(EnrollmentFile.load(options.dataDir())
                .orElseThrow(() -> new IllegalStateException("本机还没有登记到县里：请县里技术人员运行 kioskctl enroll")), clock);
    }

    /**
     * 校准时钟: asks the county its time again (the network check's last step) and sets this kiosk's clock to it, through
     * systemd-timedated on a village kiosk, or the clock's own setter when the clock is one (the demo's).
     */
    private static String correctClock(KioskOptions options, Clock clock) throws Exception {
        java.time.Duration skew = diagnosis(options, clock).run(r -> { }).clockSkew().orElseThrow(() ->
                new IllegalStateException("连不上县里，拿不到县里的时间：请先照检查结果把网络弄好"));
        ClockSetter setter = clock instanceof ClockSetter own ? own : ClockSetter.timedatectl();
        setter.set(clock.instant().plus(skew));
        long minutes = Math.max(1, Math.round(skew.abs().toSeconds() / 60.0));
        String span = minutes >= 60 ? minutes / 60 + " 小时" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " 分钟") : minutes + " 分钟";
        LOG.info(() -> "clock corrected to the county's by " + skew);
        return "已把本机时钟" + (skew.isNegative() ? "往回调了 " : "往前调了 ") + span + "，和县里一致";
    }

    /** The log a page at a time, newest first; at most the newest 5,000 records are counted (a page says how many). */
    private static LogPage.Reader logReader(Path dataDir) {
        LogBook book = LogBook.in(dataDir);
        return (atLeast, since, skip, max) -> {
            java.util.logging.Level level = switch (atLeast) {
                case ERROR -> java.util.logging.Level.SEVERE;
                case WARNING -> java.util.logging.Level.WARNING;
                case INFO -> java.util.logging.Level.INFO;
                case DEBUG, TRACE -> java.util.logging.Level.FINE;
                case ALL, OFF -> null;
            };
            List<LogBook.Entry> all = book.newest(new LogBook.Filter(level, since), 5_000);
            List<LogPage.Line> lines = all.stream().skip(skip).limit(max).map(e -> new LogPage.Line(e.at(), level(e.level()),
                    e.logger() == null ? "" : e.logger(), e.damaged() ? e.text() : e.message())).toList();
            return new LogPage.Slice(lines, all.size());
        };
    }

    private static System.Logger.Level level(java.util.logging.Level l) {
        if (l == null) {
            return System.Logger.Level.WARNING; // a damaged line: its level cannot be told, so it is shown as a warning
        }
        int v = l.intValue();
        return v >= 1000 ? System.Logger.Level.ERROR : v >= 900 ? System.Logger.Level.WARNING
                : v >= 800 ? System.Logger.Level.INFO : System.Logger.Level.DEBUG;
    }

    /** The diagnostics bundle of this kiosk: the console's 诊断包 and the county's upload-diagnostics. */
    static DiagnosticsBundle bundle(KioskOptions options, Shell shell, AtomicReference<CountyLink> link, Clock clock) {
        return new DiagnosticsBundle(options.dataDir(), store(link), clock)
                .withVersions(AboutPage.version(), shell.flow().catalogue().version());
    }

    private static Map<String, String> quickFacts(KioskOptions options, Shell shell) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("程序版本", AboutPage.version());
        m.put("终端型号", options.profile().model().toString().toLowerCase(java.util.Locale.ROOT).contains("enhanced") ? "增强型" : "桌面型");
        m.put("求助联系人", (options.helpName().isEmpty() ? "村委会工作人员" : options.helpName())
                + (options.helpPhone().isEmpty() ? "" : "（" + options.helpPhone() + "）")); // a phone without a name too
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

    /**
     * The kiosk with the console over it; five presses on the corner open the console's PIN pad. Between them, what the
     * out-of-service screen says of a card that is no staff card.
     */
    static Region layers(Region kiosk, Console console, StaffCardWatch staffCards, Supplier<String> kioskId, double width,
                         double height) {
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
        StackPane layers = new StackPane(kiosk, new CardNoticeView(staffCards.noticeProperty(), width, height), view);
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
