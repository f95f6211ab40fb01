package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** One shared Jackson mapper; JSON errors in our own output are bugs, so they are unchecked. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A time as the contract writes it: RFC 3339 in China's offset, to the second. OffsetDateTime's own
     * toString leaves the seconds out on the minute ("09:30+08:00"), which RFC 3339 does not allow.
     */
    static String time(java.time.Instant instant) {
        return java.time.OffsetDateTime.ofInstant(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                java.time.ZoneOffset.ofHours(8)).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body; a body that is not a JSON object becomes a 400. */
    static ObjectNode parseObject(byte[] body) throws BadRequest {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest("body", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequest("body", "the body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest("body", "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A required, non-blank text field, or a 400 naming it. */
    static String text(JsonNode body, String field) throws BadRequest {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadRequest(field, "field '" + field + "' is required and must be a non-empty string");
        }
        return v.asText();
    }
}
