package cn.yzz.kiosk.app.view;

import java.time.Duration;
import java.util.function.LongSupplier;
import javafx.event.ActionEvent;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.GestureEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;

/**
 * One-tap semantics for the whole kiosk. Buttons already arm on press and fire on release inside
 * themselves; this adds what villagers need on top:
 * <ul>
 * <li>a second activation within {@link #DEBOUNCE} of the last one is ignored, whichever button it
 *     lands on: a trembling double tap on a tile must not also press the button that appears
 *     under the finger on the next screen;
 * <li>no gestures (scroll, zoom, rotate, swipe) and no context menu (a long press on some touch
 *     stacks): nothing happens that a villager did not mean.
 * </ul>
 * Every touch also tells the idle watch that someone is there.
 */
public final class TapGuard {

    public static final Duration DEBOUNCE = Duration.ofMillis(500);

    private final long debounceNanos;
    private final LongSupplier nanoTime;
    private long lastFired;
    private boolean fired;

    public TapGuard(Duration debounce, LongSupplier nanoTime) {
        this.debounceNanos = debounce.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Installs the guard on {@code scene}; {@code touched} runs on every press. */
    public void install(Scene scene, Runnable touched) {
        scene.addEventFilter(ActionEvent.ACTION, this::onAction);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> touched.run());
        scene.addEventFilter(TouchEvent.TOUCH_PRESSED, e -> touched.run());
        scene.addEventFilter(GestureEvent.ANY, Event::consume);
        scene.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, Event::consume);
    }

    /** True if an activation now would be let through (and records it). */
    boolean allow() {
        long now = nanoTime.getAsLong();
        if (fired && now - lastFired < debounceNanos) {
            return false;
        }
        fired = true;
        lastFired = now;
        return true;
    }

    private void onAction(ActionEvent e) {
        if (!allow()) {
            e.consume();
        }
    }
}
