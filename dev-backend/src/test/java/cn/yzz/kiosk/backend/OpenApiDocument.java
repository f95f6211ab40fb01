package cn.yzz.kiosk.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * docs/sync-api.openapi.yaml, read as the tests need it: which operations exist, which statuses and
 * media types each answers, and whether a JSON body fits a schema (draft 2020-12, formats asserted).
 * Public for offline-cache's client-side checks, which use this module's test jar.
 */
public final class OpenApiDocument {
    static final Path FILE = Path.of("..", "docs", "sync-api.openapi.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig STRICT = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    public final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument load() throws IOException {
        return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile()));
    }

    /** A copy to break on purpose, to show a check fails when document and code disagree. */
    public OpenApiDocument copy() {
        return new OpenApiDocument(root.deepCopy());
    }

    /** Every operation as "METHOD /path", e.g. "POST /api/v1/enroll". */
    public Set<String> operations() {
        Set<String> ops = new TreeSet<>();
        root.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                ops.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        return ops;
    }

    public JsonNode operation(String method, String path) {
        JsonNode op = root.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            throw new AssertionError("the document has no operation " + method + " " + path);
        }
        return op;
    }

    /** The statuses the document lists for an operation. */
    public Set<String> statuses(String method, String path) {
        Set<String> s = new TreeSet<>();
        operation(method, path).get("responses").fieldNames().forEachRemaining(s::add);
        return s;
    }

    /** The response object for a status (its $ref followed), or null when the document does not list it. */
    public JsonNode response(String method, String path, int status) {
        JsonNode r = operation(method, path).path("responses").get(Integer.toString(status));
        return r == null ? null : deref(r);
    }

    /** Required request headers: the operation's (and its path's) header parameters, and the security scheme's. */
    public Set<String> requiredHeaders(String method, String path) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<JsonNode> params = new ArrayList<>();
        root.path("paths").path(path).path("parameters").forEach(params::add);
        operation(method, path).path("parameters").forEach(params::add);
        for (JsonNode p : params) {
            JsonNode d = deref(p);
            if (d.path("in").asText().equals("header") && d.path("required").asBoolean()) {
                names.add(d.get("name").asText());
            }
        }
        JsonNode security = operation(method, path).has("security") ? operation(method, path).get("security") : root.path("security");
        for (JsonNode requirement : security) {
            requirement.fieldNames().forEachRemaining(scheme -> {
                JsonNode s = root.path("components").path("securitySchemes").path(scheme);
                names.add(s.path("type").asText().equals("http") ? "Authorization" : s.path("name").asText());
            });
        }
        return names;
    }

    /** The request body's schema for a media type, or null when the operation takes no such body. */
    public JsonNode requestSchema(String method, String path, String mediaType) {
        return deref(operation(method, path).path("requestBody")).path("content").path(mediaType).get("schema");
    }

    /** What is wrong with {@code body} against {@code schema} (a schema object of this document); empty when it fits. */
    public List<String> problems(JsonNode schema, JsonNode body) {
        ObjectNode whole = root.deepCopy();
        // The schema is placed inside the whole document so that its #/components/... references resolve.
        whole.withObjectProperty("components").withObjectProperty("schemas").set("_checked", schema);
        whole.put("$ref", "#/components/schemas/_checked");
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : SCHEMAS.getSchema(whole, STRICT).validate(body)) {
            out.add(m.getMessage());
        }
        return out;
    }

    /** Follows an OpenAPI $ref (to a response, parameter or request body) within this document. */
    public JsonNode deref(JsonNode node) {
        JsonNode n = node;
        for (int hops = 0; n.has("$ref"); hops++) {
            String ref = n.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 10) {
                throw new AssertionError("unsupported $ref " + ref);
            }
            n = root.at(ref.substring(1));
            if (n.isMissingNode()) {
                throw new AssertionError("$ref " + ref + " points nowhere");
            }
        }
        return n;
    }

    /** The media type without parameters: "application/json; charset=utf-8" is "application/json". */
    public static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    public static List<String> names(Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
