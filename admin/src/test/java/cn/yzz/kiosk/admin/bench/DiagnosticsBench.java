package cn.yzz.kiosk.admin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.admin.DiagnosticsBundle;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnostics bundle of a busy kiosk: 10,000 transactions (every one with a person, so the scrub knows 10,000 numbers
 * and names) and a full 10 MB log (KioskLog's limit), made for upload. Limits: 5 s, the longest an administrator should
 * watch "正在导出…" on the console, and a county IT user an SSH prompt; 5 MB, the backend's limit (sync-api.md).
 */
@Tag("bench")
class DiagnosticsBench {

    private static final int TRANSACTIONS = 10_000;
    private static final double LIMIT_S = 5.0;
    private static final double LIMIT_MB = 5.0;

    @TempDir
    Path data;

    @Test
    void bundleOfATenThousandTransactionStore() throws Exception {
        Clock clock = Clock.systemDefaultZone();
        Random r = new Random(1);
        StringBuilder log = new StringBuilder();
        try (KioskStore store = KioskStore.open(data, Settings.defaults())) {
            Outbox outbox = store.outbox();
            UuidV7 ids = UuidV7.withClock(clock);
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.ofHours(8));
            for (int i = 0; i < TRANSACTIONS; i++) {
                String first17 = String.format("4418%02d%04d%02d%02d%03d", r.nextInt(30), 1940 + r.nextInt(60), 1 + r.nextInt(12),
                        1 + r.nextInt(28), i % 1000);
                Person p = new Person(IdNumbers.complete(first17), "陈李黄张梁林刘何罗盘".charAt(i % 10) + "秀英伟强桂芳志明".substring(i % 4 * 2, i % 4 * 2 + 2));
                outbox.enqueue(new Transaction(ids.nextId(), "payment", "RSJ-0007", now, "s-" + i, p, Map.of("year", "2026"), 30_000L, null,
                        "WJ-0042-" + i));
                if (log.length() < 10_000_000) {
                    log.append(String.format("2026-06-01 %02d:%02d:%02d.%03d INFO [cn.yzz.kiosk.app] 缴费成功 %s %s 收据 WJ-0042-%d 用时 %d 毫秒%n",
                            i / 3600 % 24, i / 60 % 60, i % 60, r.nextInt(1000), Mask.name(p.name()), Mask.number(p.idNumber()), i, r.nextInt(5000)));
                }
            }
            while (log.length() < 10_000_000) {
                log.append(String.format("2026-06-01 23:%02d:%02d.%03d INFO [cn.yzz.kiosk.sync] 上传 %d 条，用时 %d 毫秒%n",
                        r.nextInt(60), r.nextInt(60), r.nextInt(1000), r.nextInt(100), r.nextInt(100_000)));
            }
            Files.createDirectories(data.resolve("logs"));
            Files.writeString(data.resolve("logs/kiosk.log"), log, StandardCharsets.UTF_8);

            new DiagnosticsBundle(data, store, clock).make(DiagnosticsBundle.UPLOAD_MAX_BYTES); // warm up
            long t0 = System.nanoTime();
            DiagnosticsBundle.Made made = new DiagnosticsBundle(data, store, clock).make(DiagnosticsBundle.UPLOAD_MAX_BYTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double mb = made.size() / (1024.0 * 1024.0);
            report("diagnostics bundle, 10,000 transactions + " + Files.size(data.resolve("logs/kiosk.log")) / 1_000_000 + " MB log: time",
                    seconds, LIMIT_S, "s");
            report("diagnostics bundle, 10,000 transactions: size (logs trimmed: " + made.logsTrimmed() + ")", mb, LIMIT_MB, "MB");
            assertThat(made.size()).isLessThanOrEqualTo(DiagnosticsBundle.UPLOAD_MAX_BYTES);
        }
    }

    private static void report(String what, double value, double limit, String unit) {
        System.out.printf("BENCH %-90s %10.3f %-3s (limit %.3f %s) %s%n", what, value, unit, limit, unit, value <= limit ? "PASS" : "OVER");
    }
}
