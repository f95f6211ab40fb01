package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.catalogue.Catalogue;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.app.view.ScaledRoot;
import cn.yzz.kiosk.app.view.SimulatorWindow;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.samv.SamvIdCardReader;
import cn.yzz.kiosk.device.serial.LinkOpener;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.event.Event;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * The composition root: devices, flow models and the window, wired once. {@link KioskApp} uses it,
 * and so do the UI tests and the screenshot tour, which is why the demo rig is reachable.
 */
public final class Kiosk implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app");

    /** Design size of the windowed mode: a portrait kiosk screen, scaled down to fit. */
    public static final double WINDOW_DESIGN_WIDTH = 1080;
    public static final double WINDOW_DESIGN_HEIGHT = 1920;

    private final KioskOptions options;
    private final DemoRig demo;
    private final IdCardReader reader;
    private final ScheduledExecutorService timers;
    private final KioskFlowModel model;

    private Kiosk(KioskOptions options, DemoRig demo, IdCardReader reader, ScheduledExecutorService timers,
                  KioskFlowModel model) {
        this.options = options;
        this.demo = demo;
        this.reader = reader;
        this.timers = timers;
        this.model = model;
    }

    /** Builds everything but opens nothing and shows nothing. */
    public static Kiosk create(KioskOptions options, Catalogue catalogue, Clock clock, IdentifyModel.Settings settings)
            throws IOException {
        DemoRig demo = options.demo() ? DemoRig.start() : null;
        LinkOpener opener = demo != null ? demo.hostSide() : LinkOpener.serialPort(options.idPort());
        int baud = demo != null ? DemoRig.BAUD : options.idBaud();
        IdCardReader reader = new SamvIdCardReader("id-reader", opener, baud, SamvIdCardReader.Options.defaults());
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiosk-timers");
            t.setDaemon(true);
            return t;
        });
        FxExecutor fx = new FxExecutor();
        IdentifyModel identify = new IdentifyModel(reader, fx, clock, new FxScheduler(timers, fx), settings,
                PhotoDecoder.placeholder());
        return new Kiosk(options, demo, reader, timers, new KioskFlowModel(catalogue, identify));
    }

    public KioskFlowModel model() {
        return model;
    }

    public Optional<DemoRig> demo() {
        return Optional.ofNullable(demo);
    }

    /**
     * Opens the devices on a thread of their own: opening blocks, and the home screen must not wait.
     * The drivers log every state change themselves (logger {@code cn.yzz.kiosk.device}, into
     * kiosk.log); nothing on screen shows device state yet.
     */
    public void openDevicesInBackground() {
        Thread t = new Thread(() -> {
            try {
                reader.open();
                LOG.info(() -> reader.name() + " opened: " + reader.state());
            } catch (DeviceException e) {
                LOG.log(Level.WARNING, "{0} cannot be opened: {1}", new Object[] {reader.name(), e.getMessage()});
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, reader.name() + " failed while opening", e);
            }
        }, "kiosk-open-devices");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Puts the kiosk on {@code stage}: full screen (an undecorated stage the size of the screen,
     * since {@code setFullScreen} needs a window manager) or a decorated window, and in the demo
     * the simulator window beside it. Call on the JavaFX thread before the stage is shown.
     */
    public Scene show(Stage stage, boolean simulator) {
        Rectangle2D bounds = Screen.getPrimary().getBounds();
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
            width = bounds.getWidth();
            height = bounds.getHeight();
            scene = new Scene(root(width, height), width, height);
            stage.initStyle(StageStyle.UNDECORATED);
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
            stage.setWidth(width);
            stage.setHeight(height);
            stage.setResizable(false);
            // No way out by keyboard: window-manager close requests (Alt+F4) are refused.
            stage.setOnCloseRequest(Event::consume);
        }
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        scene.getStylesheets().add(KioskView.stylesheet());
        if (demo != null) {
            scene.addEventFilter(KeyEvent.KEY_PRESSED, this::demoKeys);
        }
        stage.setScene(scene);
        stage.show();
        if (demo != null && simulator) {
            new SimulatorWindow(demo, stage).show();
        }
        LOG.info(() -> "kiosk shown at " + (int) width + "x" + (int) height + (options.windowed() ? " (windowed)" : " (full screen)")
                + (demo != null ? ", demo devices" : ", ID reader on " + options.idPort()));
        return scene;
    }

    private ScaledRoot root(double width, double height) {
        ScaledRoot root = new ScaledRoot(new KioskView(model, width, height), width, height);
        // JavaFX 21 uses only the first family of a CSS list, with no fallback, so the first one
        // installed is named here as well; without it a machine lacking the first would draw boxes.
        root.setStyle("-fx-font-family: \"" + Fonts.family() + "\";");
        return root;
    }

    /** Demo fallback for the simulator window: 1–7 place the test cards, 0 takes the card away. */
    private void demoKeys(KeyEvent e) {
        KeyCode k = e.getCode();
        if (k.isDigitKey()) {
            int n = Character.digit(k.getChar().charAt(0), 10);
            List<CardFixture> cards = CardFixtures.all();
            if (n == 0) {
                demo.removeCard();
            } else if (n <= cards.size()) {
                demo.placeCard(cards.get(n - 1));
            }
            e.consume();
        }
    }

    /** Closes the devices; a read under way ends and reports through the FX executor as usual. */
    @Override
    public void close() {
        reader.close();
        if (demo != null) {
            demo.close();
        }
        timers.shutdownNow();
    }
}
