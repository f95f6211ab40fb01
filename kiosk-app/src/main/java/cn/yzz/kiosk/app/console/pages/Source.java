package cn.yzz.kiosk.app.console.pages;

/**
 * Where a console page reads something that blocks (SQL, files, HTTP). Called on the page's own thread, never on the
 * JavaFX thread; an exception is shown as the page's plain words and its detail goes to the log.
 */
@FunctionalInterface
public interface Source<T> {

    T get() throws Exception;
}
