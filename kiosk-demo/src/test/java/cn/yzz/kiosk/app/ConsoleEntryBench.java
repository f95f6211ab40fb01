package cn.yzz.kiosk.app;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.console.Console;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.support.BenchSupport;
import cn.yzz.kiosk.app.support.BenchSupport.Stats;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.demo.DemoRig;
import com.sun.javafx.scene.SceneHelper;
import com.sun.javafx.tk.TKScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The console's entry, headless (Monocle, 1080 × 1920, software rendering), in this JVM: from the fifth press on the corner
 * to the PIN pad drawn, and from the right PIN's answer (the check done on kiosk-console, handed to the JavaFX thread) to
 * the console's first page (设备) drawn. Drawn = the render thread finished the frame of the first pulse after the state
 * changed. The first entry builds the frame and the page (cold); the others reuse them.
 */
@Tag("bench")
class ConsoleEntryBench {

    private static final long LIMIT_MS = 200;
    private static final int ENTRIES = 12;
    private static final String PIN = "380516";

    @TempDir
    Path data;

    private Scene scene;
    private TKScene peer;
    private final ExecutorService renderWatch = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bench-render-watch");
        t.setDaemon(true);
        return t;
    });

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fromTheRightPinToTheFirstPageDrawn() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(data);
        AdminPin.in(data).set(PIN.toCharArray());
        DemoRig demo = DemoRig.start(data.resolve("receipts"));
        Kiosk kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(), Clock.systemDefaultZone(),
                new Kiosk.Settings(Duration.ofSeconds(60), IdleWatch.Settings.defaults(), Duration.ZERO, false), demo);
        Stage[] stage = new Stage[1];
        try {
            FxToolkit.setupFixture(() -> {
                stage[0] = new Stage();
                scene = kiosk.show(stage[0]);
                peer = SceneHelper.getPeer(scene);
            });
            kiosk.openDevicesInBackground();
            kiosk.connectCountyInBackground(() -> { });
            BenchSupport.awaitOnFx("the outbox open", 60, kiosk::countyOpen);
            Console console = kiosk.console();
            List<Double> pads = new ArrayList<>();
            List<Double> pages = new ArrayList<>();
            for (int i = 0; i < ENTRIES; i++) {
                CompletableFuture<Long> padDrawn = new CompletableFuture<>();
                long t0 = BenchSupport.onFx(() -> {
                    for (int p = 0; p < 4; p++) {
                        console.cornerPressed(System.nanoTime());
                    }
                    long t = System.nanoTime();
                    whenDrawn(padDrawn);
                    console.cornerPressed(System.nanoTime());
                    return t;
                }, 10);
                pads.add((padDrawn.get(10, TimeUnit.SECONDS) - t0) / 1e6);
                CompletableFuture<Long> pageDrawn = new CompletableFuture<>();
                CompletableFuture<Long> answered = new CompletableFuture<>();
                BenchSupport.onFx(() -> {
                    ChangeListener<Console.State> l = new ChangeListener<>() {
                        @Override
                        public void changed(javafx.beans.value.ObservableValue<? extends Console.State> o, Console.State was,
                                            Console.State now) {
                            if (now == Console.State.OPEN) {
                                answered.complete(System.nanoTime());
                                whenDrawn(pageDrawn);
                                console.stateProperty().removeListener(this);
                            }
                        }
                    };
                    console.stateProperty().addListener(l);
                    for (char c : PIN.toCharArray()) {
                        console.key(c);
                    }
                    console.confirm();
                    return null;
                }, 10);
                pages.add((pageDrawn.get(10, TimeUnit.SECONDS) - answered.get()) / 1e6);
                BenchSupport.onFx(() -> {
                    console.leave();
                    return null;
                }, 10);
            }
            report("fifth corner press to the PIN pad drawn", pads);
            report("right PIN's answer to the console's first page drawn", pages);
            System.out.println("BENCH note: Monocle 1080x1920, software rendering, " + ENTRIES + " entries, the first cold "
                    + "(frame and page built); load average " + Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            FxToolkit.setupFixture(() -> stage[0].hide());
            kiosk.close();
            demo.close();
            renderWatch.shutdownNow();
        }
    }

    /** Completes {@code drawn} when the frame of the next pulse is rendered. On the JavaFX thread. */
    private void whenDrawn(CompletableFuture<Long> drawn) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            Platform.runLater(() -> renderWatch.execute(() -> {
                peer.waitForRenderingToComplete();
                drawn.complete(System.nanoTime());
            }));
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    private static void report(String what, List<Double> ms) {
        double cold = ms.get(0);
        Stats warm = Stats.of(ms.subList(1, ms.size()).stream().mapToDouble(Double::doubleValue).toArray());
        boolean pass = cold <= LIMIT_MS && warm.p95() <= LIMIT_MS;
        System.out.printf("BENCH console entry, %s: cold %.1f ms, then median %.1f ms, p95 %.1f ms, max %.1f ms (limit %d ms) %s%n",
                what, cold, warm.median(), warm.p95(), warm.max(), LIMIT_MS, pass ? "PASS" : "OVER");
    }
}
