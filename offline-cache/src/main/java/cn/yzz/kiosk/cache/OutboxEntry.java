package cn.yzz.kiosk.cache;

import java.time.Instant;

/**
 * A transaction in the outbox and where it stands.
 *
 * @param attempts    uploads tried so far
 * @param nextAttempt when it is due (pending entries)
 * @param backendRef  the backend's reference once acknowledged
 * @param lastError   why the last attempt failed, or why it was rejected
 */
public record OutboxEntry(Transaction transaction, State state, int attempts, Instant nextAttempt, String backendRef,
                          String lastError) {

    public enum State { PENDING, BLOCKED, REJECTED, ACKNOWLEDGED }
}
