package cn.yzz.kiosk.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskStoreTest {

    @TempDir
    Path dir;
    private final Settings settings = Settings.defaults().withClock(new TestClock(Instant.parse("2026-11-22T15:00:00Z")));

    @Test
    void opensWithWalFullSyncAndForeignKeys() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            assertThat(pragma(store, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(store, "synchronous")).isEqualTo("2");
            assertThat(pragma(store, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(store, "busy_timeout")).isEqualTo("5000");
            assertThat(pragma(store, "user_version")).isEqualTo("6");
            assertThat(store.integrityCheck()).isEqualTo("ok");
            assertThat(store.health()).isEqualTo(new KioskStore.Health(true, java.util.Optional.empty(),
                    java.util.Optional.empty()));
        }
        assertThat(dir.resolve("kiosk.db")).exists();
    }

    @Test
    void diskFullStopsNewWorkKeepsEverythingCommittedAndRecheckResumes() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            long pages = Long.parseLong(pragma(store, "page_count"));
            store.database().maxPageCount(pages + 3); // a "disk" with three pages left
            List<Transaction> kept = new ArrayList<>();
            StoreException full = null;
            for (int i = 0; i < 1000 && full == null; i++) {
                Transaction t = Transactions.payment(i, i);
                try {
                    store.outbox().enqueue(t);
                    kept.add(t);
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertThat(full).as("the disk filled up").isNotNull();
            assertThat(full.kind()).isEqualTo(StoreException.Kind.DISK_FULL);
            assertThat(kept).isNotEmpty();
            assertThat(store.acceptingWork()).isFalse();
            assertThat(store.health().problem()).get().extracting(StoreException::kind)
                    .isEqualTo(StoreException.Kind.DISK_FULL);

            assertThatThrownBy(() -> store.outbox().enqueue(Transactions.payment(5000, 5000)))
                    .isInstanceOf(StoreException.class)
                    .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.DISK_FULL);
            assertThat(store.recheck()).as("still full").isFalse();
            assertThat(store.acceptingWork()).isFalse();

            // nothing committed was lost, and the sync engine can still read the queue
            assertThat(store.outbox().peekDue(Instant.parse("2100-01-01T00:00:00Z"), 10_000))
                    .extracting(e -> e.transaction().id()).containsExactlyElementsOf(kept.stream().map(Transaction::id).toList());

            store.database().maxPageCount(1 << 30); // the administrator frees space
            assertThat(store.recheck()).isTrue();
            assertThat(store.acceptingWork()).isTrue();
            store.outbox().enqueue(Transactions.payment(6000, 6000));
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void damagedDatabaseIsMovedAsideReportedAndReplaced() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            for (int i = 0; i < 200; i++) {
                store.outbox().enqueue(Transactions.payment(i, i));
            }
        }
        Path db = dir.resolve("kiosk.db");
        assertThat(Files.size(db)).isGreaterThan(4 * 4096);
        byte[] garbage = new byte[(int) Files.size(db) - 4096];
        new Random(42).nextBytes(garbage);
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(garbage), 4096); // every page but the header page
        }
        byte[] damagedBytes = Files.readAllBytes(db);

        List<LogRecord> severe = capture(() -> {
            try (KioskStore store = KioskStore.open(dir, settings)) {
                KioskStore.Health h = store.health();
                assertThat(h.damagedCopy()).get().satisfies(p -> {
                    assertThat(p.getFileName().toString()).isEqualTo("kiosk.db.damaged-20261122T150000Z");
                    assertThat(Files.readAllBytes(p)).as("kept as it was").isEqualTo(damagedBytes);
                });
                assertThat(h.acceptingWork()).isTrue();
                assertThat(store.outbox().list(10)).isEmpty();
                assertThat(store.integrityCheck()).isEqualTo("ok");
                store.outbox().enqueue(Transactions.payment(0, 1));
            }
        });
        assertThat(severe).anySatisfy(r -> assertThat(r.getMessage()).contains("kiosk.db.damaged-20261122T150000Z"));
    }

    @Test
    void fileThatIsNotADatabaseIsMovedAsideToo() throws Exception {
        Path db = dir.resolve("kiosk.db");
        Files.write(db, "this is not an SQLite file, it is a villager's shopping list".repeat(200).getBytes());
        try (KioskStore store = KioskStore.open(dir, settings)) {
            assertThat(store.health().damagedCopy()).isPresent();
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("kiosk.db.damaged-20261122T150000Z");
        }
    }

    @Test
    void aSecondDamageTheSameSecondGetsItsOwnName() throws Exception {
        for (int i = 0; i < 2; i++) {
            Files.write(dir.resolve("kiosk.db"), new byte[8192]);
            Files.write(dir.resolve("kiosk.db"), "garbage".repeat(1000).getBytes());
            KioskStore.open(dir, settings).close();
        }
        assertThat(dir.resolve("kiosk.db.damaged-20261122T150000Z")).exists();
        assertThat(dir.resolve("kiosk.db.damaged-20261122T150000Z-2")).exists();
    }

    @Test
    void databaseFromNewerSoftwareIsRefused() throws Exception {
        try (KioskStore store = KioskStore.open(dir, settings)) {
            store.database().read("set", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version = 99");
                }
                return null;
            });
        }
        assertThatThrownBy(() -> KioskStore.open(dir, settings)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void closedStoreRefusesWorkAsAStateError() throws Exception {
        KioskStore store = KioskStore.open(dir, settings);
        store.close();
        assertThatThrownBy(() -> store.outbox().enqueue(Transactions.payment(0, 1)))
                .isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.STATE);
    }

    @Test
    void enqueueLatencyIsMeasuredAgainstABareInsertAndCommit() throws Exception {
        int warmUp = 50;
        int n = 300;
        long[] enqueue = new long[n];
        long[] bare = new long[n];
        // the same disk and pragmas, one 400-byte row per commit; interleaved so load hits both alike
        Path bareFile = dir.resolve("bare.db");
        try (KioskStore store = KioskStore.open(dir.resolve("store"), settings);
             var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + bareFile);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("CREATE TABLE t (id TEXT PRIMARY KEY, payload TEXT)");
            try (var p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = -warmUp; i < n; i++) {
                    Transaction t = Transactions.payment(i + warmUp, i + warmUp);
                    long start = System.nanoTime();
                    store.outbox().enqueue(t);
                    long mid = System.nanoTime();
                    p.setString(1, UuidV7.next().toString());
                    p.setString(2, "x".repeat(400));
                    p.executeUpdate(); // autocommit: one transaction
                    long end = System.nanoTime();
                    if (i >= 0) {
                        enqueue[i] = mid - start;
                        bare[i] = end - mid;
                    }
                }
            }
            assertThat(store.outbox().status(Instant.now()).pending()).isEqualTo(n + warmUp);
        }
        java.util.Arrays.sort(enqueue);
        java.util.Arrays.sort(bare);
        System.out.printf("enqueue over %d (WAL, synchronous=FULL, 2 rows, encrypted person): p50 %.3f ms, p99 %.3f ms;"
                + " bare insert+commit: p50 %.3f ms, p99 %.3f ms (goal: enqueue p99 <= 1.2 x bare; not asserted here)%n",
                n, enqueue[n / 2] / 1e6, enqueue[n * 99 / 100] / 1e6, bare[n / 2] / 1e6, bare[n * 99 / 100] / 1e6);
    }

    private static String pragma(KioskStore store, String name) throws StoreException {
        return store.database().read(name, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                return rs.getString(1);
            }
        });
    }

    interface Body {
        void run() throws Exception;
    }

    private static List<LogRecord> capture(Body body) throws Exception {
        Logger log = Logger.getLogger("cn.yzz.kiosk.cache.store.Database");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().equals(Level.SEVERE)) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(h);
        try {
            body.run();
        } finally {
            log.removeHandler(h);
        }
        return records;
    }
}
