package cn.yzz.kiosk.demo;

import cn.yzz.kiosk.app.DeviceLinks;
import cn.yzz.kiosk.app.Kiosk;
import cn.yzz.kiosk.app.KioskExtras;
import cn.yzz.kiosk.app.KioskOptions;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.receipt.Paper;
import cn.yzz.kiosk.device.receipt.Receipt;
import cn.yzz.kiosk.device.receipt.ReceiptPrinter;
import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.app.service.QrPayStep;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.service.Step;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * What the demo adds to the kiosk ({@link KioskExtras}): the emulated devices ({@link DemoRig}), its
 * own county backend with the kiosk enrolled ({@link DemoCounty}), the {@link SimulatorWindow} beside
 * the kiosk's window, and keys as a fallback for it (1–7 place the test cards, 0 takes the card away,
 * W walks away).
 */
final class Demo implements KioskExtras {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.demo");

    private volatile boolean measuring;
    private final DemoClock clock = new DemoClock();

    private volatile DemoRig rig;
    private DemoCounty county; // guarded by this
    private boolean lineUp = true; // guarded by this
    private boolean closed; // guarded by this

    @Override
    public DeviceLinks devices(KioskOptions options) throws IOException {
        measuring = options.measureStartup();
        rig = DemoRig.start(options.dataDir().resolve("receipts"));
        return rig;
    }

    /** Room for the simulator at the screen's right, when the demo is full screen on one screen. */
    static final double SIMULATOR_COLUMN = 460;

    @Override
    public javafx.geometry.Rectangle2D area(javafx.geometry.Rectangle2D screen) {
        if (measuring || javafx.stage.Screen.getScreens().size() > 1 || screen.getWidth() < 2 * SIMULATOR_COLUMN) {
            return screen; // a timed start shows the kiosk alone; a second screen has room for the simulator
        }
        return new javafx.geometry.Rectangle2D(screen.getMinX(), screen.getMinY(), screen.getWidth() - SIMULATOR_COLUMN,
                screen.getHeight());
    }

    @Override
    public void shown(Kiosk kiosk, Stage stage, Scene scene) {
        DemoRig r = rig;
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> keys(kiosk, r, e));
        if (kiosk.options().measureStartup()) {
            return; // a start that is timed shows the kiosk alone
        }
        BooleanProperty network = new SimpleBooleanProperty(this, "network", true);
        network.addListener((o, was, up) -> background("demo-network", () -> switchLine(kiosk, up)));
        new SimulatorWindow(r, kiosk.shell(), network, () -> printTestReceipt(kiosk), () -> payByPhone(kiosk),
                new SimulatorWindow.AdminTroubles() {
                    @Override
                    public void paperOut(boolean out) {
                        r.receiptPrinter().setPaperEnd(out);
                    }

                    @Override
                    public void countyFails(boolean fails) {
                        background("demo-county-fails", () -> countyFailing(fails));
                    }

                    @Override
                    public void clockAhead(boolean ahead) {
                        clock.putOff(ahead ? java.time.Duration.ofHours(2) : java.time.Duration.ZERO);
                    }
                }, stage).show();
    }

    /** The kiosk's clock: the simulator can put it wrong, the console's 校准时钟 corrects it. */
    @Override
    public java.time.Clock clock() {
        return clock;
    }

    /**
     * An entry is stuck after {@link #DEMO_MAX_ATTEMPTS} failed uploads rather than the kiosk's 50, so that 县里后台出错 leaves
     * entries for the console's 队列 → 解除 within a minute or two, not hours.
     */
    @Override
    public cn.yzz.kiosk.cache.Settings storeSettings() {
        return cn.yzz.kiosk.cache.Settings.defaults().withMaxAttempts(DEMO_MAX_ATTEMPTS);
    }

    static final int DEMO_MAX_ATTEMPTS = 6;

    /** The console's PIN in the demo (a village kiosk has none until kioskctl admin set-pin). */
    static final String DEMO_ADMIN_PIN = "135790";

    private void countyFailing(boolean fails) {
        DemoCounty c;
        synchronized (this) {
            c = county;
        }
        if (c != null) {
            c.backend().faults().set(fails ? "error-rate=1,only=transactions:batch" : "");
            LOG.info(() -> "simulator: the county's backend " + (fails ? "fails every upload" : "works again"));
        }
    }

    /** 帮办代办's demo staff member: 工号 001, 韦国华, whose own ID card (the 含指纹 test card, key 3) is their staff card. */
    static final String DEMO_STAFF_PIN = "246810";

    @Override
    public void beforeCounty(KioskOptions options) throws IOException {
        enrolDemoStaff(options.dataDir());
        if (!cn.yzz.kiosk.admin.AdminPin.in(options.dataDir()).isSet()) {
            cn.yzz.kiosk.admin.AdminPin.in(options.dataDir()).set(DEMO_ADMIN_PIN.toCharArray());
        }
        DemoCounty started = DemoCounty.start(options.dataDir(), options.profile().model());
        synchronized (this) {
            if (!closed) {
                county = started;
                if (!lineUp) {
                    started.network(false); // cut before the backend was up
                }
                return;
            }
        }
        started.close(); // the demo ended while the backend was starting
    }

    /** A demo data folder without staff gets the demo staff member (hashing their PIN takes a moment: not before the home screen). */
    static void enrolDemoStaff(java.nio.file.Path dataDir) {
        try {
            StaffStore staff = StaffStore.in(dataDir);
            if (staff.list().isEmpty()) {
                cn.yzz.kiosk.device.idcard.IdCard card = CardFixtures.RESIDENT_FINGERPRINT.card();
                staff.add("001", card.name(), DEMO_STAFF_PIN.toCharArray(), card.idNumber());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the demo staff member could not be enrolled; 帮办代办 will say nobody is", e);
        }
    }

    /** The simulator's line switch: the backend drops connections or answers again, and the sync engine checks now. */
    private void switchLine(Kiosk kiosk, boolean up) {
        DemoCounty c;
        synchronized (this) {
            lineUp = up;
            c = county;
        }
        if (c != null) {
            c.network(up);
        }
        kiosk.networkChanged(up);
    }

    /**
     * The villager's phone: opens the {@code payUrl} of the order whose QR code is on screen, which pays it
     * at the demo's county backend (a sandbox, sync-api.md), off the JavaFX thread. The kiosk then sees
     * it paid at its next poll, as it would a real payment.
     */
    private static void payByPhone(Kiosk kiosk) {
        ServiceRun run = kiosk.model().runProperty().get();
        Step step = run == null ? null : run.currentProperty().get();
        County.QrOrder order = step instanceof QrPayStep q ? q.orderProperty().get() : null;
        if (order == null) {
            LOG.info("simulator: no payment code on the screen");
            return;
        }
        background("demo-phone", () -> {
            try {
                HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                        .send(HttpRequest.newBuilder(URI.create(order.payUrl())).timeout(Duration.ofSeconds(10)).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                LOG.info(() -> "simulator: the phone paid order " + order.orderId() + " (" + r.statusCode() + ")");
            } catch (IOException e) {
                LOG.warning(() -> "simulator: the phone could not reach the county backend: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Keys, the fallback for the simulator window: 1–7 place the test cards, 0 takes the card away, W walks away. */
    private static void keys(Kiosk kiosk, DemoRig rig, KeyEvent e) {
        KeyCode k = e.getCode();
        if (k.isDigitKey()) {
            int n = Character.digit(k.getChar().charAt(0), 10);
            List<CardFixture> cards = CardFixtures.all();
            if (n == 0) {
                rig.removeCard();
            } else if (n <= cards.size()) {
                rig.placeCard(cards.get(n - 1));
            }
            e.consume();
        } else if (k == KeyCode.W) {
            kiosk.shell().walkAway();
            e.consume();
        }
    }

    /** The demo's test receipt, through the kiosk's own receipt printer driver; the outcome goes to the log. */
    private static void printTestReceipt(Kiosk kiosk) {
        // The roll the profile says the receipt printer has.
        Paper paper = kiosk.options().profile().device(DeviceKind.RECEIPT_PRINTER).map(s -> s.textOption("paper"))
                .filter("58mm"::equals).map(s -> Paper.MM58).orElse(Paper.MM80);
        kiosk.device(DeviceKind.RECEIPT_PRINTER).filter(ReceiptPrinter.class::isInstance).map(ReceiptPrinter.class::cast)
                .ifPresentOrElse(p -> p.print(Receipt.on(paper)
                                .title("粤智助演示凭条")
                                .centred("打印机测试")
                                .separator()
                                .field("终端", "演示终端")
                                .field("时间", LocalDateTime.now().withNano(0).toString().replace('T', ' '))
                                .separator()
                                .qr("YZZ-DEMO " + UUID.randomUUID())
                                .centred("请妥善保管本凭条")
                                .build())
                        .whenComplete((job, error) -> {
                            if (error != null) {
                                LOG.warning(() -> "demo receipt not printed: " + error.getMessage());
                            } else {
                                LOG.info(() -> "demo receipt printed: " + job);
                            }
                        }), () -> LOG.warning("no receipt printer fitted"));
    }

    private static void background(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    /** After the kiosk has closed (its sync engine and drivers first): the backend, then the emulators. */
    @Override
    public void close() {
        DemoCounty c;
        synchronized (this) {
            closed = true;
            c = county;
            county = null;
        }
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the demo's county backend", e);
            }
        }
        DemoRig r = rig;
        if (r != null) {
            r.close();
        }
    }
}
