package cn.yzz.kiosk.app.console;

import javafx.scene.Node;

/**
 * One page of the village administrator's console (设备, 纸张与钱箱, 队列, 网络, 日志, 诊断包, 培训模式, 关于 …): its word in
 * the side bar and its view. Use on the JavaFX thread; a page does its blocking work (serial, SQL, HTTP, files, printing)
 * on threads of its own and comes back through the kiosk's FX executor.
 */
public interface ConsolePage {

    /** The side bar's word for it, e.g. {@code 队列}. */
    String title();

    /** The page; built when first opened, then kept while the console is open. */
    Node view();

    /** The page is shown: refresh what it shows. */
    default void shown() {
    }

    /** Another page is shown or the console is left: stop what the page was doing (a test under way finishes). */
    default void hidden() {
    }
}
