package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.app.service.Member;
import cn.yzz.kiosk.cache.Payments;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.StoreException;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.sync.BackendClient;
import cn.yzz.kiosk.cache.sync.BackendException;
import cn.yzz.kiosk.cache.sync.PaymentStatus;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The county and the kiosk's records as a service run needs them, over the {@link CountyLink}: the store
 * (outbox, payment journal) and the enrolled backend client. Every call runs on the {@code kiosk-county-N}
 * threads, never on the JavaFX thread; a poll never waits behind a slow household look-up (two threads).
 *
 * <p>It also finishes the payments a crash or power cut left open ({@link #recoverOpenPayments()}): paid at
 * the county → queued exactly once; not paid → cancelled there and closed here. A payment a villager has on
 * screen now is never touched by that.
 */
final class CountyServices implements County, AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.county");

    private final Supplier<Optional<CountyLink>> link;
    private final ExecutorService work;
    /** Payments a run on screen holds open: recovery leaves them to it. */
    private final Set<UUID> live = ConcurrentHashMap.newKeySet();

    CountyServices(Supplier<Optional<CountyLink>> link) {
        this.link = Objects.requireNonNull(link, "link");
        AtomicInteger n = new AtomicInteger();
        this.work = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kiosk-county-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    private <T> CompletableFuture<T> async(Call<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        work.execute(() -> {
            try {
                f.complete(call.call());
            } catch (BackendException e) {
                f.completeExceptionally(translate(e));
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static RuntimeException translate(BackendException e) {
        return switch (e.kind()) {
            case CLIENT -> e.status() == 404 ? new NotFound(e.getMessage()) : new IllegalStateException(e.getMessage(), e);
            case MALFORMED -> new IllegalStateException(e.getMessage(), e);
            case SERVER -> new Unreachable(e.getMessage(), e, Unreachable.Why.SERVER);
            case THROTTLED -> new Unreachable(e.getMessage(), e, Unreachable.Why.SERVER, e.retryAfter().orElse(null));
            default -> new Unreachable(e.getMessage(), e, timedOut(e) ? Unreachable.Why.SLOW : Unreachable.Why.LINE);
        };
    }

    /** A call that got no answer in time (OkHttp's read or call timeout), as opposed to no connection at all. */
    private static boolean timedOut(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private CountyLink link() {
        return link.get().orElseThrow(() -> new IllegalStateException("the outbox is not open"));
    }

    private BackendClient client() {
        return link().client().orElseThrow(() -> new Unreachable("not enrolled with the county", null));
    }

    @Override
    public CompletableFuture<List<Member>> household(String idNumber) {
        return async(() -> client().household(idNumber).stream().map(m -> new Member(m.name(), m.idNumber(), m.relation()))
                .toList());
    }

    @Override
    public CompletableFuture<QueryAnswer> query(String serviceCode, Person person, Map<String, Object> data) {
        return async(() -> client().query(serviceCode, person, data));
    }

    @Override
    public CompletableFuture<Person> resolveCode(String code) {
        return async(() -> client().resolveIdentity(code).person());
    }

    @Override
    public CompletableFuture<County.QrOrder> openQrOrder(Transaction draft) {
        live.add(draft.id());
        return async(() -> {
            CountyLink l = link();
            l.payments().open(draft); // durable before the order exists, so a crash after this is found at start
            cn.yzz.kiosk.cache.sync.QrOrder o = client().createQrPayment(draft.id(), draft.serviceCode(), draft.amountFen(), draft.person());
            Payments.State s = l.payments().orderCreated(draft.id(), o.orderId(), o.payUrl(), o.expiresAt().toInstant());
            if (s != Payments.State.OPEN) {
                throw new IllegalStateException("payment " + draft.id() + " was closed while its order was made");
            }
            return new County.QrOrder(o.orderId(), o.payUrl(), o.expiresAt().toInstant());
        }).whenComplete((o, error) -> {
            if (error != null) {
                live.remove(draft.id()); // the journal keeps it open: recovery cancels a half-made order
            }
        });
    }

    @Override
    public CompletableFuture<OrderState> orderState(String orderId) {
        return async(() -> state(client().paymentStatus(orderId)));
    }

    @Override
    public CompletableFuture<OrderState> cancelOrder(UUID transactionId, String orderId) {
        return async(() -> state(client().cancelPayment(orderId)));
    }

    @Override
    public CompletableFuture<Void> closeOrder(UUID transactionId, OrderState state) {
        return async(() -> {
            try {
                Payments.State after = link().payments().close(transactionId,
                        state == OrderState.EXPIRED ? Payments.State.EXPIRED : Payments.State.CANCELLED);
                if (after == Payments.State.PAID) {
                    LOG.warning(() -> "payment " + transactionId + " was paid after all; it is queued");
                }
            } finally {
                live.remove(transactionId);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Transaction> commitPaid(UUID transactionId) {
        return async(() -> {
            CountyLink l = link();
            Transaction t = l.payments().paid(transactionId, kioskIdOrPlaceholder(l));
            live.remove(transactionId);
            l.queued();
            return t;
        });
    }

    @Override
    public void abandonOrder(UUID transactionId, String orderId) {
        work.execute(() -> {
            try {
                end(link(), transactionId, client().cancelPayment(orderId), "left by an ended visit");
            } catch (BackendException | StoreException | RuntimeException e) {
                LOG.info(() -> "payment " + transactionId + " left open for the next recovery: " + e.getMessage());
            } finally {
                live.remove(transactionId); // whatever happened, it is the recovery's now
            }
        });
    }

    @Override
    public CompletableFuture<Transaction> commit(Transaction t) {
        return async(() -> {
            CountyLink l = link();
            Transaction stored = l.outbox().enqueueReceipted(t, kioskIdOrPlaceholder(l));
            l.queued();
            return stored;
        });
    }

    @Override
    public CompletableFuture<Void> queue(Transaction t) {
        return async(() -> {
            CountyLink l = link();
            l.outbox().enqueue(t);
            l.queued();
            return null;
        });
    }

    @Override
    public String kioskId() {
        return link.get().map(CountyLink::kioskId).orElse("");
    }

    /** Receipt numbers begin with the kiosk's id; a kiosk not yet enrolled says so in its place. */
    private static String kioskIdOrPlaceholder(CountyLink l) {
        String id = l.kioskId();
        return id.isEmpty() ? "UNENROLLED" : id;
    }

    private static OrderState state(PaymentStatus s) {
        return switch (s) {
            case PENDING -> OrderState.PENDING;
            case PAID -> OrderState.PAID;
            case EXPIRED -> OrderState.EXPIRED;
            case CANCELLED -> OrderState.CANCELLED;
        };
    }

    /**
     * Ends every payment a crash or power cut left open (not those a villager has on screen): paid at the
     * county → queued with its receipt, exactly once; otherwise cancelled there and closed here. A payment whose
     * order the county cannot be asked about now stays open for the next try. Call off the JavaFX thread.
     *
     * @return how many were ended
     */
    int recoverOpenPayments() {
        Optional<CountyLink> l = link.get();
        if (l.isEmpty() || l.get().client().isEmpty()) {
            return 0;
        }
        int ended = 0;
        List<Payments.OpenPayment> open;
        try {
            open = l.get().payments().open();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot list the open payments", e);
            return 0;
        }
        for (Payments.OpenPayment p : open) {
            UUID id = p.draft().id();
            if (live.contains(id)) {
                continue;
            }
            try {
                BackendClient c = l.get().client().orElseThrow();
                String orderId = p.orderId();
                if (orderId == null) {
                    // The kiosk stopped before it heard of its order; asking again returns the same order, if any.
                    cn.yzz.kiosk.cache.sync.QrOrder o = c.createQrPayment(id, p.draft().serviceCode(), p.draft().amountFen(), p.draft().person());
                    orderId = o.orderId();
                    l.get().payments().orderCreated(id, o.orderId(), o.payUrl(), o.expiresAt().toInstant());
                }
                PaymentStatus s = c.paymentStatus(orderId);
                if (s == PaymentStatus.PENDING) {
                    s = c.cancelPayment(orderId);
                }
                end(l.get(), id, s, "recovered");
                ended++;
            } catch (BackendException e) {
                LOG.info(() -> "open payment " + id + " left for later: " + e.getMessage());
            } catch (StoreException | RuntimeException e) {
                LOG.log(Level.WARNING, "recovering payment " + id, e);
            }
        }
        return ended;
    }

    /**
     * Ends a journaled payment the way the county's final answer says: paid → queued with its receipt (once, however
     * often this runs); expired or cancelled → closed.
     */
    private static void end(CountyLink l, UUID id, PaymentStatus s, String how) throws StoreException {
        if (s == PaymentStatus.PAID) {
            Transaction t = l.payments().paid(id, kioskIdOrPlaceholder(l));
            l.queued();
            LOG.info(() -> "payment " + id + " (" + how + "): paid, queued as receipt " + t.receiptNo());
        } else {
            l.payments().close(id, s == PaymentStatus.EXPIRED ? Payments.State.EXPIRED : Payments.State.CANCELLED);
            LOG.info(() -> "payment " + id + " (" + how + "): not paid (" + s.wire() + "), closed");
        }
    }

    /** Runs {@link #recoverOpenPayments()} on a county thread. */
    void recoverInBackground() {
        work.execute(() -> {
            int n = recoverOpenPayments();
            if (n > 0) {
                LOG.info(() -> n + " payment(s) left open by an earlier run were ended");
            }
        });
    }

    @Override
    public void close() {
        work.shutdownNow();
    }
}
