package cn.yzz.kiosk.app.console.pages;

import cn.yzz.kiosk.cache.store.Reachability;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * 24 hours as a strip of bars, oldest on the left: each hour's share of contacts that reached the county in green at the
 * bottom, the rest in red above it; an hour without any contact is a low grey dashed box. Every 6th hour is named under
 * its bar; a legend in words follows.
 */
final class HourStrip extends Region {

    private static final double BAR = 150;
    private static final double QUIET = 36;
    private static final double GAP = 3;
    private static final double LABEL_ROOM = 40;

    private final ZoneId zone;
    private final List<Rectangle[]> bars = new ArrayList<>();
    private final List<Text> labels = new ArrayList<>();
    private final List<Integer> labelAt = new ArrayList<>();
    private final HBox legend;
    private List<Reachability.Hour> hours = List.of();

    HourStrip(ZoneId zone) {
        this.zone = zone;
        setId("network-hours");
        legend = new HBox(24, key("cp-hour-reached", "连得上"), key("cp-hour-failed", "连不上"), key("cp-hour-quiet", "没有联系"));
        legend.setAlignment(Pos.CENTER_LEFT);
        getChildren().add(legend);
    }

    private static HBox key(String style, String words) {
        Rectangle r = new Rectangle(28, 28);
        r.getStyleClass().add(style);
        HBox h = new HBox(8, r, Kit.label(words, null, "cp-chart-axis"));
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    void show(List<Reachability.Hour> shown) {
        hours = List.copyOf(shown);
        getChildren().setAll(legend);
        bars.clear();
        labels.clear();
        labelAt.clear();
        for (int i = 0; i < hours.size(); i++) {
            Reachability.Hour h = hours.get(i);
            Rectangle ok = new Rectangle();
            Rectangle failed = new Rectangle();
            ok.setId("network-hour-" + i);
            if (h.quiet()) {
                ok.getStyleClass().add("cp-hour-quiet");
                ok.setUserData("quiet");
            } else {
                ok.getStyleClass().add("cp-hour-reached");
                failed.getStyleClass().add("cp-hour-failed");
                ok.setUserData(h.reached() + "/" + (h.reached() + h.failed()));
            }
            bars.add(new Rectangle[] {ok, failed});
            getChildren().addAll(ok, failed);
            int hour = h.start().atZone(zone).getHour();
            if (hour % 6 == 0) {
                Text t = new Text(hour + "时");
                t.getStyleClass().add("cp-chart-number");
                labels.add(t);
                labelAt.add(i);
                getChildren().add(t);
            }
        }
        requestLayout();
    }

    @Override
    protected double computePrefHeight(double width) {
        return BAR + LABEL_ROOM + 12 + legend.prefHeight(-1);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 24 * 28;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        int n = Math.max(1, hours.size());
        double col = w / n;
        for (int i = 0; i < hours.size(); i++) {
            Reachability.Hour h = hours.get(i);
            Rectangle ok = bars.get(i)[0];
            Rectangle failed = bars.get(i)[1];
            double x = i * col + GAP / 2;
            double bw = Math.max(2, col - GAP);
            if (h.quiet()) {
                ok.setX(x + 1);
                ok.setY(BAR - QUIET);
                ok.setWidth(bw - 2);
                ok.setHeight(QUIET - 1);
                failed.setWidth(0);
                failed.setHeight(0);
            } else {
                double share = h.reached() / (double) (h.reached() + h.failed());
                double okH = BAR * share;
                ok.setX(x);
                ok.setY(BAR - okH);
                ok.setWidth(bw);
                ok.setHeight(okH);
                failed.setX(x);
                failed.setY(0);
                failed.setWidth(bw);
                failed.setHeight(BAR - okH);
            }
        }
        for (int k = 0; k < labels.size(); k++) {
            Text t = labels.get(k);
            double tw = t.getLayoutBounds().getWidth();
            double x = Math.min(Math.max(0, labelAt.get(k) * col + col / 2 - tw / 2), w - tw);
            t.relocate(x, BAR + 6);
        }
        legend.resizeRelocate(0, BAR + LABEL_ROOM + 12, w, legend.prefHeight(w));
    }
}
