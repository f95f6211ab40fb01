package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.console.KioskControl;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.training.TrainingPanel;
import cn.yzz.kiosk.app.training.TrainingRig;
import cn.yzz.kiosk.app.service.Till;
import cn.yzz.kiosk.cashin.CashPolicy;
import cn.yzz.kiosk.device.cash.NoteAcceptor;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.AssistModel;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.Session;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.view.ElderStyle;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.app.view.ScaledRoot;
import cn.yzz.kiosk.app.view.TapGuard;
import cn.yzz.kiosk.app.voice.Voice;
import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.qr.QrScanner;
import cn.yzz.kiosk.device.sscard.SsCardReader;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.BooleanProperty;
import javafx.event.Event;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * The composition root: devices, voice, flow models, the shell and the window, wired once.
 * {@link KioskApp} uses it, and so do the UI tests and the screenshot tour (module kiosk-demo), which
 * build it on the demo's devices.
 */
public final class Kiosk implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app");

    /** Design size of the windowed mode: a portrait kiosk screen, scaled down to fit. */
    public static final double WINDOW_DESIGN_WIDTH = 1080;
    public static final double WINDOW_DESIGN_HEIGHT = 1920;

    /**
     * Timings of the villager's visit; tests shorten them.
     *
     * @param cardWait    one read's wait for a card
     * @param idle        the idle warning's timings
     * @param tapDebounce repeat activations within this time are ignored
     * @param voice       false: text only (tests that do not listen)
     */
    public record Settings(Duration cardWait, IdleWatch.Settings idle, Duration tapDebounce, boolean voice) {
        public static Settings defaults() {
            return new Settings(IdentifyModel.CARD_WAIT, IdleWatch.Settings.defaults(), TapGuard.DEBOUNCE, true);
        }
    }

    private final KioskOptions options;
    private final Settings settings;
    private final DeviceLinks links;
    private final FittedDevices fitted;
    private final ScheduledExecutorService timers;
    /** Made once the home screen is drawn; null when the settings turn the voice off. */
    private final LateVoice voice;
    private final Shell shell;
    private final DeviceWatch devices;
    private final FxExecutor fx;
    private final CountyServices services;
    /** The county link once it is open; the service runs reach it through the same reference. */
    private final AtomicReference<CountyLink> county;
    /** Cash on an enhanced kiosk with a note acceptor that has a driver; null otherwise. */
    private final CashWatch cash;
    /** The village administrator's console (five presses on the top-left corner, then the PIN). */
    private final cn.yzz.kiosk.app.console.Console console;
    private final cn.yzz.kiosk.app.console.AuditTrail trail;
    /** The staff card's way into the console (out of service, and on the PIN pad). */
    private final cn.yzz.kiosk.app.console.StaffCardWatch staffCards;
    private boolean closed; // guarded by this
    /** 重启程序 and 培训模式, for the console. */
    final Restarts.Slot control;

    private Kiosk(KioskOptions options, Settings settings, DeviceLinks links, FittedDevices fitted,
                  ScheduledExecutorService timers, LateVoice voice, Shell shell, DeviceWatch devices, FxExecutor fx,
                  CountyServices services, AtomicReference<CountyLink> county, CashWatch cash,
                  cn.yzz.kiosk.app.console.Console console, cn.yzz.kiosk.app.console.AuditTrail trail,
                  cn.yzz.kiosk.app.console.StaffCardWatch staffCards, Restarts.Slot control) {
        this.options = options;
        this.settings = settings;
        this.links = links;
        this.fitted = fitted;
        this.timers = timers;
        this.voice = voice;
        this.shell = shell;
        this.devices = devices;
        this.fx = fx;
        this.services = services;
        this.county = county;
        this.cash = cash;
        this.console = console;
        this.trail = trail;
        this.staffCards = staffCards;
        this.control = control;
    }

    /**
     * Builds everything but opens nothing and shows nothing.
     *
     * @param links where the devices' bytes go: {@link DeviceLinks#PROFILE} on a kiosk in a village
     */
    public static Kiosk create(KioskOptions options, Catalog catalogue, Clock clock, Settings settings, DeviceLinks links)
            throws IOException {
        FittedDevices fitted = FittedDevices.build(options.profile(), links);
        IdCardReader reader = fitted.idReader();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kiosk-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true); // every touch cancels the idle timer: drop cancelled ones at once
        FxExecutor fx = new FxExecutor();
        FxScheduler scheduler = new FxScheduler(timers, fx);
        Session session = new Session();
        AtomicReference<CountyLink> link = new AtomicReference<>();
        CountyServices services = new CountyServices(() -> Optional.ofNullable(link.get()));
        // 培训模式: service runs reach the training county instead (the training store, no network).
        County county = links instanceof TrainingRig t ? t.county(() -> Optional.ofNullable(link.get())) : services;
        IdentifyModel identify = new IdentifyModel(reader, fx, clock, settings.cardWait(), PhotoDecoder.placeholder(),
                new IdentifyModel.Means(fitted.device(DeviceNeed.QR_SCANNER, QrScanner.class).orElse(null),
                        fitted.device(DeviceNeed.SSCARD_READER, SsCardReader.class).orElse(null), county));
        ReceiptOut printer = fitted.device(DeviceNeed.RECEIPT_PRINTER).filter(ReceiptPrinter.class::isInstance)
                .map(p -> (ReceiptOut) new PrinterOut((ReceiptPrinter) p, paper(fitted))).orElse(ReceiptOut.NONE);
        cn.yzz.kiosk.app.service.A4Out a4 = fitted.a4Out();
        CashWatch cash = fitted.device(DeviceNeed.CASH_ACCEPTOR, NoteAcceptor.class)
                .map(n -> new CashWatch(n, printer, fx, clock, fitted.spec(DeviceNeed.CASH_ACCEPTOR).map(CashPolicy::from)
                        .orElse(CashPolicy.defaults()))).orElse(null);
        Till till = cash == null ? Till.NONE : cash.till();
        KioskFlowModel flow = new KioskFlowModel(catalogue, identify, session, scheduler,
                new Abilities(fitted.fitted(), true, options.profile().model()),
                (plan, card, visit, finished) -> new ServiceRun(plan, new ServiceRun.Context(card, visit.id(), county, printer,
                        fx, scheduler, clock, visit::holdForMoney, visit::receiptPrinted, finished, reader::read, a4,
                        visit.assistant() == null ? null : visit.assistant().id(), till)),
                cn.yzz.kiosk.app.search.SearchModel.indexingThread(), fx);
        IdleWatch idle = new IdleWatch(scheduler, settings.idle(), session::takingMoney);
        LateVoice voice = settings.voice() ? new LateVoice(() -> Voice.create(options.dataDir().resolve("voice-cache"))) : null;
        Shell.Speaker speaker = voice != null ? voice : (p, l, slow) -> { };
        // 帮办代办: the staff list is read and PINs hashed on "kiosk-staff", a thread that ends when idle (nothing to close).
        java.util.concurrent.ThreadPoolExecutor staffThread = new java.util.concurrent.ThreadPoolExecutor(0, 1, 30,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "kiosk-staff");
                    t.setDaemon(true);
                    return t;
                });
        StaffStore staff = StaffStore.in(options.dataDir());
        AssistModel assist = new AssistModel(flow, staff, staffThread, fx, scheduler, reader::read, clock);
        Shell shell = new Shell(flow, idle, new Texts(), speaker, new Shell.HelpContact(options.helpName(), options.helpPhone()),
                scheduler, fx, assist);
        DeviceWatch devices = new DeviceWatch(fitted, flow, shell, scheduler, fx);
        if (cash != null) {
            devices.cashProperty().bind(cash.takesCashProperty());
        }
        // 重启程序 and 培训模式: a slot the window fills (KioskApp's Restarts), so the console holds it from the start.
        Restarts.Slot control = new Restarts.Slot(links instanceof TrainingRig);
        ConsoleWiring.Made made = ConsoleWiring.make(options, fitted, printer, cash, shell, scheduler, fx, clock, link, control,
                staff, staffThread);
        return new Kiosk(options, settings, links, fitted, timers, voice, shell, devices, fx, services, link, cash, made.console(),
                made.trail(), made.staffCards(), control);
    }

    /** 重启程序 and 培训模式 for the console: the same object for this kiosk's life. */
    public KioskControl control() {
        return control;
    }

    /** Where its devices' bytes go: the profile's ports, the demo's rig or the training rig. */
    DeviceLinks links() {
        return links;
    }

    /** A kiosk like this one (options, settings) on {@code on}, with {@code catalogue}: a restart in place builds it. */
    Kiosk again(DeviceLinks on, Catalog catalogue) throws IOException {
        return create(options, catalogue, console.clock(), settings, on);
    }

    /** The roll the profile says the receipt printer has. */
    private static Paper paper(FittedDevices fitted) {
        return fitted.spec(DeviceNeed.RECEIPT_PRINTER).map(s -> s.textOption("paper")).filter("58mm"::equals)
                .map(s -> Paper.MM58).orElse(Paper.MM80);
    }

    /** What this kiosk was started with. */
    public KioskOptions options() {
        return options;
    }

    public Shell shell() {
        return shell;
    }

    public KioskFlowModel model() {
        return shell.flow();
    }

    /** The driver of a fitted device, if it has one on this start (the demo prints its test receipt through it). */
    public Optional<Device> device(DeviceKind kind) {
        return fitted.device(FittedDevices.need(kind));
    }

    /** The cash desk once it is made (enhanced kiosks with a note acceptor), else null: for the cash benchmark. */
    cn.yzz.kiosk.cashin.CashDesk cashDesk() {
        return cash == null ? null : cash.desk();
    }

    /** True once the outbox is open (a moment after start): until then a service cannot be committed. */
    public boolean countyOpen() {
        return county.get() != null;
    }

    /** Whether the county backend can be used now: set by the sync engine once {@link #connectCountyInBackground} ran. */
    public BooleanProperty onlineProperty() {
        return devices.onlineProperty();
    }

    /** Work on {@code kiosk-county-open} before the outbox opens (the demo starts its county backend and enrolls). */
    @FunctionalInterface
    public interface BeforeCounty {
        void run() throws IOException;
    }

    /**
     * Opens the outbox and starts syncing on a thread of its own (SQLite's start-up check takes a moment
     * the home screen must not wait for), after {@code first} on the same thread. A store that cannot
     * be opened puts the kiosk out of service: it must not take work it cannot keep.
     */
    public void connectCountyInBackground(BeforeCounty first) {
        connectCountyInBackground(first, cn.yzz.kiosk.cache.Settings.defaults());
    }

    /** As {@link #connectCountyInBackground(BeforeCounty)}, the store with {@code store}'s settings. */
    public void connectCountyInBackground(BeforeCounty first, cn.yzz.kiosk.cache.Settings store) {
        background("kiosk-county-open", () -> {
            try {
                first.run();
                TrainingRig training = links instanceof TrainingRig t ? t : null;
                // In training the store is the training folder's, never enrolled; the training county is always there.
                CountyLink opened = CountyLink.open(training != null ? training.folder() : options.dataDir(), store,
                        cash == null ? fitted::snapshot : cash.heartbeat(fitted::snapshot), ok -> {
                    fx.execute(() -> devices.onlineProperty().set(ok || training != null));
                    if (ok) {
                        services.recoverInBackground(); // a payment a crash left open may be ended now
                    }
                });
                synchronized (this) {
                    if (!closed) {
                        county.set(opened);
                        trail.attach(opened.audit()); // the console's audit entries kept until now are written
                        if (training == null) { // the county's upload-diagnostics: the console's own bundle, to a size
                            opened.onDiagnostics(max -> {
                                try {
                                    return ConsoleWiring.bundle(options, shell, county, Clock.systemUTC()).make(max).zip();
                                } catch (IOException e) {
                                    LOG.log(Level.WARNING, "diagnostics bundle not made: " + e.getMessage());
                                    return null;
                                }
                            });
                        }
                        services.recoverInBackground();
                        if (cash != null) {
                            cash.start(opened); // the desk, then the acceptor, then the reconciliation: all on kiosk-till
                        }
                        opened.followCatalogue(c -> fx.execute(() -> model().catalogueProperty().set(c)));
                        return;
                    }
                }
                opened.close(); // the kiosk closed while the outbox was opening
            } catch (IOException | cn.yzz.kiosk.cache.StoreException | RuntimeException e) {
                LOG.log(Level.SEVERE, "cannot open the outbox; out of service until the kiosk is restarted", e);
                fx.execute(devices::storeUnavailable);
            }
        });
    }

    /**
     * The network may have changed (the demo's line switch): the sync engine checks the backend at
     * once and, when the line is back, tries again now rather than after its backoff. Blocks for a
     * heartbeat: call it off the JavaFX thread. Before the county link is open it does nothing (the
     * sync engine finds out at its first contact).
     */
    public void networkChanged(boolean up) {
        CountyLink c = county.get();
        if (c != null) {
            c.networkChanged(up);
        }
    }

    private static void background(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Opens the devices and makes the voice, each on a thread of its own: both block, and the home screen
     * must not wait. The drivers log every state change themselves (logger {@code cn.yzz.kiosk.device}, into
     * kiosk.log); the device watch turns them into what the villager sees. The voice's cache is filled once
     * the devices are open.
     */
    public void openDevicesInBackground() {
        devices.start();
        if (!(links instanceof TrainingRig)) {
            fitted.keepStatesIn(options.dataDir(), Clock.systemUTC()); // for kioskctl diagnostics on this machine
        }
        if (voice != null) {
            background("kiosk-voice-open", voice::make);
        }
        background("kiosk-open-devices", () -> {
            fitted.openAll();
            if (voice != null) {
                voice.warm();
            }
        });
    }

    /**
     * Puts the kiosk on {@code stage}: full screen (an undecorated stage the size of the screen,
     * since {@code setFullScreen} needs a window manager) or a decorated window. Call on the JavaFX
     * thread before the stage is shown.
     */
    public Scene show(Stage stage) {
        return show(stage, Screen.getPrimary().getBounds());
    }

    /**
     * As {@link #show(Stage)}, the window taking {@code bounds} of the screen (the demo keeps a column for its
     * simulator). The kiosk is laid out for the whole screen and scaled into the window, so it looks as it does on
     * a kiosk of that screen, only smaller.
     */
    public Scene show(Stage stage, Rectangle2D bounds) {
        double width;
        double height;
        Scene scene;
        if (options.windowed()) {
            width = WINDOW_DESIGN_WIDTH;
            height = WINDOW_DESIGN_HEIGHT;
            Rectangle2D visual = Screen.getPrimary().getVisualBounds();
            double s = Math.min(1, Math.min(visual.getWidth() * 0.95 / width, visual.getHeight() * 0.9 / height));
            scene = new Scene(root(width, height), width * s, height * s);
            stage.setTitle("粤智助 政务服务自助终端");
        } else {
            Rectangle2D screen = Screen.getPrimary().getBounds();
            width = screen.getWidth();
            height = screen.getHeight();
            scene = new Scene(root(width, height), bounds.getWidth(), bounds.getHeight());
            if (!stage.isShowing()) { // shown again after a restart in place: the style is set for good
                stage.initStyle(StageStyle.UNDECORATED);
            }
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
            stage.setWidth(bounds.getWidth());
            stage.setHeight(bounds.getHeight());
            stage.setResizable(false);
            // No way out by keyboard: window-manager close requests (Alt+F4) are refused.
            stage.setOnCloseRequest(Event::consume);
        }
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        scene.getStylesheets().add(KioskView.stylesheet());
        shell.elderProperty().addListener((o, was, now) -> elderStyle(scene, now));
        new TapGuard(settings.tapDebounce(), System::nanoTime).install(scene, () -> {
            shell.touched();
            console.touched();
        });
        stage.setScene(scene);
        stage.show();
        LOG.info(() -> "kiosk shown at " + (int) width + "x" + (int) height + (options.windowed() ? " (windowed)" : " (full screen)")
                + (links != DeviceLinks.PROFILE ? ", " + links : "") + ", " + options.profile().model() + " kiosk: "
                + options.profile().devices());
        shell.started();
        return scene;
    }

    private static void elderStyle(Scene scene, boolean elder) {
        scene.getStylesheets().remove(ElderStyle.stylesheet());
        if (elder) {
            scene.getStylesheets().add(ElderStyle.stylesheet());
        }
    }

    /** The administrator's console, for tests. */
    public cn.yzz.kiosk.app.console.Console console() {
        return console;
    }

    /** The county link once open (tests read its outbox and audit log). */
    Optional<CountyLink> county() {
        return Optional.ofNullable(county.get());
    }

    private ScaledRoot root(double width, double height) {
        javafx.scene.layout.Region view = ConsoleWiring.layers(new KioskView(shell, width, height), console, staffCards,
                () -> countyOpen() ? county.get().kioskId() : "", width, height);
        if (links instanceof TrainingRig t) {
            view = TrainingPanel.frame(view, t); // the banner and the trainer's strip around every screen, the console's too
        }
        ScaledRoot root = new ScaledRoot(view, view.getPrefWidth(), view.getPrefHeight());
        // JavaFX 21 uses only the first family of a CSS list, with no fallback, so the first one
        // installed is named here as well; without it a machine lacking the first would draw boxes.
        root.setStyle("-fx-font-family: \"" + Fonts.family() + "\";");
        return root;
    }

    /** Closes the devices and the voice; a read under way ends and reports through the FX executor as usual. */
    @Override
    public void close() {
        CountyLink c;
        synchronized (this) {
            closed = true;
            c = county.get();
        }
        services.close();
        if (cash != null) {
            cash.close(); // before the store: a payment under way is left for the next start's reconciliation
        }
        if (c != null) {
            c.close();
        }
        fitted.close();
        if (voice != null) {
            voice.close();
        }
        timers.shutdownNow();
    }
}
