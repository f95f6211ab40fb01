package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Payments;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The payment journal in memory, beside a {@link MemoryOutbox}, with the same contract as
 * {@link SqlitePayments} (PaymentsContract runs against both): for tests and the demo. Every call holds the
 * outbox's lock, so that {@link #paid} (queue, then mark) is one step to every other caller; the queueing
 * is the only part that can fail, and it comes first.
 */
public final class MemoryPayments implements Payments {

    private final MemoryOutbox outbox;
    private final Clock clock;
    private final Map<UUID, Slot> slots = new LinkedHashMap<>(); // guarded by outbox

    public MemoryPayments(MemoryOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    private static final class Slot {
        Transaction draft;
        State state = State.OPEN;
        String orderId;
        String payUrl;
        Instant expiresAt;
        Instant openedAt;
        Instant updatedAt;
        Instant closedAt;
    }

    @Override
    public void open(Transaction draft) throws StoreException {
        SqlitePayments.requireDraft(draft);
        synchronized (outbox) {
            if (slots.containsKey(draft.id())) {
                throw new StoreException(StoreException.Kind.STATE, "payment " + draft.id() + " is already journaled", null);
            }
            Slot s = new Slot();
            s.draft = draft;
            s.openedAt = millis();
            s.updatedAt = s.openedAt;
            slots.put(draft.id(), s);
        }
    }

    @Override
    public State orderCreated(UUID id, String orderId, String payUrl, Instant expiresAt) throws StoreException {
        synchronized (outbox) {
            Slot s = slot(id);
            if (!Transaction.QR.equals(s.draft.method())) {
                throw refused("payment " + id + " is paid by " + s.draft.method() + ", it has no QR order");
            }
            if (s.orderId != null && !s.orderId.equals(orderId)) {
                throw refused("payment " + id + " already has order " + s.orderId + ", not " + orderId);
            }
            s.orderId = orderId;
            s.payUrl = payUrl;
            s.expiresAt = expiresAt == null ? null : Instant.ofEpochMilli(expiresAt.toEpochMilli());
            s.updatedAt = millis();
            return s.state;
        }
    }

    @Override
    public Transaction paid(UUID id, String kioskId) throws StoreException {
        ReceiptNumbers.requireKioskId(kioskId);
        synchronized (outbox) {
            Slot s = slot(id);
            if (s.state == State.PAID) {
                return outbox.find(id).map(OutboxEntry::transaction)
                        .orElseThrow(() -> refused("payment " + id + " is PAID but the outbox does not hold it"));
            }
            Transaction draft = s.draft;
            if (Transaction.QR.equals(draft.method())) {
                if (s.orderId == null) {
                    throw refused("qr payment " + id + " has no order: it cannot have been paid");
                }
                draft = draft.withOrder(s.orderId);
            }
            Transaction stored = outbox.enqueueReceipted(draft, kioskId); // the only step that can fail: first
            s.state = State.PAID;
            s.draft = s.draft.withoutPersonalData(); // the outbox's copy is the one kept
            s.updatedAt = millis();
            s.closedAt = s.updatedAt;
            return stored;
        }
    }

    @Override
    public State close(UUID id, State how) throws StoreException {
        if (how == null || !how.closed()) {
            throw new IllegalArgumentException("a payment is closed as CANCELLED or EXPIRED, not " + how);
        }
        synchronized (outbox) {
            Slot s = slot(id);
            if (s.state == State.OPEN) {
                s.state = how;
                s.updatedAt = millis();
                s.closedAt = s.updatedAt;
            }
            return s.state;
        }
    }

    @Override
    public List<OpenPayment> open() throws StoreException {
        synchronized (outbox) {
            return slots.values().stream().filter(s -> s.state == State.OPEN)
                    .sorted(Comparator.comparing((Slot s) -> s.openedAt).thenComparing(s -> s.draft.id().toString()))
                    .map(s -> new OpenPayment(s.draft, s.orderId, s.payUrl, s.expiresAt, s.openedAt)).toList();
        }
    }

    @Override
    public Optional<Payment> find(UUID id) throws StoreException {
        synchronized (outbox) {
            Slot s = slots.get(id);
            if (s == null) {
                return Optional.empty();
            }
            Transaction t = s.state == State.PAID
                    ? outbox.find(id).map(OutboxEntry::transaction)
                            .orElseThrow(() -> refused("payment " + id + " is PAID but the outbox does not hold it"))
                    : s.draft;
            return Optional.of(new Payment(id, s.draft.method(), s.state, s.orderId, s.payUrl, s.expiresAt, t,
                    s.openedAt, s.updatedAt));
        }
    }

    @Override
    public Optional<Payment> findByReceiptNo(String receiptNo) throws StoreException {
        synchronized (outbox) {
            Optional<OutboxEntry> e = outbox.findByReceiptNo(receiptNo);
            return e.isEmpty() ? Optional.empty() : find(e.get().transaction().id());
        }
    }

    @Override
    public int purgePersonal(Instant now, Duration retention) throws StoreException {
        Instant before = now.minus(retention);
        int n = 0;
        synchronized (outbox) {
            for (Slot s : slots.values()) {
                if (s.state.closed() && s.closedAt.isBefore(before) && s.draft.hasPersonalData()) {
                    s.draft = s.draft.withoutPersonalData();
                    n++;
                }
            }
        }
        return n;
    }

    /** The SQLite store keeps milliseconds. */
    private Instant millis() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private Slot slot(UUID id) throws StoreException {
        Slot s = slots.get(id);
        if (s == null) {
            throw refused("no payment " + id + " in the journal");
        }
        return s;
    }

    private static StoreException refused(String message) {
        return new StoreException(StoreException.Kind.STATE, message, null);
    }
}
