package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.console.ConsoleAudit;
import cn.yzz.kiosk.app.console.ConsolePage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;

/**
 * 诊断包: writes the diagnostics bundle (a zip for the county) to a USB stick, or to a configured folder, and says where it
 * went. The model; {@link DiagnosticsView} draws it. Use on the JavaFX thread; media are looked for and the bundle is
 * written on the page's own thread ({@code kiosk-console-diagnostics}).
 */
public final class DiagnosticsPage implements ConsolePage {

    /** What the bundle holds, in one line for the administrator. */
    public static final String CONTENTS = "诊断包是给县里查故障用的一个压缩文件：里面有程序日志（个人信息已遮住）、设置（不含凭证和密钥）、"
            + "设备状态、队列数目、最近的操作记录和版本号；没有身份证号、姓名、凭证或密钥。";

    /** A bundle written: the file and its size in bytes. */
    public record Written(Path file, long bytes) {}

    /** Writes the bundle into {@code folder}, blocking; fails with an exception whose message is plain words. */
    @FunctionalInterface
    public interface Writer {
        Written write(Path folder) throws Exception;
    }

    /**
     * @param sticks the removable media mounted now (under /media, /run/media), the first one used; empty when none
     * @param folder the configured folder for 写到文件夹, or null when none is configured
     */
    public record Data(Source<List<Path>> sticks, Writer writer, Path folder) {
        public Data {
            Objects.requireNonNull(sticks, "sticks");
            Objects.requireNonNull(writer, "writer");
        }
    }

    private final Data data;
    private final ConsoleAudit audit;
    private final Background background;
    private DiagnosticsView view;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Done> done = new ReadOnlyObjectWrapper<>();

    /** A bundle written, for the view: the file, its size, where it is in words. */
    public record Done(Written written, String where) {}

    public DiagnosticsPage(Data data, ConsoleAudit audit, Executor fx) {
        this.data = Objects.requireNonNull(data, "data");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.background = new Background("kiosk-console-diagnostics", fx);
    }

    @Override
    public String title() {
        return "诊断包";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new DiagnosticsView(this);
        }
        return view;
    }

    /** The configured folder for 写到文件夹, or null. */
    public Path folder() {
        return data.folder();
    }

    /** 写到U盘: the first stick found, or the words that say to insert one. */
    public void toStick() {
        if (busy.get()) {
            return;
        }
        start("正在找U盘…");
        background.run(() -> {
            List<Path> sticks = data.sticks().get();
            if (sticks.isEmpty()) {
                return null;
            }
            Path stick = sticks.get(0);
            return new Done(data.writer().write(stick), "U盘 " + stick);
        }, d -> {
            if (d == null) {
                fail("写诊断包到U盘", "没有找到U盘：请插入U盘后再点一次");
            } else {
                succeed("写诊断包到U盘", d);
            }
        }, e -> fail("写诊断包到U盘", failure(e)));
    }

    /** 写到文件夹: the configured folder. */
    public void toFolder() {
        if (busy.get() || data.folder() == null) {
            return;
        }
        start("正在写诊断包…");
        Path folder = data.folder();
        background.run(() -> {
            java.nio.file.Files.createDirectories(folder); // the kiosk's own folder: made at its first bundle
            return new Done(data.writer().write(folder), "文件夹 " + folder);
        }, d -> succeed("写诊断包到文件夹", d),
                e -> fail("写诊断包到文件夹", failure(e)));
    }

    private static String failure(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "没有写成：请换一个U盘或稍后再试" : "没有写成：" + m;
    }

    private void start(String words) {
        busy.set(true);
        progress.set(words);
        problem.set("");
        done.set(null);
    }

    private void succeed(String what, Done d) {
        busy.set(false);
        progress.set("");
        done.set(d);
        audit.record(what, "成功：" + d.written().file().getFileName() + "，" + Words.size(d.written().bytes()) + "，在" + d.where());
    }

    private void fail(String what, String words) {
        busy.set(false);
        progress.set("");
        problem.set(words);
        audit.record(what, words);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Why the last try wrote nothing, in words; empty otherwise. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last bundle written, null before one is or while one is being written. */
    public ReadOnlyObjectProperty<Done> doneProperty() {
        return done.getReadOnlyProperty();
    }
}
