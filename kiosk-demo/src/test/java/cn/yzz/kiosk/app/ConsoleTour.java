package cn.yzz.kiosk.app;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.console.ConsolePage;
import cn.yzz.kiosk.app.console.pages.NetworkPage;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.demo.DemoClock;
import cn.yzz.kiosk.demo.DemoCounty;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;

/**
 * The administrator's console in a real GTK window under X, as {@link ScreenshotTour} takes the villager's screens: the
 * demo's kiosk with a printer out of paper, an application stuck while the county failed every upload, and a clock
 * 2 hours ahead; the PIN pad, then every page with the trouble it shows. Started by {@link ConsoleScreenshotTest} in a
 * JVM of its own, once per orientation.
 *
 * <p>Arguments: output directory, orientation (the file name's part), data directory. Prints {@code captured=<file>} per
 * screen and {@code layout=<file>: <problem>} for text cut short or a button's content spilling out; exits 0 when every
 * shot of {@link #SHOTS} was taken.
 */
public final class ConsoleTour {

    /** The shots, as {@code console-<orientation>-<shot>.png}. */
    static final List<String> SHOTS = List.of("pad", "devices", "paper-cash", "queue", "network", "network-fixed", "log",
            "diagnostics", "training", "about");

    static final String PIN = "802468";

    private ConsoleTour() {}

    public static void main(String[] args) {
        Application.launch(TourApp.class, args);
    }

    /** The JavaFX side of the tour. */
    public static final class TourApp extends Application {

        private final DemoClock clock = new DemoClock();
        private final Set<String> taken = new LinkedHashSet<>();
        private Kiosk kiosk;
        private DemoRig rig;
        private Scene scene;
        private Path out;
        private Path data;
        private String orientation;
        private volatile DemoCounty county;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> a = getParameters().getRaw();
            out = Path.of(a.get(0));
            orientation = a.get(1);
            data = Path.of(a.get(2));
            Files.createDirectories(out);
            KioskLog.setup(data);
            AdminPin.in(data).set(PIN.toCharArray());
            rig = DemoRig.start(data.resolve("receipts"));
            kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(), clock, ScreenshotTour.SETTINGS, rig);
            scene = kiosk.show(stage);
            kiosk.openDevicesInBackground();
            // The county fails every upload (县里后台出错), and an entry is stuck after its first failure.
            kiosk.connectCountyInBackground(() -> {
                county = DemoCounty.start(data, "enhanced");
                county.backend().faults().set("error-rate=1,only=transactions:batch");
            }, Settings.defaults().withMaxAttempts(1));
            Thread tour = new Thread(() -> {
                int code = 1;
                try {
                    walk();
                    List<String> missing = new ArrayList<>(SHOTS);
                    missing.removeAll(taken);
                    if (!missing.isEmpty()) {
                        throw new IllegalStateException("not captured: " + missing);
                    }
                    System.out.println("cjk-family=" + Fonts.family());
                    code = 0;
                } catch (Throwable t) {
                    System.out.println("tour failed: " + t);
                    t.printStackTrace(System.out);
                }
                System.out.flush();
                Runtime.getRuntime().halt(code); // no orderly shutdown needed, and none can hang
            }, "console-tour");
            tour.setDaemon(true);
            tour.start();
        }

        private void walk() throws Exception {
            await("the outbox open and the county reached", () -> kiosk.countyOpen() && kiosk.onlineProperty().get());
            application();
            await("the application stuck", () -> kiosk.county().orElseThrow().outbox().problems(10).size() == 1);
            rig.receiptPrinter().setPaperEnd(true); // 小票打印机没纸

            // The corner's five presses (the model's side of them: these taps are fired, not pressed), then the PIN.
            onFx(() -> {
                for (int i = 0; i < 5; i++) {
                    kiosk.console().cornerPressed(System.nanoTime());
                }
            });
            await("the PIN pad", () -> kiosk.console().stateProperty().get() == Console.State.PIN
                    && scene.lookup("#console-key-1") != null && !scene.lookup("#console-key-1").isDisabled());
            for (char c : PIN.substring(0, 3).toCharArray()) {
                tap("#console-key-" + c);
            }
            capture("pad");
            for (char c : PIN.substring(3).toCharArray()) {
                tap("#console-key-" + c);
            }
            tap("#console-confirm");
            await("the console", () -> kiosk.console().stateProperty().get() == Console.State.OPEN);

            await("设备: the printer without paper", () -> text("#console-device-receipt-printer-detail").contains("缺纸")
                    && text("#console-device-idcard-reader-state").equals("正常"));
            capture("devices");

            page("纸张与钱箱");
            await("没纸", () -> text("#console-paper-state").equals("没纸") && text("#console-box").contains("合计"));
            capture("paper-cash");

            page("队列");
            await("the queue read", () -> text("#queue-blocked-figure").equals("1 笔"));
            tap("#queue-sync");
            await("立即同步 done", () -> !text("#queue-result").isEmpty() && !scene.lookup("#queue-sync").isDisabled());
            capture("queue");

            clock.putOff(Duration.ofHours(2)); // 终端时钟拨快 2 小时
            page("网络");
            tap("#network-start");
            await("the check done, the clock wrong", () -> !network().runningProperty().get()
                    && network().canFixClockProperty().get());
            capture("network");
            tap("#network-fix-clock");
            await("checked again, the clock right", () -> !network().runningProperty().get()
                    && network().checks().get(NetworkPage.Step.CLOCK) != null
                    && network().checks().get(NetworkPage.Step.CLOCK).outcome() == NetworkPage.Outcome.OK);
            capture("network-fixed");

            KioskLog.flush();
            page("日志");
            await("the log's lines", () -> scene.lookup("#log-row-0") != null);
            capture("log");

            page("诊断包");
            tap("#diagnostics-folder");
            await("written", () -> isShown(scene.lookup("#diagnostics-result")));
            capture("diagnostics");

            page("培训模式");
            capture("training");

            page("关于");
            await("关于's facts", () -> scene.lookup("#console-about") instanceof javafx.scene.layout.Pane p
                    && p.getChildren().size() >= 8);
            capture("about");
        }

        /** 城乡居民基本养老保险参保登记, as a villager does it (the ID card, the answers, 确认), no receipt, no rating. */
        private void application() throws Exception {
            tap("#home-identify");
            await("waiting for a card", () -> kiosk.model().identify().stepProperty().get() == Step.WAITING);
            rig.placeCard(CardFixtures.RESIDENT);
            await("identified", () -> kiosk.model().identify().stepProperty().get() == Step.DONE);
            tap("#identity-continue");
            await("home", () -> kiosk.model().screenProperty().get() == Screen.HOME);
            tap("#tile-social-insurance");
            await("the services", () -> kiosk.model().screenProperty().get() == Screen.SERVICES);
            while (fx(() -> scene.lookup("#service-RSJ-0005") == null)) {
                int page = fx(() -> kiosk.model().pageProperty().get());
                tap("#page-next");
                await("the next page", () -> kiosk.model().pageProperty().get() == page + 1);
            }
            tap("#service-RSJ-0005");
            await("the first question", () -> isShown(scene.lookup("#choice-1")));
            tap("#choice-1");
            await("the phone", () -> isShown(scene.lookup("#keypad")));
            for (char c : "13800138000".toCharArray()) {
                tap("#key-" + c);
            }
            tap("#field-ok");
            await("the statement", () -> isShown(scene.lookup("#field-confirm")));
            tap("#field-confirm");
            await("the summary", () -> isShown(scene.lookup("#summary-confirm")));
            tap("#summary-confirm");
            await("submitted", () -> isShown(scene.lookup("#submit-next")));
            tap("#submit-next");
            await("是否打印", () -> isShown(scene.lookup("#receipt-skip")));
            tap("#receipt-skip");
            await("好差评", () -> isShown(scene.lookup("#evaluate-skip")));
            tap("#evaluate-skip");
            await("the end", () -> kiosk.model().screenProperty().get() == Screen.END);
            tap("#end-done");
            await("the visit over", () -> kiosk.model().screenProperty().get() == Screen.HOME && !kiosk.model().session().active());
        }

        private NetworkPage network() {
            return (NetworkPage) kiosk.console().pageProperty().get();
        }

        /** The side bar's button named {@code title}, and its page shown. */
        private void page(String title) throws Exception {
            List<ConsolePage> pages = fx(() -> kiosk.console().pages());
            int i = 0;
            while (!pages.get(i).title().equals(title)) {
                i++;
            }
            tap("#console-nav-" + i);
            ConsolePage p = pages.get(i);
            await(title, () -> kiosk.console().pageProperty().get() == p);
        }

        private String text(String id) {
            return scene.lookup(id) instanceof Labeled l && l.getText() != null ? l.getText() : "";
        }

        /** Fires the button as a tap would (and touches the console, as a tap does); fails if it is not tappable. */
        private void tap(String id) throws Exception {
            String problem = fx(() -> {
                Node n = scene.lookup(id);
                if (!(n instanceof Button b)) {
                    return "no button " + id;
                }
                if (!isShown(b) || b.isDisabled()) {
                    return id + " is not tappable now";
                }
                kiosk.console().touched();
                b.fire();
                return null;
            });
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
        }

        private static boolean isShown(Node n) {
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return n != null && n.getScene() != null;
        }

        private void await(String what, Callable<Boolean> condition) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (!fx(condition)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out after 40 s waiting for " + what);
                }
                Thread.sleep(20);
            }
        }

        /** Two pulses after the last change: laid out and rendered. */
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
        }

        /** The X screen as it shows the scene now (as {@link ScreenshotTour} takes it), and its layout problems. */
        private void capture(String shot) throws Exception {
            if (!SHOTS.contains(shot) || !taken.add(shot)) {
                throw new IllegalStateException(shot + " is not in ConsoleTour.SHOTS, or was taken twice");
            }
            long t0 = System.nanoTime();
            settle();
            int[] expected = fx(() -> ScreenshotTour.TourApp.pixels(scene.snapshot(null)));
            int w = (int) scene.getWidth();
            int h = (int) scene.getHeight();
            Path file = out.resolve("console-" + orientation + "-" + shot + ".png");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int attempts = 0;
            double differing = 1;
            do {
                if (attempts++ > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(shot + ": after 20 s the X screen still differs from the scene in "
                                + Math.round(differing * 1000) / 10.0 + " % of the pixels");
                    }
                    Thread.sleep(100);
                    expected = fx(() -> ScreenshotTour.TourApp.pixels(scene.snapshot(null)));
                }
                ScreenshotTour.TourApp.importScreen(file);
                differing = ScreenshotTour.TourApp.differing(expected, w, h, file);
            } while (differing > 0.005);
            System.out.println("captured=" + file.getFileName() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                    + (attempts > 1 ? " (" + attempts + " attempts)" : ""));
            List<String> problems = fx(() -> {
                List<String> found = new ArrayList<>();
                ScreenshotTour.TourApp.layoutProblems(scene.getRoot(), found);
                return found;
            });
            for (String problem : problems) {
                System.out.println("layout=" + file.getFileName() + ": " + problem);
            }
        }

        private static void onFx(Runnable r) throws Exception {
            fx(() -> {
                r.run();
                return null;
            });
        }

        private static <T> T fx(Callable<T> c) throws Exception {
            FutureTask<T> task = new FutureTask<>(c);
            Platform.runLater(task);
            return task.get(10, TimeUnit.SECONDS);
        }
    }
}
