package cn.yzz.kiosk.app;

import javafx.geometry.Rectangle2D;
import java.io.IOException;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * What a start adds to the kiosk a village runs, for a program that starts the same kiosk on other
 * terms (the demo, module kiosk-demo, through {@link KioskMain#start}). The kiosk a village runs adds
 * nothing: {@link #NONE}. Called in this order, each at most once:
 * <ol>
 *   <li>{@link #devices} on {@code kiosk-preload}, before the kiosk is built (while JavaFX starts);</li>
 *   <li>{@link #shown} on the JavaFX thread, once the kiosk's window is shown;</li>
 *   <li>{@link #beforeCounty} on {@code kiosk-county-open}, before the outbox opens and the enrollment is read;</li>
 *   <li>{@link #close} after the kiosk has closed.</li>
 * </ol>
 * A restart in place ({@link #restartsInPlace}) calls {@link #shown} and {@link #beforeCounty} again for the new kiosk.
 */
public interface KioskExtras extends AutoCloseable {

    KioskExtras NONE = new KioskExtras() { };

    /**
     * The kiosk's clock: the machine's on a village kiosk (the console's 校准时钟 sets it through systemd-timedated); the
     * demo's can be put wrong and corrected, being an {@link cn.yzz.kiosk.admin.ClockSetter} itself.
     */
    default java.time.Clock clock() {
        return java.time.Clock.systemDefaultZone();
    }

    /** The store's settings: the defaults on a village kiosk. */
    default cn.yzz.kiosk.cache.Settings storeSettings() {
        return cn.yzz.kiosk.cache.Settings.defaults();
    }

    /** Where the fitted devices' bytes go. */
    default DeviceLinks devices(KioskOptions options) throws IOException {
        return DeviceLinks.PROFILE;
    }

    /**
     * The part of the screen the kiosk's window takes when it is not windowed: all of it on a kiosk; the demo
     * keeps a column for its simulator, which sits beside the kiosk and never over it.
     */
    default Rectangle2D area(Rectangle2D screen) {
        return screen;
    }

    /** Its window is up: the home screen is showing. */
    default void shown(Kiosk kiosk, Stage stage, Scene scene) {
    }

    /** May block (the demo starts its county backend and enrolls with it here); the home screen does not wait. */
    default void beforeCounty(KioskOptions options) throws IOException {
    }

    /**
     * Whether 重启程序 starts the kiosk again in this program, on the same window (the demo), rather than ending the
     * program for the service manager to start again (a kiosk in a village).
     */
    default boolean restartsInPlace() {
        return false;
    }

    @Override
    default void close() {
    }
}
