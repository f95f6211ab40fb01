package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.ContractTime;
import cn.yzz.kiosk.cache.QueueStatus;
import cn.yzz.kiosk.cache.Transaction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The contract's JSON shapes (sync-api.md), written and read by hand so the wire format does not
 * depend on record accessor names. Reading is defensive: anything off-contract is an exception, or
 * for one batch result, an item that is simply left out (it stays pending).
 */
final class SyncJson {

    /** Nested maps too are written in key order: the same transaction is always the same bytes. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private SyncJson() {}

    static byte[] batch(String kioskId, List<Transaction> transactions) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kioskId", kioskId);
        ArrayNode items = root.putArray("transactions");
        for (Transaction t : transactions) {
            ObjectNode n = items.addObject();
            n.put("id", t.id().toString());
            n.put("type", t.type());
            putIfPresent(n, "serviceCode", t.serviceCode());
            // The kiosk's local offset is kept as created.
            n.put("createdAt", ContractTime.format(t.createdAt()));
            putIfPresent(n, "sessionId", t.sessionId());
            if (t.person() != null) {
                ObjectNode p = n.putObject("person");
                p.put("idNumber", t.person().idNumber());
                p.put("name", t.person().name());
            }
            n.set("data", MAPPER.valueToTree(t.data()));
            if (t.amountFen() != null) {
                n.put("amountFen", t.amountFen().longValue()); // integer fen, never a float
            }
            putIfPresent(n, "method", t.method()); // v1.1: qr with orderId, or cash with cash
            putIfPresent(n, "orderId", t.orderId());
            if (t.cash() != null) {
                n.set("cash", MAPPER.valueToTree(t.cash()));
            }
            putIfPresent(n, "receiptNo", t.receiptNo());
        }
        return write(root);
    }

    static byte[] enroll(EnrollRequest r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("enrollmentCode", r.enrollmentCode());
        root.put("model", r.model());
        root.put("villageCode", r.villageCode());
        root.put("hardwareId", r.hardwareId());
        root.put("appVersion", r.appVersion());
        return write(root);
    }

    static byte[] heartbeat(String kioskId, String appVersion, OffsetDateTime at, long uptimeSec,
                            HeartbeatSnapshot snapshot, QueueStatus queue) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kioskId", kioskId);
        root.put("appVersion", appVersion);
        root.put("at", ContractTime.format(at));
        root.put("uptimeSec", uptimeSec);
        ArrayNode devices = root.putArray("devices");
        for (HeartbeatSnapshot.Device d : snapshot.devices()) {
            ObjectNode n = devices.addObject();
            n.put("kind", d.kind());
            n.put("state", d.state());
            putIfPresent(n, "detail", d.detail());
        }
        ObjectNode q = root.putObject("queue");
        q.put("pending", queue.pending());
        q.put("oldestPendingSec", queue.oldestPendingSec());
        q.put("rejected", queue.rejected());
        if (snapshot.cash() != null) {
            ObjectNode c = root.putObject("cash");
            c.put("cashboxFen", snapshot.cash().cashboxFen());
            c.put("notes", snapshot.cash().notes());
            c.put("capacity", snapshot.cash().capacity());
        }
        return write(root);
    }

    /** The batch results that are well formed; malformed items are left out (they stay pending). */
    static List<ItemResult> results(byte[] body) throws IOException {
        JsonNode results = object(body).get("results");
        if (results == null || !results.isArray()) {
            throw new IOException("no results array");
        }
        List<ItemResult> out = new ArrayList<>(results.size());
        for (JsonNode r : results) {
            UUID id = uuid(text(r, "id"));
            ItemResult.Status status = text(r, "status") == null ? null : ItemResult.Status.parse(text(r, "status"));
            if (id == null || status == null) {
                continue;
            }
            String ref = text(r, "backendRef");
            if (ref != null && ref.isBlank()) {
                ref = null;
            }
            // "accepted" means stored, with or without a reference (sync-api.md shows one but does not require it, and a
            // county may have none for an evaluation): re-sending a stored id until it blocks would only tell the
            // administrator something false. The entry is acknowledged with no backendRef.
            out.add(new ItemResult(id, status, ref, text(r, "reason")));
        }
        return out;
    }

    static Enrollment enrollment(byte[] body) throws IOException {
        JsonNode n = object(body);
        String kioskId = text(n, "kioskId");
        String token = text(n, "token");
        if (kioskId == null || token == null) {
            throw new IOException("enrollment answer without kioskId or token");
        }
        return new Enrollment(kioskId, token, text(n, "catalogVersion"));
    }

    static HeartbeatReply heartbeatReply(byte[] body) throws IOException {
        JsonNode n = object(body);
        String s = text(n, "serverTime");
        if (s == null) {
            throw new IOException("heartbeat answer without serverTime");
        }
        OffsetDateTime serverTime;
        try {
            serverTime = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IOException("serverTime is not RFC 3339: " + s, e);
        }
        List<String> commands = new ArrayList<>();
        JsonNode list = n.get("commands");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IOException("heartbeat commands is not an array");
            }
            for (JsonNode c : list) {
                String type = c.isObject() ? text(c, "type") : null;
                if (type != null) {
                    commands.add(type);
                }
                // else: a command this kiosk cannot even name is ignored like an unknown type (sync-api.md v1.1: a v1
                // client ignores what it does not know), not allowed to cost the clock and the commands next to it
            }
        }
        return new HeartbeatReply(serverTime, commands);
    }

    /** The answer to {@code POST /diagnostics}: its {@code diagnosticsId}. */
    static String diagnosticsId(byte[] body) throws IOException {
        String id = text(object(body), "diagnosticsId");
        if (id == null) {
            throw new IOException("diagnostics answer without diagnosticsId");
        }
        return id;
    }

    static void requireJson(byte[] body) throws IOException {
        object(body);
    }

    private static JsonNode object(byte[] body) throws IOException {
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IOException("answer is not a JSON object");
        }
        return n;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static UUID uuid(String s) {
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static byte[] write(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
