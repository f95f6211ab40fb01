package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.DeviceEvent;
import cn.yzz.kiosk.device.DeviceState;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Turns device states into what the villager sees: services that need a device that is down (or
 * fitted without a driver) leave the lists, and when the ID card reader (without which a desktop kiosk serves nobody) stays
 * down longer than {@link #GRACE}, the shell shows the out-of-service screen. A short blip (a
 * reconnect) changes nothing on screen.
 */
final class DeviceWatch {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.devices");
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Device idReader;
    private final FittedDevices fitted;
    private final KioskFlowModel flow;
    private final Shell shell;
    private final Scheduler scheduler;
    private final Executor fx;
    private final BooleanProperty online = new SimpleBooleanProperty(this, "online", true);
    /** Whether the cash desk can take cash now (recovered, box in and not near full): the note acceptor counts only then. */
    private final BooleanProperty cash = new SimpleBooleanProperty(this, "cash", false);
    private Scheduler.Cancellable pending;
    private boolean storeDown;

    DeviceWatch(FittedDevices fitted, KioskFlowModel flow, Shell shell, Scheduler scheduler, Executor fx) {
        this.idReader = fitted.idReader();
        this.fitted = fitted;
        this.flow = flow;
        this.shell = shell;
        this.scheduler = scheduler;
        this.fx = fx;
        online.addListener((o, was, now) -> update());
        cash.addListener((o, was, now) -> update());
    }

    /** Cash can be taken now (the kiosk's {@link CashWatch}); false on a kiosk without one. */
    BooleanProperty cashProperty() {
        return cash;
    }

    /**
     * Whether the county backend can be used, as the sync engine last found it (CountyLink). True until
     * it has tried: a kiosk just switched on offers its online services rather than hiding them.
     */
    BooleanProperty onlineProperty() {
        return online;
    }

    void start() {
        for (Device d : fitted.drivers()) {
            d.addListener(e -> {
                // Only a device going down or coming back changes what the kiosk can do: a scanner or card reader
                // going BUSY and IDLE with every wait must not redo it (nor undo what a test set by hand).
                if (e instanceof DeviceEvent.StateChanged s && down(s.from()) != down(s.to())) {
                    fx.execute(this::update);
                }
            });
        }
        fx.execute(this::update);
    }

    /**
     * The outbox could not be opened: the kiosk must not take work it cannot keep, whatever the devices
     * say. Stays until the kiosk is restarted. On the JavaFX thread.
     */
    void storeUnavailable() {
        storeDown = true;
        update();
    }

    private static boolean down(DeviceState s) {
        return s == DeviceState.OFFLINE || s == DeviceState.FAILED;
    }

    /** On the JavaFX thread. */
    private void update() {
        DeviceState s = idReader.state();
        boolean down = s == DeviceState.OFFLINE || s == DeviceState.FAILED;
        Set<DeviceNeed> working = EnumSet.noneOf(DeviceNeed.class);
        for (DeviceNeed n : fitted.fitted()) {
            if (fitted.working(n) && (n != DeviceNeed.CASH_ACCEPTOR || cash.get())) {
                working.add(n);
            }
        }
        flow.abilitiesProperty().set(new Abilities(working, online.get(), flow.abilitiesProperty().get().model()));
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        if (storeDown) {
            shell.essentialDevices(true);
        } else if (down) {
            pending = scheduler.after(GRACE, () -> {
                pending = null;
                if (idReader.state() == DeviceState.OFFLINE || idReader.state() == DeviceState.FAILED) {
                    LOG.warning(() -> idReader.name() + " down for " + GRACE.toSeconds() + " s: out of service");
                    shell.essentialDevices(true);
                }
            });
        } else {
            shell.essentialDevices(false);
        }
    }
}
