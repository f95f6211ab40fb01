package cn.yzz.kiosk.app.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Field checks for the catalogue records; the messages end up in the start-up error. */
final class Checks {

    private Checks() {}

    static void text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing or empty");
        }
    }

    static void present(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
    }

    static <T> List<T> list(List<T> value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing or empty");
        }
        if (value.stream().anyMatch(java.util.Objects::isNull)) { // List.of(...).contains(null) would throw
            throw new IllegalArgumentException(field + " contains null");
        }
        return List.copyOf(value);
    }

    /** Whether texts for {@code locale} are English; every other language reads the Chinese. */
    static boolean english(Locale locale) {
        return "en".equals(Objects.requireNonNull(locale, "locale").getLanguage());
    }
}
