package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.QueueDay;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The local days of {@link cn.yzz.kiosk.cache.Outbox#days}: their starts as epoch milliseconds (a day is not always
 * 24 hours where clocks change) and the counting of transactions into them, the same for both outboxes.
 */
final class QueueDays {

    final List<LocalDate> days;
    /** {@code bounds[i]} is the start of {@code days.get(i)}; the last element is the end of today. */
    final long[] bounds;
    private final int[][] counts;

    QueueDays(int n, ZoneId zone, Instant now) {
        if (n < 1 || n > 366) {
            throw new IllegalArgumentException("days must be 1..366, got " + n);
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        days = new ArrayList<>(n);
        bounds = new long[n + 1];
        for (int i = 0; i < n; i++) {
            LocalDate d = today.minusDays(n - 1 - i);
            days.add(d);
            bounds[i] = d.atStartOfDay(zone).toInstant().toEpochMilli();
        }
        bounds[n] = today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        counts = new int[n][3];
    }

    /** Index of the day holding {@code createdMs}, or -1 outside the range. */
    int dayOf(long createdMs) {
        if (createdMs < bounds[0] || createdMs >= bounds[bounds.length - 1]) {
            return -1;
        }
        int i = 0;
        while (createdMs >= bounds[i + 1]) {
            i++;
        }
        return i;
    }

    void add(int day, int made, int synced, int failed) {
        counts[day][0] += made;
        counts[day][1] += synced;
        counts[day][2] += failed;
    }

    List<QueueDay> result() {
        List<QueueDay> out = new ArrayList<>(days.size());
        for (int i = 0; i < days.size(); i++) {
            out.add(new QueueDay(days.get(i), counts[i][0], counts[i][1], counts[i][2]));
        }
        return out;
    }
}
