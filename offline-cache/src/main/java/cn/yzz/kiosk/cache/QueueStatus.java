package cn.yzz.kiosk.cache;

/**
 * The queue at a glance, as {@code kioskctl queue status --json} prints it.
 *
 * @param oldestPendingSec age of the oldest pending entry in seconds, 0 when none
 */
public record QueueStatus(long pending, long blocked, long rejected, long acknowledged, long oldestPendingSec) {}
