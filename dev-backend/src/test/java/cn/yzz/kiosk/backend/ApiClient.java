package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** A test client for the contract on the JDK HttpClient: what a careful kiosk would send. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HARDWARE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    String kioskId;
    String token;

    ApiClient(DevBackend backend) {
        base = backend.url() + "/api/v1";
    }

    static String enrollBody(String code, String hardwareId) {
        return "{\"enrollmentCode\":\"" + code + "\",\"model\":\"desktop\",\"villageCode\":\"440203101201\","
                + "\"hardwareId\":\"" + hardwareId + "\",\"appVersion\":\"1.0.0\"}";
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> postGzip(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body.getBytes(StandardCharsets.UTF_8)))).build());
    }

    HttpResponse<String> get(String path, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).GET();
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return send(b.build());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token).header("X-Kiosk-Id", kioskId);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Enrolls with the code and keeps the credentials for later requests. */
    ApiClient enroll(String code) throws Exception {
        HttpResponse<String> r = post("/enroll", enrollBody(code, HARDWARE));
        if (r.statusCode() != 201) {
            throw new AssertionError("enroll: " + r.statusCode() + " " + r.body());
        }
        JsonNode n = JSON.readTree(r.body());
        kioskId = n.get("kioskId").asText();
        token = n.get("token").asText();
        return this;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static String payment(String id) {
        return "{\"id\":\"" + id + "\",\"type\":\"payment\",\"serviceCode\":\"RSJ-0007\","
                + "\"createdAt\":\"2026-11-22T09:30:00+08:00\",\"sessionId\":\"s1\","
                + "\"person\":{\"idNumber\":\"440203195103152316\",\"name\":\"李秀英\"},"
                + "\"data\":{\"year\":\"2026\",\"grade\":\"300\"},\"amountFen\":30000,"
                + "\"cash\":{\"insertedFen\":30000,\"notes\":{\"10000\":3}},\"receiptNo\":\"WJ-0042-20261122-0007\"}";
    }

    String batch(String... transactions) {
        return "{\"kioskId\":\"" + kioskId + "\",\"transactions\":[" + String.join(",", transactions) + "]}";
    }

    HttpResponse<String> sendBatch(String... transactions) throws IOException, InterruptedException {
        return post("/transactions:batch", batch(transactions));
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
