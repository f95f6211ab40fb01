package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.catalogue.CatalogueLoader;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;

/**
 * Runs the real kiosk full screen on emulated devices under a real X display, walks every screen
 * by tapping its buttons, and captures each with ImageMagick's {@code import -window root}.
 * Started by {@link ScreenshotTest} in a JVM of its own (GTK, not Monocle).
 *
 * <p>Arguments: output directory, file name prefix (the orientation), data directory. Prints
 * {@code captured=<file>} per screen and the CJK check; exits 0 when every step worked.
 */
public final class ScreenshotTour {

    /** Screens captured, in order; ScreenshotTest expects exactly these. */
    public static final List<String> SCREENS = List.of("home", "services", "identify-waiting", "identify-error",
            "identity-resident", "take-card", "identity-elder-yao", "identity-foreign2023", "identity-resident-bad-check",
            "identify-unavailable");

    private ScreenshotTour() {}

    public static void main(String[] args) {
        Application.launch(TourApp.class, args);
    }

    /** The JavaFX side of the tour. */
    public static final class TourApp extends Application {

        private Kiosk kiosk;
        private Scene scene;
        private Path out;
        private String prefix;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> a = getParameters().getRaw();
            out = Path.of(a.get(0));
            prefix = a.get(1);
            Path data = Path.of(a.get(2));
            Files.createDirectories(out);
            KioskLog.setup(data);
            // A long reminder, so that the "take your card" screen is still there when captured.
            kiosk = Kiosk.create(new KioskOptions(true, data, false, null, KioskOptions.DEFAULT_BAUD, false),
                    CatalogueLoader.loadBundled(), Clock.systemDefaultZone(),
                    new IdentifyModel.Settings(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(120)));
            scene = kiosk.show(stage, false);
            kiosk.openDevicesInBackground();
            Thread tour = new Thread(() -> {
                int code = 1;
                try {
                    walk();
                    code = 0;
                } catch (Throwable t) {
                    System.out.println("tour failed: " + t);
                    t.printStackTrace(System.out);
                }
                System.out.flush();
                Runtime.getRuntime().halt(code); // no orderly shutdown needed, and none can hang
            }, "tour");
            tour.setDaemon(true);
            tour.start();
        }

        private void walk() throws Exception {
            DemoRig demo = kiosk.demo().orElseThrow();
            settle();
            capture("home");

            tap("#tile-shebao");
            await("the service list", () -> kiosk.model().screenProperty().get() == Screen.SERVICES);
            capture("services");
            tap("#nav-home");
            await("home", () -> kiosk.model().screenProperty().get() == Screen.HOME);

            tap("#home-identify");
            awaitStep(Step.WAITING);
            capture("identify-waiting");

            demo.emulator().inject(Fault.CARD_REMOVED_MID_READ, 1);
            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.ERROR);
            capture("identify-error");

            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.DONE);
            capture("identity-resident");

            tap("#identity-done");
            awaitStep(Step.TAKE_CARD);
            capture("take-card");
            tap("#take-card-ok");
            await("home", () -> kiosk.model().screenProperty().get() == Screen.HOME);

            for (CardFixture card : List.of(CardFixtures.ELDER_YAO_LONG_TERM, CardFixtures.FOREIGN_2023, CardFixtures.RESIDENT_BAD_CHECK)) {
                demo.removeCard();
                tap("#home-identify");
                awaitStep(Step.WAITING);
                demo.placeCard(card);
                awaitStep(Step.DONE);
                capture("identity-" + card.id());
                tap("#nav-home");
                awaitStep(Step.TAKE_CARD);
                tap("#take-card-ok");
                await("home", () -> kiosk.model().screenProperty().get() == Screen.HOME);
            }

            demo.unplug();
            tap("#home-identify");
            awaitStep(Step.UNAVAILABLE);
            capture("identify-unavailable");
            demo.plugIn();

            checkCjk();
        }

        /** Renders two different CJK characters: with no CJK font both come out as the same box. */
        private void checkCjk() throws Exception {
            String family = Fonts.family();
            boolean distinct = fx(() -> {
                int[] a = pixels(glyph("粤", family));
                int[] b = pixels(glyph("助", family));
                long inkA = Arrays.stream(a).filter(p -> (p & 0xFF) < 128).count();
                return inkA > 50 && !Arrays.equals(a, b);
            });
            String titleFont = fx(() -> ((Labeled) scene.lookup("#title")).getFont().getFamily());
            System.out.println("cjk-family=" + family);
            System.out.println("title-font=" + titleFont);
            System.out.println("cjk-glyphs-distinct=" + distinct);
        }

        private static WritableImage glyph(String s, String family) {
            Text t = new Text(s);
            t.setFont(Font.font(family, 64));
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.WHITE);
            return t.snapshot(p, null);
        }

        private static int[] pixels(WritableImage img) {
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] px = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), px, 0, w);
            return px;
        }

        private void tap(String id) throws Exception {
            String problem = fx(() -> {
                Node n = scene.lookup(id);
                if (!(n instanceof Button b)) {
                    return "no button " + id;
                }
                if (!b.isVisible() || b.isDisabled()) {
                    return id + " is not tappable now";
                }
                b.fire();
                return null;
            });
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
        }

        private void awaitStep(Step step) throws Exception {
            await("step " + step, () -> kiosk.model().identify().stepProperty().get() == step);
        }

        private void await(String what, Callable<Boolean> condition) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!fx(condition)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out after 20 s waiting for " + what);
                }
                Thread.sleep(20);
            }
        }

        /** Two pulses laid out and drawn after the last change, then a moment for the X server. */
        private void settle() throws Exception {
            CountDownLatch drawn = new CountDownLatch(2);
            Platform.runLater(() -> {
                Runnable[] listener = new Runnable[1];
                listener[0] = () -> {
                    drawn.countDown();
                    if (drawn.getCount() == 0) {
                        scene.removePostLayoutPulseListener(listener[0]);
                    } else {
                        Platform.requestNextPulse();
                    }
                };
                scene.addPostLayoutPulseListener(listener[0]);
                Platform.requestNextPulse();
            });
            if (!drawn.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no frame drawn within 10 s");
            }
            Thread.sleep(300);
        }

        private void capture(String screen) throws Exception {
            settle();
            Path file = out.resolve(prefix + "-" + screen + ".png");
            Process p = new ProcessBuilder("import", "-window", "root", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("import did not finish within 30 s");
            }
            if (p.exitValue() != 0 || !Files.exists(file)) {
                throw new IllegalStateException("import failed (exit " + p.exitValue() + ") for " + file);
            }
            System.out.println("captured=" + file.getFileName());
        }

        private static <T> T fx(Callable<T> c) throws Exception {
            FutureTask<T> task = new FutureTask<>(c);
            Platform.runLater(task);
            return task.get(10, TimeUnit.SECONDS);
        }
    }
}
