package cn.yzz.kiosk.app.console;

/**
 * What the console may do to the kiosk program itself. Call on the JavaFX thread; each returns at once and the kiosk
 * starts again (under systemd a new process; in the demo in place).
 */
public interface KioskControl {

    /** 重启程序. */
    void restart();

    /**
     * 培训模式 on or off: the kiosk starts again on emulated devices with a training store that is never synced and a
     * banner on every screen, or back on its own devices and store.
     */
    void training(boolean on);

    /** Whether this start is a training one. */
    boolean inTraining();
}
