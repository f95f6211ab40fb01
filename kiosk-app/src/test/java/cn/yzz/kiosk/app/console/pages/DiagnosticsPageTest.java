package cn.yzz.kiosk.app.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 诊断包 on Monocle: no stick, a folder standing for a stick, the configured folder; PNGs to look at. */
class DiagnosticsPageTest {

    private final PageStage stage = new PageStage();
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final CountDownLatch mayWrite = new CountDownLatch(1);
    private volatile List<Path> sticks = List.of();

    @TempDir
    Path stick;
    @TempDir
    Path folder;

    /** Writes a small file as the bundle would be, after {@link #mayWrite}. */
    private DiagnosticsPage.Written write(Path into) throws Exception {
        assertThat(Platform.isFxApplicationThread()).isFalse();
        assertThat(mayWrite.await(10, TimeUnit.SECONDS)).isTrue();
        Path file = into.resolve("yzz-diagnostics-WJ-0042-20261206-1432.zip");
        Files.write(file, new byte[1_258_291]);
        return new DiagnosticsPage.Written(file, Files.size(file));
    }

    private DiagnosticsPage open(Path configured) throws Exception {
        PageStage.toolkit();
        DiagnosticsPage page = PageStage.fx(() -> new DiagnosticsPage(new DiagnosticsPage.Data(() -> sticks, this::write, configured),
                (what, result) -> audit.add(what + " → " + result), Platform::runLater));
        stage.show(PageStage.fx(page::view), 1500, 880);
        return page;
    }

    @AfterEach
    void close() throws Exception {
        mayWrite.countDown();
        stage.hide();
    }

    @Test
    void withoutAStickItSaysToInsertOne() throws Exception {
        open(folder);
        assertThat(stage.text("#diagnostics-contents")).contains("没有身份证号、姓名、凭证或密钥");
        stage.snap("diagnostics-before");
        stage.tap("#diagnostics-stick");
        stage.await(() -> stage.lookup("#diagnostics-problem").isVisible());
        assertThat(stage.text("#diagnostics-problem")).isEqualTo("没有找到U盘：请插入U盘后再点一次");
        assertThat(stage.shown("#diagnostics-result")).isFalse();
        assertThat(audit).containsExactly("写诊断包到U盘 → 没有找到U盘：请插入U盘后再点一次");
        stage.snap("diagnostics-no-stick");
    }

    @Test
    void aStickGetsTheBundleAndThePageSaysWhatWhereAndHowBig() throws Exception {
        sticks = List.of(stick);
        open(null);
        assertThat(stage.lookup("#diagnostics-folder")).as("no folder configured, no button").isNull();
        stage.tap("#diagnostics-stick");
        assertThat(stage.shown("#diagnostics-progress")).isTrue();
        assertThat(stage.disabled("#diagnostics-stick")).isTrue();
        stage.snap("diagnostics-writing");
        mayWrite.countDown();
        stage.await(() -> stage.lookup("#diagnostics-result").isVisible());
        Path file = stick.resolve("yzz-diagnostics-WJ-0042-20261206-1432.zip");
        assertThat(file).exists();
        assertThat(stage.text("#diagnostics-file")).isEqualTo("文件：yzz-diagnostics-WJ-0042-20261206-1432.zip");
        assertThat(stage.text("#diagnostics-size")).isEqualTo("大小：1.2 MB");
        assertThat(stage.text("#diagnostics-where")).isEqualTo("位置：U盘 " + stick);
        assertThat(stage.shown("#diagnostics-progress")).isFalse();
        assertThat(audit).containsExactly("写诊断包到U盘 → 成功：yzz-diagnostics-WJ-0042-20261206-1432.zip，1.2 MB，在U盘 " + stick);
        stage.snap("diagnostics-written");
    }

    @Test
    void theConfiguredFolderGetsItToo() throws Exception {
        open(folder);
        mayWrite.countDown();
        stage.tap("#diagnostics-folder");
        stage.await(() -> stage.lookup("#diagnostics-result").isVisible());
        assertThat(folder.resolve("yzz-diagnostics-WJ-0042-20261206-1432.zip")).exists();
        assertThat(stage.text("#diagnostics-where")).isEqualTo("位置：文件夹 " + folder);
        assertThat(stage.text("#diagnostics-next")).isEqualTo("县里可以从这个文件夹取走它。");
    }

    @Test
    void aWriteThatFailsSaysWhyInItsWords() throws Exception {
        sticks = List.of(stick);
        PageStage.toolkit();
        DiagnosticsPage page = PageStage.fx(() -> new DiagnosticsPage(new DiagnosticsPage.Data(() -> sticks, into -> {
            throw new java.io.IOException("U盘满了：请换一个有空位的U盘");
        }, null), (what, result) -> audit.add(what + " → " + result), Platform::runLater));
        stage.show(PageStage.fx(page::view), 1500, 880);
        stage.tap("#diagnostics-stick");
        stage.await(() -> stage.lookup("#diagnostics-problem").isVisible());
        assertThat(stage.text("#diagnostics-problem")).isEqualTo("没有写成：U盘满了：请换一个有空位的U盘");
    }
}
