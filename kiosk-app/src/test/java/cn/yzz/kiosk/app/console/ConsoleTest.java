package cn.yzz.kiosk.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.admin.AdminPin;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.store.AuditLog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as a model, with its work and JavaFX executors run in place and timers fired by hand: the PIN (wrong, locked,
 * still locked after a restart, right), the pages, leaving by hand and by itself after 2 minutes, and the audit in the
 * store.
 */
class ConsoleTest {

    private static final String PIN = "271828";
    private static final Executor NOW = Runnable::run;

    @TempDir
    Path data;

    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-22T06:30:00Z"));
    private final ManualScheduler timers = new ManualScheduler();
    private final List<String> host = new ArrayList<>();
    private boolean mayOpen = true;
    private KioskStore store;
    private AuditTrail trail;

    @BeforeEach
    void setUp() throws Exception {
        pin().set(PIN.toCharArray());
        store = KioskStore.open(data, Settings.defaults());
        trail = new AuditTrail(NOW, clock);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private AdminPin pin() {
        return new AdminPin(data, clock, new SecureRandom(), 1000);
    }

    private Console console() {
        Console c = new Console(pin(), NOW, NOW, timers, clock, trail, new Console.Host() {
            @Override
            public boolean mayOpen() {
                return mayOpen;
            }

            @Override
            public boolean cover() {
                host.add("cover");
                return true;
            }

            @Override
            public void uncover() {
                host.add("uncover");
            }
        }, Console.Settings.defaults());
        c.setPages(List.of(new Page("设备"), new Page("关于")));
        return c;
    }

    private static void keyIn(Console c, String digits) {
        for (char d : digits.toCharArray()) {
            c.key(d);
        }
        c.confirm();
    }

    private static boolean openedByCorner(Console c, long startNanos) {
        boolean opened = false;
        for (int i = 0; i < CornerTaps.PRESSES; i++) {
            opened = c.cornerPressed(startNanos + i * 100_000_000L);
        }
        return opened;
    }

    @Test
    void fivePressesOpenThePadOnlyWhereTheConsoleMayOpen() {
        Console c = console();
        mayOpen = false;
        assertThat(openedByCorner(c, 0)).as("during a villager's visit").isFalse();
        assertThat(c.stateProperty().get()).isEqualTo(Console.State.CLOSED);
        assertThat(host).isEmpty();
        mayOpen = true;
        assertThat(openedByCorner(c, 10_000_000_000L)).isTrue();
        assertThat(c.stateProperty().get()).isEqualTo(Console.State.PIN);
        assertThat(host).containsExactly("cover");
        c.back();
        assertThat(c.stateProperty().get()).isEqualTo(Console.State.CLOSED);
        assertThat(host).containsExactly("cover", "uncover");
    }

    @Test
    void theRightPinOpensTheFirstPageAndEveryStepIsAudited() throws Exception {
        store.audit(); // attached late: what came before is written when it is
        Console c = console();
        c.openPad(null);
        keyIn(c, "123");
        assertThat(c.noticeProperty().get()).isEqualTo("密码是 6 到 12 位数字，请输完再按确定");
        c.clear();
        keyIn(c, "111222");
        assertThat(c.noticeProperty().get()).isEqualTo("密码不对，还可以试 4 次");
        assertThat(c.keyedProperty().get()).as("the keyed digits are gone").isZero();
        trail.attach(store.audit());
        keyIn(c, PIN);
        assertThat(c.stateProperty().get()).isEqualTo(Console.State.OPEN);
        assertThat(c.pageProperty().get().title()).isEqualTo("设备");
        assertThat(((Page) c.pageProperty().get()).shown).isEqualTo(1);
        c.show(c.pages().get(1));
        assertThat(((Page) c.pages().get(0)).hidden).isEqualTo(1);
        c.audit().record("打印测试小票（小票打印机）", "测试小票已打印");
        c.leave();
        assertThat(c.stateProperty().get()).isEqualTo(Console.State.CLOSED);
        assertThat(((Page) c.pages().get(1)).hidden).isEqualTo(1);
        List<AuditLog.Entry> entries = store.audit().recent(10);
        List<String> lines = new ArrayList<>(entries.stream().map(e -> e.who() + "|" + e.what() + "|" + e.result()).toList());
        java.util.Collections.reverse(lines); // newest first in recent()
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("管理员|管理密码输错|还可以试 4 次（14:30:00 记下");
        assertThat(lines.subList(1, 4)).containsExactly("管理员|进入管理界面|用密码", "管理员|打印测试小票（小票打印机）|测试小票已打印",
                "管理员|退出管理界面|手动退出");
        assertThat(lines).noneMatch(l -> l.contains(PIN) || l.contains("111222"));
    }

    @Test
    void fiveWrongPinsLockTheConsoleAndARestartDoesNotUnlockIt() throws Exception {
        trail.attach(store.audit());
        Console c = console();
        c.openPad(null);
        for (int i = 4; i >= 1; i--) {
            keyIn(c, "000111");
            assertThat(c.noticeProperty().get()).isEqualTo("密码不对，还可以试 " + i + " 次");
        }
        keyIn(c, "000111");
        assertThat(c.lockedProperty().get()).isTrue();
        assertThat(c.noticeProperty().get()).isEqualTo("输错太多次，已锁定。请 5 分钟后再试（14:35 以后）");
        c.key('1');
        assertThat(c.keyedProperty().get()).as("the keys are off while locked").isZero();
        c.back();

        Console again = console(); // a restart: a new console on the same data folder
        again.openPad(null);
        assertThat(again.lockedProperty().get()).isTrue();
        assertThat(again.noticeProperty().get()).isEqualTo("输错太多次，已锁定。请 5 分钟后再试（14:35 以后）");
        keyIn(again, PIN);
        assertThat(again.stateProperty().get()).as("even the right PIN waits").isEqualTo(Console.State.PIN);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        timers.fire(Duration.ofMinutes(5));
        assertThat(again.lockedProperty().get()).isFalse();
        keyIn(again, PIN);
        assertThat(again.stateProperty().get()).isEqualTo(Console.State.OPEN);
        assertThat(store.audit().recent(20)).extracting(AuditLog.Entry::what).contains("管理密码输错太多次");
    }

    @Test
    void itLeavesByItselfAfterTwoMinutesWithoutATouchWarnedFifteenSecondsBefore() throws Exception {
        trail.attach(store.audit());
        Console c = console();
        c.openPad(null);
        keyIn(c, PIN);
        assertThat(timers.pending()).containsExactlyInAnyOrder(Duration.ofSeconds(105), Duration.ofSeconds(120));
        timers.fire(Duration.ofSeconds(105));
        assertThat(c.warningProperty().get()).isTrue();
        c.touched();
        assertThat(c.warningProperty().get()).as("a touch keeps it").isFalse();
        assertThat(c.stateProperty().get()).isEqualTo(Console.State.OPEN);
        timers.fire(Duration.ofSeconds(105));
        timers.fire(Duration.ofSeconds(120));
        assertThat(c.stateProperty().get()).isEqualTo(Console.State.CLOSED);
        assertThat(host).containsExactly("cover", "uncover");
        assertThat(timers.pending()).isEmpty();
        assertThat(store.audit().recent(1).get(0).result()).isEqualTo("2 分钟没有操作，自动退出");
    }

    @Test
    void aPinNeverSetSaysWhatCountyItMustDo() throws Exception {
        java.nio.file.Files.delete(data.resolve(AdminPin.FILE));
        Console c = console();
        c.openPad(null);
        assertThat(c.noticeProperty().get()).contains("kioskctl admin set-pin");
        keyIn(c, PIN);
        assertThat(c.stateProperty().get()).isEqualTo(Console.State.PIN);
        assertThat(c.noticeProperty().get()).contains("还没有设置管理密码", "kioskctl admin set-pin");
    }

    /** A page that counts how often it was shown and hidden. */
    private static final class Page implements ConsolePage {
        private final String title;
        int shown;
        int hidden;

        Page(String title) {
            this.title = title;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public Node view() {
            return new Pane();
        }

        @Override
        public void shown() {
            shown++;
        }

        @Override
        public void hidden() {
            hidden++;
        }
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
