package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.service.A4Out;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.a4.A4Printer;
import cn.yzz.kiosk.device.idcard.IdCardReader;
import cn.yzz.kiosk.device.profile.DeviceFactory;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kiosk's devices, built once from its device profile: one driver per device the profile lists.
 * {@link DeviceLinks} says where their bytes go (the profile's ports on a kiosk in a village; the demo's
 * in-memory cables to its emulators), which get a stand-in driver, and which are taken as present without a driver. A kind
 * without a driver is listed as fitted but absent, so no service that needs it is offered.
 */
final class FittedDevices implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.devices");

    private final Map<DeviceNeed, Device> devices;
    private final Map<DeviceNeed, DeviceSpec> specs;

    private final java.util.Set<DeviceNeed> simulated;
    private final A4Out a4;
    /** Writes device-states.json; drained on close so that no write lands after the kiosk let go of its folder. */
    private volatile java.util.concurrent.ExecutorService statesWriter;

    private FittedDevices(Map<DeviceNeed, Device> devices, Map<DeviceNeed, DeviceSpec> specs,
                          java.util.Set<DeviceNeed> simulated) {
        this.devices = devices;
        this.specs = specs;
        this.simulated = simulated;
        this.a4 = devices.get(DeviceNeed.A4_PRINTER) instanceof A4Printer p ? new A4PrinterOut(p) : A4Out.NONE;
    }

    /** Builds the drivers; opens nothing (see {@link #openAll()}). */
    static FittedDevices build(DeviceProfile profile, DeviceLinks links) {
        Map<DeviceNeed, Device> devices = new EnumMap<>(DeviceNeed.class);
        Map<DeviceNeed, DeviceSpec> specs = new EnumMap<>(DeviceNeed.class);
        java.util.Set<DeviceNeed> simulated = java.util.EnumSet.noneOf(DeviceNeed.class);
        for (DeviceSpec spec : profile.devices()) {
            DeviceNeed need = need(spec.kind());
            specs.put(need, spec);
            Optional<Device> standIn = links.standIn(spec);
            if (standIn.isPresent()) {
                devices.put(need, standIn.get());
                continue;
            }
            if (links.takenAsPresent(spec.kind())) {
                simulated.add(need);
                continue;
            }
            Optional<DeviceLinks.Link> link = links.link(spec.kind());
            Optional<javax.smartcardio.CardTerminal> terminal = links.cardTerminal(spec.kind());
            Device d = terminal.isPresent() ? DeviceFactory.sscardReader(spec, terminal.get())
                    : DeviceFactory.create(spec, link.map(DeviceLinks.Link::opener).orElse(null),
                    link.map(DeviceLinks.Link::baud).orElse(0)).orElse(null);
            if (d != null) {
                devices.put(need, d);
            } else {
                LOG.warning(() -> spec + ": no driver for this kind yet; services that need it are not offered");
            }
        }
        return new FittedDevices(devices, specs, simulated);
    }

    static DeviceNeed need(DeviceKind kind) {
        for (DeviceNeed n : DeviceNeed.values()) {
            if (n.wireName().equals(kind.id())) {
                return n;
            }
        }
        throw new IllegalArgumentException("no catalogue name for " + kind.id());
    }

    /** The profile requires one. */
    IdCardReader idReader() {
        return (IdCardReader) devices.get(DeviceNeed.IDCARD_READER);
    }

    /** The A4 printer as service runs see it; {@link A4Out#NONE} when none is fitted or it has no driver on this start. */
    A4Out a4Out() {
        return a4;
    }

    /** The driver of {@code need} as a {@code type}, if it is fitted and has one. */
    <T extends Device> Optional<T> device(DeviceNeed need, Class<T> type) {
        return device(need).filter(type::isInstance).map(type::cast);
    }

    /** How the profile lists {@code need}, if it is fitted. */
    Optional<DeviceSpec> spec(DeviceNeed need) {
        return Optional.ofNullable(specs.get(need));
    }

    Optional<Device> device(DeviceNeed need) {
        return Optional.ofNullable(devices.get(need));
    }

    /** Every fitted device, whether it has a driver or not. */
    java.util.Set<DeviceNeed> fitted() {
        return java.util.Collections.unmodifiableSet(specs.keySet());
    }

    List<Device> drivers() {
        return List.copyOf(devices.values());
    }

    /**
     * Whether a fitted device can serve now. One without a driver cannot; one not yet opened counts as
     * working, so the home screen does not flicker while the devices open.
     */
    boolean working(DeviceNeed need) {
        Device d = devices.get(need);
        if (d == null) {
            return simulated.contains(need);
        }
        DeviceState s = d.state();
        return s != DeviceState.OFFLINE && s != DeviceState.FAILED;
    }

    /**
     * Opens every driver, one after the other; call off the JavaFX thread (opening talks to the devices). The note
     * acceptor is left to the kiosk's cash desk ({@link CashWatch}), which must be its handler before the first poll.
     */
    void openAll() {
        for (Device d : devices.values()) {
            if (d instanceof cn.yzz.kiosk.device.cash.NoteAcceptor) {
                continue;
            }
            try {
                d.open();
                LOG.info(() -> d.name() + " opened: " + d.state());
            } catch (DeviceException e) {
                LOG.log(Level.WARNING, "{0} cannot be opened: {1}", new Object[] {d.name(), e.getMessage()});
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, d.name() + " failed while opening", e);
            }
        }
    }

    /**
     * Keeps {@code DATA/device-states.json} ({@link cn.yzz.kiosk.admin.DeviceStates}) up to date, so that kioskctl's
     * diagnostics bundle on the same machine says what the kiosk saw: written once now and after every state change, on
     * {@code kiosk-device-states} (a burst of changes is one write). The training rig's devices write nothing.
     */
    void keepStatesIn(java.nio.file.Path dataDir, java.time.Clock clock) {
        java.util.concurrent.ThreadPoolExecutor writer = new java.util.concurrent.ThreadPoolExecutor(0, 1, 30,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "kiosk-device-states");
                    t.setDaemon(true);
                    return t;
                });
        statesWriter = writer;
        Map<DeviceNeed, String> details = new java.util.concurrent.ConcurrentHashMap<>();
        Map<DeviceNeed, java.time.Instant> since = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean due = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable write = () -> {
            if (!due.compareAndSet(false, true)) {
                return; // a write is already queued: it will see this change too
            }
            try {
                writer.execute(() -> {
                    due.set(false);
                    writeStates(dataDir, clock.instant(), details, since);
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                due.set(false); // closing: the write queued before the shutdown already sees the CLOSED states
            }
        };
        for (Map.Entry<DeviceNeed, Device> e : devices.entrySet()) {
            e.getValue().addListener(event -> {
                if (event instanceof cn.yzz.kiosk.device.DeviceEvent.StateChanged c) {
                    details.put(e.getKey(), c.detail() == null ? "" : c.detail());
                    since.put(e.getKey(), clock.instant());
                    write.run();
                }
            });
        }
        write.run();
    }

    private void writeStates(java.nio.file.Path dataDir, java.time.Instant now, Map<DeviceNeed, String> details,
                             Map<DeviceNeed, java.time.Instant> since) {
        List<cn.yzz.kiosk.admin.DeviceStates.Entry> out = new ArrayList<>();
        for (Map.Entry<DeviceNeed, DeviceSpec> e : specs.entrySet()) {
            Device d = devices.get(e.getKey());
            DeviceState s = d == null ? (simulated.contains(e.getKey()) ? DeviceState.IDLE : DeviceState.CLOSED) : d.state();
            String detail = d == null ? (simulated.contains(e.getKey()) ? "taken as present" : "no driver in this version")
                    : details.getOrDefault(e.getKey(), "");
            out.add(new cn.yzz.kiosk.admin.DeviceStates.Entry(e.getValue().kind().id(), e.getValue().driver(), s, detail,
                    since.get(e.getKey())));
        }
        try {
            cn.yzz.kiosk.admin.DeviceStates.write(dataDir, out, now);
        } catch (java.io.IOException | RuntimeException ex) {
            LOG.log(Level.WARNING, "device-states.json not written: " + ex.getMessage());
        }
    }

    /** The devices as the county sees them in each heartbeat: every fitted one, drivers or not. */
    HeartbeatSnapshot snapshot() {
        List<HeartbeatSnapshot.Device> out = new ArrayList<>();
        for (Map.Entry<DeviceNeed, DeviceSpec> e : specs.entrySet()) {
            Device d = devices.get(e.getKey());
            String kind = heartbeatKind(e.getValue().kind().id());
            if (d == null) {
                out.add(simulated.contains(e.getKey()) ? new HeartbeatSnapshot.Device(kind, "ok", "taken as present")
                        : new HeartbeatSnapshot.Device(kind, "absent", "no driver in this version"));
                continue;
            }
            DeviceState s = d.state();
            String state = switch (s) {
                case IDLE, BUSY -> "ok";
                case OFFLINE, FAILED -> "error";
                case CLOSED -> "absent";
            };
            if (state.equals("ok") && d instanceof cn.yzz.kiosk.device.receipt.ReceiptPrinter p && p.lastStatus() != null
                    && p.lastStatus().paperNearEnd()) {
                // sync-api.md's own example: a roll nearly used up is a warning the county should see before it runs out
                out.add(new HeartbeatSnapshot.Device(kind, "warning", "paper near end"));
                continue;
            }
            out.add(new HeartbeatSnapshot.Device(kind, state, s.name().toLowerCase(Locale.ROOT)));
        }
        return new HeartbeatSnapshot(out, null);
    }

    /**
     * A device kind in sync-api.md's words where it has them: its heartbeat example names the ID card reader
     * {@code idcard}, and v1.1's {@code devices} list the note acceptor {@code note-acceptor} (receipt-printer and
     * a4-printer are the profile's names too; qr-scanner and sscard-reader the contract does not name).
     */
    static String heartbeatKind(String profileKind) {
        return switch (profileKind) {
            case "idcard-reader" -> "idcard";
            case "cash-acceptor" -> "note-acceptor";
            default -> profileKind;
        };
    }

    @Override
    public void close() {
        for (Device d : devices.values()) {
            try {
                d.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing " + d.name(), e);
            }
        }
        java.util.concurrent.ExecutorService writer = statesWriter;
        if (writer != null) {
            writer.shutdown(); // the CLOSED states just queued are still written
            try {
                if (!writer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warning("device-states.json: the last write did not finish in 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
