package cn.yzz.kiosk.app;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.paint.Paint;

/**
 * Runs work once a scene's first frame is on the screen, not merely laid out. JavaFX draws a frame on
 * its render thread after the pulse that laid it out, and the next pulse does not wait for that unless it
 * has something of its own to draw: so at that next pulse the scene's fill is set again (the same
 * paint, no pixel changes), which makes the pulse wait for the first frame before it goes on, and the
 * work runs after that pulse. The start-up measurement ends there; the work the home screen does not
 * need (devices, voice, outbox) starts there, so it never competes with the first frame for the CPU.
 */
final class FirstFrame {

    private FirstFrame() {}

    /** Call on the JavaFX thread before or right after the scene is shown; {@code work} runs there too. */
    static void then(Scene scene, Runnable work) {
        Runnable[] listener = new Runnable[1];
        int[] pulses = {0};
        listener[0] = () -> {
            if (++pulses[0] == 1) { // laid out: its frame is drawn after this pulse
                Platform.requestNextPulse();
                return;
            }
            scene.removePostLayoutPulseListener(listener[0]);
            Paint fill = scene.getFill();
            scene.setFill(null);
            scene.setFill(fill); // dirty: this pulse waits for the first frame to be rendered before it syncs
            Platform.runLater(work); // after this pulse
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }
}
