package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * POST /api/v1/heartbeat: records the kiosk's report and answers with the server's clock and the
 * commands queued for that kiosk (each delivered once).
 */
final class HeartbeatRoute implements Route {

    private final BackendStore store;
    private final Auth auth;
    private final Clock clock;
    private final Map<String, Queue<String>> commands = new ConcurrentHashMap<>();

    HeartbeatRoute(BackendStore store, Auth auth, Clock clock) {
        this.store = store;
        this.auth = auth;
        this.clock = clock;
    }

    /** Queues {@code type} for {@code kioskId}'s next heartbeat answer. */
    void queueCommand(String kioskId, String type) {
        commands.computeIfAbsent(kioskId, k -> new ConcurrentLinkedQueue<>()).add(type);
    }

    @Override
    public Reply handle(Request req) throws Exception {
        String kioskId;
        ObjectNode body;
        try {
            kioskId = auth.kioskId(req);
            body = Json.parseObject(req.body());
            checkCash(body.get("cash"));
        } catch (Auth.Unauthorized e) {
            return e.toReply();
        } catch (BadRequest e) {
            return e.toReply();
        }
        store.addHeartbeat(kioskId, body.toString());
        ObjectNode out = Json.object();
        out.put("serverTime", Json.time(clock.instant()));
        ArrayNode list = out.putArray("commands");
        Queue<String> queued = commands.get(kioskId);
        for (String type; queued != null && (type = queued.poll()) != null; ) {
            list.addObject().put("type", type);
        }
        return Reply.json(200, out.toString());
    }

    /** An enhanced kiosk's cash box, {"cashboxFen", "notes" (how many), "capacity"}: whole numbers, none negative. */
    private static void checkCash(JsonNode cash) throws BadRequest {
        if (cash == null || cash.isNull()) {
            return; // a kiosk without a note acceptor
        }
        if (!cash.isObject()) {
            throw new BadRequest("cash", "cash must be an object {cashboxFen, notes, capacity}");
        }
        for (String field : new String[] {"cashboxFen", "notes", "capacity"}) {
            JsonNode v = cash.get(field);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new BadRequest("cash." + field, "cash." + field + " is required and must be a whole number, not negative");
            }
        }
    }
}
