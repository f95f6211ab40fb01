package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** POST /api/v1/heartbeat: records the kiosk's report and answers with the server's clock. */
final class HeartbeatRoute implements Route {
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private final BackendStore store;
  private final Auth auth;
  private final Clock clock;

  HeartbeatRoute(BackendStore store, Auth auth, Clock clock) {
    this.store = store;
    this.auth = auth;
    this.clock = clock;
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
    out.put("serverTime", OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS), CHINA).toString());
    out.putArray("commands");
    return Reply.json(200, out.toString());
  }
}
