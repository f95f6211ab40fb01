package cn.yzz.kiosk.app;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.service.County;
import cn.yzz.kiosk.app.service.EvaluateStep;
import cn.yzz.kiosk.app.service.FieldStep;
import cn.yzz.kiosk.app.service.Member;
import cn.yzz.kiosk.app.service.Offer;
import cn.yzz.kiosk.app.service.PayerStep;
import cn.yzz.kiosk.app.service.Plan;
import cn.yzz.kiosk.app.service.QrPayStep;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.ReceiptStep;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.service.Step;
import cn.yzz.kiosk.app.service.SummaryStep;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.sync.HeartbeatSnapshot;
import cn.yzz.kiosk.cache.sync.SyncEngine;
import cn.yzz.kiosk.cache.sync.SyncReport;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The child "kiosk" JVM of {@link PaymentCrashTest}: the kiosk's real payment path without a screen. It opens
 * {@link CountyLink} on an enrolled data folder, builds {@link CountyServices} over it, and drives {@link ServiceRun}s
 * of SWJ-0001 from the bundled catalogue through {@link Offer#plan} and the step models, on a single thread standing
 * in for the JavaFX thread, with the kiosk's own {@link FxScheduler} over a timer thread.
 *
 * <p>Arguments: data folder, mode, poll delay (ms), cancel percentage, runs (0: no limit), seed.
 * <ul>
 *   <li>{@code run}: as the kiosk starts (open payments a crash left are ended in the background, on the county
 *       threads, while villagers are served), then visit after visit until the test kills it with SIGKILL. Prints
 *       {@code READY}, then {@code ORDER order=<orderId> tx=<uuid> payUrl=<url>} once an order is journaled and
 *       created, {@code PAID order=… tx=… receipt=…} once a payment is committed (缴费成功), {@code ENDED …} for
 *       one that ended unpaid. The poll delay holds every answer to a poll back that long, so that a payment can be
 *       paid at the county and not yet committed here for a real while. The cancel percentage is how often the
 *       villager taps 取消支付 (after 0.3–2 s).
 *   <li>{@code recover}: as a restarted kiosk: {@link CountyServices#recoverOpenPayments()}, then
 *       {@link SyncEngine#syncNow()} on the link's engine until the queue is empty; prints
 *       {@code RECOVERED ended=… open=… pending=… blocked=… rejected=… passes=…} and exits.
 * </ul>
 */
public final class PaymentCrashKiosk {

    static final String SERVICE = "SWJ-0001";

    private PaymentCrashKiosk() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String mode = args[1];
        long pollDelayMs = Long.parseLong(args[2]);
        int cancelPercent = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

        CountyLink link = CountyLink.open(dataDir, HeartbeatSnapshot::empty, ok -> { });
        CountyServices services = new CountyServices(() -> Optional.of(link));
        if (mode.equals("recover")) {
            recover(link, services, out);
            return;
        }
        if (!mode.equals("run")) {
            throw new IllegalArgumentException("mode: run or recover, not " + mode);
        }
        services.recoverInBackground(); // as Kiosk.connectCountyInBackground does once the outbox is open

        ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "fx-standin"));
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kiosk-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        Scheduler scheduler = new FxScheduler(timers, fx);
        Service service = CatalogParser.bundled().service(SERVICE).orElseThrow();
        Offer.Result offer = Offer.plan(service, new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"));
        if (!offer.offered()) {
            throw new IllegalStateException(SERVICE + " not offered: " + offer.whyNot());
        }
        Visitor v = new Visitor(offer.plan(), new Reporting(services, pollDelayMs, out), fx, scheduler,
                Clock.system(ZoneId.of("Asia/Shanghai")), new Random(seed), cancelPercent, runs, out);
        out.println("READY");
        out.flush();
        fx.execute(v::next);
        // Runs until killed (or, with a run limit, until the last run ends and the test kills it all the same).
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void recover(CountyLink link, CountyServices services, PrintStream out) throws Exception {
        int ended = services.recoverOpenPayments();
        int open = link.payments().open().size();
        SyncEngine engine = link.engine().orElseThrow(() -> new IllegalStateException("not enrolled"));
        SyncReport r;
        int passes = 0;
        do {
            if (passes > 0) {
                Thread.sleep(100);
            }
            r = engine.syncNow();
            passes++;
        } while (!r.complete() && passes < 40);
        QueueStatus q = link.outbox().status(Instant.now());
        out.printf("RECOVERED ended=%d open=%d pending=%d blocked=%d rejected=%d passes=%d last=%s%n", ended, open,
                q.pending(), q.blocked(), q.rejected(), passes, r);
        out.flush();
        services.close();
        link.close();
        System.exit(0);
    }

    /**
     * The county as the run sees it: the kiosk's {@link CountyServices}, with the order's line printed once it is
     * journaled and created, and each poll's answer held back {@code pollDelayMs} (not on the county threads).
     */
    private static final class Reporting implements County {
        private final CountyServices county;
        private final long pollDelayMs;
        private final PrintStream out;

        Reporting(CountyServices county, long pollDelayMs, PrintStream out) {
            this.county = county;
            this.pollDelayMs = pollDelayMs;
            this.out = out;
        }

        @Override
        public CompletableFuture<List<Member>> household(String idNumber) {
            return county.household(idNumber);
        }

        @Override
        public CompletableFuture<cn.yzz.kiosk.cache.sync.QueryAnswer> query(String serviceCode, cn.yzz.kiosk.cache.Person person,
                                                                           java.util.Map<String, Object> data) {
            return county.query(serviceCode, person, data);
        }

        @Override
        public CompletableFuture<cn.yzz.kiosk.cache.Person> resolveCode(String code) {
            return county.resolveCode(code);
        }

        @Override
        public CompletableFuture<QrOrder> openQrOrder(Transaction draft) {
            return county.openQrOrder(draft).thenApply(o -> {
                synchronized (out) {
                    out.println("ORDER order=" + o.orderId() + " tx=" + draft.id() + " payUrl=" + o.payUrl());
                    out.flush();
                }
                return o;
            });
        }

        @Override
        public CompletableFuture<OrderState> orderState(String orderId) {
            if (pollDelayMs <= 0) {
                return county.orderState(orderId);
            }
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(pollDelayMs, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> county.orderState(orderId));
        }

        @Override
        public CompletableFuture<OrderState> cancelOrder(UUID transactionId, String orderId) {
            return county.cancelOrder(transactionId, orderId);
        }

        @Override
        public CompletableFuture<Void> closeOrder(UUID transactionId, OrderState state) {
            return county.closeOrder(transactionId, state);
        }

        @Override
        public void abandonOrder(UUID transactionId, String orderId) {
            county.abandonOrder(transactionId, orderId);
        }

        @Override
        public CompletableFuture<Transaction> commitPaid(UUID transactionId) {
            return county.commitPaid(transactionId);
        }

        @Override
        public CompletableFuture<Transaction> commit(Transaction t) {
            return county.commit(t);
        }

        @Override
        public CompletableFuture<Void> queue(Transaction t) {
            return county.queue(t);
        }

        @Override
        public String kioskId() {
            return county.kioskId();
        }
    }

    /** A villager with an ID card who pays SWJ-0001 by phone, visit after visit; everything on the fx thread. */
    private static final class Visitor {
        private final Plan plan;
        private final County county;
        private final ExecutorService fx;
        private final Scheduler scheduler;
        private final Clock clock;
        private final Random random;
        private final int cancelPercent;
        private final int runs;
        private final PrintStream out;
        private int n;

        Visitor(Plan plan, County county, ExecutorService fx, Scheduler scheduler, Clock clock, Random random,
                int cancelPercent, int runs, PrintStream out) {
            this.plan = plan;
            this.county = county;
            this.fx = fx;
            this.scheduler = scheduler;
            this.clock = clock;
            this.random = random;
            this.cancelPercent = cancelPercent;
            this.runs = runs;
            this.out = out;
        }

        void next() {
            if (runs > 0 && n >= runs) {
                line("DONE " + n);
                return;
            }
            n++;
            ServiceRun r = new ServiceRun(plan, new ServiceRun.Context(cn.yzz.kiosk.app.flow.Villager.of(CardFixtures.RESIDENT.card()), "crash-visit-" + n
                    + "-" + UUID.randomUUID(), county, ReceiptOut.NONE, fx, scheduler, clock, () -> () -> { }, () -> { },
                    () -> fx.execute(this::next)));
            // Acts on each step after it is shown, as a villager's tap comes after the screen is drawn.
            r.currentProperty().addListener((o, was, now) -> fx.execute(() -> act(r, now)));
            r.start();
        }

        private void act(ServiceRun r, Step step) {
            if (r.ended() || step != r.currentProperty().get()) {
                return;
            }
            if (step instanceof PayerStep p) {
                p.choose(p.choices().get(0));
            } else if (step instanceof FieldStep f) {
                Field field = f.field();
                if (field.type() == FieldType.CHOICE) {
                    f.choose(field.options().get(random.nextInt(field.options().size())));
                } else if (field.type() == FieldType.CONFIRM) {
                    f.confirm();
                } else {
                    throw new IllegalStateException("the crash kiosk does not answer a " + field.type() + " field");
                }
            } else if (step instanceof SummaryStep s) {
                s.confirm();
            } else if (step instanceof QrPayStep q) {
                q.stateProperty().addListener((o, was, now) -> paying(r, q, now));
                paying(r, q, q.stateProperty().get());
            } else if (step instanceof ReceiptStep rs) {
                if (rs.stateProperty().get() == ReceiptStep.State.ASK) {
                    rs.skip();
                } else {
                    rs.next();
                }
            } else if (step instanceof EvaluateStep e) {
                e.rate(5);
                e.submit();
            } else {
                throw new IllegalStateException("unexpected step " + step.kind());
            }
        }

        /** On the fx thread, as the state changes. */
        private void paying(ServiceRun r, QrPayStep q, QrPayStep.State s) {
            switch (s) {
                case SHOWING -> {
                    if (random.nextInt(100) < cancelPercent) {
                        scheduler.after(Duration.ofMillis(300 + random.nextInt(1700)), q::cancel); // 取消支付
                    }
                }
                case PAID -> {
                    Transaction t = q.stored();
                    line("PAID order=" + t.orderId() + " tx=" + t.id() + " receipt=" + t.receiptNo());
                    fx.execute(q::next);
                }
                case CANCELLED, EXPIRED, FAILED -> {
                    County.QrOrder o = q.orderProperty().get();
                    line("ENDED " + s + " order=" + (o == null ? "-" : o.orderId()));
                    fx.execute(q::giveUp);
                }
                default -> { }
            }
        }

        private void line(String s) {
            synchronized (out) {
                out.println(s);
                out.flush();
            }
        }
    }
}
