package cn.yzz.kiosk.device.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The devices a kiosk carries, as its configuration file lists them:
 *
 * <pre>{@code
 * { "model": "desktop",
 *   "devices": [
 *     {"kind": "idcard-reader",   "driver": "samv",   "port": "/dev/ttyUSB0"},
 *     {"kind": "qr-scanner",      "driver": "newland", "port": "/dev/ttyACM0", "options": {"reading": "presentation"}},
 *     {"kind": "receipt-printer", "driver": "escpos", "port": "/dev/ttyS1", "options": {"paper": "80mm"}} ] }
 * }</pre>
 *
 * JSON with {@code //} comments allowed, so the shipped examples can explain themselves. Checked
 * strictly: an unknown key, a missing or doubled port, a wrong type or a device an enhanced-only kind on a
 * desktop kiosk stops start-up with a message naming the key and what is expected there. A kiosk that
 * starts with a typo in its configuration would otherwise fail later, in front of a villager.
 */
public record DeviceProfile(String model, List<DeviceSpec> devices) {

    /** The example profiles shipped with the kiosk ({@code desktop}, {@code enhanced}). */
    public static final List<String> EXAMPLES = List.of("desktop", "enhanced");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> TOP_KEYS = Set.of("model", "devices");

    public DeviceProfile {
        devices = List.copyOf(devices);
    }

    public Optional<DeviceSpec> device(DeviceKind kind) {
        return devices.stream().filter(d -> d.kind() == kind).findFirst();
    }

    public static DeviceProfile load(Path file) throws ProfileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfileException(file.toString(), "", "cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** The text of a shipped example profile, e.g. {@code example("desktop")}. */
    public static String example(String name) {
        if (!EXAMPLES.contains(name)) {
            throw new IllegalArgumentException("no example profile " + name + "; there are " + EXAMPLES);
        }
        try (InputStream in = DeviceProfile.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("example profile " + name + ".json is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param source the file name (or another label) the messages start with */
    public static DeviceProfile parse(String text, String source) throws ProfileException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ProfileException(source, "", "is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ProfileException(source, "", "expected an object such as {\"model\": \"desktop\", \"devices\": [...]}");
        }
        unknownKeys(source, "", root, TOP_KEYS);
        String model = word(source, "model", root.get("model"), List.of("desktop", "enhanced"), null);
        JsonNode list = root.get("devices");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ProfileException(source, "devices", "expected a list of devices, each {\"kind\", \"driver\", "
                    + "\"port\" or a name, \"options\"}; a kiosk has at least an ID card reader");
        }
        List<DeviceSpec> devices = new ArrayList<>();
        Map<String, String> ports = new HashMap<>();
        Map<DeviceKind, String> kinds = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            DeviceSpec d = device(source, "devices[" + i + "]", list.get(i), model);
            String other = kinds.putIfAbsent(d.kind(), d.key());
            if (other != null) {
                throw new ProfileException(source, d.key() + ".kind", "a second " + d.kind().id() + " (the first is "
                        + other + "); a kiosk has one of each");
            }
            if (d.kind().drivers().get(d.driver()).link() == DeviceKind.Driver.Link.SERIAL) {
                String first = ports.putIfAbsent(d.port(), d.key());
                if (first != null) {
                    throw new ProfileException(source, d.key() + ".port", d.port() + " is already the port of " + first
                            + "; two devices cannot share one serial port");
                }
            }
            devices.add(d);
        }
        if (!kinds.containsKey(DeviceKind.IDCARD_READER)) {
            throw new ProfileException(source, "devices", "no idcard-reader: every kiosk identifies villagers by their ID card");
        }
        return new DeviceProfile(model, devices);
    }

    private static DeviceSpec device(String source, String key, JsonNode node, String model) throws ProfileException {
        if (!node.isObject()) {
            throw new ProfileException(source, key, "expected an object such as {\"kind\": \"qr-scanner\", "
                    + "\"driver\": \"newland\", \"port\": \"/dev/ttyACM0\"}");
        }
        String kindId = word(source, key + ".kind", node.get("kind"), null, null);
        DeviceKind kind = DeviceKind.byId(kindId).orElseThrow(() -> new ProfileException(source, key + ".kind",
                "unknown kind \"" + kindId + "\"; expected one of " + DeviceKind.allIds()));
        if (kind.enhancedOnly() && model.equals("desktop")) {
            throw new ProfileException(source, key + ".kind", kind.id() + " is fitted only to enhanced kiosks; "
                    + "set \"model\" to \"enhanced\" or remove the device");
        }
        String driver = word(source, key + ".driver", node.get("driver"), List.copyOf(kind.drivers().keySet()), null);
        DeviceKind.Driver spec = kind.drivers().get(driver);
        Set<String> allowed = Set.of("kind", "driver", spec.nameKey(), "options");
        unknownKeys(source, key, node, allowed);
        Optional<String> target;
        JsonNode t = node.get(spec.nameKey());
        if (spec.link() == DeviceKind.Driver.Link.SERIAL) {
            if (t == null) {
                throw new ProfileException(source, key + ".port", "missing: the serial port the " + kind.id()
                        + " is on, such as /dev/ttyUSB0 or a stable /dev/serial/by-id/… name (ls -l /dev/serial/by-id lists them)");
            }
            String port = word(source, key + ".port", t, null, null);
            if (!port.startsWith("/")) { // a /dev node, or a stable link to one (udev rules, /dev/serial/by-id, a pty)
                throw new ProfileException(source, key + ".port", "expected an absolute device path such as /dev/ttyUSB0, found \""
                        + port + "\"");
            }
            target = Optional.of(port);
        } else {
            target = t == null ? Optional.empty() : Optional.of(word(source, key + "." + spec.nameKey(), t, null, null));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (DeviceKind.Option o : spec.options()) {
            options.put(o.name(), o.defaultValue());
        }
        JsonNode given = node.get("options");
        if (given != null) {
            if (!given.isObject()) {
                throw new ProfileException(source, key + ".options", "expected an object such as {\"baud\": 9600}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String okey = key + ".options." + e.getKey();
                DeviceKind.Option o = spec.option(e.getKey()).orElseThrow(() -> new ProfileException(source, okey,
                        "unknown option for the " + driver + " driver; expected "
                                + (spec.options().isEmpty() ? "none" : String.join(", ",
                                spec.options().stream().map(DeviceKind.Option::name).toList()))));
                options.put(o.name(), value(source, okey, e.getValue(), o));
            }
        }
        return new DeviceSpec(key, kind, driver, target, options);
    }

    private static Object value(String source, String key, JsonNode v, DeviceKind.Option o) throws ProfileException {
        if (o.isWhole()) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new ProfileException(source, key, "expected " + o.expected() + ", found " + v);
            }
            int n = v.intValue();
            boolean ok = o.allowed().isEmpty() ? n >= o.min() && n <= o.max() : o.allowed().contains(n);
            if (!ok) {
                throw new ProfileException(source, key, "expected " + o.expected() + ", found " + n);
            }
            return n;
        }
        if (o.pattern() != null) {
            String text = word(source, key, v, null, o.expected());
            if (!text.matches(o.pattern())) {
                throw new ProfileException(source, key, "expected " + o.expected() + ", found \"" + text + "\"");
            }
            return text;
        }
        return word(source, key, v, o.allowed().stream().map(String::valueOf).toList(), o.expected());
    }

    /** A non-empty string, optionally one of {@code allowed}. */
    private static String word(String source, String key, JsonNode v, List<String> allowed, String expected)
            throws ProfileException {
        String hint = expected != null ? expected
                : allowed != null ? "one of " + String.join(", ", allowed.stream().sorted().toList()) : "a text";
        if (v == null) {
            throw new ProfileException(source, key, "missing; expected " + hint);
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ProfileException(source, key, "expected " + hint + " in quotes, found " + v);
        }
        String s = v.asText().strip();
        if (allowed != null && !allowed.contains(s.toLowerCase(Locale.ROOT))) {
            throw new ProfileException(source, key, "expected " + hint + ", found \"" + s + "\"");
        }
        return allowed != null ? s.toLowerCase(Locale.ROOT) : s;
    }

    private static void unknownKeys(String source, String at, JsonNode node, Set<String> allowed) throws ProfileException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ProfileException(source, at.isEmpty() ? k : at + "." + k, "unknown key; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }
}
