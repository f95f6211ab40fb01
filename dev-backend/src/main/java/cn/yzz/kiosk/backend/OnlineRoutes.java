package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The online-only endpoints, with canned data: identity/resolve knows one demo 粤省事码, and
 * services/{code}/query answers any catalogue service with a fixed table.
 */
final class OnlineRoutes {
  /** The demo 粤省事码 text and the person it resolves to. */
  static final String DEMO_YSS_CODE = "YSS-DEMO-0001";
  private static final Map<String, String[]> PEOPLE = Map.of(DEMO_YSS_CODE, new String[] {"李秀英", "440203195103152316"});

  private final Auth auth;
  private final Catalogue catalogue;
  private final Clock clock;

  OnlineRoutes(Auth auth, Catalogue catalogue, Clock clock) {
    this.auth = auth;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  Route identity() {
    return req -> {
      String code;
      try {
        auth.kioskId(req);
        code = Json.text(Json.parseObject(req.body()), "code");
      } catch (Auth.Unauthorized e) {
        return e.toReply();
      } catch (BadRequest e) {
        return e.toReply();
      }
      String[] person = PEOPLE.get(code);
      if (person == null) {
        return Reply.problem(404, "unknown-code", "Unknown code", "the 粤省事码 is unknown or expired");
      }
      ObjectNode out = Json.object();
      out.put("name", person[0]);
      out.put("idNumber", person[1]);
      out.put("expiresAt", Json.time(clock.instant().plus(5, ChronoUnit.MINUTES)));
      return Reply.json(200, out.toString());
    };
  }

  /** The route for POST /api/v1/services/{code}/query. */
  Reply query(Request req, String serviceCode) throws Exception {
    try {
      auth.kioskId(req);
      Json.parseObject(req.body());
    } catch (Auth.Unauthorized e) {
      return e.toReply();
    } catch (BadRequest e) {
      return e.toReply();
    }
    if (!catalogue.hasService(serviceCode)) {
      return Reply.problem(404, "unknown-service", "Unknown service", "service '" + serviceCode + "' is not in the catalogue");
    }
    ObjectNode out = Json.object();
    out.put("title", "查询结果 " + serviceCode);
    ArrayNode rows = out.putArray("rows");
    rows.addArray().add("年度").add("月数").add("缴费金额(元)");
    rows.addArray().add("2025").add("12").add("300");
    rows.addArray().add("2024").add("12").add("300");
    out.put("footer", "本结果由开发用后台生成，仅供测试");
    out.put("verifyCode", "DEV-" + Catalogue.sha256(req.body()).substring(0, 12));
    return Reply.json(200, out.toString());
  }
}
