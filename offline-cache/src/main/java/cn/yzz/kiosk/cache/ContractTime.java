package cn.yzz.kiosk.cache;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * A time as the county contract writes it (sync-api.md: "Times are RFC 3339 with offset
 * ({@code 2026-11-22T09:30:00+08:00})"): whole seconds and a numeric offset, never "Z" and never a fraction. Both of
 * those are RFC 3339 too, but not the form a county checking against the contract expects. The one place that says so,
 * for the transactions, the heartbeat and whatever a transaction's data carries (cash-audit periods).
 */
public final class ContractTime {

    private static final DateTimeFormatter FORM = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

    private ContractTime() {}

    public static String format(OffsetDateTime t) {
        return t.truncatedTo(ChronoUnit.SECONDS).format(FORM);
    }
}
