package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.view.Ui;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;

/** Draws {@link NetworkPage}: the checklist ticking off, each failure's cause and fix, and the last 24 hours. */
final class NetworkView extends VBox {

    private static final Color GOOD = Color.web("#1e6b33");
    private static final Color BAD = Color.web("#a50e0e");

    private final NetworkPage page;
    private final Map<NetworkPage.Step, Row> rows = new EnumMap<>(NetworkPage.Step.class);
    private final ProgressBar bar = new ProgressBar(0);
    private final Label hoursSummary = Kit.label("", "network-hours-summary", "cp-text");
    private final HourStrip strip;

    NetworkView(NetworkPage page, ZoneId zone) {
        this.page = page;
        this.strip = new HourStrip(zone);
        VBox frame = Kit.page("network-page");
        VBox.setVgrow(frame, Priority.ALWAYS);
        getChildren().add(frame);

        VBox list = new VBox(6);
        list.setId("network-checklist");
        for (NetworkPage.Step s : NetworkPage.Step.values()) {
            Row r = new Row(s);
            rows.put(s, r);
            list.getChildren().add(r);
        }

        Button start = Kit.button("开始检查", "network-start", true);
        start.setOnAction(e -> page.check());
        start.disableProperty().bind(page.runningProperty());
        bar.setId("network-progress");
        bar.setPrefSize(360, 28);
        Ui.shownWhen(bar, page.runningProperty());
        Button fixClock = Kit.button("校准时钟", "network-fix-clock", true);
        fixClock.setOnAction(e -> page.fixClock());
        fixClock.visibleProperty().bind(page.canFixClockProperty());
        fixClock.managedProperty().bind(fixClock.visibleProperty());
        HBox top = new HBox(20, start, fixClock, bar);
        top.setAlignment(Pos.CENTER_LEFT);
        Label summary = Kit.label("", "network-summary", "cp-result");
        summary.textProperty().bind(page.summaryProperty());
        page.summaryGoodProperty().addListener((o, was, good) -> tone(summary, good));
        page.runningProperty().addListener((o, was, now) -> tone(summary, page.summaryGoodProperty().get()));
        tone(summary, true);

        VBox day = new VBox(10, Kit.label("过去 24 小时连县里的情况", null, "cp-subheading"), hoursSummary, strip);
        VBox right = new VBox(20, top, summary, day);

        frame.getChildren().add(new Columns(2, 1, 1400, list, right));

        page.checks().addListener((MapChangeListener<NetworkPage.Step, NetworkPage.Check>) c -> showChecks());
        page.currentProperty().addListener((o, was, now) -> showChecks());
        page.hours().addListener((ListChangeListener<cn.yzz.kiosk.cache.store.Reachability.Hour>) c -> showHours());
        showChecks();
        showHours();
    }

    private void tone(Label l, boolean good) {
        l.getStyleClass().removeAll("cp-good", "cp-bad", "cp-text");
        l.getStyleClass().add(page.runningProperty().get() ? "cp-text" : good ? "cp-good" : "cp-bad");
    }

    private void showChecks() {
        int done = page.checks().size();
        bar.setProgress(done / (double) NetworkPage.Step.values().length);
        rows.forEach((s, r) -> r.show(page.checks().get(s), s == page.currentProperty().get()));
    }

    private void showHours() {
        hoursSummary.setText(page.hours().isEmpty() ? "还没有记录" : NetworkPage.hoursWords(page.hours()));
        strip.show(page.hours());
    }

    /** One step: its mark, its name, what was found; when it failed, the cause and the fix below in big words. */
    private static final class Row extends VBox {

        private final StackPane mark = new StackPane();
        private final Label detail;
        private final VBox fix = new VBox(6);
        private final Label cause;
        private final Label todo;
        private final String id;

        Row(NetworkPage.Step step) {
            super(8);
            id = "network-" + step.name().toLowerCase(java.util.Locale.ROOT);
            setId(id);
            getStyleClass().add("cp-check-row");
            mark.setId(id + "-mark");
            mark.setMinSize(112, 56);
            mark.setPrefSize(112, 56);
            Label name = Kit.label(step.words(), null, "cp-check-name");
            detail = Kit.label("", id + "-detail", "cp-explain");
            HBox.setHgrow(detail, Priority.ALWAYS);
            HBox line = new HBox(16, mark, name, detail);
            line.setAlignment(Pos.CENTER_LEFT);
            cause = Kit.label("", id + "-cause", "cp-fix-words");
            todo = Kit.label("", id + "-fix", "cp-fix-words");
            fix.getStyleClass().add("cp-fix");
            fix.getChildren().addAll(cause, todo);
            fix.setVisible(false);
            fix.setManaged(false);
            getChildren().addAll(line, fix);
        }

        void show(NetworkPage.Check c, boolean checking) {
            Node m;
            String words;
            if (c == null) {
                m = checking ? words("检查中", "cp-text") : new javafx.scene.layout.Region();
                words = checking ? "正在检查…" : "";
            } else {
                m = switch (c.outcome()) {
                    case OK -> tick();
                    case FAILED -> cross();
                    case NOT_CHECKED -> words("未检查", "cp-muted");
                    case NOT_APPLICABLE -> words("不适用", "cp-muted");
                };
                words = c.detail();
            }
            mark.getChildren().setAll(m);
            mark.setUserData(c == null ? null : c.outcome());
            detail.setText(words);
            boolean failed = c != null && c.outcome() == NetworkPage.Outcome.FAILED;
            cause.setText(failed ? "原因：" + c.cause() : "");
            todo.setText(failed ? "怎么办：" + c.fix() : "");
            fix.setVisible(failed);
            fix.setManaged(failed);
        }

        private static Label words(String w, String style) {
            Label l = Kit.label(w, null, "cp-explain", style);
            l.setWrapText(false);
            return l;
        }

        private static Node tick() {
            SVGPath p = new SVGPath();
            p.setContent("M -13 1 L -4 10 L 14 -10");
            p.setStroke(Color.WHITE);
            p.setStrokeWidth(6);
            p.setFill(null);
            return new StackPane(new Circle(26, GOOD), p);
        }

        private static Node cross() {
            SVGPath p = new SVGPath();
            p.setContent("M -10 -10 L 10 10 M 10 -10 L -10 10");
            p.setStroke(Color.WHITE);
            p.setStrokeWidth(6);
            p.setFill(null);
            return new StackPane(new Circle(26, BAD), p);
        }
    }
}
