package cn.yzz.kiosk.app.console.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console pages write times, waits and sizes for an administrator: 2 小时, 12月5日 14:03, 1.2 MB. */
final class Words {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.CHINA);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.CHINA);

    private Words() {}

    /** A wait in the largest two units that matter: 40 秒, 5 分钟, 2 小时 10 分钟, 3 天 4 小时. */
    static String waited(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " 秒";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " 分钟";
        }
        long h = min / 60;
        if (h < 24) {
            return min % 60 == 0 ? h + " 小时" : h + " 小时 " + min % 60 + " 分钟";
        }
        return h % 24 == 0 ? h / 24 + " 天" : h / 24 + " 天 " + h % 24 + " 小时";
    }

    /** A wait in its largest unit, rounded down: 40 秒, 5 分钟, 2 小时, 3 天. */
    static String roughly(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s < 60 ? s + " 秒" : s < 3600 ? s / 60 + " 分钟" : s < 86400 ? s / 3600 + " 小时" : s / 86400 + " 天";
    }

    static String dayTime(Instant t, ZoneId zone) {
        return DAY_TIME.format(t.atZone(zone));
    }

    static String time(Instant t, ZoneId zone) {
        return TIME.format(t.atZone(zone));
    }

    /** A file size: 980 字节, 12.5 KB, 1.2 MB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " 字节";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
