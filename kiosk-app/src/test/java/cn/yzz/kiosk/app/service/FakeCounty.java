package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The county and the kiosk's records for the engine's tests: answers at once, on the caller's thread,
 * as scripted. {@link #down} makes every call fail as a cut line does; {@link #state} is what the next
 * poll answers.
 */
public final class FakeCounty implements County {

    public boolean down;
    /** With {@link #down}: the county is there but asks not to be asked again for this long (429/503 Retry-After). */
    public java.time.Duration retryAfter;
    public OrderState state = OrderState.PENDING;
    /** The villager pays just as they tap 取消支付. */
    public boolean paidWhenCancelled;
    public boolean storeFull;
    public List<Member> household = List.of();
    /** What a query answers; null: 404. */
    public QueryAnswer queryAnswer;
    /** A query's future is left pending (a slow county) until the test completes it. */
    public boolean queryHangs;
    public CompletableFuture<QueryAnswer> pendingQuery;
    /** 粤省事码 the county knows, and whom each stands for. */
    public final Map<String, Person> codes = new LinkedHashMap<>();
    /** A resolve's future is left pending (a slow county) until the test completes {@link #pendingResolve}. */
    public boolean resolveHangs;
    public CompletableFuture<Person> pendingResolve;
    public final Map<UUID, Transaction> journal = new LinkedHashMap<>();
    public final List<Transaction> queued = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    private final Clock clock;
    private int orders;
    private int receipts;

    public FakeCounty(Clock clock) {
        this.clock = clock;
    }

    private <T> CompletableFuture<T> answer(String call, java.util.function.Supplier<T> value) {
        calls.add(call);
        if (down) {
            return CompletableFuture.failedFuture(retryAfter == null ? new Unreachable("line down", null)
                    : new Unreachable("busy", null, Unreachable.Why.SERVER, retryAfter));
        }
        return CompletableFuture.completedFuture(value.get());
    }

    @Override
    public CompletableFuture<List<Member>> household(String idNumber) {
        if (!down && household.isEmpty()) {
            calls.add("household");
            return CompletableFuture.failedFuture(new NotFound("no household"));
        }
        return answer("household", () -> household);
    }

    @Override
    public CompletableFuture<QueryAnswer> query(String serviceCode, Person person, Map<String, Object> data) {
        if (queryHangs && !down) {
            calls.add("query " + serviceCode);
            pendingQuery = new CompletableFuture<>();
            return pendingQuery;
        }
        if (!down && queryAnswer == null) {
            calls.add("query " + serviceCode);
            return CompletableFuture.failedFuture(new NotFound("no such record"));
        }
        return answer("query " + serviceCode, () -> queryAnswer);
    }

    @Override
    public CompletableFuture<Person> resolveCode(String code) {
        if (resolveHangs && !down) {
            calls.add("resolve");
            pendingResolve = new CompletableFuture<>();
            return pendingResolve;
        }
        if (!down && !codes.containsKey(code)) {
            calls.add("resolve");
            return CompletableFuture.failedFuture(new NotFound("unknown code"));
        }
        return answer("resolve", () -> codes.get(code));
    }

    @Override
    public CompletableFuture<QrOrder> openQrOrder(Transaction draft) {
        journal.put(draft.id(), draft);
        return answer("open", () -> new QrOrder("PO" + (++orders), "http://127.0.0.1:1/dev/pay/PO" + orders,
                clock.instant().plus(Duration.ofMinutes(5))));
    }

    @Override
    public CompletableFuture<OrderState> orderState(String orderId) {
        return answer("poll", () -> state);
    }

    @Override
    public CompletableFuture<OrderState> cancelOrder(UUID transactionId, String orderId) {
        return answer("cancel", () -> paidWhenCancelled ? OrderState.PAID : OrderState.CANCELLED);
    }

    @Override
    public CompletableFuture<Void> closeOrder(UUID transactionId, OrderState s) {
        calls.add("close " + s);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void abandonOrder(UUID transactionId, String orderId) {
        calls.add("abandon " + orderId);
    }

    @Override
    public CompletableFuture<Transaction> commitPaid(UUID transactionId) {
        calls.add("commitPaid");
        Transaction d = journal.get(transactionId);
        Transaction t = new Transaction(d.id(), d.type(), d.serviceCode(), d.createdAt(), d.sessionId(), d.person(), d.data(),
                d.amountFen(), d.method(), "PO" + orders, d.cash(), receiptNo());
        if (queued.stream().noneMatch(q -> q.id().equals(t.id()))) {
            queued.add(t);
        }
        return CompletableFuture.completedFuture(t);
    }

    @Override
    public CompletableFuture<Transaction> commit(Transaction t) {
        calls.add("commit");
        if (storeFull) {
            return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
        }
        Transaction stored = new Transaction(t.id(), t.type(), t.serviceCode(), t.createdAt(), t.sessionId(), t.person(),
                t.data(), t.amountFen(), t.method(), t.orderId(), t.cash(), receiptNo());
        queued.add(stored);
        return CompletableFuture.completedFuture(stored);
    }

    @Override
    public CompletableFuture<Void> queue(Transaction t) {
        calls.add("queue " + t.type());
        queued.add(t);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String kioskId() {
        return "WJ-0042";
    }

    private String receiptNo() {
        return String.format("WJ-0042-20261206-%04d", ++receipts);
    }
}
