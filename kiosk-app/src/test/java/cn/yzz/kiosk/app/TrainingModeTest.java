package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.backend.DevBackend;
import cn.yzz.kiosk.backend.FaultSettings;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.EnrollRequest;
import cn.yzz.kiosk.cache.sync.EnrollmentFile;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import cn.yzz.kiosk.device.profile.DeviceProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 培训模式 from the console's seam ({@link cn.yzz.kiosk.app.console.KioskControl}) on one window: the training kiosk
 * runs on the emulators with the banner and the trainer's strip, its work lands in the training store and nowhere
 * else (a county backend the kiosk is enrolled with hears nothing of it), and ending it brings back the kiosk's own
 * devices and store with nothing of training left running.
 */
class TrainingModeTest {

    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path data;

    private DevBackend backend;
    private Stage stage;
    private Restarts restarts;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private void start(boolean enrolled) throws Exception {
        if (enrolled) {
            backend = DevBackend.start(0, data.resolve("backend"), "7K3Q-92XD", FaultSettings.none());
            var e = new BackendClient(SyncConfig.defaults(backend.url(), null, null, true), Clock.systemUTC())
                    .enroll(new EnrollRequest("7K3Q-92XD", "desktop", "440511101201", "test-kiosk", "1.0.0"));
            new EnrollmentFile(backend.url(), e.kioskId(), e.token(), "desktop", "440511101201", true).save(data.resolve("kiosk"));
        }
        DeviceProfile profile = DeviceProfile.parse(DeviceProfile.example("desktop"), "desktop");
        Kiosk kiosk = Kiosk.create(new KioskOptions(data.resolve("kiosk"), true, profile, false, "", ""), CatalogParser.bundled(),
                Clock.systemDefaultZone(), new Kiosk.Settings(Duration.ofSeconds(30), IdleWatch.Settings.defaults(), Duration.ZERO,
                        false), DeviceLinks.PROFILE);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            kiosk.show(stage);
            restarts = new Restarts(kiosk, stage, KioskExtras.NONE, new Rectangle2D(0, 0, 1080, 1920));
        });
        kiosk.connectCountyInBackground(() -> { });
        await("the kiosk's store open", kiosk::countyOpen);
    }

    @AfterEach
    void stop() throws Exception {
        if (restarts != null) {
            FxToolkit.setupFixture(() -> stage.hide());
            restarts.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aWholeTrainingPaymentLandsInTheTrainingStoreOnlyAndEndingTrainingBringsBackTheKiosksOwn() throws Exception {
        start(true);
        Kiosk real = restarts.current();
        assertThat(fx(() -> real.control().inTraining())).isFalse();
        assertThat(fx(() -> scene().lookup("#training-banner"))).as("no banner in normal service").isNull();

        fx(() -> {
            real.control().training(true);
            return null;
        });
        await("the training kiosk on the window", () -> restarts.inTraining() && restarts.current() != real
                && scene().lookup("#training-banner") != null);
        Kiosk training = restarts.current();
        assertThat(training.control().inTraining()).isTrue();
        assertThat(text("training-banner")).isEqualTo("培训模式 · 不是真实业务");
        assertThat(fx(() -> scene().lookup("#training-panel"))).as("the trainer's strip").isNotNull();
        await("the training store open", training::countyOpen);
        await("online: the training county answers without a network", () -> training.onlineProperty().get());
        shoot("training-home");

        // 培训学员 places the card and pays for 城乡居民养老保险 by phone.
        tap("training-card");
        tap("tile-social-insurance");
        await("the services", () -> training.model().screenProperty().get() == Screen.SERVICES);
        tapService(training, "SWJ-0001");
        await("identified", () -> training.model().screenProperty().get() == Screen.SERVICE
                || shown("identity-continue"));
        if (training.model().screenProperty().get() != Screen.SERVICE) {
            tap("identity-continue");
        }
        await("the service", () -> training.model().screenProperty().get() == Screen.SERVICE);
        for (int i = 0; i < 3; i++) {
            int question = i;
            await("question " + question, () -> shown("choice-0") && (question < 2 || shown("choice-1")));
            tap(question < 2 ? "choice-0" : "choice-1");
        }
        await("the summary", () -> shown("summary-confirm"));
        tap("summary-confirm");
        await("the QR code", () -> shown("qr-code"));
        shoot("training-pay");
        tap("training-pay");
        await("paid", () -> shown("pay-next"));
        assertThat(text("pay-receipt-no")).as("a training receipt number").contains("培训-");
        tap("pay-next");
        await("print the receipt?", () -> shown("receipt-print"));
        tap("receipt-print");
        await("the receipt shown in the trainer's strip",
                () -> scene().lookup("#training-receipt") instanceof ImageView v && v.getImage() != null
                        && v.getImage().getProgress() >= 1 && !v.getImage().isError());
        shoot("training-receipt");
        Path receipts = training.options().dataDir().resolve("training/receipts");
        try (var files = Files.list(receipts)) {
            assertThat(files.toList()).as("the emulated printer cut one receipt").hasSize(1);
        }

        fx(() -> {
            training.control().training(false);
            return null;
        });
        await("normal service again", () -> !restarts.inTraining() && restarts.current() != training
                && scene().lookup("#training-banner") == null && scene().lookup("#training-panel") == null);
        Kiosk back = restarts.current();
        assertThat(back.links()).as("the profile's devices").isSameAs(DeviceLinks.PROFILE);
        assertThat(back.control().inTraining()).isFalse();
        await("the kiosk's own store open", back::countyOpen);

        FxToolkit.setupFixture(() -> stage.hide());
        restarts.close();
        restarts = null;
        List<OutboxEntry> trained = entries(data.resolve("kiosk/training"));
        assertThat(trained).hasSize(1);
        assertThat(trained.get(0).transaction().receiptNo()).startsWith("培训-");
        assertThat(trained.get(0).transaction().person().name()).isEqualTo("培训学员");
        assertThat(entries(data.resolve("kiosk"))).as("nothing in the kiosk's own store").isEmpty();
        assertThat(backend.storedTransactions()).as("nothing synced").isEmpty();
        assertThat(backend.requestsSeen("/api/v1/payments/qr")).as("no order made at the county").isZero();
        assertThat(backend.requestsSeen("/api/v1/household") + backend.requestsSeen("/api/v1/identity/resolve")).isZero();
    }

    @Test
    void closingAndRebuildingTheKioskLeavesNoThreadOrDeviceOpen() throws Exception {
        start(false);
        Set<String> before = null;
        for (int round = 0; round < 2; round++) {
            Kiosk real = restarts.current();
            fx(() -> {
                real.control().training(true);
                return null;
            });
            await("training", () -> restarts.inTraining() && restarts.current() != real);
            Kiosk training = restarts.current();
            await("the training store open", training::countyOpen);
            assertThat(threads()).as("the emulators run").anyMatch(n -> n.startsWith("emu-"));
            fx(() -> {
                training.control().training(false);
                return null;
            });
            await("normal service", () -> !restarts.inTraining() && restarts.current() != training);
            await("its store open", restarts.current()::countyOpen);
            awaitOnly("no emulator or training thread left", n -> !n.startsWith("emu-") && !n.startsWith("kiosk-training")
                    && !n.startsWith("kiosk-restart"));
            Set<String> now = threads();
            if (before != null) {
                assertThat(now).as("a second round leaves no more threads than the first").isEqualTo(before);
            }
            before = now;
        }
    }

    private static Set<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("kiosk-") || n.startsWith("emu-")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void awaitOnly(String what, java.util.function.Predicate<String> allowed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!threads().stream().allMatch(allowed)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + threads());
            }
            Thread.sleep(20);
        }
    }

    private static List<OutboxEntry> entries(Path dir) throws Exception {
        KioskStore store = KioskStore.open(dir, Settings.defaults());
        try {
            return store.outbox().list(100);
        } finally {
            store.close();
        }
    }

    /** The window as it is, as a PNG under target/training-shots, to look at. */
    private void shoot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        java.awt.image.BufferedImage image = fx(() -> {
            scene().getRoot().applyCss();
            scene().getRoot().layout();
            javafx.scene.image.WritableImage shot = scene().snapshot(null);
            int w = (int) shot.getWidth();
            int h = (int) shot.getHeight();
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.setRGB(x, y, shot.getPixelReader().getArgb(x, y));
                }
            }
            return out;
        });
        Path dir = Path.of("target/training-shots");
        Files.createDirectories(dir);
        javax.imageio.ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
    }

    private Scene scene() {
        return stage.getScene();
    }

    private boolean shown(String id) {
        Node n = scene().lookup("#" + id);
        if (n == null) {
            return false;
        }
        for (Node up = n; up != null; up = up.getParent()) {
            if (!up.isVisible()) {
                return false;
            }
        }
        return !(n instanceof ButtonBase b) || !b.isDisabled();
    }

    private String text(String id) {
        return fx(() -> ((javafx.scene.control.Labeled) scene().lookup("#" + id)).getText());
    }

    /** Fires the button as a tap would, once it is shown and enabled. */
    private void tap(String id) {
        await("#" + id + " shown", () -> {
            scene().getRoot().applyCss();
            scene().getRoot().layout();
            return shown(id);
        });
        fx(() -> {
            ((ButtonBase) scene().lookup("#" + id)).fire();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void tapService(Kiosk kiosk, String code) {
        while (!fx(() -> {
            scene().getRoot().applyCss();
            scene().getRoot().layout();
            return shown("service-" + code);
        })) {
            int page = fx(() -> kiosk.model().pageProperty().get());
            tap("page-next");
            await("the next page", () -> kiosk.model().pageProperty().get() == page + 1);
        }
        tap("service-" + code);
    }

    private static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("failed on the FX thread: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("could not run on the FX thread: " + e, e);
        }
    }

    private static void await(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for: " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
