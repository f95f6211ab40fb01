package cn.yzz.kiosk.cashin;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import cn.yzz.kiosk.cashin.CashDesk.Progress;
import cn.yzz.kiosk.cashin.CashDesk.Result;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** What a payment's listener heard, in order, and on which thread. */
class Heard implements CashDesk.Listener {

    final List<Progress> all = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CompletableFuture<Result> ended = new CompletableFuture<>();

    @Override
    public void on(Progress p) {
        all.add(p);
        threads.add(Thread.currentThread().getName());
        if (p instanceof Progress.Ended e) {
            ended.complete(e.result());
        }
    }

    Result awaitEnd() {
        try {
            return ended.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the payment did not end; heard " + all, e);
        }
    }

    <T extends Progress> List<T> of(Class<T> kind) {
        return all.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** A cash payment's draft as the kiosk journals it. */
    static Transaction draft(long dueFen) {
        return new Transaction(UuidV7.next(), "payment", "SWJ-0001", OffsetDateTime.of(2026, 11, 22, 9, 30, 0, 0,
                ZoneOffset.ofHours(8)), "session-c", new Person("440203195103152316", "李秀英"), Map.of("grade", "300"),
                dueFen, Transaction.CASH, null, null, null);
    }

    /** Retries {@code check} for up to 5 s: listeners hear on the desk's thread, a moment after the unit's event. */
    static void eventually(Runnable check) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
