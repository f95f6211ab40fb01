package cn.yzz.kiosk.app.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.app.console.pages.NetworkPage.Check;
import cn.yzz.kiosk.app.console.pages.NetworkPage.Outcome;
import cn.yzz.kiosk.app.console.pages.NetworkPage.Step;
import cn.yzz.kiosk.cache.store.Reachability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.shape.Rectangle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 网络 on Monocle with a fake diagnosis: the checklist ticking off, a failure's cause and fix, the 24 hours; PNGs to look at. */
class NetworkPageTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T06:20:00Z"), ZoneId.of("Asia/Shanghai"));
    private final PageStage stage = new PageStage();
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final CountDownLatch goOn = new CountDownLatch(1);

    private static final String CAUSE = "连不上县里的服务器：村里的网络通，但到县里的路不通，或者县里的服务器停了";
    private static final String FIX = "先把路由器断电，等 1 分钟再通电；还不行，打电话问县里服务器是否正常";

    /** The network is up, the county's server does not answer: TCP fails, what needs it is not checked. */
    private NetworkPage.Diagnosis serverDown(boolean stopEarly) {
        return each -> {
            assertThat(Platform.isFxApplicationThread()).isFalse();
            each.accept(new Check(Step.INTERFACE, Outcome.OK, "有线网卡 eth0 已连上，地址 192.168.1.23", null, null));
            each.accept(new Check(Step.DNS, Outcome.OK, "县里服务器的名字查到了：10.20.0.8", null, null));
            assertThat(goOn.await(10, TimeUnit.SECONDS)).isTrue();
            if (stopEarly) {
                throw new IllegalStateException("interrupted");
            }
            each.accept(new Check(Step.TCP, Outcome.FAILED, "连 10.20.0.8 的 443 端口，10 秒没有应答", CAUSE, FIX));
            for (Step s : List.of(Step.TLS, Step.HTTP, Step.TOKEN)) {
                each.accept(new Check(s, Outcome.NOT_CHECKED, "连接不通，没法检查", null, null));
            }
            each.accept(new Check(Step.CLOCK, Outcome.NOT_APPLICABLE, "要先连上县里才能对时间", null, null));
        };
    }

    /** A day with a morning outage, a patchy evening and a quiet night. */
    private List<Reachability.Hour> day() {
        List<Reachability.Hour> hours = new ArrayList<>();
        Instant first = Instant.parse("2026-12-05T07:00:00Z");
        for (int i = 0; i < 24; i++) {
            Instant start = first.plus(Duration.ofHours(i));
            int local = start.atZone(ZoneId.of("Asia/Shanghai")).getHour();
            if (local >= 0 && local < 6) {
                hours.add(new Reachability.Hour(start, 0, 0));
            } else if (local >= 9 && local < 12) {
                hours.add(new Reachability.Hour(start, 0, 12));
            } else if (local == 19 || local == 20) {
                hours.add(new Reachability.Hour(start, 8, 4));
            } else {
                hours.add(new Reachability.Hour(start, 12, 0));
            }
        }
        return hours;
    }

    private NetworkPage open(NetworkPage.Diagnosis diagnosis, double w, double h) throws Exception {
        PageStage.toolkit();
        NetworkPage page = PageStage.fx(() -> new NetworkPage(new NetworkPage.Data(diagnosis, this::day),
                (what, result) -> audit.add(what + " → " + result), Platform::runLater, clock));
        stage.show(PageStage.fx(page::view), w, h);
        PageStage.fx(() -> {
            page.shown();
            return null;
        });
        stage.await(() -> page.hours().size() == 24);
        return page;
    }

    @AfterEach
    void close() throws Exception {
        goOn.countDown();
        stage.hide();
    }

    private Object mark(String step) throws Exception {
        return PageStage.fx(() -> stage.lookup("#network-" + step + "-mark").getUserData());
    }

    @Test
    void theChecklistTicksOffStepByStepAndAFailureSaysItsCauseAndFix() throws Exception {
        NetworkPage page = open(serverDown(false), 1500, 880);
        assertThat(stage.text("#network-summary")).contains("开始检查");
        stage.snap("network-before");
        stage.tap("#network-start");
        stage.await(() -> page.checks().size() == 2);
        assertThat(mark("interface")).isEqualTo(Outcome.OK);
        assertThat(mark("dns")).isEqualTo(Outcome.OK);
        assertThat(stage.text("#network-tcp-detail")).as("the step under way says so").isEqualTo("正在检查…");
        assertThat(mark("tls")).isNull();
        assertThat(stage.shown("#network-progress")).isTrue();
        assertThat(stage.text("#network-summary")).isEqualTo("正在检查「连接」（第 3 项，共 7 项）");
        assertThat(stage.disabled("#network-start")).isTrue();
        stage.snap("network-checking");

        goOn.countDown();
        stage.await(() -> !page.runningProperty().get());
        assertThat(mark("tcp")).isEqualTo(Outcome.FAILED);
        assertThat(stage.text("#network-tcp-cause")).isEqualTo("原因：" + CAUSE);
        assertThat(stage.text("#network-tcp-fix")).isEqualTo("怎么办：" + FIX);
        assertThat(stage.shown("#network-tcp-cause")).isTrue();
        assertThat(mark("tls")).as("after the failure").isEqualTo(Outcome.NOT_CHECKED);
        assertThat(mark("token")).isEqualTo(Outcome.NOT_CHECKED);
        assertThat(stage.allText("#network-tls-mark")).contains("未检查");
        assertThat(stage.allText("#network-clock-mark")).contains("不适用");
        assertThat(stage.shown("#network-dns-cause")).as("a step that passed has no fix to show").isFalse();
        assertThat(stage.text("#network-summary")).isEqualTo("有 1 项不正常：先照「连接」下面写的办法做，再点一次「开始检查」");
        assertThat(audit).containsExactly("网络检查 → 有 1 项不正常：先照「连接」下面写的办法做，再点一次「开始检查」");
        assertThat(stage.disabled("#network-start")).isFalse();
        stage.snap("network-failed");
    }

    @Test
    void aDiagnosisThatStopsHalfWayLeavesTheRestNotChecked() throws Exception {
        NetworkPage page = open(serverDown(true), 1080, 1500);
        stage.tap("#network-start");
        goOn.countDown();
        stage.await(() -> !page.runningProperty().get());
        assertThat(mark("dns")).isEqualTo(Outcome.OK);
        assertThat(mark("tcp")).isEqualTo(Outcome.NOT_CHECKED);
        assertThat(mark("clock")).isEqualTo(Outcome.NOT_CHECKED);
        assertThat(stage.text("#network-summary")).isEqualTo("检查没有做完，请再点一次「开始检查」");
        stage.snap("network-portrait-stopped");
    }

    @Test
    void theLast24HoursSayHowManyCouldNotReachTheCountyAndQuietHoursLookDifferent() throws Exception {
        open(serverDown(false), 1500, 880);
        assertThat(stage.text("#network-hours-summary")).isEqualTo("过去 24 小时有 3 小时连不上县里，2 小时时好时坏");
        // Hour 0 is 15时 local; 17 of them later is 8时 (quiet is 0-6时: index 9..14).
        Rectangle quiet = (Rectangle) stage.lookup("#network-hour-10");
        Rectangle reached = (Rectangle) stage.lookup("#network-hour-0");
        assertThat(quiet.getUserData()).isEqualTo("quiet");
        assertThat(quiet.getHeight()).as("a quiet hour is low, not a full bar").isLessThan(reached.getHeight() / 2);
        assertThat(quiet.getStyleClass()).contains("cp-hour-quiet");
        assertThat(stage.lookup("#network-hour-20").getUserData()).isEqualTo("0/12");
        assertThat(stage.allText("#network-hours")).contains("连得上", "连不上", "没有联系", "0时", "6时", "18时");
        assertThat(NetworkPage.hoursWords(List.of(new Reachability.Hour(Instant.EPOCH, 3, 0)))).isEqualTo("过去 24 小时一直连得上县里");
        assertThat(NetworkPage.hoursWords(List.of(new Reachability.Hour(Instant.EPOCH, 0, 0)))).startsWith("过去 24 小时本机没有和县里联系过");
        // a kiosk just started: 23 quiet hours are not "always reachable"
        List<Reachability.Hour> fresh = new java.util.ArrayList<>(java.util.Collections.nCopies(23, new Reachability.Hour(Instant.EPOCH, 0, 0)));
        fresh.add(new Reachability.Hour(Instant.EPOCH, 4, 0));
        assertThat(NetworkPage.hoursWords(fresh)).isEqualTo("过去 24 小时里联系过县里的 1 小时都连得上（另外 23 小时没有联系）");
        fresh.set(0, new Reachability.Hour(Instant.EPOCH, 0, 2));
        assertThat(NetworkPage.hoursWords(fresh)).isEqualTo("过去 24 小时有 1 小时连不上县里");
    }
}
