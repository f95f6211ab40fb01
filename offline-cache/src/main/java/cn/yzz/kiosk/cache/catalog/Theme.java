package cn.yzz.kiosk.cache.catalog;

import java.util.Objects;

/**
 * A life theme: one tile on the home screen ({@code themes[]} of the catalogue, or a theme id a
 * service names that the list lacks, then named by its id with an empty hint).
 *
 * @param englishName null where the catalogue has none; so may {@code englishHint} be
 */
public record Theme(String id, String name, String hint, String englishName, String englishHint) {
    public Theme {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        hint = hint == null ? "" : hint;
    }
}
