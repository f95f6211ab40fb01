package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.console.ConsoleAudit;
import cn.yzz.kiosk.app.console.ConsolePage;
import cn.yzz.kiosk.cache.store.Reachability;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.scene.Node;

/**
 * 网络: 开始检查 runs the network diagnosis and ticks its checklist off step by step, each failure with its cause and fix
 * in plain words; and the last 24 hours of reaching the county, hour by hour. The model; {@link NetworkView} draws it.
 * Use on the JavaFX thread; the diagnosis and the store are read on the page's own thread ({@code kiosk-console-network}).
 */
public final class NetworkPage implements ConsolePage {

    /** The diagnosis's steps, in the order it runs them. */
    public enum Step {
        INTERFACE("网卡"), DNS("域名解析"), TCP("连接"), TLS("加密与证书"), HTTP("服务器应答"), TOKEN("登记凭证"), CLOCK("时钟");

        private final String words;

        Step(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public enum Outcome { OK, FAILED, NOT_CHECKED, NOT_APPLICABLE }

    /**
     * One step's result: {@code detail} one line of what was found; when FAILED, {@code cause} and {@code fix} in plain
     * words (what is wrong, what to do), otherwise empty.
     */
    public record Check(Step step, Outcome outcome, String detail, String cause, String fix) {
        public Check {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(outcome, "outcome");
            detail = detail == null ? "" : detail;
            cause = cause == null ? "" : cause;
            fix = fix == null ? "" : fix;
        }
    }

    /** Runs the diagnosis, blocking (at most about 30 s), giving each step's result to {@code each} as soon as it has it. */
    @FunctionalInterface
    public interface Diagnosis {
        void run(Consumer<Check> each) throws Exception;
    }

    /**
     * @param hours the last 24 clock hours of reaching the backend, oldest first ({@code () -> store.reachability().last(24)})
     */
    public record Data(Diagnosis diagnosis, Source<List<Reachability.Hour>> hours, ClockFix clockFix) {
        public Data {
            Objects.requireNonNull(diagnosis, "diagnosis");
            Objects.requireNonNull(hours, "hours");
        }

        /** Without 校准时钟: a wrong clock is only told. */
        public Data(Diagnosis diagnosis, Source<List<Reachability.Hour>> hours) {
            this(diagnosis, hours, null);
        }
    }

    /**
     * 校准时钟: sets this kiosk's clock to the county backend's time, blocking; returns what was done in words, or throws
     * with words why it could not be done.
     */
    @FunctionalInterface
    public interface ClockFix {
        String correct() throws Exception;
    }

    private final Data data;
    private final ConsoleAudit audit;
    private final Executor fx;
    private final Clock clock;
    private final Background background;
    private NetworkView view;

    private final ObservableMap<Step, Check> checks = FXCollections.observableMap(new EnumMap<>(Step.class));
    private final ObservableMap<Step, Check> checksShown = FXCollections.unmodifiableObservableMap(checks);
    private final ObservableList<Reachability.Hour> hours = FXCollections.observableArrayList();
    private final ObservableList<Reachability.Hour> hoursShown = FXCollections.unmodifiableObservableList(hours);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Step> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("点「开始检查」，本机一步一步检查能不能连上县里，大约要半分钟。");
    private final ReadOnlyBooleanWrapper summaryGood = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper canFixClock = new ReadOnlyBooleanWrapper();
    /** What 校准时钟 did, told again with the check that follows it; null otherwise. */
    private String fixed;

    public NetworkPage(Data data, ConsoleAudit audit, Executor fx, Clock clock) {
        this.data = Objects.requireNonNull(data, "data");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = new Background("kiosk-console-network", fx);
    }

    @Override
    public String title() {
        return "网络";
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new NetworkView(this, clock.getZone());
        }
        return view;
    }

    @Override
    public void shown() {
        readHours();
    }

    /** 开始检查: clears the checklist and runs the diagnosis; the hours are read again after it. */
    public void check() {
        if (running.get()) {
            return;
        }
        checks.clear();
        canFixClock.set(false);
        running.set(true);
        current.set(Step.values()[0]);
        summaryGood.set(true);
        summary.set("正在检查「" + Step.values()[0].words() + "」（第 1 项，共 " + Step.values().length + " 项）");
        background.run(() -> {
            data.diagnosis().run(c -> fx.execute(() -> arrived(c)));
            return null;
        }, done -> finish(null), this::finish);
        readHours();
    }

    private void arrived(Check c) {
        checks.put(c.step(), c);
        Step next = null;
        for (Step s : Step.values()) {
            if (!checks.containsKey(s)) {
                next = s;
                break;
            }
        }
        current.set(next);
        if (next != null) {
            summary.set("正在检查「" + next.words() + "」（第 " + (next.ordinal() + 1) + " 项，共 " + Step.values().length + " 项）");
        }
    }

    private void finish(Exception failed) {
        for (Step s : Step.values()) {
            checks.computeIfAbsent(s, k -> new Check(k, Outcome.NOT_CHECKED, "没有检查到", "", ""));
        }
        running.set(false);
        current.set(null);
        List<Check> bad = checks.values().stream().filter(c -> c.outcome() == Outcome.FAILED).toList();
        String words;
        if (failed != null) {
            words = "检查没有做完，请再点一次「开始检查」";
        } else if (bad.isEmpty()) {
            words = "网络正常：本机连得上县里";
        } else if (bad.get(0).step() == Step.CLOCK && data.clockFix() != null) {
            words = "有 " + bad.size() + " 项不正常：本机时钟不对，点「校准时钟」把它调到县里的时间";
        } else {
            words = "有 " + bad.size() + " 项不正常：先照「" + bad.get(0).step().words() + "」下面写的办法做，再点一次「开始检查」";
        }
        summaryGood.set(failed == null && bad.isEmpty());
        // After 校准时钟 the administrator still reads what was done, before what the check found.
        summary.set(fixed == null ? words : fixed + "。" + words);
        fixed = null;
        audit.record("网络检查", words);
        Check clockCheck = checks.get(Step.CLOCK);
        canFixClock.set(data.clockFix() != null && clockCheck != null && clockCheck.outcome() == Outcome.FAILED);
    }

    /**
     * 校准时钟, offered when the clock check failed: the kiosk's clock is set to the county's, then everything is checked
     * again, so the administrator sees the tick it earned.
     */
    public void fixClock() {
        if (running.get() || !canFixClock.get()) {
            return;
        }
        canFixClock.set(false);
        running.set(true);
        summaryGood.set(true);
        summary.set("正在把本机时钟调到县里的时间…");
        background.run(() -> data.clockFix().correct(), words -> {
            running.set(false);
            audit.record("校准时钟", words);
            check();
            summary.set(words + "；正在重新检查…");
            fixed = words;
        }, e -> {
            running.set(false);
            canFixClock.set(true);
            String words = e.getMessage() == null ? "时钟没有调成：请联系县里技术人员" : "时钟没有调成：" + e.getMessage();
            summaryGood.set(false);
            summary.set(words);
            audit.record("校准时钟", words);
        });
    }

    /** True after a check that found the clock wrong, when this kiosk can correct it. */
    public ReadOnlyBooleanProperty canFixClockProperty() {
        return canFixClock.getReadOnlyProperty();
    }

    private void readHours() {
        background.run(() -> data.hours().get(), hours::setAll, e -> { });
    }

    /** Each step's result so far. */
    public ObservableMap<Step, Check> checks() {
        return checksShown;
    }

    /** The last 24 hours, oldest first. */
    public ObservableList<Reachability.Hour> hours() {
        return hoursShown;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The step being checked now, null when none. */
    public ReadOnlyObjectProperty<Step> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** What to do, what is under way, or the checklist's conclusion. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty summaryGoodProperty() {
        return summaryGood.getReadOnlyProperty();
    }

    /** The 24 hours in one line: how many could not reach the county. */
    static String hoursWords(List<Reachability.Hour> hours) {
        int down = 0;
        int patchy = 0;
        int quiet = 0;
        for (Reachability.Hour h : hours) {
            if (h.quiet()) {
                quiet++;
            } else if (h.reached() == 0) {
                down++;
            } else if (h.failed() > 0) {
                patchy++;
            }
        }
        if (quiet == hours.size()) {
            return "过去 24 小时本机没有和县里联系过：可能没开机，或者还没登记";
        }
        // Hours without a contact say nothing either way (the kiosk was off, or just started): "always" would claim too much.
        String quietWords = quiet == 0 ? "" : "（另外 " + quiet + " 小时没有联系）";
        if (down == 0 && patchy == 0) {
            return quiet == 0 ? "过去 24 小时一直连得上县里"
                    : "过去 24 小时里联系过县里的 " + (hours.size() - quiet) + " 小时都连得上" + quietWords;
        }
        String s = down > 0 ? "过去 24 小时有 " + down + " 小时连不上县里" : "过去 24 小时联系过县里时都连得上";
        return patchy > 0 ? s + "，" + patchy + " 小时时好时坏" : s;
    }
}
