package cn.yzz.kiosk.backend;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response built in full before anything is written, so that faults can replace, truncate,
 * slow down or drop it after the handler (and its commit) has run.
 */
record Reply(int status, Map<String, String> headers, byte[] body) {

    static Reply json(int status, String json) {
        return withType(status, "application/json", json);
    }

    static Reply empty(int status) {
        return new Reply(status, new LinkedHashMap<>(), new byte[0]);
    }

    /** An RFC 9457 problem document. */
    static Reply problem(int status, String type, String title, String detail) {
        String json = Json.write(Map.of(
                "type", "https://kiosk.yzz.cn/problems/" + type,
                "title", title,
                "status", status,
                "detail", detail));
        return withType(status, "application/problem+json", json);
    }

    Reply header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, copy, body);
    }

    private static Reply withType(int status, String type, String text) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", type + "; charset=utf-8");
        return new Reply(status, h, text.getBytes(StandardCharsets.UTF_8));
    }
}
