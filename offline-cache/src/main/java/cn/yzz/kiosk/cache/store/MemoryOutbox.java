package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.OutboxEntry.State;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox in memory, with the same contract as {@link SqliteOutbox} (OutboxContract runs
 * against both): for tests and the demo. Nothing survives the process. Thread-safe. Its methods
 * declare {@link StoreException} like the interface, so code holding a MemoryOutbox handles it
 * as it would the real store.
 */
public final class MemoryOutbox implements Outbox {

    private static final Comparator<Slot> OLDEST_FIRST = Comparator
            .comparing((Slot s) -> s.transaction.createdAt().toInstant().toEpochMilli())
            .thenComparing(s -> s.transaction.id().toString());

    private final int maxAttempts;
    private final Clock clock;
    private final Map<UUID, Slot> slots = new LinkedHashMap<>(); // guarded by this

    public MemoryOutbox(int maxAttempts, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    private static final class Slot {
        Transaction transaction;
        State state = State.PENDING;
        int attempts;
        Instant next;
        String backendRef;
        String lastError;
        Instant acknowledgedAt;

        OutboxEntry entry() {
            return new OutboxEntry(transaction, state, attempts, next, backendRef, lastError);
        }
    }

    @Override
    public synchronized void enqueue(Transaction t) throws StoreException {
        if (slots.containsKey(t.id())) {
            throw new StoreException(StoreException.Kind.STATE, "outbox already holds " + t.id(), null);
        }
        Slot s = new Slot();
        s.transaction = t;
        s.next = Instant.ofEpochMilli(t.createdAt().toInstant().toEpochMilli());
        slots.put(t.id(), s);
    }

    @Override
    public synchronized List<OutboxEntry> peekDue(Instant now, int max) throws StoreException {
        return slots.values().stream().filter(s -> s.state == State.PENDING && !s.next.isAfter(now))
                .sorted(OLDEST_FIRST).limit(max).map(Slot::entry).toList();
    }

    @Override
    public synchronized void acknowledge(UUID id, String backendRef) throws StoreException {
        Slot s = slot(id);
        if (s.state != State.ACKNOWLEDGED) {
            s.state = State.ACKNOWLEDGED;
            s.backendRef = backendRef;
            s.lastError = null;
            s.acknowledgedAt = clock.instant();
        }
    }

    @Override
    public synchronized void reject(UUID id, String reason) throws StoreException {
        Slot s = slot(id);
        if (s.state == State.PENDING || s.state == State.BLOCKED) {
            s.state = State.REJECTED;
            s.lastError = reason;
        }
    }

    @Override
    public synchronized void retryLater(UUID id, Instant next, String error) throws StoreException {
        Slot s = slot(id);
        if (s.state == State.PENDING) {
            s.attempts++;
            s.next = Instant.ofEpochMilli(next.toEpochMilli()); // the SQLite store keeps milliseconds
            s.lastError = error;
            if (s.attempts >= maxAttempts) {
                s.state = State.BLOCKED;
            }
        }
    }

    @Override
    public synchronized boolean unblock(UUID id) throws StoreException {
        Slot s = slot(id);
        if (s.state != State.BLOCKED) {
            return false;
        }
        s.state = State.PENDING;
        s.attempts = 0;
        s.next = Instant.ofEpochMilli(s.transaction.createdAt().toInstant().toEpochMilli());
        return true;
    }

    @Override
    public synchronized QueueStatus status(Instant now) throws StoreException {
        long[] n = new long[State.values().length];
        long oldest = Long.MAX_VALUE;
        for (Slot s : slots.values()) {
            n[s.state.ordinal()]++;
            if (s.state == State.PENDING) {
                oldest = Math.min(oldest, s.transaction.createdAt().toInstant().toEpochMilli());
            }
        }
        long age = oldest == Long.MAX_VALUE ? 0 : Math.max(0, (now.toEpochMilli() - oldest) / 1000);
        return new QueueStatus(n[State.PENDING.ordinal()], n[State.BLOCKED.ordinal()], n[State.REJECTED.ordinal()],
                n[State.ACKNOWLEDGED.ordinal()], age);
    }

    @Override
    public synchronized List<OutboxEntry> list(int max) throws StoreException {
        return slots.values().stream().sorted(OLDEST_FIRST.reversed()).limit(max).map(Slot::entry).toList();
    }

    @Override
    public synchronized int purgePersonal(Instant now, Duration retention) throws StoreException {
        Instant before = now.minus(retention);
        int n = 0;
        for (Slot s : slots.values()) {
            Transaction t = s.transaction;
            if (s.state == State.ACKNOWLEDGED && s.acknowledgedAt.isBefore(before) && t.person() != null) {
                s.transaction = new Transaction(t.id(), t.type(), t.serviceCode(), t.createdAt(), t.sessionId(), null,
                        t.data(), t.amountFen(), t.cash(), t.receiptNo());
                n++;
            }
        }
        return n;
    }

    private Slot slot(UUID id) throws StoreException {
        Slot s = slots.get(id);
        if (s == null) {
            throw new StoreException(StoreException.Kind.STATE, "no outbox entry " + id, null);
        }
        return s;
    }
}
