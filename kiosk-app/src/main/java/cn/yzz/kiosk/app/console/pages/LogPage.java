package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.console.ConsoleAudit;
import cn.yzz.kiosk.app.console.ConsolePage;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * 日志: the kiosk's log, masked, newest first, a page at a time (上一页/下一页, no scrolling), filtered by level and by
 * time. The model; {@link LogView} draws it. Use on the JavaFX thread; the log is read on the page's own thread
 * ({@code kiosk-console-log}).
 */
public final class LogPage implements ConsolePage {

    /** Records on one page: each may wrap, and the page never scrolls. */
    public static final int PAGE_SIZE = 6;

    /** One log record, already masked (no full ID number, name, token or key). {@code message} may hold a stack trace. */
    public record Line(Instant time, Level level, String logger, String message) {}

    /** One page of records, newest first, and how many match the filter in all. */
    public record Slice(List<Line> lines, int total) {}

    /** Reads the records at {@code atLeast} or above since {@code since}, newest first, skipping {@code skip}, at most {@code max}. */
    @FunctionalInterface
    public interface Reader {
        Slice read(Level atLeast, Instant since, int skip, int max) throws Exception;
    }

    /** The level filter's three choices. */
    public enum Levels {
        ALL("全部", Level.ALL), WARNINGS("警告以上", Level.WARNING), ERRORS("错误", Level.ERROR);

        private final String words;
        private final Level atLeast;

        Levels(String words, Level atLeast) {
            this.words = words;
            this.atLeast = atLeast;
        }

        public String words() {
            return words;
        }
    }

    /** The time filter's three choices. */
    public enum Period {
        HOUR("最近 1 小时"), TODAY("今天"), WEEK("7 天");

        private final String words;

        Period(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        Instant since(Clock clock) {
            return switch (this) {
                case HOUR -> clock.instant().minus(Duration.ofHours(1));
                case TODAY -> clock.instant().atZone(clock.getZone()).toLocalDate().atStartOfDay(clock.getZone()).toInstant();
                case WEEK -> clock.instant().minus(Duration.ofDays(7));
            };
        }
    }

    private final Reader reader;
    private final ConsoleAudit audit;
    private final Clock clock;
    private final Background background;
    private LogView view;
    private int asked;

    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ObservableList<Line> linesShown = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyObjectWrapper<Levels> levels = new ReadOnlyObjectWrapper<>(Levels.ALL);
    private final ReadOnlyObjectWrapper<Period> period = new ReadOnlyObjectWrapper<>(Period.TODAY);
    private final ReadOnlyIntegerWrapper pageNo = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    public LogPage(Reader reader, ConsoleAudit audit, Executor fx, Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = new Background("kiosk-console-log", fx);
    }

    @Override
    public String title() {
        return "日志";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new LogView(this, clock.getZone());
        }
        return view;
    }

    @Override
    public void shown() {
        audit.record("查看日志", levels.get().words() + "，" + period.get().words());
        load(0);
    }

    public void filter(Levels l) {
        if (l != levels.get()) {
            levels.set(l);
            audit.record("日志筛选", l.words() + "，" + period.get().words());
            load(0);
        }
    }

    public void filter(Period p) {
        if (p != period.get()) {
            period.set(p);
            audit.record("日志筛选", levels.get().words() + "，" + p.words());
            load(0);
        }
    }

    public void next() {
        if (pageNo.get() + 1 < pages()) {
            load(pageNo.get() + 1);
        }
    }

    public void previous() {
        if (pageNo.get() > 0) {
            load(pageNo.get() - 1);
        }
    }

    /** Pages in all, at least 1. */
    public int pages() {
        return Math.max(1, (total.get() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    private void load(int page) {
        int ask = ++asked;
        Level atLeast = levels.get().atLeast;
        Instant since = period.get().since(clock);
        loading.set(true);
        background.run(() -> reader.read(atLeast, since, page * PAGE_SIZE, PAGE_SIZE), slice -> {
            if (ask != asked) {
                return; // a newer filter or page was asked for meanwhile
            }
            loading.set(false);
            problem.set("");
            total.set(slice.total());
            pageNo.set(page);
            lines.setAll(slice.lines());
        }, e -> {
            if (ask == asked) {
                loading.set(false);
                problem.set("读不出日志，请再点一次；还不行就写一个诊断包给县里");
            }
        });
    }

    public ObservableList<Line> lines() {
        return linesShown;
    }

    public ReadOnlyObjectProperty<Levels> levelsProperty() {
        return levels.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Period> periodProperty() {
        return period.getReadOnlyProperty();
    }

    /** The page shown, from 0. */
    public ReadOnlyIntegerProperty pageProperty() {
        return pageNo.getReadOnlyProperty();
    }

    /** Records matching the filter in all. */
    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** A message as shown: its first line, cut at {@code max} characters, and a stack trace folded to its first line. */
    static String folded(String message, int max) {
        String[] parts = message.strip().split("\\R");
        String first = cut(parts[0], max);
        if (parts.length == 1) {
            return first;
        }
        String trace = parts[1].strip();
        int more = parts.length - 2;
        return first + "\n" + cut(trace, max) + (more > 0 ? "（另有 " + more + " 行，已折叠）" : "");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
