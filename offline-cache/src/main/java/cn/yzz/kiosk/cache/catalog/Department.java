package cn.yzz.kiosk.cache.catalog;

import java.util.Objects;

/** A department ({@code "RSJ"}, {@code "人力资源和社会保障局"}); {@code englishName} may be null. */
public record Department(String code, String name, String englishName) {
    public Department {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
