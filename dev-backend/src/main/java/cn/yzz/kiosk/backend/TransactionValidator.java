package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one uploaded transaction against the contract. An invalid item is rejected for good
 * (the client keeps it for the administrator), so only permanent faults belong here.
 */
final class TransactionValidator {
  private static final Set<String> TYPES = Set.of("payment", "application", "print", "evaluation", "cash-audit");
  /** Types that act on a catalogue service and so must name one. */
  private static final Set<String> NEED_SERVICE = Set.of("payment", "application", "print");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Catalogue catalogue;

  TransactionValidator(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  BatchItem check(JsonNode t) {
    if (!t.isObject()) {
      return BatchItem.rejected(null, "transaction is not a JSON object");
    }
    JsonNode idNode = t.get("id");
    String id = idNode != null && idNode.isTextual() ? idNode.asText() : null;
    if (id == null || id.isBlank()) {
      return BatchItem.rejected(id, "missing id");
    }
    if (!UUID.matcher(id).matches()) {
      return BatchItem.rejected(id, "id is not a UUID");
    }
    String type = t.path("type").asText(null);
    if (type == null || !TYPES.contains(type)) {
      return BatchItem.rejected(id, "unknown type");
    }
    String createdAt = t.path("createdAt").asText(null);
    if (createdAt == null) {
      return BatchItem.rejected(id, "missing createdAt");
    }
    try {
      OffsetDateTime.parse(createdAt);
    } catch (DateTimeParseException e) {
      return BatchItem.rejected(id, "createdAt is not an RFC 3339 time with offset");
    }
    JsonNode amount = t.get("amountFen");
    if (amount != null && !amount.isNull() && !(amount.isIntegralNumber() && amount.canConvertToLong())) {
      return BatchItem.rejected(id, "amountFen is not an integer");
    }
    JsonNode serviceNode = t.get("serviceCode");
    String service = serviceNode != null && serviceNode.isTextual() ? serviceNode.asText() : null;
    if (service == null && NEED_SERVICE.contains(type)) {
      return BatchItem.rejected(id, "missing serviceCode");
    }
    if (service != null && !catalogue.hasService(service)) {
      return BatchItem.rejected(id, "unknown serviceCode");
    }
    if (type.equals("evaluation")) {
      int level = t.path("data").path("level").asInt(0);
      if (level < 1 || level > 5 || !t.path("data").path("ratedTransactionId").isTextual()) {
        return BatchItem.rejected(id, "evaluation needs data.ratedTransactionId and data.level 1-5");
      }
    }
    return new BatchItem(id, type, service, createdAt, t.toString(), null);
  }
}
