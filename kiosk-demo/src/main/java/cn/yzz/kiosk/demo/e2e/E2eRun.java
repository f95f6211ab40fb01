package cn.yzz.kiosk.demo.e2e;

import cn.yzz.kiosk.app.DeviceLinks;
import cn.yzz.kiosk.app.Kiosk;
import cn.yzz.kiosk.app.KioskLog;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogException;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.BackendException;
import cn.yzz.kiosk.cache.sync.CatalogResponse;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.Enrollment;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.Device;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.profile.DeviceSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.smartcardio.CardTerminal;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * One end-to-end run: a county backend (the dev-backend in-process, or any backend that implements the
 * contract), a kiosk enrolled with it into a fresh data folder and reaching it through a village line the
 * runner can cut ({@link LineProxy}), on the demo's emulated devices, headless; the villagers' {@link Journeys};
 * then the check that everything they did reached the backend exactly once.
 *
 * <p>The JavaFX toolkit must be able to start headless (Monocle: see {@link E2eMain}); call off the JavaFX thread.
 */
public final class E2eRun {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.e2e");

    /** The in-process backend's enrollment code, and the village the test kiosk stands in (a Qingyuan village code). */
    static final String LOCAL_CODE = "E2E-LOCAL";
    static final String VILLAGE = "441802101201";
    /** The in-process backend's order lifetime: short, so that the expiry journey does not wait long. */
    public static final Duration LOCAL_EXPIRY = Duration.ofSeconds(8);

    /** The cups-pdf queue ./kiosk test sets up, on which the journeys print A4 through the real CUPS driver. */
    public static final String CUPS_PDF_QUEUE = "PDF";

    /**
     * @param backendUrl        the backend to run against; null: the dev-backend, in-process
     * @param enrollCode        its enrollment code (ignored in-process)
     * @param dataDir           a fresh folder for the kiosk's data, logs and receipts
     * @param paymentExpiry     the in-process backend's order lifetime
     * @param a4Queue           the cups-pdf queue the kiosk's A4 printer prints on through CUPS; null: the demo's stand-in
     * @param kioskctlClasspath where kioskctl's classes are, to list the outbox with it as an installer would; null: not
     * @param ssCardByPcscd     the social security card through pcscd and vpcd; false: the demo's in-memory slot
     */
    public record Options(String backendUrl, String enrollCode, Path dataDir, Duration paymentExpiry, String a4Queue,
                          String kioskctlClasspath, boolean ssCardByPcscd) {
        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(paymentExpiry, "paymentExpiry");
            if (backendUrl != null && (enrollCode == null || enrollCode.isBlank())) {
                throw new IllegalArgumentException("--backend needs --enroll-code");
            }
        }

        /**
         * Against the dev-backend in-process, printing A4 on the real CUPS's cups-pdf queue and reading the social security
         * card through pcscd and vpcd, as ./kiosk test sets them up.
         */
        public static Options inProcess(Path dataDir) {
            return new Options(null, null, dataDir, LOCAL_EXPIRY, CUPS_PDF_QUEUE, null, true);
        }
    }

    /** One line of the report: a journey (or the final check) passed or failed. */
    public record Result(String name, boolean passed, long millis, String why) {
        public String line() {
            return passed ? "PASS " + name + " (" + millis + " ms)" : "FAIL " + name + ": " + why;
        }
    }

    private E2eRun() {}

    /**
     * Runs everything and returns one result per journey and one for the final check; {@code out} gets each line
     * as it comes, {@code info} what was set up and which check was possible.
     *
     * @throws IOException when the run cannot even start (the backend cannot be reached or enrolled with)
     */
    public static List<Result> run(Options o, Consumer<String> out, Consumer<String> info) throws IOException {
        Files.createDirectories(o.dataDir());
        KioskLog.setup(o.dataDir());
        DevBackend local = null;
        LineProxy line = null;
        DemoRig rig = null;
        SsCardSlot slot = null;
        Kiosk kiosk = null;
        Stage[] stage = new Stage[1];
        List<Result> results = new ArrayList<>();
        try {
            String url;
            String code;
            if (o.backendUrl() == null) {
                local = DevBackend.start(DevBackend.Settings.defaults().withDataDir(o.dataDir().resolve("dev-backend"))
                        .withEnrollCodes(List.of(LOCAL_CODE)).withPaymentExpiry(o.paymentExpiry()));
                url = local.url();
                code = LOCAL_CODE;
                info.accept("dev-backend in-process at " + url + " (orders expire after " + o.paymentExpiry().toSeconds() + " s)");
            } else {
                url = o.backendUrl().replaceAll("/+$", "");
                code = o.enrollCode();
                info.accept("backend " + url);
            }
            URI uri = URI.create(url);
            boolean plain = "http".equals(uri.getScheme());
            Enrollment enrolled = enroll(url, plain, code);
            String kioskUrl = url;
            if (plain) {
                line = LineProxy.start(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
                kioskUrl = "http://127.0.0.1:" + line.port() + (uri.getRawPath() == null ? "" : uri.getRawPath());
                info.accept("the kiosk reaches it through the village line 127.0.0.1:" + line.port() + " (a proxy the runner can cut)");
            } else {
                info.accept("https: the kiosk reaches it directly (a loopback line would fail the certificate check); "
                        + "the line-lost journey is left out");
            }
            new EnrollmentFile(kioskUrl, enrolled.kioskId(), enrolled.token(), "enhanced", VILLAGE, plain).save(o.dataDir());
            info.accept("kiosk " + enrolled.kioskId() + " enrolled; data, log and receipts in " + o.dataDir());
            Catalog catalogue = catalogue(url, plain, enrolled);

            enrolStaff(o.dataDir());
            startToolkit();
            rig = DemoRig.start(o.dataDir().resolve("receipts"));
            Path paper = o.dataDir().resolve("a4");
            A4Tray tray = o.a4Queue() != null ? A4Tray.cups(o.a4Queue(), paper) : A4Tray.demo(paper);
            info.accept("A4 on " + tray.describe());
            slot = o.ssCardByPcscd() ? SsCardSlot.pcscd() : SsCardSlot.demo(rig);
            info.accept("social security card on " + slot.describe());
            kiosk = Kiosk.create(DemoOptions.kiosk(o.dataDir()), catalogue, Clock.systemDefaultZone(),
                    new Kiosk.Settings(Duration.ofSeconds(60), IdleWatch.Settings.defaults(), Duration.ZERO, false),
                    new Links(rig, tray, slot));
            Kiosk k = kiosk;
            Scene scene = KioskScreen.fx(() -> {
                stage[0] = new Stage();
                return k.show(stage[0]);
            });
            kiosk.openDevicesInBackground();
            kiosk.connectCountyInBackground(() -> { });
            KioskScreen screen = KioskScreen.of(scene);
            screen.await("the outbox open", Duration.ofSeconds(30), k::countyOpen);
            screen.await("the kiosk online with the backend", Duration.ofSeconds(30), () -> k.onlineProperty().get());
            screen.await("the kiosk on the backend's catalogue " + catalogue.version(), Duration.ofSeconds(30),
                    () -> k.model().catalogue().equals(catalogue));

            Ledger ledger = new Ledger();
            Kioskctl kioskctl = o.kioskctlClasspath() == null ? null : new Kioskctl(o.kioskctlClasspath(), o.dataDir());
            info.accept(kioskctl == null ? "kioskctl not given (--kioskctl-classpath): the outbox is read directly"
                    : "the offline journey lists the outbox with kioskctl queue list --json as well");
            Journeys journeys = new Journeys(kiosk, screen, rig, slot, line, o.dataDir(), tray, kioskctl, enrolled.kioskId(), ledger,
                    info);
            for (Journeys.Journey j : journeys.all()) {
                Result r = walk(j);
                results.add(r);
                out.accept(r.line());
                if (!r.passed()) {
                    try {
                        journeys.recover();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "e2e: could not bring the kiosk home after " + j.name(), e);
                    }
                }
            }
            Result check = check(o, ledger, local, enrolled.kioskId(), info);
            results.add(check);
            out.accept(check.line());
            return results;
        } catch (JourneyFailed e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            if (stage[0] != null) {
                Stage s = stage[0];
                KioskScreen.fx(() -> {
                    s.hide();
                    return null;
                });
            }
            if (kiosk != null) {
                kiosk.close();
            }
            if (slot != null) {
                slot.close();
            }
            if (rig != null) {
                rig.close();
            }
            if (line != null) {
                line.close();
            }
            if (local != null) {
                local.close();
            }
        }
    }

    /**
     * The demo's devices, but for the A4 printer, the run's own, whose paper the journeys take, and the social security
     * card reader, the real PC/SC driver on vpcd's reader when the run goes through pcscd.
     */
    private record Links(DemoRig rig, A4Tray tray, SsCardSlot slot) implements DeviceLinks {
        @Override
        public Optional<Link> link(DeviceKind kind) {
            return rig.link(kind);
        }

        @Override
        public boolean takenAsPresent(DeviceKind kind) {
            return rig.takenAsPresent(kind);
        }

        @Override
        public Optional<CardTerminal> cardTerminal(DeviceKind kind) {
            return rig.cardTerminal(kind);
        }

        @Override
        public Optional<Device> standIn(DeviceSpec spec) {
            return switch (spec.kind()) {
                case A4_PRINTER -> Optional.of(tray);
                case SSCARD_READER -> slot.reader();
                default -> rig.standIn(spec);
            };
        }

        @Override
        public String toString() {
            return "demo devices, A4 and the social security card as the run has them";
        }
    }

    private static Result walk(Journeys.Journey j) {
        long t0 = System.nanoTime();
        try {
            j.walk().run();
            return new Result(j.name(), true, (System.nanoTime() - t0) / 1_000_000, null);
        } catch (JourneyFailed e) {
            return new Result(j.name(), false, (System.nanoTime() - t0) / 1_000_000, e.getMessage());
        } catch (RuntimeException | AssertionError e) {
            LOG.log(Level.WARNING, "e2e: journey " + j.name() + " broke", e);
            return new Result(j.name(), false, (System.nanoTime() - t0) / 1_000_000, e.toString());
        }
    }

    /** Everything the journeys did reached the backend once: by the backend's own store in-process, else by the outbox. */
    private static Result check(Options o, Ledger ledger, DevBackend local, String kioskId, Consumer<String> info) {
        long t0 = System.nanoTime();
        String name = local != null ? "stored-once-in-dev-backend" : "stored-once-by-outbox-acknowledgement";
        try {
            info.accept(ledger.checkOutbox(o.dataDir(), Duration.ofSeconds(60)));
            if (local != null) {
                info.accept(ledger.checkBackend(local, kioskId));
            } else {
                info.accept("an external backend's store cannot be read from here: checked that the kiosk's outbox holds exactly "
                        + "the journeys' transactions, each acknowledged by the backend (accepted or duplicate)");
            }
            return new Result(name, true, (System.nanoTime() - t0) / 1_000_000, null);
        } catch (JourneyFailed e) {
            return new Result(name, false, (System.nanoTime() - t0) / 1_000_000, e.getMessage());
        }
    }

    /** The staff member the assisted journey signs in as, in the kiosk's staff list as the demo has them. */
    private static void enrolStaff(Path dataDir) throws IOException {
        IdCard card = CardFixtures.RESIDENT_FINGERPRINT.card();
        StaffStore.in(dataDir).add(Journeys.STAFF_NO, card.name(), Journeys.STAFF_PIN.toCharArray(), card.idNumber());
    }

    /** Enrolls as kioskctl enroll does; the hardware id is stable per machine, so a code can be used again from here. */
    private static Enrollment enroll(String url, boolean plain, String code) throws IOException {
        try {
            return new BackendClient(SyncConfig.defaults(url, null, null, plain), Clock.systemUTC())
                    .enroll(new EnrollRequest(code, "enhanced", VILLAGE, hardwareId(), "1.0.0"));
        } catch (BackendException e) {
            throw new IOException("cannot enroll with " + url + " using code " + code + ": " + e.getMessage(), e);
        }
    }

    private static String hardwareId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("yzz-kiosk-e2e:" + host).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The backend's catalogue as the kiosk will parse it, so the journeys choose from what the county serves. */
    private static Catalog catalogue(String url, boolean plain, Enrollment e) throws IOException {
        try {
            CatalogResponse r = new BackendClient(SyncConfig.defaults(url, e.kioskId(), e.token(), plain), Clock.systemUTC()).catalog(null);
            return CatalogParser.parse(r.body(), "the backend's catalogue");
        } catch (BackendException | CatalogException ex) {
            throw new IOException("cannot use the catalogue of " + url + ": " + ex.getMessage(), ex);
        }
    }

    /** Starts the JavaFX toolkit unless it runs already (a test framework may have started it); windows may all close. */
    public static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // started before: fine
        }
        Platform.setImplicitExit(false);
    }
}
