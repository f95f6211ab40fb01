package cn.yzz.kiosk.backend;

import java.util.Random;

/**
 * The backend's switchable faults: tests and the command line change them while it runs. Random
 * draws come from one seedable generator so a seeded test sees the same sequence every run.
 */
public final class Faults {
    /** What happens to one request, decided once when it arrives. */
    enum Plan { NORMAL, DROP_BEFORE_COMMIT, ERROR_500, STATUS_429, STATUS_503 }

    /** What happens to the response after the handler has run (and committed). */
    enum After { NORMAL, DROP_AFTER_COMMIT, MALFORMED, SLOW_BODY }

    private volatile FaultSettings settings;
    private Random random;
    private long windowSecond = -1;
    private int windowCount;
    private int peakPerSecond;

    Faults(FaultSettings initial) {
        set(initial);
    }

    public FaultSettings get() {
        return settings;
    }

    /** Replaces every fault at once; restarts the random sequence (from the seed, if any) and the peak rate. */
    public synchronized void set(FaultSettings s) {
        settings = s;
        random = s.seed() == null ? new Random() : new Random(s.seed());
        windowSecond = -1;
        peakPerSecond = 0;
    }

    /** Parses and applies a spec such as {@code "delay=200ms,error-rate=0.2"}. */
    public void set(String spec) {
        set(FaultSettings.parse(spec));
    }

    public void clear() {
        set(FaultSettings.none());
    }

    synchronized Plan planBefore(String path) {
        FaultSettings s = settings;
        if (!s.appliesTo(path)) {
            return Plan.NORMAL;
        }
        if (!admit(s.maxRps())) {
            return Plan.STATUS_429;
        }
        if (hit(s.dropBeforeCommit())) {
            return Plan.DROP_BEFORE_COMMIT;
        }
        if (hit(s.rate429())) {
            return Plan.STATUS_429;
        }
        if (hit(s.rate503())) {
            return Plan.STATUS_503;
        }
        return hit(s.errorRate()) ? Plan.ERROR_500 : Plan.NORMAL;
    }

    synchronized After planAfter(String path) {
        FaultSettings s = settings;
        if (!s.appliesTo(path)) {
            return After.NORMAL;
        }
        if (hit(s.dropAfterCommit())) {
            return After.DROP_AFTER_COMMIT;
        }
        if (hit(s.malformed())) {
            return After.MALFORMED;
        }
        return hit(s.slowBody()) ? After.SLOW_BODY : After.NORMAL;
    }

    /** The most requests (to faulted paths) that arrived within one clock second, admitted or not. */
    public synchronized int peakRequestsPerSecond() {
        return peakPerSecond;
    }

    // Fixed one-second windows: crude, but what a capacity figure like "50 requests/s" means.
    private boolean admit(int maxRps) {
        long second = System.nanoTime() / 1_000_000_000L;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        windowCount++;
        peakPerSecond = Math.max(peakPerSecond, windowCount);
        return maxRps == 0 || windowCount <= maxRps;
    }

    // Rates of 0 and 1 draw nothing, so switching one fault on does not shift the others' sequence.
    private boolean hit(double rate) {
        return rate > 0 && (rate >= 1 || random.nextDouble() < rate);
    }
}
