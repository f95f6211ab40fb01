package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** POST /api/v1/enroll: binds an enrollment code to one machine and issues its token. */
final class EnrollRoute implements Route {
    private static final Set<String> MODELS = Set.of("desktop", "enhanced");

    private final BackendStore store;
    private final Catalogue catalogue;

    EnrollRoute(BackendStore store, Catalogue catalogue) {
        this.store = store;
        this.catalogue = catalogue;
    }

    @Override
    public Reply handle(Request req) throws Exception {
        ObjectNode body;
        String code, model, village, hardwareId;
        try {
            body = Json.parseObject(req.body());
            code = Json.text(body, "enrollmentCode");
            model = Json.text(body, "model");
            if (!MODELS.contains(model)) {
                throw new BadRequest("model", "field 'model' must be 'desktop' or 'enhanced'");
            }
            village = Json.text(body, "villageCode");
            if (!village.matches("\\d{12}")) {
                throw new BadRequest("villageCode", "field 'villageCode' must be the 12-digit administrative division code");
            }
            hardwareId = Json.text(body, "hardwareId");
        } catch (BadRequest e) {
            return e.toReply();
        }
        String appVersion = body.path("appVersion").asText(null);
        String token = Auth.newToken();
        BackendStore.Enrolled result = store.enroll(code, hardwareId, model, village, appVersion, Auth.hash(token));
        if (result instanceof BackendStore.Enrolled.UnknownCode) {
            return Reply.problem(404, "unknown-enrollment-code", "Unknown enrollment code",
                    "enrollment code '" + code + "' is not known to this backend");
        }
        if (result instanceof BackendStore.Enrolled.CodeTaken) {
            return Reply.problem(409, "enrollment-code-used", "Enrollment code already used",
                    "enrollment code '" + code + "' is bound to another machine (hardwareId)");
        }
        ObjectNode out = Json.object();
        out.put("kioskId", ((BackendStore.Enrolled.Ok) result).kioskId());
        out.put("token", token);
        out.put("catalogVersion", catalogue.version());
        return Reply.json(201, out.toString());
    }
}
