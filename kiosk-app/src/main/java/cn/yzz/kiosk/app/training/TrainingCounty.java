package cn.yzz.kiosk.app.training;

import cn.yzz.kiosk.app.CountyLink;
import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.app.service.Member;
import cn.yzz.kiosk.cache.Payments;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The county as a service run meets it in 培训模式, with no network: a phone payment is paid when the trainer taps
 * 模拟扫码付款 ({@link #payOpenOrder()}), a query answers sample rows, a 粤省事码 is 培训学员's only if it is the
 * training rig's, and whatever is finished goes into the training store with a receipt number beginning
 * {@value #KIOSK_ID}. That store is never enrolled, so nothing reaches the county. The work runs on
 * {@code kiosk-training-county}, never on the JavaFX thread.
 */
final class TrainingCounty implements County, AutoCloseable {

    private static final Logger LOG = Logger.getLogger("cn.yzz.kiosk.app.training");

    /** Receipt numbers in training begin with it: 培训-20260501-0001, plainly no county's. */
    static final String KIOSK_ID = "培训";

    private static final Duration ORDER_LIFE = Duration.ofMinutes(5);

    private final Supplier<Optional<CountyLink>> link;
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kiosk-training-county");
        t.setDaemon(true);
        return t;
    });
    /** Orders on screen, by order id, and whether the trainer has paid them. */
    private final Map<String, OrderState> orders = new ConcurrentHashMap<>();
    private volatile String newest;

    TrainingCounty(Supplier<Optional<CountyLink>> link) {
        this.link = Objects.requireNonNull(link, "link");
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
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private CountyLink store() {
        return link.get().orElseThrow(() -> new IllegalStateException("the training store is not open yet"));
    }

    /**
     * 模拟扫码付款: the newest order on screen is paid, as if the villager's phone had paid it; the kiosk sees it at its
     * next poll. False when no order is waiting.
     */
    boolean payOpenOrder() {
        String id = newest;
        if (id == null || !orders.replace(id, OrderState.PENDING, OrderState.PAID)) {
            return false;
        }
        LOG.info(() -> "training: order " + id + " paid by the trainer");
        return true;
    }

    @Override
    public CompletableFuture<List<Member>> household(String idNumber) {
        return async(() -> List.of(
                new Member(TrainingRig.CARD.card().name(), TrainingRig.CARD.card().idNumber(), "本人"),
                new Member(TrainingRig.ELDER_CARD.card().name(), TrainingRig.ELDER_CARD.card().idNumber(), "母亲")));
    }

    @Override
    public CompletableFuture<QrOrder> openQrOrder(Transaction draft) {
        return async(() -> {
            CountyLink l = store();
            l.payments().open(draft);
            String orderId = "PX" + draft.id().toString().replace("-", "").substring(0, 16);
            // What a phone finds in the code on screen: words, no address.
            String payUrl = "培训模式：这不是真实的付款码 " + orderId;
            Instant expires = Instant.now().plus(ORDER_LIFE);
            if (l.payments().orderCreated(draft.id(), orderId, payUrl, expires) != Payments.State.OPEN) {
                throw new IllegalStateException("payment " + draft.id() + " was closed while its order was made");
            }
            orders.put(orderId, OrderState.PENDING);
            newest = orderId;
            return new QrOrder(orderId, payUrl, expires);
        });
    }

    @Override
    public CompletableFuture<OrderState> orderState(String orderId) {
        return CompletableFuture.completedFuture(orders.getOrDefault(orderId, OrderState.EXPIRED));
    }

    @Override
    public CompletableFuture<OrderState> cancelOrder(UUID transactionId, String orderId) {
        OrderState s = orders.computeIfPresent(orderId, (k, was) -> was == OrderState.PAID ? was : OrderState.CANCELLED);
        return CompletableFuture.completedFuture(s == null ? OrderState.CANCELLED : s);
    }

    @Override
    public CompletableFuture<Void> closeOrder(UUID transactionId, OrderState state) {
        return async(() -> {
            store().payments().close(transactionId, state == OrderState.EXPIRED ? Payments.State.EXPIRED : Payments.State.CANCELLED);
            return null;
        });
    }

    @Override
    public CompletableFuture<Transaction> commitPaid(UUID transactionId) {
        return async(() -> store().payments().paid(transactionId, KIOSK_ID));
    }

    @Override
    public void abandonOrder(UUID transactionId, String orderId) {
        cancelOrder(transactionId, orderId).thenAccept(s -> {
            if (s == OrderState.PAID) {
                commitPaid(transactionId);
            } else {
                closeOrder(transactionId, s);
            }
        });
    }

    @Override
    public CompletableFuture<Transaction> commit(Transaction t) {
        return async(() -> store().outbox().enqueueReceipted(t, KIOSK_ID));
    }

    @Override
    public CompletableFuture<QueryAnswer> query(String serviceCode, Person person, Map<String, Object> data) {
        return async(() -> new QueryAnswer("培训样例（不是真实记录）", List.of(
                List.of("年月", "项目", "金额（元）", "状态"),
                List.of("2025-10", "培训样例", "100.00", "已缴"),
                List.of("2025-11", "培训样例", "100.00", "已缴"),
                List.of("2025-12", "培训样例", "100.00", "已缴"),
                List.of("2026-01", "培训样例", "120.00", "已缴"),
                List.of("2026-02", "培训样例", "120.00", "未缴")),
                "培训模式：以上是样例数据，不是任何人的记录", ""));
    }

    @Override
    public CompletableFuture<Person> resolveCode(String code) {
        if (TrainingRig.CODE.equals(code)) {
            return CompletableFuture.completedFuture(new Person(TrainingRig.CARD.card().idNumber(), TrainingRig.CARD.card().name()));
        }
        return CompletableFuture.failedFuture(new NotFound("培训模式只认培训用的粤省事码"));
    }

    @Override
    public CompletableFuture<Void> queue(Transaction t) {
        return async(() -> {
            store().outbox().enqueue(t);
            return null;
        });
    }

    @Override
    public String kioskId() {
        return KIOSK_ID;
    }

    @Override
    public void close() {
        work.shutdownNow();
    }
}
