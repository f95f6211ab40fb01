package cn.yzz.kiosk.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * POST /api/v1/diagnostics (sync-api.md v1.1): a kiosk's diagnostics bundle, {@code application/zip}. The size
 * limit (413) is the front door's body limit, 5 MiB by default. Each bundle is kept as
 * {@code diagnostics/<kioskId>-<diagnosticsId>.zip} in the data folder.
 */
final class DiagnosticsRoute implements Route {
    private final Auth auth;
    private final Path folder;

    DiagnosticsRoute(Auth auth, Path folder) {
        this.auth = auth;
        this.folder = folder;
    }

    @Override
    public Reply handle(Request req) throws Exception {
        String kioskId;
        try {
            kioskId = auth.kioskId(req);
        } catch (Auth.Unauthorized e) {
            return e.toReply();
        }
        String type = req.header("Content-Type");
        if (type == null || !type.split(";")[0].trim().equalsIgnoreCase("application/zip")) {
            return Reply.problem(415, "unsupported-media-type", "Unsupported Media Type",
                    "a diagnostics bundle is sent as application/zip, got " + (type == null ? "no Content-Type" : "'" + type + "'"));
        }
        byte[] zip = req.body();
        // Every zip file, even an empty one, starts with a local file header or an end-of-central-directory record.
        if (zip.length < 4 || zip[0] != 'P' || zip[1] != 'K') {
            return Reply.problem(400, "bad-request", "Bad request: body", "the body is not a zip file");
        }
        String id = "DG" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(java.util.Locale.ROOT);
        Files.createDirectories(folder);
        Files.write(folder.resolve(kioskId + "-" + id + ".zip"), zip);
        return Reply.json(201, Json.object().put("diagnosticsId", id).toString());
    }
}
