package cn.yzz.kiosk.app.voice;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An audio output that records what it is given (there is no sound card here). Optionally it
 * consumes PCM at real-time rate, as a device does, or holds the first write at a gate.
 */
final class RecordingOut implements AudioOut {

    private final boolean realTime;
    private final String problem;
    private final String failOpen;
    private final ByteArrayOutputStream played = new ByteArrayOutputStream(); // guarded by this
    private final List<String> events = new ArrayList<>(); // guarded by this
    private CountDownLatch writeGate; // guarded by this: held once by the next write
    private CountDownLatch writeEntered; // guarded by this
    private CompletableFuture<Long> nextWrite; // guarded by this: completes with System.nanoTime() of the next write
    private int opens;

    private RecordingOut(boolean realTime, String problem, String failOpen) {
        this.realTime = realTime;
        this.problem = problem;
        this.failOpen = failOpen;
    }

    static RecordingOut instant() {
        return new RecordingOut(false, null, null);
    }

    /** Takes PCM as fast as a sound card plays it. */
    static RecordingOut realTime() {
        return new RecordingOut(true, null, null);
    }

    /** Reports no device up front, like a machine without a sound card at start-up. */
    static RecordingOut withProblem(String problem) {
        return new RecordingOut(false, problem, null);
    }

    /** Seems fine, then cannot open: the device went away. */
    static RecordingOut failingToOpen(String message) {
        return new RecordingOut(false, null, message);
    }

    /** The next write waits at the returned gate; {@code entered} is counted down when it gets there. */
    synchronized CountDownLatch holdNextWrite(CountDownLatch entered) {
        writeGate = new CountDownLatch(1);
        writeEntered = entered;
        return writeGate;
    }

    /** Completes with the System.nanoTime() at which the next write starts. */
    synchronized CompletableFuture<Long> nextWrite() {
        nextWrite = new CompletableFuture<>();
        return nextWrite;
    }

    synchronized byte[] played() {
        return played.toByteArray();
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized int opens() {
        return opens;
    }

    /** Waits until what was played ends with these samples (a whole prompt has gone out). */
    void awaitPlayedEnding(byte[] pcm) throws InterruptedException {
        awaitPlayedEnding(pcm, 0);
    }

    /** Waits until more than {@code after} bytes were played, ending with these samples. */
    synchronized void awaitPlayedEnding(byte[] pcm, int after) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (played.size() < after + pcm.length || !endsWith(played.toByteArray(), pcm)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the prompt was not played within 10 s; events " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits for an event (e.g. "stop") after the ones already recorded. */
    synchronized void awaitEvent(String event, int after) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!events.subList(Math.min(after, events.size()), events.size()).contains(event)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + event + " within 10 s; events " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public synchronized void open(PcmFormat format) throws AudioUnavailableException {
        opens++;
        record("open");
        if (failOpen != null) {
            throw new AudioUnavailableException(failOpen, new IllegalArgumentException(failOpen));
        }
    }

    @Override
    public void write(byte[] pcm, int offset, int length) {
        CountDownLatch gate;
        CountDownLatch entered;
        synchronized (this) {
            if (nextWrite != null) {
                nextWrite.complete(System.nanoTime());
                nextWrite = null;
            }
            gate = writeGate;
            entered = writeEntered;
            writeGate = null;
            writeEntered = null;
        }
        if (gate != null) {
            entered.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (realTime) {
            LockSupport.parkNanos(Wavs.FORMAT.durationOf(length).toNanos());
        }
        synchronized (this) {
            played.write(pcm, offset, length);
            record("write");
        }
    }

    @Override
    public void stop() {
        record("stop");
    }

    @Override
    public void close() {
        record("close");
    }

    private synchronized void record(String event) {
        events.add(event);
        notifyAll();
    }

    static boolean endsWith(byte[] all, byte[] tail) {
        return all.length >= tail.length && Arrays.equals(all, all.length - tail.length, all.length, tail, 0, tail.length);
    }
}
