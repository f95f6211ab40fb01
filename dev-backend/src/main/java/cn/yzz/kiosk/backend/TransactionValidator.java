package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one uploaded transaction against the contract (v1.1). An invalid item is rejected for good
 * (the client keeps it for the administrator), so only permanent faults belong here.
 */
final class TransactionValidator {
    private static final Set<String> TYPES = Set.of("payment", "application", "print", "evaluation", "cash-audit");
    /** Types that act on a catalogue service and so must name one. */
    private static final Set<String> NEED_SERVICE = Set.of("payment", "application", "print");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern FEN_VALUE = Pattern.compile("[1-9][0-9]*");

    private final Catalogue catalogue;
    private final PaymentStore orders;

    TransactionValidator(Catalogue catalogue, PaymentStore orders) {
        this.catalogue = catalogue;
        this.orders = orders;
    }

    /** The item to store, or its rejection; {@code kioskId} is the authenticated sender. */
    BatchItem check(String kioskId, JsonNode t) throws SQLException {
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
        String problem = switch (type) {
            case "evaluation" -> evaluation(t);
            case "payment" -> payment(kioskId, id, t);
            case "cash-audit" -> cashAudit(t);
            default -> null;
        };
        if (problem != null) {
            return BatchItem.rejected(id, problem);
        }
        return new BatchItem(id, type, service, createdAt, t.toString(), null);
    }

    /** An evaluation rates a stored transaction, or (a visit that stored none) names its service and session. */
    private static String evaluation(JsonNode t) {
        JsonNode data = t.get("data");
        if (data == null || !data.isObject()) {
            return "evaluation needs data";
        }
        JsonNode rated = data.get("ratedTransactionId");
        boolean ratesTransaction = rated != null && rated.isTextual() && UUID.matcher(rated.asText()).matches();
        boolean ratesVisit = nonBlankText(t.get("serviceCode")) && nonBlankText(t.get("sessionId"));
        if (!ratesTransaction && !ratesVisit) {
            return "evaluation needs data.ratedTransactionId (a UUID), or serviceCode and sessionId";
        }
        JsonNode level = data.get("level");
        if (level == null || !level.isIntegralNumber() || level.asLong() < 1 || level.asLong() > 5) {
            return "evaluation needs data.level, an integer 1-5";
        }
        JsonNode reasons = data.get("reasons");
        if (reasons != null && !isListOfText(reasons)) {
            return "evaluation data.reasons must be a list of strings";
        }
        return null;
    }

    private String payment(String kioskId, String id, JsonNode t) throws SQLException {
        JsonNode members = t.path("data").get("members");
        if (members != null && !isListOfPeople(members)) {
            return "data.members must be a list of {idNumber, name}";
        }
        JsonNode method = t.get("method");
        if (method == null || method.isNull()) {
            return null; // a v1 payment: cash without a method
        }
        if (!method.isTextual()) {
            return "unknown payment method";
        }
        return switch (method.asText()) {
            case "qr" -> qr(kioskId, id, t);
            case "cash" -> cash(t);
            default -> "unknown payment method";
        };
    }

    /**
     * A QR payment names its order. What a careful county does with the link:
     * <ul>
     *   <li>unknown order (or another kiosk's, which this kiosk must not learn about): rejected "unknown order";
     *   <li>the order was made for another transaction id: rejected, the link would be false;
     *   <li>paid: accepted (the common case: the kiosk queued it after hearing "paid");
     *   <li>pending: accepted. The contract has the kiosk queue the transaction that names the order so that a
     *       paid order is final even if the kiosk loses power before it hears so; a kiosk that queues it at once
     *       uploads it while the villager is still paying. Rejecting it would be permanent, and would leave a
     *       payment that is paid a minute later with no transaction; the order stays the authority and the county
     *       settles the pair when the order ends;
     *   <li>cancelled or expired: rejected "order not paid": nothing was paid and nothing ever will be on it.
     * </ul>
     * The amount must be the order's: the money moved is the order's amount.
     */
    private String qr(String kioskId, String id, JsonNode t) throws SQLException {
        JsonNode orderId = t.get("orderId");
        if (!nonBlankText(orderId)) {
            return "a qr payment needs orderId";
        }
        Optional<PaymentStore.Order> order = orders.get(orderId.asText());
        if (order.isEmpty() || !order.get().kioskId().equals(kioskId)) {
            return "unknown order";
        }
        if (!order.get().transactionId().equalsIgnoreCase(id)) {
            return "order belongs to another transaction";
        }
        String status = order.get().status();
        if (status.equals("cancelled") || status.equals("expired")) {
            return "order not paid";
        }
        JsonNode amount = t.get("amountFen");
        if (amount == null || !amount.isIntegralNumber() || amount.asLong() != order.get().amountFen()) {
            return "amountFen differs from the order's";
        }
        return null;
    }

    /**
     * Cash: every note in the cash box is in exactly one transaction, so the counts must add up: the notes make
     * insertedFen, and insertedFen is the amount paid plus the change voucher (no change is given). A payment that
     * ended unpaid after notes were credited has amountFen 0 and a voucher for all of them; one with no note at all
     * is not a cash transaction (the kiosk queues nothing for it).
     */
    private static String cash(JsonNode t) {
        JsonNode cash = t.get("cash");
        if (cash == null || !cash.isObject()) {
            return "a cash payment needs cash{insertedFen, notes}";
        }
        JsonNode inserted = cash.get("insertedFen");
        if (!isFen(inserted) || cash.get("notes") == null) {
            return "a cash payment needs cash{insertedFen, notes}";
        }
        Long noteSum = noteSum(cash.get("notes"));
        if (noteSum == null) {
            return "cash.notes must map note values in fen to counts";
        }
        if (noteSum != inserted.asLong()) {
            return "cash.notes add up to " + noteSum + " fen, not cash.insertedFen";
        }
        if (noteSum == 0) {
            return "a cash payment with no note inserted";
        }
        JsonNode voucher = cash.get("voucherFen");
        JsonNode voucherNo = cash.get("voucherNo");
        if (voucher != null && !isFen(voucher)) {
            return "cash.voucherFen is not an integer count of fen";
        }
        long voucherFen = voucher == null ? 0 : voucher.asLong();
        if (voucherFen > 0 && !nonBlankText(voucherNo)) {
            return "cash.voucherFen needs cash.voucherNo";
        }
        if (voucherFen == 0 && voucherNo != null) {
            return "cash.voucherNo without cash.voucherFen";
        }
        JsonNode amount = t.get("amountFen");
        if (amount == null || !amount.isIntegralNumber() || amount.asLong() + voucherFen != inserted.asLong()) {
            return "amountFen plus cash.voucherFen is not cash.insertedFen";
        }
        return null;
    }

    /**
     * A cash box audit, queued when the box is replaced: the period's notes make cashboxFen, the unattributed notes
     * (credited with no payment) are part of it, and the period has a start and an end in that order. No amountFen:
     * it moves no villager's money.
     */
    private static String cashAudit(JsonNode t) {
        JsonNode cash = t.get("cash");
        if (cash == null || !cash.isObject() || !isFen(cash.get("cashboxFen")) || cash.get("notes") == null) {
            return "a cash-audit needs cash{cashboxFen, notes, periodStart, periodEnd}";
        }
        Long noteSum = noteSum(cash.get("notes"));
        if (noteSum == null) {
            return "cash.notes must map note values in fen to counts";
        }
        if (noteSum != cash.get("cashboxFen").asLong()) {
            return "cash.notes add up to " + noteSum + " fen, not cash.cashboxFen";
        }
        JsonNode unattributed = cash.get("unattributedFen");
        if (unattributed != null && (!isFen(unattributed) || unattributed.asLong() > noteSum)) {
            return "cash.unattributedFen is not a count of fen within cash.cashboxFen";
        }
        OffsetDateTime start = time(cash.get("periodStart"));
        OffsetDateTime end = time(cash.get("periodEnd"));
        if (start == null || end == null) {
            return "cash.periodStart and cash.periodEnd must be RFC 3339 times with offset";
        }
        if (start.isAfter(end)) {
            return "cash.periodStart is after cash.periodEnd";
        }
        if (t.has("amountFen")) {
            return "a cash-audit has no amountFen";
        }
        return null;
    }

    /** The notes' total in fen, or null when they are not {"<value in fen>": count}. */
    private static Long noteSum(JsonNode notes) {
        if (!notes.isObject()) {
            return null;
        }
        long sum = 0;
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) notes::fields) {
            if (!FEN_VALUE.matcher(e.getKey()).matches() || e.getKey().length() > 9 || !isFen(e.getValue())) {
                return null;
            }
            sum += Long.parseLong(e.getKey()) * e.getValue().asLong();
        }
        return sum;
    }

    private static OffsetDateTime time(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isFen(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0;
    }

    private static boolean nonBlankText(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank();
    }

    private static boolean isListOfText(JsonNode n) {
        if (!n.isArray()) {
            return false;
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isListOfPeople(JsonNode n) {
        if (!n.isArray()) {
            return false;
        }
        for (JsonNode e : n) {
            // The name may be empty: another person identified by a keyed ID number has no name the kiosk knows.
            if (!e.isObject() || !nonBlankText(e.get("idNumber")) || e.get("name") == null || !e.get("name").isTextual()) {
                return false;
            }
        }
        return true;
    }
}
