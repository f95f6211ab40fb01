package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.console.ConsoleAudit;
import cn.yzz.kiosk.app.console.ConsolePage;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.sync.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * 队列: the offline queue at a glance (待上传, the oldest's wait, 被拒, 卡住), the entries the county refused or that are
 * stuck with the reason in words, 立即同步 and 解除, and the last 7 days drawn as bars. The model; {@link QueueView} draws it.
 * Use on the JavaFX thread; the queue is read and synced on the page's own thread ({@code kiosk-console-queue}).
 */
public final class QueuePage implements ConsolePage {

    /** The queue's counts now: {@code Outbox::status}. */
    @FunctionalInterface
    public interface Status {
        QueueStatus status(Instant now) throws Exception;
    }

    /** Unblocks one stuck entry ({@code Outbox::unblock}); false when it was not stuck (any more). */
    @FunctionalInterface
    public interface Unblock {
        boolean unblock(UUID id) throws Exception;
    }

    /** One local day: transactions made that day, synced that day, failed that day. */
    public record Day(LocalDate day, int made, int synced, int failed) {}

    /** Refused by the county for good, or stuck after too many attempts (unblock sends it again). */
    public enum State { REJECTED, BLOCKED }

    /**
     * An entry in trouble, never with personal data: {@code what} is the service or kind in words ("城乡居民养老保险缴费"),
     * {@code reason} the backend's or the engine's reason in words (may be empty).
     */
    public record Trouble(UUID id, String what, Instant createdAt, State state, String reason, int attempts) {}

    /**
     * What the page reads and does. Each is one call the kiosk already has or will have, all blocking.
     *
     * @param days     the last 7 local days, oldest first (today last)
     * @param troubles the rejected and blocked entries, newest first
     * @param syncNow  an operator's sync ({@code SyncEngine::syncNow}); throws when the kiosk cannot sync at all
     */
    public record Data(Status status, Source<List<Day>> days, Source<List<Trouble>> troubles, Source<SyncReport> syncNow,
                       Unblock unblock) {
        public Data {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(days, "days");
            Objects.requireNonNull(troubles, "troubles");
            Objects.requireNonNull(syncNow, "syncNow");
            Objects.requireNonNull(unblock, "unblock");
        }
    }

    private final Data data;
    private final ConsoleAudit audit;
    private final Clock clock;
    private final Background background;
    private QueueView view;

    private final ReadOnlyObjectWrapper<QueueStatus> status = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Day> days = FXCollections.observableArrayList();
    private final ObservableList<Trouble> troubles = FXCollections.observableArrayList();
    // One read-only view each: a wrapper made per call would drop its listeners when collected.
    private final ObservableList<Day> daysShown = FXCollections.unmodifiableObservableList(days);
    private final ObservableList<Trouble> troublesShown = FXCollections.unmodifiableObservableList(troubles);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper resultGood = new ReadOnlyBooleanWrapper(true);

    public QueuePage(Data data, ConsoleAudit audit, Executor fx, Clock clock) {
        this.data = Objects.requireNonNull(data, "data");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = new Background("kiosk-console-queue", fx);
    }

    @Override
    public String title() {
        return "队列";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new QueueView(this, clock.getZone());
        }
        return view;
    }

    @Override
    public void shown() {
        refresh();
    }

    /** Reads the counts, the troubles and the days again. */
    public void refresh() {
        background.run(this::read, this::showRead, e -> fail("读不出队列，请稍后再看；还不行就重启程序"));
    }

    /** 立即同步: sends every pending entry now; the result in words when it is done. */
    public void syncNow() {
        if (busy.get()) {
            return;
        }
        QueueStatus s = status.get();
        start(s == null || s.pending() == 0 ? "正在上传…" : "正在上传 " + s.pending() + " 笔…");
        background.run(() -> {
            SyncReport r = data.syncNow().get();
            return new Synced(r, read());
        }, done -> {
            String words = syncWords(done.report(), done.read().status().blocked(), clock.getZone());
            showRead(done.read());
            finish(words, done.report().error() == null && done.read().status().blocked() == 0); // stuck ones: not in green
            audit.record("立即同步", words);
        }, e -> {
            String words = "没有上传：本机现在不能同步（还没登记到县里，或者程序出了问题），请联系县里";
            finish(words, false);
            audit.record("立即同步", words);
        });
    }

    /** 解除 one stuck entry: it is sent again with the next sync. */
    public void unblock(Trouble t) {
        if (busy.get() || t.state() != State.BLOCKED) {
            return;
        }
        start("正在解除…");
        String what = "解除卡住的一笔：" + t.what() + "（" + shortId(t.id()) + "）";
        background.run(() -> new Unblocked(data.unblock().unblock(t.id()) ? 1 : 0, read()), done -> {
            showRead(done.read());
            String words = done.count() == 1 ? "已解除，下次同步会重新上传" : "这一笔已经不卡了";
            finish(words, true);
            audit.record(what, words);
        }, e -> {
            finish("没有解除成功，请稍后再试", false);
            audit.record(what, "失败");
        });
    }

    /** 全部解除: every stuck entry listed. */
    public void unblockAll() {
        List<Trouble> stuck = troubles.stream().filter(t -> t.state() == State.BLOCKED).toList();
        if (busy.get() || stuck.isEmpty()) {
            return;
        }
        start("正在解除 " + stuck.size() + " 笔…");
        background.run(() -> {
            int n = 0;
            for (Trouble t : stuck) {
                n += data.unblock().unblock(t.id()) ? 1 : 0;
            }
            return new Unblocked(n, read());
        }, done -> {
            showRead(done.read());
            String words = "解除了 " + done.count() + " 笔，下次同步会重新上传";
            finish(words, true);
            audit.record("全部解除卡住的业务", words);
        }, e -> {
            finish("没有全部解除，请再点一次", false);
            audit.record("全部解除卡住的业务", "失败");
        });
    }

    public ReadOnlyObjectProperty<QueueStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<Day> days() {
        return daysShown;
    }

    public ObservableList<Trouble> troubles() {
        return troublesShown;
    }

    /** True while a sync or an unblock is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What is under way, in words. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The last action's result in words, or why the queue could not be read. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resultGoodProperty() {
        return resultGood.getReadOnlyProperty();
    }

    /** The oldest pending entry's wait in its largest unit (2 小时), empty when nothing waits. */
    static String oldest(QueueStatus s) {
        return s.pending() == 0 ? "" : Words.roughly(Duration.ofSeconds(s.oldestPendingSec()));
    }

    /**
     * A sync's report for an administrator: what went up, what is left, and why not when it stopped. Nothing pending is
     * not "all sent" while {@code blocked} entries wait for 解除.
     */
    static String syncWords(SyncReport r, long blocked, ZoneId zone) {
        String done = r.acknowledged() > 0 ? "上传了 " + r.acknowledged() + " 笔" : r.sent() == 0 ? "没有上传" : "没有传上去";
        if (r.rejected() > 0) {
            done += "，县里不收 " + r.rejected() + " 笔（见下面的原因）";
        }
        String left = r.remaining() == 0 && blocked == 0 ? "，全部传完了"
                : r.remaining() == 0 ? "，卡住的 " + blocked + " 笔要先点「解除」才会再传"
                : "，还剩 " + r.remaining() + " 笔";
        String error = r.error();
        if (r.waitUntil() != null || error != null && error.startsWith("THROTTLED")) {
            String until = r.waitUntil() == null ? "" : "，" + Words.time(r.waitUntil(), zone) + " 以后";
            return done + left + "。县里的服务器忙，让本机等一等" + until + "会自动再传";
        }
        if (error == null) {
            return done + left;
        }
        return done + left + "。" + why(error);
    }

    private static String why(String error) {
        if (error.startsWith("needs re-enrollment") || error.startsWith("UNAUTHORIZED")) {
            return "县里不认本机的登记凭证了：请联系县里重新登记本机";
        }
        if (error.startsWith("TRANSPORT")) {
            return "网络不通：请到「网络」页点「开始检查」";
        }
        if (error.startsWith("SERVER")) {
            return "县里的服务器出了故障：稍后再试，本机也会自动再传";
        }
        if (error.startsWith("CLIENT") || error.startsWith("MALFORMED")) {
            return "县里的服务器不接受这次上传：请联系县里，并写一个诊断包给他们";
        }
        if (error.startsWith("store")) {
            return "本机的存储出了问题：请重启程序，还不行请联系县里";
        }
        return "同步停下了：稍后再试";
    }

    private static String shortId(UUID id) {
        String s = id.toString();
        return s.substring(s.length() - 6);
    }

    private Read read() throws Exception {
        QueueStatus s = data.status().status(clock.instant());
        return new Read(s, data.troubles().get(), data.days().get());
    }

    private void showRead(Read r) {
        status.set(r.status());
        troubles.setAll(r.troubles());
        days.setAll(r.days());
    }

    private void start(String words) {
        busy.set(true);
        progress.set(words);
        result.set("");
    }

    private void finish(String words, boolean good) {
        busy.set(false);
        progress.set("");
        resultGood.set(good);
        result.set(words);
    }

    private void fail(String words) {
        resultGood.set(false);
        result.set(words);
    }

    private record Read(QueueStatus status, List<Trouble> troubles, List<Day> days) {}

    private record Synced(SyncReport report, Read read) {}

    private record Unblocked(int count, Read read) {}
}
