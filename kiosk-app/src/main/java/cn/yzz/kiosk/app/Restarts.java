package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.console.KioskControl;
import cn.yzz.kiosk.app.training.TrainingRig;
import cn.yzz.kiosk.cache.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * 重启程序 and 培训模式 ({@link KioskControl}) for the kiosk on one window. 重启程序 ends the program on a kiosk in a village,
 * and systemd starts it again ({@code Restart=always}, {@code RestartSec=1}); the demo starts again in place.
 * 培训模式 is always entered and left in place: this kiosk is closed, a new one is built on the {@link TrainingRig}
 * (its store in {@code DATA/training}, emptied each time) or on the kiosk's own devices and store, and shown on the
 * same window. Nothing about training is written anywhere that a new start reads, so a power cut or a restart during
 * training always brings the kiosk back in normal service. Call on the JavaFX thread; each call returns at once, the
 * closing and building run on {@code kiosk-restart}.
 */
final class Restarts implements KioskControl {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app");

    /**
     * The exit code of 重启程序 on a kiosk in a village. The unit restarts on any exit; a code of its own (EX_TEMPFAIL,
     * "try again") tells the journal and a person reading it that the end was asked for, not a crash (1) or bad
     * options (2), and it would still restart the kiosk if the unit ever said {@code Restart=on-failure}.
     */
    static final int EXIT_RESTART = 75;

    private static volatile boolean exitAsked;

    private final Stage stage;
    private final KioskExtras extras;
    private final Rectangle2D area;
    private final DeviceLinks ownDevices;
    private final Object lock = new Object();
    private Kiosk current; // guarded by lock
    private TrainingRig rig; // guarded by lock: non-null while training
    private boolean switching; // guarded by lock: a restart under way ignores more taps
    private boolean closed; // guarded by lock

    /** For {@code first}, shown on {@code stage} in {@code area}. */
    Restarts(Kiosk first, Stage stage, KioskExtras extras, Rectangle2D area) {
        this.stage = stage;
        this.extras = extras;
        this.area = area;
        this.ownDevices = first.links();
        this.current = first;
        first.control.set(this);
    }

    /** Whether {@link #restart()} ended the program for the service manager to start again. */
    static boolean exitAsked() {
        return exitAsked;
    }

    /** The kiosk on the window now. */
    Kiosk current() {
        synchronized (lock) {
            return current;
        }
    }

    @Override
    public void restart() {
        if (extras.restartsInPlace()) {
            LOG.info("重启程序: starting again in place");
            switchTo(false);
        } else {
            endForRestart();
        }
    }

    @Override
    public void training(boolean on) {
        if (on != inTraining()) {
            LOG.info(on ? "培训模式: starting" : "培训模式: ending");
            switchTo(on);
        }
    }

    @Override
    public boolean inTraining() {
        synchronized (lock) {
            return rig != null;
        }
    }

    private void endForRestart() {
        LOG.info("重启程序: the program ends; the service manager starts it again");
        exitAsked = true;
        Platform.exit(); // KioskApp.stop closes the kiosk (and any training), then KioskMain exits with EXIT_RESTART
    }

    private void switchTo(boolean training) {
        Kiosk old;
        TrainingRig oldRig;
        synchronized (lock) {
            if (switching || closed) {
                return;
            }
            switching = true;
            old = current;
            oldRig = rig;
        }
        Catalog catalogue = old.model().catalogueProperty().get(); // read here, on the JavaFX thread that owns it
        Thread t = new Thread(() -> rebuild(old, oldRig, catalogue, training), "kiosk-restart");
        t.setDaemon(true);
        t.start();
    }

    /** On kiosk-restart: closes the old kiosk (it blocks: devices, store), builds the new one, shows it on the JavaFX thread. */
    private void rebuild(Kiosk old, TrainingRig oldRig, Catalog catalogue, boolean training) {
        old.close();
        if (oldRig != null) {
            oldRig.close();
        }
        TrainingRig newRig = null;
        Kiosk next;
        try {
            if (training) {
                newRig = TrainingRig.start(trainingFolder(old.options().dataDir()), old.options().profile());
            }
            next = old.again(training ? newRig : ownDevices, catalogue);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot start the kiosk again in place; the program ends and starts again", e);
            if (newRig != null) {
                newRig.close();
            }
            Platform.runLater(this::endForRestart);
            return;
        }
        TrainingRig builtRig = newRig;
        Platform.runLater(() -> show(next, builtRig));
    }

    /** Where training keeps its store, receipts and cash box: emptied whenever training starts. */
    static Path trainingFolder(Path dataDir) {
        return dataDir.resolve("training");
    }

    private void show(Kiosk next, TrainingRig newRig) {
        synchronized (lock) {
            if (closed) { // the program is ending
                next.close();
                if (newRig != null) {
                    newRig.close();
                }
                return;
            }
            current = next;
            rig = newRig;
            switching = false;
        }
        next.control.set(this);
        ErrorGuard.install(next.shell());
        Scene scene = next.show(stage, area);
        if (newRig == null) {
            extras.shown(next, stage, scene);
        }
        FirstFrame.then(scene, () -> {
            next.openDevicesInBackground();
            // Training opens only its own store: the demo's county backend is not for it.
            next.connectCountyInBackground(newRig != null ? () -> { } : () -> extras.beforeCounty(next.options()),
                    extras.storeSettings());
        });
        LOG.info(() -> newRig != null ? "培训模式: the training kiosk is shown" : "the kiosk is shown again in normal service");
    }

    /** The program ends: closes the kiosk on the window and any training. */
    void close() {
        Kiosk k;
        TrainingRig r;
        synchronized (lock) {
            closed = true;
            k = switching ? null : current; // a restart under way closes the old kiosk and the new one itself
            r = switching ? null : rig;
        }
        if (k != null) {
            k.close();
        }
        if (r != null) {
            r.close();
        }
    }

    /**
     * The kiosk's {@link Kiosk#control()}: stable for the kiosk's life, so the console may keep it, and handed to the
     * window's {@link Restarts} once the kiosk is shown. Before that (a kiosk in a UI test) it restarts nothing.
     */
    static final class Slot implements KioskControl {

        private final boolean training;
        private volatile KioskControl target;

        Slot(boolean training) {
            this.training = training;
        }

        void set(KioskControl control) {
            target = control;
        }

        @Override
        public void restart() {
            KioskControl t = target;
            if (t == null) {
                LOG.warning("重启程序: this kiosk is not on a window that can restart it");
                return;
            }
            t.restart();
        }

        @Override
        public void training(boolean on) {
            KioskControl t = target;
            if (t == null) {
                LOG.warning("培训模式: this kiosk is not on a window that can restart it");
                return;
            }
            t.training(on);
        }

        @Override
        public boolean inTraining() {
            return training;
        }
    }
}
