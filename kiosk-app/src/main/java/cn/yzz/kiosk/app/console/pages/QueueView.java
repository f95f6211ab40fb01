package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.view.Ui;
import cn.yzz.kiosk.cache.QueueStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Draws {@link QueuePage}: the four figures with what they mean, 立即同步, the entries in trouble, the week's bars. */
final class QueueView extends VBox {

    /** Rows of entries in trouble on the page (no scrolling); the rest are counted. */
    private static final int TROUBLE_ROWS = 2;
    private static final double WIDE = 1400;

    private final QueuePage page;
    private final ZoneId zone;
    private final Figure pending = new Figure("queue-pending", "待上传");
    private final Figure oldest = new Figure("queue-oldest", "最早一笔已等");
    private final Figure rejected = new Figure("queue-rejected", "被拒");
    private final Figure blocked = new Figure("queue-blocked", "卡住");
    private final VBox troubleRows = new VBox(12);
    private final Label troublesMore = Kit.label("", "queue-troubles-more", "cp-explain");
    private final Button unblockAll = Kit.button("全部解除", "queue-unblock-all", false);
    private final WeekChart chart = new WeekChart();

    QueueView(QueuePage page, ZoneId zone) {
        this.page = page;
        this.zone = zone;
        VBox frame = Kit.page("queue-page");
        VBox.setVgrow(frame, Priority.ALWAYS);
        getChildren().add(frame);

        Columns figures = new Columns(4, 2, 1300, pending, oldest, rejected, blocked);

        Button sync = Kit.button("立即同步", "queue-sync", true);
        sync.setOnAction(e -> page.syncNow());
        sync.disableProperty().bind(page.busyProperty());
        ProgressIndicator spinner = Ui.shownWhen(new ProgressIndicator(), page.busyProperty());
        spinner.setId("queue-progress");
        spinner.setPrefSize(64, 64);
        Label progress = Ui.shownWhen(Kit.label("", "queue-progress-words", "cp-text"), page.busyProperty());
        progress.textProperty().bind(page.progressProperty());
        Label result = Kit.label("", "queue-result", "cp-result");
        result.textProperty().bind(page.resultProperty());
        Ui.shownWhen(result, page.resultProperty().isNotEmpty());
        page.resultGoodProperty().addListener((o, was, good) -> tone(result, good));
        tone(result, page.resultGoodProperty().get());
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox syncRow = new HBox(20, sync, spinner, progress);
        syncRow.setAlignment(Pos.CENTER_LEFT);
        VBox actions = new VBox(12, syncRow, result);

        unblockAll.setOnAction(e -> page.unblockAll());
        unblockAll.disableProperty().bind(page.busyProperty());
        Label troublesHeading = Kit.label("被拒和卡住的业务", null, "cp-subheading");
        HBox.setHgrow(troublesHeading, Priority.ALWAYS);
        troublesHeading.setMaxWidth(Double.MAX_VALUE);
        HBox troublesTop = new HBox(16, troublesHeading, unblockAll);
        troublesTop.setAlignment(Pos.CENTER_LEFT);
        VBox troubles = new VBox(12, troublesTop, troubleRows, troublesMore);

        Label chartHeading = Kit.label("最近 7 天", "queue-week-heading", "cp-subheading");
        page.days().addListener((javafx.collections.ListChangeListener<QueuePage.Day>) c -> chartHeading.setText(page.days().isEmpty()
                ? "最近 7 天" : "最近 7 天（" + WeekChart.DAY.format(page.days().get(0).day()) + "到今天）"));
        VBox week = new VBox(8, actions, chartHeading, chart);

        frame.getChildren().addAll(figures, new Columns(2, 1, WIDE, troubles, week));

        page.statusProperty().addListener((o, was, s) -> showStatus(s));
        page.troubles().addListener((javafx.collections.ListChangeListener<QueuePage.Trouble>) c -> showTroubles());
        page.days().addListener((javafx.collections.ListChangeListener<QueuePage.Day>) c -> chart.show(page.days()));
        showStatus(page.statusProperty().get());
        showTroubles();
        chart.show(page.days());
    }

    private static void tone(Label l, boolean good) {
        l.getStyleClass().removeAll("cp-good", "cp-bad");
        l.getStyleClass().add(good ? "cp-good" : "cp-bad");
    }

    private void showStatus(QueueStatus s) {
        if (s == null) {
            for (Figure f : List.of(pending, oldest, rejected, blocked)) {
                f.show("…", "正在读…", false);
            }
            return;
        }
        pending.show(s.pending() + " 笔", s.pending() == 0 ? "都传到县里了。" : "网络通时会自动上传，不用管。", false);
        Duration wait = Duration.ofSeconds(s.oldestPendingSec());
        if (s.pending() == 0) {
            oldest.show("没有", "没有等着上传的业务。", false);
        } else if (wait.toHours() >= 24) {
            oldest.show(QueuePage.oldest(s), "超过一天没传上去：请到「网络」页检查。", true);
        } else if (wait.toHours() >= 1) {
            oldest.show(QueuePage.oldest(s), "网络可能时好时坏，可点「立即同步」。", false);
        } else {
            oldest.show(QueuePage.oldest(s), "正常，网络通时很快传上去。", false);
        }
        rejected.show(s.rejected() + " 笔", s.rejected() == 0 ? "县里没有退回的业务。"
                : "县里不收，不再传。请按原因联系县里。", s.rejected() > 0);
        blocked.show(s.blocked() + " 笔", s.blocked() == 0 ? "没有卡住的业务。"
                : "多次没传上，已暂停。网络好了点「解除」。", s.blocked() > 0);
    }

    private void showTroubles() {
        List<QueuePage.Trouble> all = page.troubles();
        troubleRows.getChildren().clear();
        for (int i = 0; i < Math.min(TROUBLE_ROWS, all.size()); i++) {
            troubleRows.getChildren().add(troubleRow(i, all.get(i)));
        }
        if (all.isEmpty()) {
            troubleRows.getChildren().add(Kit.label("没有被拒或卡住的业务。", "queue-troubles-none", "cp-explain"));
        }
        int more = all.size() - TROUBLE_ROWS;
        troublesMore.setText(more > 0 ? "另有 " + more + " 笔，处理完上面的再列出。" : "");
        troublesMore.setVisible(more > 0);
        troublesMore.setManaged(more > 0);
        boolean anyBlocked = all.stream().anyMatch(t -> t.state() == QueuePage.State.BLOCKED);
        unblockAll.setVisible(anyBlocked);
        unblockAll.setManaged(anyBlocked);
    }

    private HBox troubleRow(int i, QueuePage.Trouble t) {
        boolean stuck = t.state() == QueuePage.State.BLOCKED;
        Label tag = Kit.label(stuck ? "卡住" : "被拒", null, stuck ? "cp-tag-blocked" : "cp-tag-rejected");
        tag.setMinWidth(Label.USE_PREF_SIZE);
        Label what = Kit.label(t.what(), null, "cp-subheading");
        HBox top = new HBox(12, tag, what);
        top.setAlignment(Pos.CENTER_LEFT);
        Label when = Kit.label(Words.dayTime(t.createdAt(), zone) + " 办理　已试 " + t.attempts() + " 次", null, "cp-small");
        String reason = t.reason() == null || t.reason().isBlank()
                ? (stuck ? "原因：多次没传上去（多半是网络不通）" : "原因：县里没有说明，请联系县里") : "原因：" + t.reason();
        Label why = Kit.label(reason, "queue-trouble-reason-" + i, "cp-text");
        VBox words = new VBox(4, top, when, why);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox row = new HBox(16, words);
        row.setId("queue-trouble-" + i);
        row.getStyleClass().add("cp-card");
        row.setAlignment(Pos.CENTER_LEFT);
        if (stuck) {
            Button unblock = Kit.button("解除", "queue-unblock-" + i, false);
            unblock.setOnAction(e -> page.unblock(t));
            unblock.disableProperty().bind(page.busyProperty());
            row.getChildren().add(unblock);
        }
        return row;
    }

    /** One of the four figures: its name, the figure in big type, and what it means and what to do. */
    private static final class Figure extends VBox {

        private final Label figure;
        private final Label meaning;

        Figure(String id, String name) {
            super(4);
            setId(id);
            getStyleClass().add("cp-card");
            figure = Kit.label("…", id + "-figure", "cp-figure");
            meaning = Kit.label("", id + "-meaning", "cp-explain");
            getChildren().addAll(Kit.label(name, null, "cp-subheading"), figure, meaning);
        }

        void show(String big, String words, boolean alert) {
            figure.setText(big);
            meaning.setText(words);
            figure.getStyleClass().remove("cp-figure-bad");
            getStyleClass().remove("cp-card-alert");
            if (alert) {
                figure.getStyleClass().add("cp-figure-bad");
                getStyleClass().add("cp-card-alert");
            }
        }
    }
}
