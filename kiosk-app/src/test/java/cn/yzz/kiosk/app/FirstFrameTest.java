package cn.yzz.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The home screen's first frame: the work waits for it, runs once on the JavaFX thread, and changes nothing on screen. */
class FirstFrameTest {

    @BeforeAll
    static void toolkit() throws InterruptedException {
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        assertThat(up.await(30, TimeUnit.SECONDS)).isTrue();
        Platform.setImplicitExit(false);
    }

    @Test
    void theWorkRunsOnceOnTheJavaFxThreadAfterTheWindowIsDrawnAndTheFillIsKept() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger pulses = new AtomicInteger();
        CompletableFuture<String> ran = new CompletableFuture<>();
        Color fill = Color.rgb(12, 34, 56);
        Stage[] stage = new Stage[1];
        Scene[] scene = new Scene[1];
        Platform.runLater(() -> {
            scene[0] = new Scene(new StackPane(new Label("首页")), 300, 200, fill);
            scene[0].addPostLayoutPulseListener(pulses::incrementAndGet);
            stage[0] = new Stage();
            stage[0].setScene(scene[0]);
            stage[0].show();
            FirstFrame.then(scene[0], () -> {
                runs.incrementAndGet();
                ran.complete(Thread.currentThread().getName() + " showing=" + stage[0].isShowing() + " pulses=" + pulses.get());
            });
        });
        String seen = ran.get(30, TimeUnit.SECONDS);
        assertThat(seen).startsWith("JavaFX Application Thread showing=true");
        assertThat(Integer.parseInt(seen.substring(seen.indexOf("pulses=") + 7))).as("the laying-out pulse and the next").isGreaterThanOrEqualTo(2);
        CompletableFuture<Object> after = new CompletableFuture<>();
        Platform.runLater(() -> {
            after.complete(scene[0].getFill());
            stage[0].hide();
        });
        assertThat(after.get(10, TimeUnit.SECONDS)).isSameAs(fill);
        assertThat(runs).hasValue(1);
    }
}
