package cn.yzz.kiosk.cache.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One question of a service's form.
 *
 * @param options  the choices of a {@code choice} field (empty otherwise)
 * @param when     asked only when every named answer was given ({@code for} is the pseudo-field
 *                 "who the payment is for"); empty: always asked
 * @param hint     a few plain words under the label, or empty
 * @param min      lower bound of a number ("0") or date ("2026-01-01"), or null
 * @param max      upper bound, or null
 * @param digits   the exact number of digits of a {@code number} field, or null
 */
public record Field(String id, FieldType type, String label, List<String> options, boolean required,
                    Map<String, String> when, String hint, String min, String max, Integer digits) {
    public Field {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        options = List.copyOf(options);
        when = Map.copyOf(when);
        hint = hint == null ? "" : hint;
    }
}
