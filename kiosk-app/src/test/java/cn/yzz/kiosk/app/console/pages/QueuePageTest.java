package cn.yzz.kiosk.app.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.sync.SyncReport;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 队列 on Monocle with a fake queue: the figures and what they mean, reasons in words, 立即同步, 解除; PNGs to look at. */
class QueuePageTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T06:00:00Z"), CHINA);
    private final PageStage stage = new PageStage();
    private final FakeQueue queue = new FakeQueue();
    private final List<String> audit = new CopyOnWriteArrayList<>();

    /** A village kiosk's queue after a bad week: some pending, one refused, two stuck. */
    private static final class FakeQueue {
        volatile QueueStatus status = new QueueStatus(12, 2, 1, 318, 2 * 3600 + 10 * 60);
        final List<QueuePage.Trouble> troubles = new CopyOnWriteArrayList<>(List.of(
                new QueuePage.Trouble(UUID.fromString("018f0000-0000-7000-8000-00000000a101"), "城乡居民养老保险缴费",
                        Instant.parse("2026-12-05T03:12:00Z"), QueuePage.State.REJECTED, "该缴费年度已截止，县里不再受理 2026 年度的缴费", 1),
                new QueuePage.Trouble(UUID.fromString("018f0000-0000-7000-8000-00000000b202"), "社保缴费记录打印",
                        Instant.parse("2026-12-04T01:40:00Z"), QueuePage.State.BLOCKED, "", 50),
                new QueuePage.Trouble(UUID.fromString("018f0000-0000-7000-8000-00000000b303"), "好差评",
                        Instant.parse("2026-12-03T08:05:00Z"), QueuePage.State.BLOCKED, "连不上县里的服务器", 50)));
        final List<UUID> unblocked = new CopyOnWriteArrayList<>();
        final CountDownLatch syncMayEnd = new CountDownLatch(1);
        volatile SyncReport report = new SyncReport(10, 10, 0, 2, null);

        QueuePage.Data data() {
            return new QueuePage.Data(now -> status, this::week, () -> List.copyOf(troubles), () -> {
                assertThat(Platform.isFxApplicationThread()).as("sync runs off the JavaFX thread").isFalse();
                assertThat(syncMayEnd.await(10, TimeUnit.SECONDS)).isTrue();
                SyncReport r = report;
                status = new QueueStatus(r.remaining(), status.blocked(), status.rejected(), status.acknowledged() + r.acknowledged(),
                        r.remaining() == 0 ? 0 : 600);
                return r;
            }, id -> {
                unblocked.add(id);
                boolean was = troubles.removeIf(t -> t.id().equals(id));
                status = new QueueStatus(status.pending() + 1, status.blocked() - 1, status.rejected(), status.acknowledged(), status.oldestPendingSec());
                return was;
            });
        }

        List<QueuePage.Day> week() {
            List<QueuePage.Day> days = new ArrayList<>();
            int[][] n = {{6, 6, 0}, {9, 9, 0}, {4, 3, 1}, {11, 0, 3}, {7, 0, 2}, {8, 15, 0}, {5, 2, 0}};
            for (int i = 0; i < 7; i++) {
                days.add(new QueuePage.Day(LocalDate.of(2026, 11, 30).plusDays(i), n[i][0], n[i][1], n[i][2]));
            }
            return days;
        }
    }

    private QueuePage open(double w, double h) throws Exception {
        PageStage.toolkit();
        QueuePage page = PageStage.fx(() -> new QueuePage(queue.data(), (what, result) -> audit.add(what + " → " + result),
                Platform::runLater, clock));
        stage.show(PageStage.fx(page::view), w, h);
        PageStage.fx(() -> {
            page.shown();
            return null;
        });
        stage.await(() -> !page.days().isEmpty());
        return page;
    }

    @AfterEach
    void close() throws Exception {
        queue.syncMayEnd.countDown();
        stage.hide();
    }

    @Test
    void theFiguresSayWhatTheyMeanAndRefusedEntriesShowTheCountysReason() throws Exception {
        open(1500, 880);
        assertThat(stage.text("#queue-pending-figure")).isEqualTo("12 笔");
        assertThat(stage.text("#queue-oldest-figure")).isEqualTo("2 小时");
        assertThat(stage.text("#queue-rejected-figure")).isEqualTo("1 笔");
        assertThat(stage.text("#queue-blocked-figure")).isEqualTo("2 笔");
        assertThat(stage.text("#queue-blocked-meaning")).contains("解除");
        assertThat(stage.text("#queue-trouble-reason-0")).isEqualTo("原因：该缴费年度已截止，县里不再受理 2026 年度的缴费");
        assertThat(stage.text("#queue-trouble-reason-1")).as("no reason given: what stuck means").contains("多次没传上去");
        assertThat(stage.shown("#queue-unblock-0")).as("a refused entry cannot be unblocked").isFalse();
        assertThat(stage.shown("#queue-unblock-1")).isTrue();
        assertThat(stage.allText("#queue-troubles-more")).as("beside the chart two rows, the rest counted").contains("另有 1 笔");
        assertThat(stage.allText("#queue-trouble-0")).contains("被拒", "城乡居民养老保险缴费", "12月5日 11:12 办理");
        assertThat(stage.text("#queue-day-2026-12-03-failed")).isEqualTo("3");
        assertThat(stage.allText("#queue-week")).contains("办理的", "传到县里的", "没传成的", "今天", "1日");
        assertThat(stage.text("#queue-week-heading")).isEqualTo("最近 7 天（11月30日到今天）");
        stage.snap("queue-landscape");
    }

    @Test
    void fitsAPortraitConsoleToo() throws Exception {
        open(1080, 1500);
        assertThat(stage.text("#queue-pending-figure")).isEqualTo("12 笔");
        stage.snap("queue-portrait");
    }

    @Test
    void syncNowShowsItsProgressThenWhatWentUpAndWhatIsLeft() throws Exception {
        open(1500, 880);
        stage.tap("#queue-sync");
        assertThat(stage.shown("#queue-progress")).isTrue();
        assertThat(stage.text("#queue-progress-words")).isEqualTo("正在上传 12 笔…");
        assertThat(stage.disabled("#queue-sync")).as("one sync at a time").isTrue();
        stage.snap("queue-syncing");
        queue.syncMayEnd.countDown();
        stage.await(() -> !stage.lookup("#queue-progress").isVisible());
        assertThat(stage.text("#queue-result")).isEqualTo("上传了 10 笔，还剩 2 笔");
        assertThat(stage.text("#queue-pending-figure")).as("the figures are read again").isEqualTo("2 笔");
        assertThat(stage.disabled("#queue-sync")).isFalse();
        assertThat(audit).containsExactly("立即同步 → 上传了 10 笔，还剩 2 笔");
        stage.snap("queue-synced");
    }

    @Test
    void aSyncThatCannotReachTheCountySaysSoInWords() throws Exception {
        queue.report = new SyncReport(0, 0, 0, 12, "TRANSPORT: connect timed out");
        queue.syncMayEnd.countDown();
        open(1500, 880);
        stage.tap("#queue-sync");
        stage.await(() -> stage.lookup("#queue-result").isVisible());
        assertThat(stage.text("#queue-result")).isEqualTo("没有上传，还剩 12 笔。网络不通：请到「网络」页点「开始检查」");
        assertThat(audit).containsExactly("立即同步 → 没有上传，还剩 12 笔。网络不通：请到「网络」页点「开始检查」");
        stage.snap("queue-sync-failed");
    }

    @Test
    void unblockSendsAStuckEntryAgainAndUnblockAllDoesEveryOne() throws Exception {
        open(1500, 880);
        stage.tap("#queue-unblock-1");
        stage.await(() -> stage.lookup("#queue-result").isVisible());
        assertThat(queue.unblocked).containsExactly(UUID.fromString("018f0000-0000-7000-8000-00000000b202"));
        assertThat(stage.text("#queue-result")).isEqualTo("已解除，下次同步会重新上传");
        assertThat(stage.text("#queue-blocked-figure")).isEqualTo("1 笔");
        assertThat(audit).containsExactly("解除卡住的一笔：社保缴费记录打印（00b202） → 已解除，下次同步会重新上传");

        stage.tap("#queue-unblock-all");
        stage.await(() -> queue.unblocked.size() == 2 && stage.text("#queue-result").startsWith("解除了"));
        assertThat(stage.text("#queue-result")).isEqualTo("解除了 1 笔，下次同步会重新上传");
        assertThat(stage.text("#queue-blocked-figure")).isEqualTo("0 笔");
        assertThat(stage.shown("#queue-unblock-all")).as("nothing left to unblock").isFalse();
        assertThat(audit).hasSize(2).last().isEqualTo("全部解除卡住的业务 → 解除了 1 笔，下次同步会重新上传");
    }

    @Test
    void nothingLeftPendingIsNotAllSentWhileEntriesAreStuck() throws Exception {
        PageStage.toolkit(); // for the stage closed after each test
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        assertThat(QueuePage.syncWords(new SyncReport(0, 0, 0, 0, null), 1, zone)).isEqualTo("没有上传，卡住的 1 笔要先点「解除」才会再传");
        assertThat(QueuePage.syncWords(new SyncReport(3, 3, 0, 0, null), 0, zone)).isEqualTo("上传了 3 笔，全部传完了");
        assertThat(QueuePage.syncWords(new SyncReport(1, 0, 0, 0, "SERVER: 500"), 1, zone))
                .as("sent, refused, and stuck by it").isEqualTo("没有传上去，卡住的 1 笔要先点「解除」才会再传。县里的服务器出了故障：稍后再试，本机也会自动再传");
    }
}
