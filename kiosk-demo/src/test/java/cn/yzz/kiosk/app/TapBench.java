package cn.yzz.kiosk.app;

import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import com.sun.javafx.scene.SceneHelper;
import com.sun.javafx.tk.TKScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * Time from a tap to the next screen drawn, in this JVM, headless (Monocle, 1080 × 1920, software
 * rendering), on the real kiosk: views, shell, flow models, demo devices, no voice, no debounce.
 * 100 taps that change the screen (theme tiles of every theme, 返回, 下一页/上一页), after 20 not
 * counted, in normal mode and then in elder mode. Prints figures beside the limit; benchmarks do
 * not assert timings.
 *
 * <p>The tap: JavaFX's own {@link Robot} (the Glass robot, which TestFX also uses under
 * {@code testfx.robot=glass}) injects move, press and release back to back on the JavaFX thread
 * into Monocle's mouse input, so the tap takes the whole path a touch takes: Glass, the scene's
 * picking, the button's behaviour (it fires on release), the flow model, the view swapping the
 * screen. Not TestFX's {@code clickOn}: it moves the pointer in steps with sleeps and waits for the
 * JavaFX queue between press and release, so no instant in it is "the tap". Not MouseEvents fired
 * at the button: they skip Glass and picking.
 *
 * <p>t0 is taken just before the move is injected. Press and release follow at once (a tap with no
 * contact time), so t0 is also when the finger lifts, which is when a button acts. The scene's
 * MOUSE_PRESSED filter time is printed as a check. "Drawn" is when the render thread has finished
 * the frame of the pulse that laid out the new screen: a post-layout pulse listener notes the first
 * pulse after the release was dispatched, and once that pulse has handed its frame to the render
 * thread, a helper thread waits on the scene's render latch (the one the scene itself waits on
 * before it touches the render graph again; {@code TKScene.waitForRenderingToComplete}, JavaFX
 * internals, reachable because the tests run JavaFX from the class path). The method of
 * {@code KioskApp.reportStartup} (the time at the pulse after the one that laid out the screen) is
 * printed beside it: with JavaFX's separate render thread that pulse can begin, and its post-layout
 * listeners run, before the previous frame is finished, so it is a lower bound rather than "drawn".
 *
 * <p>Taps are spaced by 0–16 ms more than needed, in a fixed pattern, so that they land at every
 * phase of the 60 Hz pulse timer, as a villager's taps do.
 */
@Tag("bench")
class TapBench {

    private static final int WARM_UP = 20;
    private static final int TAPS = 100;
    private static final long LIMIT_MS = 100;
    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path data;

    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private Robot robot;
    private TKScene peer;
    private volatile long pressedAt;
    private volatile long releasedAt;
    private final ExecutorService renderWatch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-render-watch");
        t.setDaemon(true);
        return t;
    });

    // Where the tap plan stands (JavaFX thread only).
    private int nextTheme;
    private boolean pagedForward;

    /** One measured tap; times from System.nanoTime. */
    private record Tap(String button, long t0, long pressed, long laidOut, long drawn, long nextPulse) {
        String kind() {
            return button.startsWith("tile-") ? "tile-*" : button;
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void tapToNextScreenDrawn() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(data);
        DemoRig demo = DemoRig.start(data.resolve("receipts"));
        kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(),
                Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai")),
                new Kiosk.Settings(IdentifyModel.CARD_WAIT, new IdleWatch.Settings(Duration.ofMinutes(30), Duration.ofSeconds(30)),
                        Duration.ZERO, false), demo);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
            scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pressedAt = System.nanoTime());
            scene.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> releasedAt = System.nanoTime());
            robot = new Robot();
            peer = SceneHelper.getPeer(scene);
        });
        kiosk.openDevicesInBackground();
        try {
            Thread.sleep(1000); // the reader opens and the device watch settles what the kiosk can do
            System.out.println("BENCH note: tap = Glass robot move+press+release injected on the FX thread (Monocle, 1080x1920, "
                    + "software rendering, this test JVM with full JIT); t0 just before the injection; drawn = the render thread "
                    + "finished the frame of the pulse that laid out the new screen; load average at start: "
                    + Files.readString(Path.of("/proc/loadavg")).trim());
            report("normal mode", run());

            home();
            measure("elder-toggle", false); // into elder mode: not counted
            report("elder mode", run());
        } finally {
            FxToolkit.setupFixture(() -> stage.hide());
            kiosk.close();
            demo.close();
            renderWatch.shutdownNow();
        }
    }

    private List<Tap> run() throws Exception {
        List<Tap> taps = new ArrayList<>();
        for (int i = 0; i < WARM_UP + TAPS; i++) {
            String button = fx(this::nextButton);
            Tap tap = measure(button, true);
            if (i >= WARM_UP) {
                taps.add(tap);
            }
            Thread.sleep((i * 7) % 17); // every phase of the pulse timer
        }
        return taps;
    }

    /** The next tap that changes the screen: a theme, its next page and back, then 返回 (JavaFX thread). */
    private String nextButton() {
        KioskFlowModel m = kiosk.model();
        switch (m.screenProperty().get()) {
            case HOME -> {
                List<Theme> themes = m.catalogue().themes().stream().filter(t -> !m.offerable(t).isEmpty()).toList();
                pagedForward = false;
                return "tile-" + themes.get(nextTheme++ % themes.size()).id();
            }
            case SERVICES -> {
                if (m.hasNextPageProperty().get() && !pagedForward) {
                    pagedForward = true;
                    return "page-next";
                }
                return m.hasPreviousPageProperty().get() ? "page-previous" : "nav-back";
            }
            default -> throw new IllegalStateException("the tap plan does not go to " + m.screenProperty().get());
        }
    }

    private void home() throws Exception {
        while (fx(() -> kiosk.model().screenProperty().get()) != Screen.HOME) {
            measure("nav-back", true);
        }
    }

    /** What is on screen, to check that a tap changed it (JavaFX thread). */
    private String where() {
        KioskFlowModel m = kiosk.model();
        Theme t = m.themeProperty().get();
        return m.screenProperty().get() + "/" + (t == null ? "-" : t.id()) + "/" + m.pageProperty().get();
    }

    private Tap measure(String id, boolean mustChangeScreen) throws Exception {
        CompletableFuture<Tap> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Node n = scene.lookup("#" + id);
                if (!(n instanceof Button b) || !b.isVisible() || b.isDisabled()) {
                    throw new IllegalStateException("#" + id + " cannot be tapped on " + where() + ": " + n);
                }
                Bounds bounds = n.localToScreen(n.getBoundsInLocal());
                String before = where();
                pressedAt = 0;
                releasedAt = 0;
                long t0 = System.nanoTime();
                // Monocle queues the events behind this runnable; the button acts when the release is dispatched.
                robot.mouseMove(bounds.getCenterX(), bounds.getCenterY());
                robot.mousePress(MouseButton.PRIMARY);
                robot.mouseRelease(MouseButton.PRIMARY);
                afterLayout(done, id, t0, before, mustChangeScreen);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Notes the first pulse after the release was dispatched (the one that lays out the new
     * screen), the end of its frame on the render thread, and the pulse after. Registered before
     * the tap's events are dispatched, so that no pulse is missed (JavaFX thread).
     */
    private void afterLayout(CompletableFuture<Tap> done, String id, long t0, String before, boolean mustChangeScreen) {
        CompletableFuture<Long> drawn = new CompletableFuture<>();
        long[] laidOut = {0};
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (laidOut[0] == 0) {
                if (releasedAt == 0) {
                    Platform.requestNextPulse(); // a pulse between the tap's events
                    return;
                }
                laidOut[0] = System.nanoTime();
                if (mustChangeScreen && before.equals(where())) {
                    scene.removePostLayoutPulseListener(listener[0]);
                    done.completeExceptionally(new IllegalStateException("tapping #" + id + " did not change the screen (" + before + ")"));
                    return;
                }
                Platform.requestNextPulse();
                // Runs once this pulse has handed its frame to the render thread; waiting there would hold up the FX thread.
                Platform.runLater(() -> renderWatch.execute(() -> {
                    peer.waitForRenderingToComplete();
                    drawn.complete(System.nanoTime());
                }));
                return;
            }
            long next = System.nanoTime();
            long pressed = pressedAt;
            scene.removePostLayoutPulseListener(listener[0]);
            drawn.thenAccept(d -> done.complete(new Tap(id, t0, pressed, laidOut[0], d, next)));
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void report(String mode, List<Tap> taps) {
        Stats drawn = Stats.of(taps, t -> t.drawn() - t.t0());
        boolean pass = drawn.median() <= LIMIT_MS && drawn.p95() <= LIMIT_MS;
        Map<String, Long> kinds = taps.stream().collect(Collectors.groupingBy(Tap::kind, TreeMap::new, Collectors.counting()));
        System.out.printf("BENCH tap to next screen drawn, %s: median %.1f ms, p95 %.1f ms, max %.1f ms (limit %d ms) %s   %d taps %s%n",
                mode, drawn.median(), drawn.p95(), drawn.max(), LIMIT_MS, pass ? "PASS" : "OVER", taps.size(), kinds);
        for (String kind : kinds.keySet()) {
            List<Tap> some = taps.stream().filter(t -> t.kind().equals(kind)).toList();
            Stats s = Stats.of(some, t -> t.drawn() - t.t0());
            System.out.printf("BENCH   %s, %s: median %.1f ms, p95 %.1f ms, max %.1f ms%n", mode, kind, s.median(), s.p95(), s.max());
        }
        Stats pressed = Stats.of(taps, t -> t.pressed() == 0 ? 0 : t.pressed() - t.t0());
        Stats laidOut = Stats.of(taps, t -> t.laidOut() - t.t0());
        Stats next = Stats.of(taps, t -> t.nextPulse() - t.t0());
        long early = taps.stream().filter(t -> t.nextPulse() < t.drawn()).count();
        System.out.printf("BENCH   %s, where the time goes: press reaches the scene at median %.1f ms; the layout pulse at median %.1f ms, "
                        + "p95 %.1f ms; the frame finished at median %.1f ms%n",
                mode, pressed.median(), laidOut.median(), laidOut.p95(), drawn.median());
        System.out.printf("BENCH   %s, timed as KioskApp.reportStartup (to the pulse after the layout pulse): median %.1f ms, p95 %.1f ms, "
                        + "max %.1f ms; that pulse began before the frame was finished in %d of %d taps%n",
                mode, next.median(), next.p95(), next.max(), early, taps.size());
    }

    private record Stats(double median, double p95, double max) {
        static Stats of(List<Tap> taps, ToLongFunction<Tap> nanos) {
            List<Double> ms = taps.stream().map(t -> nanos.applyAsLong(t) / 1e6).sorted().toList();
            int n = ms.size();
            double median = n % 2 == 1 ? ms.get(n / 2) : (ms.get(n / 2 - 1) + ms.get(n / 2)) / 2;
            return new Stats(median, ms.get((int) Math.ceil(0.95 * n) - 1), ms.get(n - 1));
        }
    }
}
