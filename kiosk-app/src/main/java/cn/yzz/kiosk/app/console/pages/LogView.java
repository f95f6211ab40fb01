package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.app.view.Ui;
import java.lang.System.Logger.Level;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Draws {@link LogPage}: the two filters, one page of records, 上一页 / 第 k 页，共 n 页 / 下一页. */
final class LogView extends VBox {

    /** Characters of a line shown before it is cut: a page of 6 must fit without scrolling. */
    private static final int LINE_CHARS = 120;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm:ss", Locale.CHINA);

    private final LogPage page;
    private final ZoneId zone;
    private final VBox rows = new VBox(8);
    private final Label where = Kit.label("", "log-page-no", "cp-text");

    LogView(LogPage page, ZoneId zone) {
        this.page = page;
        this.zone = zone;
        VBox frame = Kit.page("log-page");
        VBox.setVgrow(frame, Priority.ALWAYS);
        getChildren().add(frame);

        ToggleGroup levelGroup = new ToggleGroup();
        HBox levels = new HBox(12, caption("级别"));
        for (LogPage.Levels l : LogPage.Levels.values()) {
            levels.getChildren().add(choice(levelGroup, l.words(), "log-level-" + l.name().toLowerCase(Locale.ROOT),
                    page.levelsProperty().get() == l, () -> page.filter(l)));
        }
        ToggleGroup periodGroup = new ToggleGroup();
        HBox periods = new HBox(12, caption("时间"));
        for (LogPage.Period p : LogPage.Period.values()) {
            periods.getChildren().add(choice(periodGroup, p.words(), "log-period-" + p.name().toLowerCase(Locale.ROOT),
                    page.periodProperty().get() == p, () -> page.filter(p)));
        }
        levels.setAlignment(Pos.CENTER_LEFT);
        periods.setAlignment(Pos.CENTER_LEFT);

        Label problem = Kit.label("", "log-problem", "cp-result", "cp-bad");
        problem.textProperty().bind(page.problemProperty());
        Ui.shownWhen(problem, page.problemProperty().isNotEmpty());

        rows.setId("log-rows");
        VBox.setVgrow(rows, Priority.ALWAYS);
        // Six records of a few lines each fit; a page of unusually long ones is cut at the bottom rather than pushing
        // 上一页/下一页 off the screen.
        rows.setMinHeight(0);
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(rows.widthProperty());
        clip.heightProperty().bind(rows.heightProperty());
        rows.setClip(clip);

        Button previous = Kit.button("上一页", "log-previous", false);
        previous.setOnAction(e -> page.previous());
        Button next = Kit.button("下一页", "log-next", false);
        next.setOnAction(e -> page.next());
        HBox nav = new HBox(24, previous, where, next);
        nav.setAlignment(Pos.CENTER);

        frame.getChildren().addAll(new Columns(2, 1, 1400, levels, periods), problem, rows, nav);

        page.lines().addListener((ListChangeListener<LogPage.Line>) c -> showLines());
        Runnable navigation = () -> {
            int k = page.pageProperty().get();
            where.setText("第 " + (k + 1) + " 页，共 " + page.pages() + " 页（" + page.totalProperty().get() + " 条）");
            previous.setDisable(k == 0);
            next.setDisable(k + 1 >= page.pages());
        };
        page.pageProperty().addListener((o, was, now) -> navigation.run());
        page.totalProperty().addListener((o, was, now) -> navigation.run());
        navigation.run();
        showLines();
    }

    /** A filter's name, never squeezed to one character a line. */
    private static Label caption(String words) {
        Label l = Kit.label(words, null, "cp-subheading");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    /**
     * A filter's button. cp-filter's narrower padding lets 时间 and its three fit a portrait console's 636 pixels (with the
     * secondary button's padding 最近 1 小时 was cut to "最近 1 小…": the stylesheet's min-width wins over USE_PREF_SIZE).
     */
    private static ToggleButton choice(ToggleGroup group, String words, String id, boolean selected, Runnable chosen) {
        ToggleButton b = new ToggleButton(words);
        b.setId(id);
        b.getStyleClass().addAll("cp-button-secondary", "cp-filter");
        b.setFocusTraversable(false);
        b.setMinWidth(ToggleButton.USE_PREF_SIZE);
        b.setToggleGroup(group);
        b.setSelected(selected);
        b.setOnAction(e -> {
            b.setSelected(true); // a tap on the chosen one keeps it chosen
            chosen.run();
        });
        return b;
    }

    private void showLines() {
        rows.getChildren().clear();
        if (page.lines().isEmpty()) {
            rows.getChildren().add(Kit.label("这段时间没有这一级别的记录。", "log-none", "cp-explain"));
            return;
        }
        int i = 0;
        for (LogPage.Line l : page.lines()) {
            rows.getChildren().add(row(i++, l));
        }
    }

    private VBox row(int i, LogPage.Line l) {
        Label level = Kit.label(levelWords(l.level()), null, "cp-log-head", levelStyle(l.level()));
        level.setMinWidth(Label.USE_PREF_SIZE);
        String logger = l.logger() == null ? "" : l.logger().substring(l.logger().lastIndexOf('.') + 1);
        Label head = Kit.label(WHEN.format(l.time().atZone(zone)) + "　" + logger, null, "cp-log-head");
        HBox top = new HBox(16, level, head);
        top.setAlignment(Pos.CENTER_LEFT);
        Label message = Kit.label(LogPage.folded(l.message() == null ? "" : l.message(), LINE_CHARS), "log-message-" + i, "cp-log-message");
        VBox row = new VBox(4, top, message);
        row.setId("log-row-" + i);
        row.getStyleClass().add("cp-log-row");
        return row;
    }

    private static String levelWords(Level l) {
        return switch (l) {
            case ERROR -> "错误";
            case WARNING -> "警告";
            case INFO -> "信息";
            default -> "调试";
        };
    }

    private static String levelStyle(Level l) {
        return l == Level.ERROR ? "cp-level-error" : l == Level.WARNING ? "cp-level-warning" : "cp-muted";
    }
}
