package cn.yzz.kiosk.app.console.pages;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The last 7 days as bars, three a day (办理, 已上传, 失败), each with its number written on it, the day under them and
 * a legend in words above. Plain shapes: a bar's height is its share of the week's largest number.
 */
final class WeekChart extends VBox {

    static final double BAR_HEIGHT = 170;
    /** Narrow enough that a week's 21 bars fit a portrait console's column (about 630 pixels). */
    private static final double BAR_WIDTH = 24;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日", Locale.CHINA);
    private static final DateTimeFormatter DAY_OF_MONTH = DateTimeFormatter.ofPattern("d日", Locale.CHINA);

    private final HBox bars = new HBox(4);

    WeekChart() {
        super(10);
        setId("queue-week");
        HBox legend = new HBox(28, key("cp-bar-made", "办理的"), key("cp-bar-synced", "传到县里的"), key("cp-bar-failed", "没传成的"));
        legend.setAlignment(Pos.CENTER_LEFT);
        bars.setAlignment(Pos.BOTTOM_LEFT);
        getChildren().addAll(legend, bars);
    }

    private static HBox key(String style, String words) {
        Rectangle r = new Rectangle(28, 28);
        r.getStyleClass().add(style);
        HBox h = new HBox(8, r, Kit.label(words, null, "cp-chart-axis"));
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    void show(List<QueuePage.Day> days) {
        bars.getChildren().clear();
        int max = 1;
        for (QueuePage.Day d : days) {
            max = Math.max(max, Math.max(d.made(), Math.max(d.synced(), d.failed())));
        }
        LocalDate today = days.isEmpty() ? null : days.get(days.size() - 1).day();
        for (QueuePage.Day d : days) {
            String id = "queue-day-" + d.day();
            HBox three = new HBox(3, bar(id + "-made", "cp-bar-made", d.made(), max), bar(id + "-synced", "cp-bar-synced", d.synced(), max),
                    bar(id + "-failed", "cp-bar-failed", d.failed(), max));
            three.setAlignment(Pos.BOTTOM_CENTER);
            Label name = Kit.label(d.day().equals(today) ? "今天" : DAY_OF_MONTH.format(d.day()), null, "cp-chart-axis");
            VBox day = new VBox(6, three, name);
            day.setAlignment(Pos.BOTTOM_CENTER);
            HBox.setHgrow(day, Priority.ALWAYS);
            day.setMaxWidth(Double.MAX_VALUE);
            bars.getChildren().add(day);
        }
    }

    private static Node bar(String id, String style, int value, int max) {
        Rectangle r = new Rectangle(BAR_WIDTH, Math.max(3, BAR_HEIGHT * value / max));
        r.getStyleClass().add(style);
        Text number = new Text(Integer.toString(value));
        number.setId(id);
        number.getStyleClass().add("cp-chart-number");
        VBox v = new VBox(2, number, r);
        v.setAlignment(Pos.BOTTOM_CENTER);
        v.setMinWidth(BAR_WIDTH);
        return v;
    }
}
