package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditAndReachabilityTest {

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T02:30:00Z"));
    private final Settings settings = Settings.defaults().withClock(clock);

    @Test
    void auditEntriesSurviveARestartNewestFirst() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            store.audit().record("管理员", "进入管理界面", "成功");
            clock.advance(Duration.ofMinutes(1));
            store.audit().record("管理员", "立即同步", "已上传 3 笔");
        }
        try (KioskStore store = KioskStore.open(dir, settings)) {
            List<AuditLog.Entry> recent = store.audit().recent(10);
            assertThat(recent).extracting(AuditLog.Entry::what).containsExactly("立即同步", "进入管理界面");
            assertThat(recent.get(0).at()).isEqualTo(Instant.parse("2026-12-06T02:31:00Z"));
            assertThat(store.audit().since(Instant.parse("2026-12-06T02:31:00Z"))).extracting(AuditLog.Entry::result)
                    .containsExactly("已上传 3 笔");
        }
    }

    @Test
    void anIdShapedNumberNeverReachesTheAuditLog() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            store.audit().record("44010619900101123X", "查看 440106199001011234 的记录", "号码 440106900101123 已核对");
            AuditLog.Entry e = store.audit().recent(1).get(0);
            assertThat(e.who()).isEqualTo("440***********123X");
            assertThat(e.what()).isEqualTo("查看 440***********1234 的记录");
            assertThat(e.result()).isEqualTo("号码 440********1123 已核对");
        }
    }

    @Test
    void shortNumbersAndReceiptNumbersAreLeftAlone() {
        assertThat(AuditLog.mask("收据 K001-20261206-0001，金额 38000 分")).isEqualTo("收据 K001-20261206-0001，金额 38000 分");
    }

    @Test
    void reachabilityCountsPerHourWithQuietHoursInBetween() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            store.reachability().record(true);
            store.reachability().record(false);
            clock.advance(Duration.ofHours(2));
            store.reachability().record(false);
            List<Reachability.Hour> day = store.reachability().last(24);
            assertThat(day).hasSize(24);
            assertThat(day.get(23)).isEqualTo(new Reachability.Hour(Instant.parse("2026-12-06T04:00:00Z"), 0, 1));
            assertThat(day.get(22).quiet()).isTrue();
            assertThat(day.get(21)).isEqualTo(new Reachability.Hour(Instant.parse("2026-12-06T02:00:00Z"), 1, 1));
        }
    }

    @Test
    void reachabilityOlderThanAWeekIsDropped() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            store.reachability().record(true);
            clock.advance(Duration.ofDays(9));
            store.reachability().record(true);
            Integer rows = store.database().read("count", c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM reachability")) {
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(1);
        }
    }
}
