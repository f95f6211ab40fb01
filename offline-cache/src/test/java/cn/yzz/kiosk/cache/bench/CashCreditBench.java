package cn.yzz.kiosk.cache.bench;

import cn.yzz.kiosk.cache.CashJournal;
import cn.yzz.kiosk.cache.CashJournal.Ending;
import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's share of "CREDIT to the amount on screen" (issue 12 asks ≤ 100 ms for the whole path): the
 * time of {@link CashJournal#credited} (one IMMEDIATE transaction, WAL + synchronous=FULL, then the payment read
 * back for the screen), and of escrowed and settle beside it, in payments of five notes on a journal that
 * already holds some thousand rows. Prints median and p95; never asserts.
 */
@Tag("bench")
class CashCreditBench {

    private static final int WARMUP_PAYMENTS = 60;
    private static final int PAYMENTS = 300;
    private static final int NOTES = 5;

    @TempDir
    Path dir;

    @Test
    void creditedCommitTime() throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("kiosk"), Settings.defaults())) {
            CashJournal cash = store.cash();
            for (int i = 0; i < WARMUP_PAYMENTS; i++) {
                pay(cash, null, null, null, 0);
            }
            long[] credit = new long[PAYMENTS * NOTES];
            long[] escrow = new long[PAYMENTS * NOTES];
            long[] settle = new long[PAYMENTS];
            for (int i = 0; i < PAYMENTS; i++) {
                pay(cash, credit, escrow, settle, i);
            }
            System.out.printf("CashCreditBench: credited() commit median %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms"
                            + " (%d notes); escrowed() median %.2f ms, p95 %.2f ms; settle() median %.2f ms, p95 %.2f ms"
                            + " (%d payments); goal CREDIT→screen ≤ 100 ms: %s%n",
                    BenchSupport.ms(BenchSupport.quantile(credit, 0.5)), BenchSupport.ms(BenchSupport.quantile(credit, 0.95)),
                    BenchSupport.ms(BenchSupport.quantile(credit, 0.99)), BenchSupport.ms(BenchSupport.quantile(credit, 1.0)),
                    credit.length, BenchSupport.ms(BenchSupport.quantile(escrow, 0.5)),
                    BenchSupport.ms(BenchSupport.quantile(escrow, 0.95)), BenchSupport.ms(BenchSupport.quantile(settle, 0.5)),
                    BenchSupport.ms(BenchSupport.quantile(settle, 0.95)), settle.length,
                    BenchSupport.verdict(BenchSupport.quantile(credit, 0.95) <= 100_000_000L));
        }
    }

    /** One payment of 300 元 in five notes (an overpayment: a voucher is numbered too). */
    private static void pay(CashJournal cash, long[] credit, long[] escrow, long[] settle, int i) throws Exception {
        Transaction draft = new Transaction(UuidV7.next(), "payment", "SWJ-0001", OffsetDateTime.now(ZoneOffset.ofHours(8)),
                "s-" + i, new Person("440203195103152316", "李秀英"), Map.of("grade", "300"), 30000L,
                Transaction.CASH, null, null, null);
        cash.open(draft);
        for (int n = 0; n < NOTES; n++) {
            long t0 = System.nanoTime();
            cash.escrowed(draft.id(), 5, 10000);
            long t1 = System.nanoTime();
            cash.credited(draft.id(), 5, 10000);
            long t2 = System.nanoTime();
            if (credit != null) {
                escrow[i * NOTES + n] = t1 - t0;
                credit[i * NOTES + n] = t2 - t1;
            }
        }
        long t0 = System.nanoTime();
        cash.settle(draft.id(), "WJ-0042", Ending.ENOUGH);
        if (settle != null) {
            settle[i] = System.nanoTime() - t0;
        }
    }
}
