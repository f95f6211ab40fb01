package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.store.PersonalDataCipher.Personal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The stored payload: the transaction as JSON without its id (a column) and without its personal data
 * ({@code person} and {@code data.members}, in the encrypted blob: {@link #personal(Transaction)}).
 */
final class TransactionJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private TransactionJson() {}

    /** The payload: never an ID number or a name. */
    static String write(Transaction t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", t.type());
        n.put("serviceCode", t.serviceCode());
        n.put("createdAt", t.createdAt().toString()); // keeps the kiosk's offset, as the contract sends it
        n.put("sessionId", t.sessionId());
        Map<String, Object> data = t.data();
        if (data.containsKey(Transaction.MEMBERS)) {
            data = new TreeMap<>(data);
            data.remove(Transaction.MEMBERS);
        }
        n.set("data", JSON.valueToTree(data));
        if (t.amountFen() != null) {
            n.put("amountFen", t.amountFen());
        }
        if (t.method() != null) {
            n.put("method", t.method());
        }
        if (t.orderId() != null) {
            n.put("orderId", t.orderId());
        }
        if (t.cash() != null) {
            n.set("cash", JSON.valueToTree(t.cash()));
        }
        n.put("receiptNo", t.receiptNo());
        return n.toString();
    }

    /** What goes into the encrypted blob. */
    static Personal personal(Transaction t) {
        return new Personal(t.person(), t.data().get(Transaction.MEMBERS));
    }

    /** The transaction from its payload and its personal part ({@code personal} null: purged or never any). */
    static Transaction read(UUID id, String payload, Personal personal) {
        try {
            JsonNode n = JSON.readTree(payload);
            Map<String, Object> data = JSON.convertValue(n.get("data"), MAP);
            if (personal != null && personal.members() != null) {
                data.put(Transaction.MEMBERS, personal.members());
            }
            return new Transaction(id, n.get("type").asText(), text(n, "serviceCode"),
                    OffsetDateTime.parse(n.get("createdAt").asText()), text(n, "sessionId"),
                    personal == null ? null : personal.person(), data,
                    n.hasNonNull("amountFen") ? n.get("amountFen").asLong() : null,
                    text(n, "method"), text(n, "orderId"),
                    n.hasNonNull("cash") ? JSON.convertValue(n.get("cash"), MAP) : null, text(n, "receiptNo"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload of " + id + " is not JSON", e);
        }
    }

    /** {@code t} (read without its personal part) with {@code personal} put back; {@code personal} null: as it is. */
    static Transaction withPersonal(Transaction t, Personal personal) {
        if (personal == null) {
            return t;
        }
        Map<String, Object> data = new TreeMap<>(t.data());
        if (personal.members() != null) {
            data.put(Transaction.MEMBERS, personal.members());
        }
        return new Transaction(t.id(), t.type(), t.serviceCode(), t.createdAt(), t.sessionId(), personal.person(), data,
                t.amountFen(), t.method(), t.orderId(), t.cash(), t.receiptNo());
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
