package cn.yzz.kiosk.cache.sync;

import static cn.yzz.kiosk.cache.sync.SyncFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.MemoryOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background thread, heartbeats with clock skew, and the reconnect spread. */
class SyncEngineLoopTest {

    private MockWebServer server;
    private SyncEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void serve(FakeCountyBackend batches, String serverTime) throws Exception {
        serve(batches, serverTime, "[]");
    }

    private void serve(FakeCountyBackend batches, String serverTime, String commands) throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().endsWith("/heartbeat")) {
                    return new MockResponse.Builder().code(200)
                            .body("{\"serverTime\": \"" + serverTime + "\", \"commands\": " + commands + "}").build();
                }
                return batches.dispatch(request);
            }
        });
        server.start();
    }

    @Test
    void runsOnANamedDaemonThreadHeartbeatsAtStartAndUploadsWhenWoken() throws Exception {
        FakeCountyBackend batches = new FakeCountyBackend();
        serve(batches, OffsetDateTime.now(ZoneOffset.ofHours(8)).toString());
        Clock clock = Clock.systemUTC();
        MemoryOutbox outbox = new MemoryOutbox(50, clock);
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString());
        engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(3),
                HeartbeatSnapshot::empty);
        List<String> threads = new CopyOnWriteArrayList<>();
        engine.addListener(s -> threads.add(Thread.currentThread().getName() + ":" + Thread.currentThread().isDaemon()));

        engine.start();
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getTarget()).endsWith("/heartbeat");
        Transaction t = new Transaction(java.util.UUID.randomUUID(), "payment", "RSJ-0007",
                OffsetDateTime.now(ZoneOffset.ofHours(8)), "s", null, Map.of(), 100L, null, "R");
        outbox.enqueue(t);
        engine.wake();

        RecordedRequest upload = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upload).isNotNull();
        assertThat(upload.getTarget()).endsWith("/transactions:batch");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (outbox.status(clock.instant()).acknowledged() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(outbox.status(clock.instant()).acknowledged()).isEqualTo(1);
        assertThat(threads).contains("kiosk-sync:true");
        assertThat(engine.clockSkewWarning()).isFalse();
    }

    @Test
    void heartbeatNotesClockSkewOverFiveMinutes() throws Exception {
        serve(new FakeCountyBackend(), "2026-11-22T09:41:00+08:00"); // 11 minutes ahead of T0
        MutableClock clock = new MutableClock(T0);
        MemoryOutbox outbox = new MemoryOutbox(50, clock);
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString());
        engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(3),
                HeartbeatSnapshot::empty);
        List<Duration> skews = new CopyOnWriteArrayList<>();
        engine.addListener(new SyncListener() {
            @Override
            public void stateChanged(SyncState state) {}

            @Override
            public void clockSkew(Duration skew) {
                skews.add(skew);
            }
        });

        assertThat(engine.heartbeat()).isTrue();

        assertThat(engine.clockSkew()).contains(Duration.ofMinutes(11));
        assertThat(engine.clockSkewWarning()).isTrue();
        assertThat(skews).containsExactly(Duration.ofMinutes(11));
    }

    @Test
    void heartbeatCommandsReachTheListenersInOrder() throws Exception {
        serve(new FakeCountyBackend(), "2026-11-22T09:30:00+08:00",
                "[{\"type\": \"refresh-catalog\"}, {\"type\": \"upload-diagnostics\"}, {\"type\": \"reboot-into-the-sun\"}]");
        MutableClock clock = new MutableClock(T0);
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString());
        engine = new SyncEngine(new MemoryOutbox(50, clock), new BackendClient(config, clock), config, clock,
                new Random(1), HeartbeatSnapshot::empty);
        List<String> commands = new CopyOnWriteArrayList<>();
        engine.addListener(new SyncListener() {
            @Override
            public void stateChanged(SyncState state) {}

            @Override
            public void command(String type) {
                commands.add(type);
            }
        });

        assertThat(engine.heartbeat()).isTrue();

        assertThat(commands).containsExactly("refresh-catalog", "upload-diagnostics", "reboot-into-the-sun");
    }

    @Test
    void reachabilityIsReportedWhenItChanges() throws Exception {
        FakeCountyBackend batches = new FakeCountyBackend();
        serve(batches, "2026-11-22T09:30:00+08:00");
        MutableClock clock = new MutableClock(T0);
        MemoryOutbox outbox = new MemoryOutbox(50, clock);
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString());
        engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(1),
                HeartbeatSnapshot::empty);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        engine.addListener(new SyncListener() {
            @Override
            public void stateChanged(SyncState state) {}

            @Override
            public void reachability(boolean reachable) {
                seen.add(reachable);
            }
        });
        assertThat(engine.reachable()).isEmpty();

        engine.heartbeat();
        engine.heartbeat();
        outbox.enqueue(SyncFixtures.payment());
        batches.fault(FakeCountyBackend.Fault.instead(b -> b.code(503).body(""))); // busy, but there
        engine.syncOnce();
        clock.advance(Duration.ofMinutes(6));
        batches.fault(FakeCountyBackend.Fault.afterCommit(
                b -> b.onResponseStart(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)))); // no answer
        engine.syncOnce();
        clock.advance(Duration.ofMinutes(6));
        engine.syncOnce();

        assertThat(seen).as("once per change; a 503 is an answer").containsExactly(true, false, true);
        assertThat(engine.reachable()).contains(true);
    }

    @Test
    void aShortOutageIsNotSpread() throws Exception {
        FakeCountyBackend batches = new FakeCountyBackend();
        serve(batches, "2026-11-22T09:30:00+08:00");
        MutableClock clock = new MutableClock(T0);
        MemoryOutbox outbox = new MemoryOutbox(50, clock);
        outbox.enqueue(SyncFixtures.payment());
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString());
        engine = new SyncEngine(outbox, new BackendClient(config, clock), config, clock, new Random(1),
                HeartbeatSnapshot::empty);
        batches.fault(FakeCountyBackend.Fault.instead(b -> b.code(503).body("")));

        engine.syncOnce();
        clock.advance(Duration.ofMinutes(1));
        engine.networkRestored();

        assertThat(engine.holdUntil()).isEmpty();
    }

    @Test
    void firstAttemptAfterALongOutageIsSpreadOverTheReconnectWindow() throws Exception {
        FakeCountyBackend batches = new FakeCountyBackend();
        serve(batches, "2026-11-22T09:30:00+08:00");
        SyncConfig config = SyncFixtures.config(server.url("/kiosk").toString());

        // 200 kiosks (seeds) that all failed at T0 and see the network return together after a long outage.
        List<Long> offsets = new java.util.ArrayList<>();
        for (int seed = 0; seed < 200; seed++) {
            MutableClock c = new MutableClock(T0);
            MemoryOutbox o = new MemoryOutbox(50, c);
            o.enqueue(SyncFixtures.payment());
            batches.fault(FakeCountyBackend.Fault.instead(b -> b.code(500).body("")));
            SyncEngine e = new SyncEngine(o, new BackendClient(config, c), config, c, new Random(seed),
                    HeartbeatSnapshot::empty);
            e.syncOnce();
            c.advance(config.longOutage());
            Instant back = c.instant();
            e.networkRestored();
            offsets.add(Duration.between(back, e.holdUntil().orElseThrow()).toSeconds());
        }
        assertThat(offsets).allSatisfy(s -> assertThat(s).isBetween(0L, config.reconnectWindow().toSeconds()));
        assertThat(offsets.stream().filter(s -> s < 150).count()).as("about half in each half").isBetween(60L, 140L);
        assertThat(offsets.stream().distinct().count()).isGreaterThan(100);
    }
}
