package cn.yzz.kiosk.cache.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The batch endpoint as a deduplicating backend would run it, for MockWebServer. It keeps the ids it
 * "applied" and how often each was applied, so a test can prove nothing was applied twice; each
 * request can be given a fault: the fault decides whether the batch is applied and how the answer
 * is spoiled.
 */
final class FakeCountyBackend extends Dispatcher {

    /** What happens to one request. */
    record Fault(boolean apply, UnaryOperator<MockResponse.Builder> spoil, Set<String> omitIds) {
        static Fault none() {
            return new Fault(true, b -> b, Set.of());
        }

        /** The batch is stored, then the answer is spoiled (dropped connection, stall, garbage...). */
        static Fault afterCommit(UnaryOperator<MockResponse.Builder> spoil) {
            return new Fault(true, spoil, Set.of());
        }

        /** Nothing is stored; the answer is replaced (an error status). */
        static Fault instead(UnaryOperator<MockResponse.Builder> answer) {
            return new Fault(false, answer, Set.of());
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    final Map<String, String> refs = new ConcurrentHashMap<>();
    final Set<String> rejectServiceCodes = ConcurrentHashMap.newKeySet();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger nextRef = new AtomicInteger(1);

    synchronized void fault(Fault f) {
        faults.add(f);
    }

    /** Pretends {@code id} was stored earlier (e.g. by an attempt whose answer was lost). */
    void preload(String id, String ref) {
        applied.put(id, new AtomicInteger(1));
        refs.put(id, ref);
    }

    /** No id stored more than once. */
    boolean nothingAppliedTwice() {
        return applied.values().stream().allMatch(n -> n.get() == 1);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        Fault fault;
        synchronized (this) {
            fault = faults.isEmpty() ? Fault.none() : faults.poll();
        }
        if (!request.getTarget().endsWith("/api/v1/transactions:batch")) {
            return new MockResponse.Builder().code(404).build();
        }
        JsonNode body = json(request);
        bodies.add(body);
        MockResponse.Builder answer = new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json");
        if (fault.apply()) {
            answer.body(apply(body, fault.omitIds()));
        }
        return fault.spoil().apply(answer).build();
    }

    private String apply(JsonNode body, Set<String> omit) {
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode results = out.putArray("results");
        Set<String> seenInBatch = new HashSet<>();
        for (JsonNode t : body.get("transactions")) {
            String id = t.get("id").asText();
            ObjectNode r = MAPPER.createObjectNode();
            r.put("id", id);
            if (rejectServiceCodes.contains(t.path("serviceCode").asText())) {
                r.put("status", "rejected");
                r.put("reason", "unknown serviceCode");
            } else if (refs.containsKey(id) || !seenInBatch.add(id)) {
                r.put("status", "duplicate");
                r.put("backendRef", refs.get(id));
            } else {
                String ref = "RS" + nextRef.getAndIncrement();
                refs.put(id, ref);
                applied.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                r.put("status", "accepted");
                r.put("backendRef", ref);
            }
            if (!omit.contains(id)) {
                results.add(r);
            }
        }
        return out.toString();
    }

    static JsonNode json(RecordedRequest request) {
        try {
            byte[] raw = request.getBody().toByteArray();
            if ("gzip".equals(request.getHeaders().get("Content-Encoding"))) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                    raw = in.readAllBytes();
                }
            }
            return MAPPER.readTree(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
