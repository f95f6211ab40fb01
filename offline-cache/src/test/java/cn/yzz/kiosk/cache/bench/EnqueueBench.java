package cn.yzz.kiosk.cache.bench;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.UuidV7;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enqueue latency (G1's "stored before the villager is told") against the floor the disk sets: a
 * bare SQLite insert + commit of a similar row, same directory, WAL + synchronous=FULL. The two
 * alternate sample by sample so that disk noise hits both alike. Prints p50/p99; never asserts.
 */
@Tag("bench")
class EnqueueBench {

    private static final int WARMUP = 300;
    private static final int SAMPLES = 2_000;
    private static final double LIMIT_RATIO = 1.2;

    @TempDir
    Path dir;

    @Test
    void enqueueLatencyAgainstBareInsert() throws Exception {
        try (KioskStore store = KioskStore.open(dir.resolve("kiosk"), Settings.defaults());
             Connection bare = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bare.db"))) {
            Outbox outbox = store.outbox();
            try (Statement s = bare.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                    rs.next();
                    if (rs.getInt(1) != 2) {
                        throw new AssertionError("bare connection is not synchronous=FULL");
                    }
                }
                s.execute("CREATE TABLE t (id TEXT PRIMARY KEY, state TEXT NOT NULL, created_at INTEGER NOT NULL,"
                        + " next_attempt INTEGER NOT NULL, payload TEXT NOT NULL, person BLOB) STRICT");
            }
            bare.setAutoCommit(false);
            // Payload of the same size as the kiosk's JSON for a payment.
            String payload = "{\"type\":\"payment\",\"serviceCode\":\"RSJ-0007\",\"data\":{\"year\":\"2026\",\"grade\":\"300\"},"
                    + "\"amountFen\":30000,\"cash\":{\"insertedFen\":30000,\"notes\":{\"10000\":3}},"
                    + "\"receiptNo\":\"WJ-0042-20261122-1\",\"sessionId\":\"s-1\",\"createdAt\":\"2026-11-22T09:30:00+08:00\"}";
            byte[] person = "x".repeat(80).getBytes(StandardCharsets.UTF_8);
            try (PreparedStatement ins = bare.prepareStatement(
                    "INSERT INTO t (id, state, created_at, next_attempt, payload, person) VALUES (?, 'PENDING', ?, ?, ?, ?)")) {
                for (int i = 0; i < WARMUP; i++) {
                    outbox.enqueue(BenchSupport.payment());
                    bareInsert(bare, ins, payload, person);
                }
                long[] kiosk = new long[SAMPLES];
                long[] floor = new long[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    // Built outside the timing: the kiosk makes the transaction before it stores it.
                    Transaction t = BenchSupport.payment();
                    if ((i & 1) == 0) {
                        kiosk[i] = timeEnqueue(outbox, t);
                        floor[i] = bareInsert(bare, ins, payload, person);
                    } else {
                        floor[i] = bareInsert(bare, ins, payload, person);
                        kiosk[i] = timeEnqueue(outbox, t);
                    }
                }
                long p50 = BenchSupport.quantile(kiosk, 0.50);
                long p99 = BenchSupport.quantile(kiosk, 0.99);
                long b50 = BenchSupport.quantile(floor, 0.50);
                long b99 = BenchSupport.quantile(floor, 0.99);
                double ratio = (double) p99 / b99;
                System.out.printf("BENCH enqueue latency (%d samples, alternating with a bare insert): p50 %.3f ms, p99 %.3f ms;"
                                + " bare SQLite insert+commit p50 %.3f ms, p99 %.3f ms; p99 ratio %.2f (limit %.1f) %s%n",
                        SAMPLES, BenchSupport.ms(p50), BenchSupport.ms(p99), BenchSupport.ms(b50), BenchSupport.ms(b99),
                        ratio, LIMIT_RATIO, BenchSupport.verdict(ratio <= LIMIT_RATIO));
                System.out.printf("BENCH   (comparison) enqueue p50 ratio %.2f%n", (double) p50 / b50);
            }
        }
    }

    private static long timeEnqueue(Outbox outbox, Transaction t) throws Exception {
        long t0 = System.nanoTime();
        outbox.enqueue(t);
        return System.nanoTime() - t0;
    }

    private static long bareInsert(Connection c, PreparedStatement ins, String payload, byte[] person) throws Exception {
        String id = UuidV7.next().toString(); // the kiosk's id is made before enqueue, too
        long t0 = System.nanoTime();
        long now = System.currentTimeMillis();
        ins.setString(1, id);
        ins.setLong(2, now);
        ins.setLong(3, now);
        ins.setString(4, payload);
        ins.setBytes(5, person);
        ins.executeUpdate();
        c.commit();
        return System.nanoTime() - t0;
    }
}
