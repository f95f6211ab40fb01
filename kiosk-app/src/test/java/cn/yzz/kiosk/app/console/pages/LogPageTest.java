package cn.yzz.kiosk.app.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 日志 on Monocle with a fake log: paging, both filters, traces folded; PNGs to look at. */
class LogPageTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T06:30:00Z"), ZoneId.of("Asia/Shanghai"));
    private final PageStage stage = new PageStage();
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<LogPage.Line> log = new ArrayList<>();

    LogPageTest() {
        Instant now = clock.instant();
        // Today (since 00:00 local, 16:00Z yesterday): 14 records, 2 in the last hour; then 13 earlier in the week.
        log.add(new LogPage.Line(now.minus(Duration.ofMinutes(5)), Level.ERROR, "cn.yzz.kiosk.cache.sync.SyncEngine",
                "上传失败，稍后再试\njava.net.ConnectException: Failed to connect to county.example/10.20.0.8:443\n\tat okhttp3.internal.connection"
                + ".RealConnection.connectSocket(RealConnection.kt:297)\n\tat okhttp3.internal.connection.RealConnection.connect(RealConnection.kt:207)"));
        log.add(new LogPage.Line(now.minus(Duration.ofMinutes(40)), Level.INFO, "cn.yzz.kiosk.app.service.ServiceRun",
                "城乡居民养老保险缴费 完成，凭条号码 WJ-0042-20261206-0007，缴费人 张*，证件 440***********1234"));
        for (int i = 0; i < 12; i++) {
            Level l = i % 4 == 0 ? Level.WARNING : Level.INFO;
            log.add(new LogPage.Line(now.minus(Duration.ofMinutes(70 + 30 * i)), l, "cn.yzz.kiosk.device.receipt.SerialReceiptPrinter",
                    l == Level.WARNING ? "小票打印机纸快用完了（纸将尽传感器）" : "打印小票 " + (i + 1) + " 张，用时 2.1 秒"));
        }
        for (int i = 0; i < 13; i++) {
            Level l = i % 5 == 0 ? Level.ERROR : Level.INFO;
            log.add(new LogPage.Line(now.minus(Duration.ofHours(20 + 9 * i)), l, "cn.yzz.kiosk.device.idcard.samv.SamvIdCardReader",
                    l == Level.ERROR ? "身份证读卡器没有应答，2 秒后重连" : "读卡 1 次，用时 0.8 秒"));
        }
    }

    private LogPage.Slice read(Level atLeast, Instant since, int skip, int max) {
        assertThat(Platform.isFxApplicationThread()).isFalse();
        asked.add(atLeast + " " + since);
        List<LogPage.Line> match = log.stream().filter(l -> l.level().getSeverity() >= atLeast.getSeverity() && !l.time().isBefore(since))
                .sorted(Comparator.comparing(LogPage.Line::time).reversed()).toList();
        return new LogPage.Slice(match.subList(Math.min(skip, match.size()), Math.min(skip + max, match.size())), match.size());
    }

    private LogPage open(double w, double h) throws Exception {
        PageStage.toolkit();
        LogPage page = PageStage.fx(() -> new LogPage(this::read, (what, result) -> audit.add(what + " → " + result), Platform::runLater, clock));
        stage.show(PageStage.fx(page::view), w, h);
        PageStage.fx(() -> {
            page.shown();
            return null;
        });
        stage.await(() -> !page.lines().isEmpty());
        return page;
    }

    @AfterEach
    void close() throws Exception {
        stage.hide();
    }

    @Test
    void theLogIsReadAPageAtATimeNewestFirstWithTracesFolded() throws Exception {
        open(1500, 880);
        assertThat(stage.text("#log-page-no")).isEqualTo("第 1 页，共 3 页（14 条）");
        assertThat(stage.disabled("#log-previous")).isTrue();
        assertThat(stage.text("#log-message-0")).isEqualTo("上传失败，稍后再试\n"
                + "java.net.ConnectException: Failed to connect to county.example/10.20.0.8:443（另有 2 行，已折叠）");
        assertThat(stage.allText("#log-row-0")).contains("错误", "12月6日 14:25:00", "SyncEngine");
        assertThat(stage.text("#log-message-1")).as("shown as given: masked by the log").contains("张*", "440***********1234");
        assertThat(audit).containsExactly("查看日志 → 全部，今天");
        stage.snap("log-first");

        stage.tap("#log-next");
        stage.await(() -> stage.text("#log-page-no").startsWith("第 2 页"));
        stage.tap("#log-next");
        stage.await(() -> stage.text("#log-page-no").startsWith("第 3 页"));
        assertThat(stage.disabled("#log-next")).as("the last page").isTrue();
        assertThat(PageStage.fx(() -> ((javafx.scene.layout.Pane) stage.lookup("#log-rows")).getChildren().size())).isEqualTo(2);
        stage.tap("#log-previous");
        stage.await(() -> stage.text("#log-page-no").startsWith("第 2 页"));
    }

    @Test
    void theLevelAndTimeFiltersNarrowItAndStartAgainAtPageOne() throws Exception {
        open(1500, 880);
        stage.tap("#log-next");
        stage.await(() -> stage.text("#log-page-no").startsWith("第 2 页"));

        stage.tap("#log-level-warnings");
        stage.await(() -> stage.text("#log-page-no").equals("第 1 页，共 1 页（4 条）"));
        assertThat(asked).last().isEqualTo("WARNING " + Instant.parse("2026-12-05T16:00:00Z"));

        stage.tap("#log-period-week");
        stage.await(() -> stage.text("#log-page-no").equals("第 1 页，共 2 页（7 条）"));
        assertThat(asked).last().isEqualTo("WARNING " + Instant.parse("2026-11-29T06:30:00Z"));

        stage.tap("#log-level-errors");
        stage.await(() -> stage.text("#log-page-no").equals("第 1 页，共 1 页（4 条）"));
        assertThat(stage.allText("#log-rows")).doesNotContain("警告", "信息");
        stage.snap("log-errors-week");

        stage.tap("#log-period-hour");
        stage.await(() -> stage.text("#log-page-no").equals("第 1 页，共 1 页（1 条）"));
        assertThat(asked).last().isEqualTo("ERROR " + Instant.parse("2026-12-06T05:30:00Z"));
        assertThat(audit).containsExactly("查看日志 → 全部，今天", "日志筛选 → 警告以上，今天", "日志筛选 → 警告以上，7 天",
                "日志筛选 → 错误，7 天", "日志筛选 → 错误，最近 1 小时");
    }

    @Test
    void aPortraitConsoleShowsAPageToo() throws Exception {
        open(1080, 1500);
        assertThat(stage.text("#log-page-no")).isEqualTo("第 1 页，共 3 页（14 条）");
        stage.snap("log-portrait");
    }
}
