package cn.yzz.kiosk.app.catalogue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a catalogue file and checks it. Anything wrong (bad JSON, an unknown field or value, a
 * missing name, a duplicate id) stops the kiosk from starting with a message that says where,
 * e.g. {@code catalogue.json: themes[2].services[0].kind: unknown value 'pay' (expected one of: payment, print, application, query)}.
 * English ({@code "en"}) is optional on a theme or a service; where it is given it is checked like
 * the rest.
 *
 * <p>It uses Jackson's streaming parser rather than data binding: the catalogue is read while the
 * kiosk starts, and binding's first use costs about 0.4 s of class loading on a kiosk-class CPU
 * against 0.07 s here, in a start-up budget of 1 s.
 */
public final class CatalogueLoader {

    /** The catalogue shipped inside the application. */
    public static final String BUNDLED = "/cn/yzz/kiosk/app/catalogue.json";

    /** The home screen shows themes as a 3 × 3 grid. */
    public static final int MAX_THEMES = 9;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CatalogueLoader() {}

    public static Catalogue loadBundled() throws CatalogueException {
        try (InputStream in = CatalogueLoader.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new CatalogueException("catalogue.json is missing from the application (" + BUNDLED + ")", null);
            }
            return load(in, "catalogue.json");
        } catch (IOException e) {
            throw new CatalogueException("catalogue.json: cannot be read: " + e.getMessage(), e);
        }
    }

    public static Catalogue load(InputStream in, String source) throws CatalogueException {
        Object root;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() == null) {
                throw new CatalogueException(source + ": the file is empty", null);
            }
            root = value(p);
            if (p.nextToken() != null) {
                throw new CatalogueException(source + ": unexpected content after the catalogue" + at(p.currentLocation()), null);
            }
        } catch (JsonProcessingException e) {
            throw new CatalogueException(source + ": not valid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogueException(source + ": cannot be read: " + e.getMessage(), e);
        }
        try {
            Catalogue c = catalogue(new Obj(root, ""));
            check(c);
            return c;
        } catch (Problem e) {
            throw new CatalogueException(source + ": " + e.getMessage(), null);
        }
    }

    // ---- JSON into plain values: Map, List, String, Long, Double, Boolean, null ----

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
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
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

    // ---- plain values into records, with the JSON path in every message ----

    private static Catalogue catalogue(Obj o) throws Problem {
        o.only("version", "themes");
        long version = o.integer("version");
        List<Theme> themes = o.list("themes", CatalogueLoader::theme);
        return o.make(() -> new Catalogue((int) version, themes));
    }

    private static Theme theme(Obj o) throws Problem {
        o.only("id", "name", "hint", "services", "en");
        String id = o.string("id");
        String name = o.string("name");
        String hint = o.string("hint");
        List<Service> services = o.list("services", CatalogueLoader::service);
        Theme.English english = o.has("en") ? o.object("en", CatalogueLoader::themeEnglish) : null;
        return o.make(() -> new Theme(id, name, hint, services, english));
    }

    private static Theme.English themeEnglish(Obj o) throws Problem {
        o.only("name", "hint");
        String name = o.string("name");
        String hint = o.string("hint");
        return o.make(() -> new Theme.English(name, hint));
    }

    private static Service service(Obj o) throws Problem {
        o.only("id", "name", "department", "kind", "identity", "devices", "needsNetwork", "en");
        String id = o.string("id");
        String name = o.string("name");
        String department = o.string("department");
        ServiceKind kind = o.choice("kind", ServiceKind.values(), ServiceKind::wireName);
        List<IdentityMethod> identity = o.list("identity", v -> v.choice(IdentityMethod.values(), IdentityMethod::wireName));
        List<DeviceNeed> devices = o.has("devices")
                ? o.list("devices", v -> v.choice(DeviceNeed.values(), DeviceNeed::wireName)) : List.of();
        boolean needsNetwork = o.bool("needsNetwork");
        Service.English english = o.has("en") ? o.object("en", CatalogueLoader::serviceEnglish) : null;
        return o.make(() -> new Service(id, name, department, kind, identity, devices, needsNetwork, english));
    }

    private static Service.English serviceEnglish(Obj o) throws Problem {
        o.only("name", "department");
        String name = o.string("name");
        String department = o.string("department");
        return o.make(() -> new Service.English(name, department));
    }

    private static void check(Catalogue c) throws Problem {
        if (c.themes().size() > MAX_THEMES) {
            throw new Problem("themes: " + c.themes().size() + " themes, but the home screen has room for " + MAX_THEMES);
        }
        Set<String> ids = new HashSet<>();
        for (int t = 0; t < c.themes().size(); t++) {
            Theme theme = c.themes().get(t);
            if (!ids.add(theme.id())) {
                throw new Problem("themes[" + t + "].id: duplicate id '" + theme.id() + "'");
            }
            for (int s = 0; s < theme.services().size(); s++) {
                Service service = theme.services().get(s);
                if (!ids.add(service.id())) {
                    throw new Problem("themes[" + t + "].services[" + s + "].id: duplicate id '" + service.id() + "'");
                }
            }
        }
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** A problem with the catalogue's content; the message starts with the JSON path. */
    private static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(Obj value) throws Problem;
    }

    @FunctionalInterface
    private interface Maker<T> {
        T make();
    }

    /** A JSON value and where it is in the file. */
    private static final class Obj {
        private final Object value;
        private final String path;

        Obj(Object value, String path) {
            this.value = value;
            this.path = path;
        }

        private String where() {
            return path.isEmpty() ? "(top level)" : path;
        }

        private Map<String, Object> map() throws Problem {
            if (!(value instanceof Map<?, ?>)) {
                throw new Problem(where() + ": expected an object, found " + kind(value));
            }
            @SuppressWarnings("unchecked") // built by value() above: always String keys
            Map<String, Object> m = (Map<String, Object>) value;
            return m;
        }

        private Obj field(String name) throws Problem {
            Map<String, Object> m = map();
            String p = path.isEmpty() ? name : path + "." + name;
            if (!m.containsKey(name) || m.get(name) == null) {
                throw new Problem(p + ": missing");
            }
            return new Obj(m.get(name), p);
        }

        boolean has(String name) throws Problem {
            return map().get(name) != null;
        }

        void only(String... names) throws Problem {
            Set<String> allowed = new HashSet<>(Arrays.asList(names));
            for (String k : map().keySet()) {
                if (!allowed.contains(k)) {
                    throw new Problem((path.isEmpty() ? k : path + "." + k) + ": unknown field (expected one of: "
                            + String.join(", ", names) + ")");
                }
            }
        }

        String string(String name) throws Problem {
            return field(name).string();
        }

        String string() throws Problem {
            if (!(value instanceof String s)) {
                throw new Problem(where() + ": expected text, found " + kind(value));
            }
            return s;
        }

        long integer(String name) throws Problem {
            Obj f = field(name);
            if (!(f.value instanceof Long n)) {
                throw new Problem(f.where() + ": expected a whole number, found " + kind(f.value));
            }
            return n;
        }

        boolean bool(String name) throws Problem {
            Obj f = field(name);
            if (!(f.value instanceof Boolean b)) {
                throw new Problem(f.where() + ": expected true or false, found " + kind(f.value));
            }
            return b;
        }

        <E> E choice(String name, E[] options, Function<E, String> wire) throws Problem {
            return field(name).choice(options, wire);
        }

        <E> E choice(E[] options, Function<E, String> wire) throws Problem {
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
            throw new Problem(where() + ": unknown value '" + s + "' (expected one of: " + String.join(", ", names) + ")");
        }

        <T> T object(String name, Reader<T> reader) throws Problem {
            Obj f = field(name);
            f.map();
            return reader.read(f);
        }

        <T> List<T> list(String name, Reader<T> reader) throws Problem {
            Obj f = field(name);
            if (!(f.value instanceof List<?> l)) {
                throw new Problem(f.where() + ": expected a list, found " + kind(f.value));
            }
            List<T> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(reader.read(new Obj(l.get(i), f.path + "[" + i + "]")));
            }
            return out;
        }

        /** Runs a record constructor; its own checks come back with this value's path. */
        <T> T make(Maker<T> maker) throws Problem {
            try {
                return maker.make();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new Problem(where() + ": " + e.getMessage());
            }
        }

        private static String kind(Object v) {
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
            return v.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + v;
        }
    }
}
