package cn.yzz.kiosk.bench;

import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Paint;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * The yardstick of the start-up benchmark: the least a full-screen JavaFX program can be, one label
 * and two buttons in an undecorated stage at the screen's bounds (as the kiosk shows itself), started
 * with a plain {@code java}. It prints {@code startup-ms=N} as the kiosk does ({@code KioskApp}): from
 * JVM start to the pulse after the one that drew the window, then exits. Needs only JavaFX on the
 * class path; a plain main, not the Application, so it runs from the class path.
 */
public final class MinimalWindow {

    private MinimalWindow() {}

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The window itself. */
    public static final class Window extends Application {

        @Override
        public void start(Stage stage) {
            HBox buttons = new HBox(24, new Button("OK"), new Button("Cancel"));
            buttons.setAlignment(Pos.CENTER);
            VBox root = new VBox(48, new Label("Hello"), buttons);
            root.setAlignment(Pos.CENTER);
            Rectangle2D b = Screen.getPrimary().getBounds();
            Scene scene = new Scene(root, b.getWidth(), b.getHeight());
            stage.initStyle(StageStyle.UNDECORATED);
            stage.setX(b.getMinX());
            stage.setY(b.getMinY());
            stage.setWidth(b.getWidth());
            stage.setHeight(b.getHeight());
            stage.setScene(scene);
            stage.show();
            reportStartup(scene);
        }

        /**
         * As the kiosk ({@code cn.yzz.kiosk.app.FirstFrame}): at the pulse after the one that laid the window out,
         * the scene's fill is set again (no pixel changes) so that this pulse waits for the first frame to be
         * rendered; the time is read after that pulse, the JVM's start time only then.
         */
        private static void reportStartup(Scene scene) {
            Runnable[] listener = new Runnable[1];
            int[] pulses = {0};
            listener[0] = () -> {
                if (++pulses[0] == 1) {
                    Platform.requestNextPulse();
                    return;
                }
                scene.removePostLayoutPulseListener(listener[0]);
                if (Boolean.getBoolean("trace.old")) System.err.println("old-ms=" + (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()));
                Paint fill = scene.getFill();
                scene.setFill(null);
                scene.setFill(fill);
                Platform.runLater(() -> {
                    long now = System.currentTimeMillis();
                    System.out.println("startup-ms=" + (now - ManagementFactory.getRuntimeMXBean().getStartTime()));
                    System.out.flush();
                    Platform.exit();
                });
            };
            scene.addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        }
    }
}
