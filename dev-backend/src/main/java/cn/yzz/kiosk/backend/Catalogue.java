package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue the backend serves (sync-api.md v1.1): by default the kiosk's bundled catalogue, which the
 * build copies into this jar from offline-cache (see pom.xml), or a county's own file. Only what the backend
 * needs is read: the version, each service's code, name, kind and whether it names an identity, and an ETag over
 * the exact bytes.
 */
final class Catalogue {
    /** Where the build puts the bundled catalogue, beside this class. */
    static final String BUNDLED = "bundled-catalog.json";

    private final byte[] json;
    private final String version;
    private final String etag;
    private final Map<String, Service> services = new HashMap<>();

    /**
     * What the backend reads of one service.
     *
     * @param kind        the catalogue's kind (payment, application, query, print), "" when the file gives none
     * @param needsPerson false only when the service lists no identity method at all ({@code "identity": []})
     */
    record Service(String code, String name, String kind, boolean needsPerson) {
        /** Query and print services answer POST /services/{code}/query; a county file without kinds answers for all. */
        boolean answersQueries() {
            return kind.isEmpty() || kind.equals("query") || kind.equals("print");
        }
    }

    /** Reads a catalogue; IllegalArgumentException says, in words, why the bytes are not one. */
    private Catalogue(byte[] json, String source) {
        this.json = json;
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " is not a catalogue: it must be a JSON object with a \"services\" list");
        }
        JsonNode services = root.get("services");
        if (services == null || !services.isArray()) {
            throw new IllegalArgumentException(source + " is not a catalogue: it has no \"services\" list");
        }
        int i = 0;
        for (JsonNode s : services) {
            JsonNode code = s.get("code");
            if (code == null || !code.isTextual() || code.asText().isBlank()) {
                throw new IllegalArgumentException(source + ": services[" + i + "] has no \"code\"");
            }
            JsonNode identity = s.get("identity");
            this.services.put(code.asText(), new Service(code.asText(), s.path("name").asText(code.asText()), s.path("kind").asText(""),
                    identity == null || !identity.isArray() || !identity.isEmpty()));
            i++;
        }
        version = root.path("version").asText();
        // A strong ETag over the bytes, so any edit of the catalogue changes it even if the version is not bumped.
        etag = "\"" + sha256(json).substring(0, 32) + "\"";
    }

    /** The kiosk's bundled catalogue, from this jar. */
    static Catalogue bundled() {
        try (InputStream in = Catalogue.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the jar (the build copies it from offline-cache)");
            }
            return new Catalogue(in.readAllBytes(), "the bundled catalogue");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A county's own catalogue file; IllegalArgumentException names the file and what is wrong with it. */
    static Catalogue file(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the catalogue " + file + ": " + e, e);
        }
        return new Catalogue(bytes, "the catalogue " + file);
    }

    byte[] json() {
        return json.clone();
    }

    String version() {
        return version;
    }

    String etag() {
        return etag;
    }

    boolean hasService(String code) {
        return services.containsKey(code);
    }

    Optional<Service> service(String code) {
        return Optional.ofNullable(services.get(code));
    }

    /** RFC 9110 If-None-Match: "*" or any listed tag (weak comparison) matches. */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
