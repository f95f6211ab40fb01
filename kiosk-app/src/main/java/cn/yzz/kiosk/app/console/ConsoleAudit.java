package cn.yzz.kiosk.app.console;

/**
 * Where console pages record what the administrator did: {@code what} and {@code result} in plain, masked words
 * ("打印测试小票", "成功"). The console adds who and when and writes it to the store's audit log off the JavaFX thread.
 * Call on the JavaFX thread; returns at once.
 */
@FunctionalInterface
public interface ConsoleAudit {

    void record(String what, String result);
}
