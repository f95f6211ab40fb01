package cn.yzz.kiosk.cache.store;

import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.Transaction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** The stored payload: the transaction as JSON without its id (a column) and its person (encrypted). */
final class TransactionJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private TransactionJson() {}

    static String write(Transaction t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", t.type());
        n.put("serviceCode", t.serviceCode());
        n.put("createdAt", t.createdAt().toString()); // keeps the kiosk's offset, as the contract sends it
        n.put("sessionId", t.sessionId());
        n.set("data", JSON.valueToTree(t.data()));
        if (t.amountFen() != null) {
            n.put("amountFen", t.amountFen());
        }
        if (t.cash() != null) {
            n.set("cash", JSON.valueToTree(t.cash()));
        }
        n.put("receiptNo", t.receiptNo());
        return n.toString();
    }

    static Transaction read(UUID id, String payload, Person person) {
        try {
            JsonNode n = JSON.readTree(payload);
            return new Transaction(id, n.get("type").asText(), text(n, "serviceCode"),
                    OffsetDateTime.parse(n.get("createdAt").asText()), text(n, "sessionId"), person,
                    JSON.convertValue(n.get("data"), MAP),
                    n.hasNonNull("amountFen") ? n.get("amountFen").asLong() : null,
                    n.hasNonNull("cash") ? JSON.convertValue(n.get("cash"), MAP) : null, text(n, "receiptNo"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload of " + id + " is not JSON", e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
