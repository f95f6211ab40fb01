package cn.yzz.kiosk.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/v1/catalog, conditional on If-None-Match. */
final class CatalogRoute implements Route {
    private final Catalogue catalogue;
    private final Auth auth;

    CatalogRoute(Catalogue catalogue, Auth auth) {
        this.catalogue = catalogue;
        this.auth = auth;
    }

    @Override
    public Reply handle(Request req) throws Exception {
        try {
            auth.kioskId(req);
        } catch (Auth.Unauthorized e) {
            return e.toReply();
        }
        if (catalogue.matches(req.header("If-None-Match"))) {
            return Reply.empty(304).header("ETag", catalogue.etag());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("ETag", catalogue.etag());
        headers.put("Cache-Control", "no-cache");
        return new Reply(200, headers, catalogue.json());
    }
}
