package cn.yzz.kiosk.cache.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the county's catalogue (sync-api.md {@code GET /api/v1/catalog} with the v1.1 additions) into a
 * {@link Catalog}. The same reader serves the bundled file, the cached copy, the backend's answer and
 * {@code kioskctl catalog check}.
 *
 * <p>Two kinds of problem. A file the kiosk cannot use at all (not JSON, a duplicate key, trailing
 * content, not an object, no {@code version}, {@code services} not a list, a malformed department or
 * theme entry) throws {@link CatalogException} naming the source, the JSON path and, where known, line
 * and column. A single service the kiosk cannot render never throws: it goes to {@link Catalog#leftOut()}
 * with its code, the path of the problem and a plain reason, and the others are offered. Keys the kiosk
 * does not know are ignored (the contract is additive); values it does not know in a list it must honour
 * ({@code identity}, {@code pay}, {@code devices}, {@code for}, {@code models}, {@code output}) leave the
 * service out, since the kiosk cannot honour what it does not understand.
 *
 * <p>Streaming Jackson rather than data binding: the catalogue is read while the kiosk starts, and
 * binding's first use costs several times more class loading. Stateless and thread-safe.
 */
public final class CatalogParser {

    /** The catalogue shipped in this jar, used until the county's first good one arrives. */
    public static final String BUNDLED = "/cn/yzz/kiosk/cache/catalog/bundled-catalog.json";

    /** Card attributes the kiosk can fill an {@code idcard-field} from. */
    public static final Set<String> CARD_ATTRIBUTES = Set.of("name", "idNumber", "sex", "birthDate", "nation", "address");

    /** Kiosk models a service may be limited to. */
    public static final Set<String> MODELS = Set.of("desktop", "enhanced");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private CatalogParser() {}

    /** The bundled catalogue; a broken one is a build mistake, not a runtime condition. */
    public static Catalog bundled() {
        try (InputStream in = CatalogParser.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the bundled catalogue is missing from the jar (" + BUNDLED + ")");
            }
            return parse(in.readAllBytes(), "bundled-catalog.json");
        } catch (IOException | CatalogException e) {
            throw new IllegalStateException("the bundled catalogue cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * @param json   the catalogue's bytes (UTF-8)
     * @param source how messages name the file ("bundled-catalog.json", "the backend's catalogue")
     * @throws CatalogException when the file cannot be used at all; the message starts with {@code source}
     */
    public static Catalog parse(byte[] json, String source) throws CatalogException {
        Map<String, Object> root;
        Map<String, JsonLocation> where = new HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new CatalogException(source + ": the file is empty", null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new CatalogException(source + ": (top level): expected an object, found " + first.asString()
                        + at(p.currentTokenLocation()), null);
            }
            root = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                where.put(name, p.currentTokenLocation());
                root.put(name, value(p));
            }
            if (p.nextToken() != null) {
                throw new CatalogException(source + ": unexpected content after the catalogue" + at(p.currentTokenLocation()), null);
            }
        } catch (JsonProcessingException e) {
            throw new CatalogException(source + ": not valid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(source + ": cannot be read: " + e.getMessage(), e);
        }
        try {
            return catalog(root);
        } catch (Problem e) {
            throw new CatalogException(source + ": " + e.path + ": " + e.getMessage() + at(where.get(topKey(e.path))), null);
        }
    }

    // ---- JSON into plain values: Map, List, String, Long, BigInteger, BigDecimal, Boolean, null ----

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                // Not getLongValue: a huge number is a bad amount in one service, not an unreadable file.
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + t + at(p.currentLocation()));
        }
    }

    // ---- the catalogue ----

    private static Catalog catalog(Map<String, Object> root) throws Problem {
        Object version = root.get("version");
        if (!(version instanceof String v) || v.isBlank()) {
            throw new Problem("version", version == null ? "missing" : "expected a non-blank text, found " + kind(version));
        }
        List<Department> departments = new ArrayList<>();
        Set<String> departmentCodes = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> e : objects(root, "departments").entrySet()) {
            Department d = department(e.getKey(), e.getValue());
            if (!departmentCodes.add(d.code())) {
                throw new Problem(e.getKey() + ".code", "duplicate department code '" + d.code() + "'");
            }
            departments.add(d);
        }
        List<Theme> themes = new ArrayList<>();
        Set<String> themeIds = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> e : objects(root, "themes").entrySet()) {
            Theme t = theme(e.getKey(), e.getValue());
            if (!themeIds.add(t.id())) {
                throw new Problem(e.getKey() + ".id", "duplicate theme id '" + t.id() + "'");
            }
            themes.add(t);
        }
        Object services = root.get("services");
        if (!(services instanceof List<?> list)) {
            throw new Problem("services", services == null ? "missing" : "expected a list, found " + kind(services));
        }

        // First each service by itself, then what needs the whole list: duplicate codes and bundle steps.
        List<Object> read = new ArrayList<>(list.size()); // a Service or a LeftOut, in catalogue order
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "services[" + i + "]";
            Object raw = list.get(i);
            String code = raw instanceof Map<?, ?> m && m.get("code") instanceof String c && !c.isBlank() ? c : null;
            try {
                if (code != null && !codes.add(code)) {
                    throw new Problem(path + ".code", "duplicate service code '" + code + "' (only the first one counts)");
                }
                read.add(ServiceReader.read(new Node(raw, path), departmentCodes));
            } catch (Problem e) {
                read.add(new Catalog.LeftOut(code, e.path, e.getMessage()));
            } catch (RuntimeException e) {
                // A record's own check we did not foresee: still only this service is lost.
                read.add(new Catalog.LeftOut(code, path, "cannot be read: " + e.getMessage()));
            }
        }
        Map<String, Service> offered = new HashMap<>();
        for (Object o : read) {
            if (o instanceof Service s) {
                offered.put(s.code(), s);
            }
        }
        List<Service> out = new ArrayList<>();
        List<Catalog.LeftOut> leftOut = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            Object o = read.get(i);
            if (o instanceof Catalog.LeftOut l) {
                leftOut.add(l);
                continue;
            }
            Service s = (Service) o;
            String problem = null;
            int step = 0;
            for (; step < s.bundleSteps().size() && problem == null; step++) {
                Service target = offered.get(s.bundleSteps().get(step));
                if (target == null) {
                    problem = "bundle step '" + s.bundleSteps().get(step) + "' is not a service the kiosk offers";
                } else if (target.isBundle()) {
                    problem = "bundle step '" + target.code() + "' is itself a bundle";
                }
            }
            if (problem != null) {
                leftOut.add(new Catalog.LeftOut(s.code(), "services[" + i + "].bundle.steps[" + (step - 1) + "]", problem));
            } else {
                out.add(s);
            }
        }
        // Themes services name but the list lacks come after the listed ones, named by their id.
        for (Service s : out) {
            if (themeIds.add(s.theme())) {
                themes.add(new Theme(s.theme(), s.theme(), "", null, null));
            }
        }
        return new Catalog(version.toString(), departments, themes, out, leftOut);
    }

    /** The optional top-level list {@code name}, each entry an object, keyed by its path. */
    private static Map<String, Map<String, Object>> objects(Map<String, Object> root, String name) throws Problem {
        Object v = root.get(name);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> l)) {
            throw new Problem(name, "expected a list, found " + kind(v));
        }
        for (int i = 0; i < l.size(); i++) {
            out.put(name + "[" + i + "]", new Node(l.get(i), name + "[" + i + "]").map());
        }
        return out;
    }

    private static Department department(String path, Map<String, Object> m) throws Problem {
        Node n = new Node(m, path);
        return new Department(n.text("code"), n.text("name"), n.english("name"));
    }

    private static Theme theme(String path, Map<String, Object> m) throws Problem {
        Node n = new Node(m, path);
        return new Theme(n.text("id"), n.text("name"), n.optionalText("hint"), n.english("name"), n.english("hint"));
    }

    // ---- one service; every problem is a Problem with the path where it is ----

    private static final class ServiceReader {

        static Service read(Node s, Set<String> departmentCodes) throws Problem {
            s.map();
            String code = s.text("code");
            String department = s.text("department");
            if (!departmentCodes.isEmpty() && !departmentCodes.contains(department)) {
                throw new Problem(s.path + ".department", "department '" + department + "' is not in the catalogue's departments");
            }
            String name = s.text("name");
            String theme = s.text("theme");
            Kind kind = s.get("kind").choice(Kind.values(), Kind::wire, "kind");
            List<Identity> identity = s.list("identity", v -> v.choice(Identity.values(), Identity::wire, "identity"));
            boolean online = s.bool("online", false);
            List<String> models = s.list("models", v -> {
                String m = v.string();
                if (!MODELS.contains(m)) {
                    throw new Problem(v.path, "unknown model '" + m + "' (expected one of: desktop, enhanced)");
                }
                return m;
            });
            List<Payer> payers = s.list("for", v -> v.choice(Payer.values(), Payer::wire, "for"));
            List<PayMethod> pay = s.list("pay", v -> v.choice(PayMethod.values(), PayMethod::wire, "pay method"));
            if (kind == Kind.PAYMENT && !s.has("pay")) {
                pay = List.of(PayMethod.QR); // v1 catalogues say nothing; paying by phone is what every kiosk can do
            }
            Output output = s.has("output") ? s.get("output").choice(Output.values(), Output::wire, "output") : Output.NONE;
            List<DeviceUse> devices = s.list("devices", v -> v.choice(DeviceUse.values(), DeviceUse::wire, "device"));
            List<String> keywords = s.list("keywords", Node::string);
            String englishName = s.english("name");
            List<Field> form = s.list("form", f -> field(f, payers));
            checkForm(s.path + ".form", form);
            Amount amount = s.has("amountFen") ? amount(s.get("amountFen"), form) : null;
            if (kind == Kind.PAYMENT && amount == null) {
                throw new Problem(s.path + ".amountFen", "a payment without amountFen");
            }
            List<String> steps = List.of();
            if (s.has("bundle")) {
                Node b = s.get("bundle");
                b.map();
                steps = b.get("steps").listOf(Node::string);
                if (steps.size() < 2) {
                    throw new Problem(b.path + ".steps", "a bundle needs at least 2 steps (one step is a plain service)");
                }
                if (steps.contains(code)) {
                    throw new Problem(b.path + ".steps", "a bundle cannot be its own step");
                }
            }
            String evidence = s.has("evidence") && s.get("evidence").value instanceof String e ? e : "";
            return new Service(code, department, name, theme, identity, kind, online, models, payers, pay, output,
                    devices, keywords, englishName, form, amount, steps, evidence);
        }

        private static Field field(Node f, List<Payer> declaredPayers) throws Problem {
            f.map();
            String id = f.text("id");
            FieldType type = f.get("type").choice(FieldType.values(), FieldType::wire, "field type");
            String label = f.text("label");
            List<String> options = List.of();
            if (type == FieldType.CHOICE) {
                options = f.has("options") ? f.get("options").listOf(Node::string) : List.of();
                if (options.isEmpty()) {
                    throw new Problem(f.path + ".options", "a choice without options");
                }
            }
            // Absent "required": a question may be skipped, except the people a payment is for, without whom
            // there is nothing to pay for (household: the members; idnumber: the other person).
            boolean required = f.bool("required", type == FieldType.HOUSEHOLD || type == FieldType.IDNUMBER);
            Map<String, String> when = new LinkedHashMap<>();
            if (f.has("when")) {
                Node w = f.get("when");
                for (Map.Entry<String, Object> e : w.map().entrySet()) {
                    when.put(e.getKey(), new Node(e.getValue(), w.path + "." + e.getKey()).string());
                }
            }
            String hint = f.optionalText("hint");
            String min = bound(f, "min", type);
            String max = bound(f, "max", type);
            Integer digits = null;
            if (f.has("digits")) {
                Node d = f.get("digits");
                if (type != FieldType.NUMBER) {
                    throw new Problem(d.path, "digits applies to a number field only");
                }
                if (!(d.value instanceof Long n) || n < 1 || n > 18) {
                    throw new Problem(d.path, "expected a whole number from 1 to 18, found " + kind(d.value));
                }
                digits = n.intValue();
            }
            if (type == FieldType.IDCARD_FIELD && !CARD_ATTRIBUTES.contains(id)) {
                throw new Problem(f.path + ".id", "an idcard-field must name a card attribute the kiosk can fill "
                        + "(name, idNumber, sex, birthDate, nation, address), not '" + id + "'");
            }
            if (type == FieldType.HOUSEHOLD && !declaredPayers.contains(Payer.HOUSEHOLD)) {
                throw new Problem(f.path + ".type", "a household field on a service whose \"for\" does not include household");
            }
            return new Field(id, type, label, options, required, when, hint, min, max, digits);
        }

        private static String bound(Node f, String name, FieldType type) throws Problem {
            if (!f.has(name)) {
                return null;
            }
            Node b = f.get(name);
            if (type == FieldType.NUMBER) {
                if (b.value instanceof Long n) {
                    return Long.toString(n);
                }
                if (b.value instanceof String t && t.matches("-?\\d{1,18}")) {
                    return t;
                }
                throw new Problem(b.path, "expected a whole number, found " + kind(b.value));
            }
            if (type == FieldType.DATE) {
                String t = b.string();
                try {
                    LocalDate.parse(t);
                } catch (DateTimeParseException e) {
                    throw new Problem(b.path, "expected a date yyyy-MM-dd, found '" + t + "'");
                }
                return t;
            }
            throw new Problem(b.path, name + " applies to number and date fields only");
        }

        /** Duplicate ids, and every {@code when} naming a field of the form or who the payment is for. */
        private static void checkForm(String path, List<Field> form) throws Problem {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < form.size(); i++) {
                if (!ids.add(form.get(i).id())) {
                    throw new Problem(path + "[" + i + "].id", "duplicate field id '" + form.get(i).id() + "'");
                }
            }
            for (int i = 0; i < form.size(); i++) {
                for (Map.Entry<String, String> w : form.get(i).when().entrySet()) {
                    String at = path + "[" + i + "].when." + w.getKey();
                    if (w.getKey().equals("for")) {
                        if (Payer.SELF.wire().equals(w.getValue()) || Payer.HOUSEHOLD.wire().equals(w.getValue())
                                || Payer.OTHER.wire().equals(w.getValue())) {
                            continue;
                        }
                        throw new Problem(at, "\"for\" is self, household or other, not '" + w.getValue() + "'");
                    }
                    if (!ids.contains(w.getKey()) || w.getKey().equals(form.get(i).id())) {
                        throw new Problem(at, "when names no other field of the form: '" + w.getKey() + "'");
                    }
                }
            }
        }

        private static Amount amount(Node a, List<Field> form) throws Problem {
            a.map();
            boolean perPerson = a.bool("perPerson", false);
            if (a.has("fixed")) {
                Node f = a.get("fixed");
                if (!(f.value instanceof Long fen) || fen < 0) {
                    throw new Problem(f.path, "amountFen.fixed must be a whole number of fen, 0 or more, found " + kind(f.value));
                }
                return new Amount.Fixed(fen, perPerson);
            }
            if (!a.has("from") || !a.has("multiplier")) {
                throw new Problem(a.path, "amountFen has no number: neither fixed nor from with multiplier");
            }
            String from = a.get("from").string();
            Node m = a.get("multiplier");
            if (!(m.value instanceof Long multiplier) || multiplier < 1) {
                throw new Problem(m.path, "amountFen.multiplier must be a whole number, 1 or more, found " + kind(m.value));
            }
            Field field = form.stream().filter(f -> f.id().equals(from)).findFirst()
                    .orElseThrow(() -> new Problem(a.path + ".from", "amountFen.from names no field of the form: '" + from + "'"));
            if (!field.when().isEmpty()) {
                throw new Problem(a.path + ".from", "amountFen.from must name a field asked of everyone, but '" + from
                        + "' has a when");
            }
            if (field.type() == FieldType.CHOICE) {
                for (String o : field.options()) {
                    if (!o.matches("\\d{1,12}")) {
                        throw new Problem(a.path + ".from", "amountFen.from names choice '" + from
                                + "' whose option '" + o + "' is not a whole number");
                    }
                }
            } else if (field.type() != FieldType.NUMBER) {
                throw new Problem(a.path + ".from", "amountFen.from must name a choice or number field, '" + from
                        + "' is " + field.type().wire());
            }
            return new Amount.From(from, multiplier, perPerson);
        }
    }

    // ---- helpers ----

    private static String topKey(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof String s) {
            return "text '" + s + "'";
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof Long) {
            return "number " + v;
        }
        return v.getClass().getSimpleName();
    }

    /** A problem with one value; {@code path} says where it is. */
    private static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        final String path;

        Problem(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(Node value) throws Problem;
    }

    /** A JSON value and its path. */
    private static final class Node {
        final Object value;
        final String path;

        Node(Object value, String path) {
            this.value = value;
            this.path = path;
        }

        Map<String, Object> map() throws Problem {
            if (!(value instanceof Map<?, ?>)) {
                throw new Problem(path, "expected an object, found " + kind(value));
            }
            @SuppressWarnings("unchecked") // built by value(): always String keys
            Map<String, Object> m = (Map<String, Object>) value;
            return m;
        }

        boolean has(String name) throws Problem {
            return map().get(name) != null;
        }

        Node get(String name) throws Problem {
            Object v = map().get(name);
            if (v == null) {
                throw new Problem(path + "." + name, "missing " + name);
            }
            return new Node(v, path + "." + name);
        }

        String string() throws Problem {
            if (!(value instanceof String s)) {
                throw new Problem(path, "expected text, found " + kind(value));
            }
            return s;
        }

        /** A required, non-blank text. */
        String text(String name) throws Problem {
            String s = get(name).string();
            if (s.isBlank()) {
                throw new Problem(path + "." + name, "missing " + name + " (blank)");
            }
            return s;
        }

        String optionalText(String name) throws Problem {
            return has(name) ? get(name).string() : "";
        }

        /** {@code en.name} and the like: null where absent. */
        String english(String name) throws Problem {
            if (!has("en")) {
                return null;
            }
            Node en = get("en");
            return en.has(name) ? en.get(name).string() : null;
        }

        boolean bool(String name, boolean absent) throws Problem {
            if (!has(name)) {
                return absent;
            }
            Node b = get(name);
            if (!(b.value instanceof Boolean v)) {
                throw new Problem(b.path, "expected true or false, found " + kind(b.value));
            }
            return v;
        }

        <E> E choice(E[] options, Function<E, String> wire, String what) throws Problem {
            String s = string();
            for (E e : options) {
                if (wire.apply(e).equals(s)) {
                    return e;
                }
            }
            List<String> names = new ArrayList<>();
            for (E e : options) {
                names.add(wire.apply(e));
            }
            throw new Problem(path, "unknown " + what + " '" + s + "' (expected one of: " + String.join(", ", names) + ")");
        }

        /** The optional list {@code name}: empty when absent. */
        <T> List<T> list(String name, Reader<T> reader) throws Problem {
            return has(name) ? get(name).listOf(reader) : List.of();
        }

        <T> List<T> listOf(Reader<T> reader) throws Problem {
            if (!(value instanceof List<?> l)) {
                throw new Problem(path, "expected a list, found " + kind(value));
            }
            List<T> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(reader.read(new Node(l.get(i), path + "[" + i + "]")));
            }
            return out;
        }
    }
}
