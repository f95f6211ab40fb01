package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POST /api/v1/transactions:batch. Items are validated one by one (an invalid item is rejected,
 * not the batch), then the whole batch is stored in one SQLite transaction.
 */
final class BatchRoute implements Route {
    /** More than this is a 400 (a client bug: the contract says up to 100), not a 413. */
    static final int MAX_ITEMS = 100;

    private final BackendStore store;
    private final Auth auth;
    private final TransactionValidator validator;
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();

    BatchRoute(BackendStore store, Auth auth, TransactionValidator validator) {
        this.store = store;
        this.auth = auth;
        this.validator = validator;
    }

    @Override
    public Reply handle(Request req) throws Exception {
        String kioskId;
        try {
            kioskId = auth.kioskId(req);
        } catch (Auth.Unauthorized e) {
            return e.toReply();
        }
        List<BatchItem> items = new ArrayList<>();
        try {
            ObjectNode body = Json.parseObject(req.body());
            JsonNode bodyKiosk = body.get("kioskId");
            if (bodyKiosk != null && !bodyKiosk.asText().equals(kioskId)) {
                throw new BadRequest("kioskId", "field 'kioskId' (" + bodyKiosk.asText() + ") differs from X-Kiosk-Id (" + kioskId + ")");
            }
            JsonNode list = body.get("transactions");
            if (list == null || !list.isArray()) {
                throw new BadRequest("transactions", "field 'transactions' is required and must be an array");
            }
            if (list.size() > MAX_ITEMS) {
                throw new BadRequest("transactions", "at most " + MAX_ITEMS + " transactions per batch, got " + list.size());
            }
            for (JsonNode t : list) {
                items.add(validator.check(kioskId, t));
            }
        } catch (BadRequest e) {
            return e.toReply();
        }
        List<BackendStore.Result> results = store.storeBatch(kioskId, items);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (BackendStore.Result r : results) {
            ObjectNode o = out.addObject();
            o.put("id", r.id());
            o.put("status", r.status());
            if (r.backendRef() != null) {
                o.put("backendRef", r.backendRef());
            }
            if (r.reason() != null) {
                o.put("reason", r.reason());
            }
            if (r.status().equals("accepted")) {
                accepted.incrementAndGet();
            } else if (r.status().equals("duplicate")) {
                duplicates.incrementAndGet();
            }
        }
        ObjectNode root = Json.object();
        root.set("results", out);
        return Reply.json(200, root.toString());
    }
}
