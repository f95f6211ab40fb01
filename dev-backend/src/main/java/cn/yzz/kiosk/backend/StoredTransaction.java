package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One transaction as the backend stored it, for tests that check what a kiosk uploaded:
 * {@code body} is the JSON exactly as the first accepted upload carried it.
 *
 * @param serviceCode null for transactions that name no service (a cash audit)
 */
public record StoredTransaction(String id, String kioskId, String type, String serviceCode, String backendRef, String body) {

    /** The stored body, parsed (a fresh tree each call). */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored body is always valid JSON", e);
        }
    }

    /** A payment's {@code method} ("qr", "cash"), or null. */
    public String method() {
        return textOrNull(json().get("method"));
    }

    /** A QR payment's {@code orderId}, or null. */
    public String orderId() {
        return textOrNull(json().get("orderId"));
    }

    /** The transaction's {@code data} object (an empty one when it carried none). */
    public JsonNode data() {
        JsonNode d = json().get("data");
        return d == null || d.isNull() ? Json.object() : d;
    }

    private static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
