package cn.yzz.kiosk.app.voice;

import cn.yzz.kiosk.app.i18n.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A synthesizer that records what it is asked and answers with {@link Wavs#of}. A text can be held
 * at a gate (the call waits until the test opens it) or made to fail.
 */
final class FakeSynthesizer implements Synthesizer {

    static final int MILLIS = 200;

    /** Every text it was asked to synthesise, in order, as the call starts. */
    final BlockingQueue<String> started = new LinkedBlockingQueue<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /** The next synthesis of a text containing {@code part} waits until the returned latch is counted down. */
    CountDownLatch holdAt(String part) {
        CountDownLatch gate = new CountDownLatch(1);
        gates.put(part, gate);
        return gate;
    }

    void failOn(String part, String message) {
        failures.put(part, message);
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The WAV it gives for this text. */
    static byte[] wavOf(String text) {
        return Wavs.of(text, MILLIS);
    }

    @Override
    public Optional<String> problem() {
        return Optional.empty();
    }

    @Override
    public String engine(Language language, boolean slow) {
        return "fake|" + language + "|" + slow;
    }

    @Override
    public byte[] synthesize(String text, Language language, boolean slow) throws SynthesisException {
        synchronized (this) {
            calls.add(text);
        }
        started.add(text);
        for (Map.Entry<String, CountDownLatch> gate : gates.entrySet()) {
            if (text.contains(gate.getKey())) {
                gates.remove(gate.getKey());
                await(gate.getValue());
            }
        }
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            if (text.contains(failure.getKey())) {
                throw new SynthesisException(failure.getValue());
            }
        }
        return wavOf(text);
    }

    private static void await(CountDownLatch gate) {
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
