package cn.yzz.kiosk.app.catalogue;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a catalogue file and checks it. Anything wrong (bad JSON, an unknown field or value, a
 * missing name, a duplicate id) stops the kiosk from starting with a message that says where.
 */
public final class CatalogueLoader {

    /** The catalogue shipped inside the application. */
    public static final String BUNDLED = "/cn/yzz/kiosk/app/catalogue.json";

    /** The home screen shows themes as a 3 × 3 grid. */
    public static final int MAX_THEMES = 9;

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
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        Catalogue catalogue;
        try {
            catalogue = mapper.readValue(in, Catalogue.class);
        } catch (JsonMappingException e) {
            throw new CatalogueException(source + ": " + where(e) + problem(e), e);
        } catch (JsonProcessingException e) {
            throw new CatalogueException(source + ": not valid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogueException(source + ": cannot be read: " + e.getMessage(), e);
        }
        check(catalogue, source);
        return catalogue;
    }

    private static void check(Catalogue c, String source) throws CatalogueException {
        if (c.themes().size() > MAX_THEMES) {
            throw new CatalogueException(source + ": " + c.themes().size() + " themes, but the home screen has room for "
                    + MAX_THEMES, null);
        }
        Set<String> ids = new HashSet<>();
        for (int t = 0; t < c.themes().size(); t++) {
            Theme theme = c.themes().get(t);
            if (!ids.add(theme.id())) {
                throw new CatalogueException(source + ": themes[" + t + "]: duplicate id '" + theme.id() + "'", null);
            }
            for (int s = 0; s < theme.services().size(); s++) {
                Service service = theme.services().get(s);
                if (!ids.add(service.id())) {
                    throw new CatalogueException(source + ": themes[" + t + "].services[" + s + "]: duplicate id '"
                            + service.id() + "'", null);
                }
            }
        }
    }

    /** The JSON path of the failure, e.g. {@code themes[2].services[0].kind: }. */
    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }

    private static String problem(JsonMappingException e) {
        // A check in a record constructor arrives wrapped; its own message is the useful part.
        Throwable cause = e.getCause();
        String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
        return message + at(e.getLocation());
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
