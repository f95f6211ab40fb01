package cn.yzz.kiosk.cache.store;

import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.KioskStore;
import cn.yzz.kiosk.cache.Outbox;
import cn.yzz.kiosk.cache.OutboxEntry;
import cn.yzz.kiosk.cache.Settings;
import cn.yzz.kiosk.cache.TestClock;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.Transactions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model-based: random sequences of the sync engine's calls applied to the SQLite outbox and to the
 * in-memory one (the model) leave both in the same state after every step.
 */
class OutboxModelTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 2026})
    void sqliteOutboxBehavesLikeTheModel(long seed) throws Exception {
        Random random = new Random(seed);
        TestClock clock = new TestClock(Transactions.T0.toInstant());
        MemoryOutbox model = new MemoryOutbox(4, clock);
        try (KioskStore store = KioskStore.open(dir, Settings.defaults().withMaxAttempts(4).withClock(clock))) {
            Outbox real = store.outbox();
            List<UUID> ids = new ArrayList<>();
            for (int step = 0; step < 400; step++) {
                clock.advance(Duration.ofSeconds(random.nextInt(30)));
                Instant now = clock.instant();
                int op = random.nextInt(10);
                if (op < 3 || ids.isEmpty()) {
                    Transaction t = random.nextBoolean() ? Transactions.payment(step, step) : Transactions.evaluation(step, step);
                    real.enqueue(t);
                    model.enqueue(t);
                    ids.add(t.id());
                    continue;
                }
                UUID id = ids.get(random.nextInt(ids.size()));
                switch (op) {
                    case 3 -> { real.acknowledge(id, "ref-" + step); model.acknowledge(id, "ref-" + step); }
                    case 4 -> { real.reject(id, "bad " + step); model.reject(id, "bad " + step); }
                    case 5, 6 -> {
                        Instant next = now.plusSeconds(random.nextInt(120));
                        real.retryLater(id, next, "err " + step);
                        model.retryLater(id, next, "err " + step);
                    }
                    case 7 -> assertThat(real.unblock(id)).isEqualTo(model.unblock(id));
                    case 8 -> assertThat(real.purgePersonal(now, Duration.ofMinutes(5)))
                            .isEqualTo(model.purgePersonal(now, Duration.ofMinutes(5)));
                    default -> { }
                }
                int max = 1 + random.nextInt(20);
                assertThat(real.peekDue(now, max)).as("step %d", step).isEqualTo(model.peekDue(now, max));
                assertThat(real.status(now)).as("step %d", step).isEqualTo(model.status(now));
            }
            List<OutboxEntry> all = real.list(1000);
            assertThat(all).isEqualTo(model.list(1000));
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
    }
}
