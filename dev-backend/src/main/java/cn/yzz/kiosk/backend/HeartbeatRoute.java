package cn.yzz.kiosk.backend;

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
}
