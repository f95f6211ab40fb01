package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.OutboxEntry.State;
import cn.yzz.kiosk.cache.QueueDay;
import cn.yzz.kiosk.cache.QueueProblem;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Map<String, Long> counters = new HashMap<>(); // receipt number prefix -> last sequence; guarded by this

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
        ReceiptNumbers.requireQueueable(t, false);
        insert(t);
    }

    @Override
    public synchronized Transaction enqueueReceipted(Transaction t, String kioskId) throws StoreException {
        ReceiptNumbers.requireKioskId(kioskId);
        ReceiptNumbers.requireQueueable(t, true);
        if (slots.containsKey(t.id())) {
            throw new StoreException(StoreException.Kind.STATE, "outbox already holds " + t.id(), null);
        }
        String day = ReceiptNumbers.day(t);
        String prefix = ReceiptNumbers.prefix(kioskId, day);
        Long last = counters.get(prefix);
        long seq = last != null ? last : slots.values().stream()
                .mapToLong(s -> ReceiptNumbers.seqOf(s.transaction.receiptNo(), prefix)).max().orElse(0);
        do {
            seq++;
        } while (receiptTaken(ReceiptNumbers.format(kioskId, day, seq)));
        Transaction stored = t.withReceiptNo(ReceiptNumbers.format(kioskId, day, seq));
        insert(stored);
        counters.put(prefix, seq);
        return stored;
    }

    private boolean receiptTaken(String no) {
        return slots.values().stream().anyMatch(s -> no.equals(s.transaction.receiptNo()));
    }

    @Override
    public synchronized Optional<OutboxEntry> find(UUID id) throws StoreException {
        return Optional.ofNullable(slots.get(id)).map(Slot::entry);
    }

    @Override
    public synchronized Optional<OutboxEntry> findByReceiptNo(String receiptNo) throws StoreException {
        return slots.values().stream().filter(s -> receiptNo.equals(s.transaction.receiptNo())).sorted(OLDEST_FIRST)
                .map(Slot::entry).findFirst();
    }

    private void insert(Transaction t) throws StoreException {
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
    public synchronized List<QueueDay> days(int days, ZoneId zone, Instant now) throws StoreException {
        QueueDays q = new QueueDays(days, zone, now);
        for (Slot s : slots.values()) {
            int d = q.dayOf(s.transaction.createdAt().toInstant().toEpochMilli());
            if (d >= 0) {
                q.add(d, 1, s.state == State.ACKNOWLEDGED ? 1 : 0, s.state == State.REJECTED ? 1 : 0);
            }
        }
        return q.result();
    }

    @Override
    public synchronized List<QueueProblem> problems(int max) throws StoreException {
        return slots.values().stream().filter(s -> s.state == State.REJECTED || s.state == State.BLOCKED)
                .sorted(OLDEST_FIRST.reversed()).limit(max)
                .map(s -> new QueueProblem(s.transaction.id(), s.transaction.type(), s.transaction.serviceCode(),
                        s.transaction.receiptNo(), s.transaction.createdAt(), s.state, s.attempts, s.lastError))
                .toList();
    }

    @Override
    public synchronized int purgePersonal(Instant now, Duration retention) throws StoreException {
        Instant before = now.minus(retention);
        int n = 0;
        for (Slot s : slots.values()) {
            Transaction t = s.transaction;
            if (s.state == State.ACKNOWLEDGED && s.acknowledgedAt.isBefore(before) && t.hasPersonalData()) {
                s.transaction = t.withoutPersonalData();
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
