package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.Person;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The JSON of the online-only calls (payments, household, identity, queries): written by hand, read defensively. Anything
 * off-contract is an IOException whose message names the field but never repeats a personal value or a code.
 */
final class OnlineJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Reads decimals as written (BigDecimal, its trailing zeros kept), not as doubles that drop them. */
    private static final ObjectReader EXACT_NUMBERS = MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    /** Longer than this cannot be printed as a QR code that a phone reads from paper. */
    static final int MAX_VERIFY_CODE = 1024;

    private OnlineJson() {}

    static byte[] qrPayment(UUID transactionId, String serviceCode, long amountFen, Person person) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("transactionId", transactionId.toString());
        root.put("serviceCode", serviceCode);
        root.put("amountFen", amountFen);
        if (person != null) {
            root.putObject("person").put("idNumber", person.idNumber()).put("name", person.name());
        }
        return write(root);
    }

    static byte[] household(String idNumber) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("person").put("idNumber", idNumber);
        return write(root);
    }

    static byte[] resolve(String code) {
        return write(MAPPER.createObjectNode().put("code", code));
    }

    static byte[] query(Person person, java.util.Map<String, Object> data) {
        ObjectNode root = MAPPER.createObjectNode();
        if (person != null) {
            root.putObject("person").put("idNumber", person.idNumber()).put("name", person.name());
        }
        root.set("data", MAPPER.valueToTree(data == null ? java.util.Map.of() : data));
        return write(root);
    }

    /**
     * A query's table: a heading and rows of strings, every row as wide as the heading. A number cell is kept as the
     * county wrote it ({@code 300.50} stays "300.50", never "300.5" or "3.005E2"): these are amounts of money.
     */
    static QueryAnswer queryAnswer(byte[] body) throws IOException {
        JsonNode n = object(body, EXACT_NUMBERS);
        String title = required(n, "title");
        JsonNode rows = n.get("rows");
        if (rows == null || !rows.isArray() || rows.isEmpty()) {
            throw new IOException("rows is missing or has no heading row");
        }
        List<List<String>> out = new ArrayList<>(rows.size());
        int width = -1;
        int i = 0;
        for (JsonNode row : rows) {
            if (!row.isArray() || row.isEmpty()) {
                throw new IOException("rows[" + i + "] is not a non-empty array");
            }
            if (width >= 0 && row.size() != width) {
                throw new IOException("rows[" + i + "] has " + row.size() + " cells, the heading " + width);
            }
            width = row.size();
            List<String> cells = new ArrayList<>(width);
            for (JsonNode cell : row) {
                if (!(cell.isTextual() || cell.isNumber())) {
                    throw new IOException("rows[" + i + "] has a cell that is not a string or a number");
                }
                cells.add(cell.isTextual() ? cell.asText() : number(cell, i));
            }
            out.add(cells);
            i++;
        }
        String verifyCode = optional(n, "verifyCode");
        if (verifyCode.length() > MAX_VERIFY_CODE) {
            throw new IOException("verifyCode has " + verifyCode.length() + " characters, more than a printed QR code can carry"
                    + " readably (" + MAX_VERIFY_CODE + ")");
        }
        return new QueryAnswer(title, out, optional(n, "footer"), verifyCode);
    }

    /** A number cell as written; an exponent that would spell out thousands of digits is refused. */
    private static String number(JsonNode cell, int row) throws IOException {
        if (!cell.isBigDecimal()) {
            return cell.asText();
        }
        java.math.BigDecimal d = cell.decimalValue();
        if (Math.abs((long) d.scale()) > 40) {
            throw new IOException("rows[" + row + "] has a number too large or too small to show");
        }
        return d.toPlainString();
    }

    private static String optional(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new IOException(field + " is not a string");
        }
        return v.asText();
    }

    static QrOrder qrOrder(byte[] body) throws IOException {
        JsonNode n = object(body);
        String orderId = required(n, "orderId");
        String payUrl = required(n, "payUrl");
        // sync-api.md only says the kiosk draws payUrl as a QR code (an HTTP URL is promised of sandboxes alone): a
        // county may hand on WeChat Pay's own "weixin://wxpay/bizpayurl?pr=…". Any absolute URI a QR code can carry.
        if (!isAbsoluteUri(payUrl) || payUrl.length() > MAX_PAY_URL) {
            throw new IOException("payUrl is not an absolute URI of at most " + MAX_PAY_URL + " characters");
        }
        return new QrOrder(orderId, payUrl, time(n, "expiresAt"));
    }

    /** Longer than this does not make a QR code a phone reads from across the kiosk's screen. */
    static final int MAX_PAY_URL = 1024;

    private static boolean isAbsoluteUri(String s) {
        try {
            URI u = new URI(s);
            return u.isAbsolute() && u.getRawSchemeSpecificPart() != null && !u.getRawSchemeSpecificPart().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The status of {@code orderId}; an answer about another order is malformed. sync-api.md names only {@code status}
     * in this answer, so an {@code orderId} is checked when the county sends one but not required; and it names only the
     * final words (paid, expired, cancelled): any other word is an order not final yet, polled on.
     */
    static PaymentStatus paymentStatus(byte[] body, String orderId) throws IOException {
        return paymentStatus(object(body), orderId);
    }

    private static PaymentStatus paymentStatus(JsonNode n, String orderId) throws IOException {
        JsonNode about = n.get("orderId");
        if (about != null && !about.isNull() && !orderId.equals(about.asText())) {
            throw new IOException("the answer is about another order");
        }
        PaymentStatus status = PaymentStatus.parse(required(n, "status"));
        return status == null ? PaymentStatus.PENDING : status;
    }

    /**
     * The order's state in the answer to {@code DELETE /payments/{orderId}}, or null when the answer does not say one.
     * sync-api.md gives that answer no shape (a 204 is as good as a 200 with the order), so only a JSON object with a
     * text {@code status} is read; anything else means "ask the order".
     */
    static PaymentStatus cancelAnswer(byte[] body, String orderId) throws IOException {
        JsonNode n;
        try {
            n = body.length == 0 ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (n == null || !n.isObject() || !n.path("status").isTextual()) {
            return null;
        }
        return paymentStatus(n, orderId);
    }

    static List<HouseholdMember> household(byte[] body) throws IOException {
        JsonNode list = object(body).get("members");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IOException("household answer without members");
        }
        List<HouseholdMember> out = new ArrayList<>(list.size());
        int i = 0;
        for (JsonNode m : list) {
            if (!m.isObject()) {
                throw new IOException("members[" + i + "] is not an object");
            }
            out.add(new HouseholdMember(required(m, "name", "members[" + i + "]."), required(m, "idNumber", "members[" + i + "]."),
                    required(m, "relation", "members[" + i + "].")));
            i++;
        }
        return List.copyOf(out);
    }

    static ResolvedIdentity identity(byte[] body) throws IOException {
        JsonNode n = object(body);
        return new ResolvedIdentity(required(n, "name"), required(n, "idNumber"), time(n, "expiresAt"));
    }

    private static JsonNode object(byte[] body) throws IOException {
        return object(body, MAPPER.reader());
    }

    private static JsonNode object(byte[] body, ObjectReader reader) throws IOException {
        JsonNode n;
        try {
            n = reader.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending text, which may be personal: only the position is kept.
            throw new IOException("malformed JSON at " + (e.getLocation() == null ? "?" : e.getLocation().offsetDescription()));
        }
        if (n == null || !n.isObject()) {
            throw new IOException("answer is not a JSON object");
        }
        return n;
    }

    private static String required(JsonNode n, String field) throws IOException {
        return required(n, field, "");
    }

    private static String required(JsonNode n, String field, String where) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IOException(where + field + " is missing or not a non-empty string");
        }
        return v.asText();
    }

    private static OffsetDateTime time(JsonNode n, String field) throws IOException {
        String s = required(n, field);
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IOException(field + " is not an RFC 3339 time with offset", e);
        }
    }

    private static byte[] write(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
