package cn.yzz.kiosk.cache;

import java.time.LocalDate;

/**
 * One local day of the queue, for the console's 队列 chart: the transactions made that day and what became of them
 * so far. Counted by the day a transaction was made (its {@code createdAt}, in the zone asked for), so a day's bar
 * shows whether everything made that day has reached the county: {@code made = synced + failed + waiting}.
 *
 * @param made   transactions made that day
 * @param synced of those, acknowledged by the county backend
 * @param failed of those, rejected by the backend (kept for the administrator, never retried)
 */
public record QueueDay(LocalDate day, int made, int synced, int failed) {

    /** Made that day and not yet answered for: pending or blocked. */
    public int waiting() {
        return made - synced - failed;
    }
}
