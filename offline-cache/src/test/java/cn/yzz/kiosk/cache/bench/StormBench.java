package cn.yzz.kiosk.cache.bench;

import cn.yzz.kiosk.cache.sync.Backoff;
import cn.yzz.kiosk.cache.sync.SyncConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reconnect storm, as a model run in-process on a VIRTUAL clock (milliseconds; no HTTP, no sleeping):
 * 1,000 kiosks, each with a backlog that fits in one batch, come back from an outage at the same moment.
 * Each kiosk applies the sync engine's policy with the real {@link Backoff} and the defaults of
 * {@link SyncConfig}: a first delay spread uniformly over {@code reconnectWindow} (what
 * {@code SyncEngine.networkRestored()} / {@code start()} do after a long outage), then on a refusal
 * {@code afterServerSaid(Retry-After)} as {@code SyncEngine.pushBack} does for THROTTLED. The backend is
 * the dev-backend's {@code max-rps=50} admission rule (Faults.admit): fixed one-second windows, every
 * arrival counted, admitted while the window's count is at most 50, otherwise 429 with Retry-After 1 s
 * (the dev-backend's default). Heartbeats are left out: only upload requests are modelled.
 * Prints peak arrivals per second against the capacity and requests per kiosk until drained; the same
 * without the first-delay spread for contrast. Never asserts.
 */
@Tag("bench")
class StormBench {

    private static final int KIOSKS = 1_000;
    private static final int CAPACITY = 50;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final double LIMIT_PER_KIOSK = 1.2;

    record Result(int peakArrivals, int peakAdmitted, long requests, long drainedAtMs) {}

    @Test
    void reconnectStormOfAThousandKiosks() {
        SyncConfig config = SyncConfig.defaults("https://county.example", "WJ-0042", "tok", false);
        Result spread = run(config, true, new Random(20261122));
        Result herd = run(config, false, new Random(20261122));
        report("reconnect storm, " + KIOSKS + " kiosks, first delay spread over "
                + config.reconnectWindow().toSeconds() + " s (virtual-clock model)", spread);
        report("  (contrast) the same without the first-delay spread", herd);
    }

    private static Result run(SyncConfig config, boolean spreadFirst, Random random) {
        // One Backoff per kiosk, as each kiosk has its own engine; seeded from one generator, so repeatable.
        Backoff[] backoff = new Backoff[KIOSKS];
        PriorityQueue<long[]> events = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[1], b[1]));
        for (int k = 0; k < KIOSKS; k++) {
            backoff[k] = new Backoff(config.backoffBase(), config.backoffCap(), new Random(random.nextLong()));
            long first = spreadFirst ? backoff[k].spread(config.reconnectWindow()).toMillis() : 0;
            events.add(new long[] {first, k});
        }
        Map<Long, Integer> arrivals = new HashMap<>();
        Map<Long, Integer> admitted = new HashMap<>();
        long requests = 0;
        long last = 0;
        long window = Long.MIN_VALUE;
        int windowCount = 0;
        while (!events.isEmpty()) {
            long[] ev = events.poll();
            long t = ev[0];
            int k = (int) ev[1];
            requests++;
            long second = Math.floorDiv(t, 1000);
            arrivals.merge(second, 1, Integer::sum);
            if (second != window) {
                window = second;
                windowCount = 0;
            }
            windowCount++;
            if (windowCount <= CAPACITY) {
                admitted.merge(second, 1, Integer::sum);
                last = Math.max(last, t); // this kiosk's whole backlog went in one batch: drained
            } else {
                long delay = backoff[k].afterServerSaid(RETRY_AFTER).toMillis();
                events.add(new long[] {t + delay, k});
            }
        }
        int peakArrivals = arrivals.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int peakAdmitted = admitted.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Result(peakArrivals, peakAdmitted, requests, last);
    }

    private static void report(String what, Result r) {
        double perKiosk = (double) r.requests() / KIOSKS;
        boolean within = r.peakArrivals() <= CAPACITY && perKiosk <= LIMIT_PER_KIOSK;
        System.out.printf("BENCH %s: peak %d requests/s arriving (capacity %d), %.2f requests per kiosk until drained"
                        + " (limit %.1f) %s   %d requests, %d refused, peak admitted %d/s, drained at %.1f s%n",
                what, r.peakArrivals(), CAPACITY, perKiosk, LIMIT_PER_KIOSK, BenchSupport.verdict(within),
                r.requests(), r.requests() - KIOSKS, r.peakAdmitted(), r.drainedAtMs() / 1000.0);
    }
}
