package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Moves the outbox to the county backend: peek due entries (oldest first), upload them OUTSIDE any
 * database transaction, then acknowledge, reject or push back each one by id. Delivery is at least
 * once; the backend deduplicates by id, so a re-send after a lost answer is harmless, and a lost
 * entry is impossible because nothing leaves the outbox before the backend has answered for it.
 *
 * <p>Runs on its own daemon thread {@code kiosk-sync} ({@link #start()}), or one pass at a time: {@link #syncOnce()}
 * (what is due), or {@link #syncNow()} (an operator's explicit sync: {@code kioskctl sync --once}, the console's
 * 立即同步: every pending entry, whatever its backoff). Only one pass runs at a time. A backend's
 * {@code Retry-After} heard by this engine holds every pass, explicit ones included, until it has passed.
 */
public final class SyncEngine implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SyncEngine.class.getName());

    private final Outbox outbox;
    private final BackendClient client;
    private final SyncConfig config;
    private final Clock clock;
    private final Backoff backoff;
    private final Supplier<HeartbeatSnapshot> snapshot;
    private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
    private final Object passLock = new Object();
    private final Object wakeLock = new Object();
    private final Instant startedAt;

    private volatile SyncState state = SyncState.STOPPED;
    private volatile ClockSkew skew;
    private volatile Instant failingSince;
    private volatile Instant holdUntil;
    private volatile Instant earliestRetry;
    /** Until when the backend asked (429/503 Retry-After) not to be sent to; null when it did not. */
    private volatile Instant throttledUntil;
    /** Entries pushed back during the current pass; an explicit pass must not pick them up again. Pass thread only. */
    private final Set<UUID> pushedBackThisPass = new HashSet<>();
    private volatile Instant nextHeartbeat;
    private volatile Boolean reachable;
    /** Transactions per batch in this pass: the configured size, smaller once the backend has answered 413. */
    private volatile int batchLimit;
    private boolean woken;
    private Thread thread;
    private ExecutorService uploaders;

    public SyncEngine(Outbox outbox, BackendClient client, SyncConfig config, Clock clock, Random random,
                      Supplier<HeartbeatSnapshot> snapshot) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), Objects.requireNonNull(random, "random"));
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.startedAt = clock.instant();
        this.batchLimit = config.batchSize();
    }

    // Observation //

    public SyncState state() {
        return state;
    }

    public void addListener(SyncListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The last measured difference server clock minus ours, if a heartbeat succeeded. */
    public Optional<Duration> clockSkew() {
        ClockSkew s = skew;
        return s == null ? Optional.empty() : Optional.of(s.skew());
    }

    /** True when the last measured skew is over 5 minutes: a warning for the administrator. */
    public boolean clockSkewWarning() {
        ClockSkew s = skew;
        return s != null && s.worthWarning();
    }

    /** Until when the background loop holds back its first attempt after a long outage, if it does. */
    Optional<Instant> holdUntil() {
        return Optional.ofNullable(holdUntil);
    }

    // Commands //

    /**
     * Uploads everything due now, oldest first, with up to {@code batchesInFlight} batches under way at once,
     * and stops taking new batches at the first failure (the failed entries are pushed back with their
     * backoff; batches already under way are still answered for). Does nothing while re-enrollment is needed.
     *
     * <p>Only this thread touches the outbox; the upload threads only send. An entry is in at most one batch
     * at a time: it stays pending while in flight, so each refill skips the ids still under way.
     */
    public SyncReport syncOnce() {
        return pass(false);
    }

    /**
     * An operator's explicit sync: as {@link #syncOnce()}, but every PENDING entry is sent now, whatever its next
     * attempt time (its own backoff after earlier failures); blocked entries stay blocked. The engine's own passes
     * keep their backoff. While a {@code Retry-After} from the backend is in force nothing is sent: the report
     * says so, with {@link SyncReport#waitUntil()}.
     */
    public SyncReport syncNow() {
        return pass(true);
    }

    /** The far future: "due at any time", for an explicit pass. */
    private static final Instant ANY_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    private SyncReport pass(boolean explicit) {
        synchronized (passLock) {
            if (state == SyncState.NEEDS_REENROLLMENT) {
                return new SyncReport(0, 0, 0, remaining(), "needs re-enrollment");
            }
            Instant throttled = throttledUntil;
            if (throttled != null && clock.instant().isBefore(throttled)) {
                return new SyncReport(0, 0, 0, remaining(), "THROTTLED: the backend asked not to be sent to before "
                        + throttled, throttled);
            }
            pushedBackThisPass.clear();
            int sent = 0;
            int acked = 0;
            int rejected = 0;
            String error = null;
            setState(SyncState.SYNCING);
            SyncState after = SyncState.IDLE;
            batchLimit = config.batchSize(); // each pass learns the backend's limit again: one oversized entry must not shrink every later pass
            CompletionService<Upload> uploads = new ExecutorCompletionService<>(uploaders());
            Set<UUID> inFlight = new HashSet<>();
            Deque<List<OutboxEntry>> ready = new ArrayDeque<>();
            int running = 0;
            boolean stopped = false;
            try {
                while (true) {
                    while (!stopped && running < config.batchesInFlight()) {
                        if (ready.isEmpty()) {
                            refill(ready, inFlight, explicit);
                        }
                        List<OutboxEntry> batch = ready.poll();
                        if (batch == null) {
                            break;
                        }
                        batch.forEach(e -> inFlight.add(e.transaction().id()));
                        uploads.submit(() -> upload(batch));
                        running++;
                        sent += batch.size();
                    }
                    if (running == 0) {
                        break;
                    }
                    Upload done = take(uploads);
                    if (done == null) {
                        // Closing: the batches still under way stay pending; close() stops their threads.
                        error = "sync stopped";
                        break;
                    }
                    running--;
                    done.batch().forEach(e -> inFlight.remove(e.transaction().id()));
                    BackendException failure = done.failure();
                    contacted(failure);
                    contact(failure == null || !unreachable(failure));
                    if (failure == null) {
                        failingSince = null;
                        int[] counts = apply(done.batch(), done.results());
                        acked += counts[0];
                        rejected += counts[1];
                        continue;
                    }
                    if (failure.status() == 413) {
                        rejected += tooLarge(done.batch(), ready);
                        continue;
                    }
                    stopped = true;
                    if (error == null) {
                        error = failure.kind() + ": " + failure.getMessage();
                    }
                    if (failure.kind() == BackendException.Kind.UNAUTHORIZED) {
                        // The token is revoked: keep every entry exactly as it is, stop until re-enrolled.
                        after = SyncState.NEEDS_REENROLLMENT;
                    } else {
                        pushBack(done.batch(), failure);
                        if (after != SyncState.NEEDS_REENROLLMENT) {
                            after = SyncState.BACKING_OFF;
                        }
                    }
                }
            } catch (StoreException e) {
                error = "store " + e.kind() + ": " + e.getMessage();
                after = SyncState.BACKING_OFF;
                LOG.log(System.Logger.Level.ERROR, "outbox failed during sync", e);
                drain(uploads, running); // their entries stay pending: sent again later, deduplicated by the backend
            }
            setState(after);
            Instant wait = throttledUntil;
            return new SyncReport(sent, acked, rejected, remaining(), error,
                    wait != null && clock.instant().isBefore(wait) ? wait : null);
        }
    }

    /**
     * The backend found the batch too large (413): it is split in two and both halves go first, and later
     * batches of this pass are no bigger than the halves. A single transaction that is still too large can never be
     * sent: it is rejected, kept for the administrator. Returns how many were rejected.
     */
    private int tooLarge(List<OutboxEntry> batch, Deque<List<OutboxEntry>> ready) throws StoreException {
        if (batch.size() == 1) {
            UUID id = batch.get(0).transaction().id();
            LOG.log(System.Logger.Level.WARNING, "transaction {0} is too large for the backend on its own: rejected", id);
            outbox.reject(id, "413: too large for the county backend even on its own");
            return 1;
        }
        int half = batch.size() / 2;
        batchLimit = Math.min(batchLimit, batch.size() - half);
        LOG.log(System.Logger.Level.INFO, "backend refused {0} transactions as too large; sending at most {1} at a time",
                batch.size(), batchLimit);
        ready.addFirst(new ArrayList<>(batch.subList(half, batch.size())));
        ready.addFirst(new ArrayList<>(batch.subList(0, half)));
        return 0;
    }

    /** One batch's upload, made on an upload thread: the answers, or why there are none. */
    private record Upload(List<OutboxEntry> batch, List<ItemResult> results, BackendException failure) {}

    private Upload upload(List<OutboxEntry> batch) {
        try {
            return new Upload(batch, client.uploadBatch(batch.stream().map(OutboxEntry::transaction).toList()), null);
        } catch (BackendException e) {
            return new Upload(batch, List.of(), e);
        } catch (RuntimeException e) {
            // Whatever went wrong, the pass hears about this batch like any other failure and waits for the rest.
            LOG.log(System.Logger.Level.ERROR, "upload failed unexpectedly", e);
            return new Upload(batch, List.of(),
                    new BackendException(BackendException.Kind.TRANSPORT, 0, null, "upload failed: " + e, e));
        }
    }

    /**
     * Reads the next batch of due entries, skipping those under way. One batch at a time: each slot is filled
     * the moment it frees, and a refill costs one batch's decryption, not a window's.
     */
    private void refill(Deque<List<OutboxEntry>> ready, Set<UUID> inFlight, boolean explicit) throws StoreException {
        Set<UUID> skip = inFlight;
        if (!pushedBackThisPass.isEmpty()) {
            skip = new HashSet<>(inFlight);
            skip.addAll(pushedBackThisPass); // tried in this pass already: an explicit pass would loop on them
        }
        List<OutboxEntry> due = outbox.peekDue(explicit ? ANY_TIME : clock.instant(), batchLimit, skip);
        if (!due.isEmpty()) {
            ready.add(new ArrayList<>(due));
        }
    }

    /** The next finished upload; null when this thread is interrupted (the engine is closing). */
    private static Upload take(CompletionService<Upload> uploads) {
        try {
            return uploads.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("upload() returns every failure; this is a bug", e.getCause());
        }
    }

    /** Waits for uploads still under way, so that no answer arrives after the pass has ended. */
    private static void drain(CompletionService<Upload> uploads, int running) {
        for (int i = 0; i < running; i++) {
            try {
                uploads.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized ExecutorService uploaders() {
        if (uploaders == null) {
            AtomicInteger n = new AtomicInteger();
            uploaders = Executors.newFixedThreadPool(config.batchesInFlight(), r -> {
                Thread t = new Thread(r, "kiosk-sync-upload-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return uploaders;
    }

    /** Matches results to entries by id; an entry without a usable result stays pending. Returns {acked, rejected}. */
    private int[] apply(List<OutboxEntry> sent, List<ItemResult> results) throws StoreException {
        Map<UUID, ItemResult> byId = new HashMap<>();
        for (ItemResult r : results) {
            byId.putIfAbsent(r.id(), r); // a result for an id we did not send is simply never looked up
        }
        Map<UUID, String> acknowledged = new java.util.LinkedHashMap<>();
        int rejected = 0;
        Instant now = clock.instant();
        for (OutboxEntry e : sent) {
            UUID id = e.transaction().id();
            ItemResult r = byId.get(id);
            if (r == null) {
                retry(e, now.plus(backoff.next(e.attempts())), "no result for this id in the backend's answer");
            } else if (r.status() == ItemResult.Status.REJECTED) {
                outbox.reject(id, r.reason() == null ? "rejected" : r.reason());
                rejected++;
            } else {
                acknowledged.put(id, r.backendRef()); // duplicate: the original backendRef, same as accepted
            }
        }
        outbox.acknowledgeAll(acknowledged); // one database transaction for the batch
        return new int[] {acknowledged.size(), rejected};
    }

    private void pushBack(List<OutboxEntry> entries, BackendException cause) throws StoreException {
        Instant now = clock.instant();
        if (failingSince == null) {
            failingSince = now;
        }
        throttled(cause, now);
        for (OutboxEntry e : entries) {
            Duration delay = cause.kind() == BackendException.Kind.THROTTLED && cause.retryAfter().isPresent()
                    ? backoff.afterServerSaid(cause.retryAfter().get())
                    : backoff.next(e.attempts());
            retry(e, now.plus(delay), cause.kind() + ": " + cause.getMessage());
        }
    }

    /** A 429/503 with {@code Retry-After}, to a batch or a heartbeat alike: nothing is sent to the backend before then. */
    private void throttled(BackendException cause, Instant now) {
        if (cause.kind() == BackendException.Kind.THROTTLED && cause.retryAfter().isPresent()) {
            Instant until = now.plus(cause.retryAfter().get());
            Instant was = throttledUntil;
            if (was == null || until.isAfter(was)) {
                throttledUntil = until;
            }
        }
    }

    private void retry(OutboxEntry e, Instant next, String why) throws StoreException {
        outbox.retryLater(e.transaction().id(), next, why);
        pushedBackThisPass.add(e.transaction().id());
        Instant earliest = earliestRetry;
        if (earliest == null || next.isBefore(earliest)) {
            earliestRetry = next;
        }
    }

    private long remaining() {
        try {
            return outbox.status(clock.instant()).pending();
        } catch (StoreException e) {
            return -1;
        }
    }

    /**
     * Sends a heartbeat with the caller's snapshot and the queue's state, and measures clock skew.
     * Returns false when the backend could not be reached (nothing else changes), or while its Retry-After is in force
     * (nothing is sent).
     */
    public boolean heartbeat() {
        if (state == SyncState.NEEDS_REENROLLMENT) {
            return false;
        }
        Instant throttled = throttledUntil;
        if (throttled != null && clock.instant().isBefore(throttled)) {
            return false; // the backend's Retry-After is in force: not even a heartbeat (the demo's line switch calls this)
        }
        try {
            Instant sentAt = clock.instant();
            QueueStatus queue = outbox.status(sentAt);
            long uptime = Duration.between(startedAt, sentAt).toSeconds();
            HeartbeatReply reply = client.heartbeat(snapshot.get(), queue, uptime);
            contacted(null);
            contact(true);
            ClockSkew measured = ClockSkew.measure(sentAt, clock.instant(), reply.serverTime().toInstant());
            skew = measured;
            if (measured.worthWarning()) {
                LOG.log(System.Logger.Level.WARNING, "clock skew against the backend: {0}", measured.skew());
                listeners.forEach(l -> l.clockSkew(measured.skew()));
            }
            for (String command : reply.commands()) {
                LOG.log(System.Logger.Level.INFO, "backend asks: {0}", command);
                listeners.forEach(l -> l.command(command));
            }
            listeners.forEach(l -> l.heartbeatDone(true));
            return true;
        } catch (BackendException e) {
            contacted(e);
            // sync-api.md: "429 and 503 may carry Retry-After ...; the client waits at least that long", whichever
            // request heard it: the next heartbeat and every pass wait (heartbeatDue, pass).
            throttled(e, clock.instant());
            if (unreachable(e)) {
                contact(false);
            }
            if (e.kind() == BackendException.Kind.UNAUTHORIZED) {
                setState(SyncState.NEEDS_REENROLLMENT);
            }
            LOG.log(System.Logger.Level.INFO, "heartbeat failed: {0}", e.getMessage());
            listeners.forEach(l -> l.heartbeatDone(false));
            return false;
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.ERROR, "heartbeat could not read the queue", e);
            return false;
        }
    }

    /** Something may be due: after an enqueue, or when the network came back. */
    public void wake() {
        synchronized (wakeLock) {
            woken = true;
            wakeLock.notifyAll();
        }
    }

    /**
     * The network is back. After a long outage the first attempt waits a random delay spread over the
     * reconnect window, so that a whole county of kiosks coming back together does not arrive together.
     */
    public void networkRestored() {
        Instant now = clock.instant();
        Instant since = failingSince;
        if (since != null && Duration.between(since, now).compareTo(config.longOutage()) >= 0) {
            holdUntil = now.plus(backoff.spread(config.reconnectWindow()));
        }
        wake();
    }

    /** Starts the {@code kiosk-sync} daemon thread: heartbeat at once, then syncing and heartbeats. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        try {
            // A kiosk that was off for long with a backlog counts as coming back from an outage.
            QueueStatus q = outbox.status(clock.instant());
            if (q.pending() > 0 && q.oldestPendingSec() >= config.longOutage().toSeconds()) {
                holdUntil = clock.instant().plus(backoff.spread(config.reconnectWindow()));
            }
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot read the queue at start", e);
        }
        nextHeartbeat = clock.instant();
        setState(SyncState.IDLE);
        thread = new Thread(this::loop, "kiosk-sync");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Instant now = clock.instant();
                if (heartbeatDue(now)) {
                    heartbeat();
                    nextHeartbeat = now.plus(config.heartbeatPeriod());
                }
                Instant hold = holdUntil;
                if (state != SyncState.NEEDS_REENROLLMENT && (hold == null || !now.isBefore(hold))) {
                    holdUntil = null;
                    Instant retry = earliestRetry;
                    if (retry != null && !now.isBefore(retry)) {
                        earliestRetry = null; // this pass takes them; a wake-up before then must not forget them
                    }
                    syncOnce();
                }
                waitForWork();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Never let the sync thread die silently: log, back off, go on.
                LOG.log(System.Logger.Level.ERROR, "sync pass failed", e);
                setState(SyncState.BACKING_OFF);
                try {
                    Thread.sleep(config.backoffBase().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Whether the loop sends a heartbeat now. While a backend's {@code Retry-After} is in force it does not: the heartbeat
     * is put off until then (not merely skipped, or the loop would wake for it over and over).
     */
    boolean heartbeatDue(Instant now) {
        Instant next = nextHeartbeat;
        if (next == null || now.isBefore(next)) {
            return false;
        }
        Instant throttled = throttledUntil;
        if (throttled != null && now.isBefore(throttled)) {
            nextHeartbeat = throttled;
            return false;
        }
        return true;
    }

    private void waitForWork() throws InterruptedException {
        Instant now = clock.instant();
        Instant until = now.plus(config.pollPeriod());
        Instant throttled = throttledUntil;
        if (throttled != null && !throttled.isAfter(now)) {
            throttled = null; // over: nothing to wake up for
        }
        for (Instant t : new Instant[] {nextHeartbeat, holdUntil, earliestRetry, throttled}) {
            if (t != null && t.isBefore(until)) {
                until = t;
            }
        }
        long ms = Math.max(Duration.between(now, until).toMillis(), 10);
        synchronized (wakeLock) {
            if (!woken) {
                wakeLock.wait(ms);
            }
            woken = false;
        }
    }

    /**
     * No answer, or a revoked token: online services cannot work. A backend that answers 429, 5xx or 413
     * is there (and busy); taking the online services away for that would punish villagers for load.
     */
    private static boolean unreachable(BackendException e) {
        return e.kind() == BackendException.Kind.TRANSPORT || e.kind() == BackendException.Kind.UNAUTHORIZED;
    }

    /** Tells the listeners of every contact that has ended, with {@code failure} or none. */
    private void contacted(BackendException failure) {
        boolean answered = failure == null || failure.kind() != BackendException.Kind.TRANSPORT;
        listeners.forEach(l -> l.contacted(answered));
    }

    /** Tells the listeners when the backend became usable or stopped being so. */
    private synchronized void contact(boolean ok) {
        Boolean was = reachable;
        if (was == null || was != ok) {
            reachable = ok;
            listeners.forEach(l -> l.reachability(ok));
        }
    }

    /** Whether the last contact with the backend succeeded; empty before the first. */
    public Optional<Boolean> reachable() {
        return Optional.ofNullable(reachable);
    }

    private void setState(SyncState s) {
        if (state != s) {
            state = s;
            listeners.forEach(l -> l.stateChanged(s));
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (uploaders != null) {
                uploaders.shutdownNow();
                uploaders = null;
            }
        }
        if (state != SyncState.NEEDS_REENROLLMENT) {
            setState(SyncState.STOPPED);
        }
    }
}
