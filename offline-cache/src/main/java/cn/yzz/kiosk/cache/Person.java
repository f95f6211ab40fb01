package cn.yzz.kiosk.cache;

import java.util.Objects;

/**
 * The personal part of a transaction: stored encrypted, purged after acknowledgement plus the
 * retention period. {@link #toString()} is masked, so a logged transaction never shows it.
 */
public record Person(String idNumber, String name) {

    public Person {
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        String n = idNumber.length() > 7 ? idNumber.substring(0, 3) + "*".repeat(idNumber.length() - 7) + idNumber.substring(idNumber.length() - 4) : "***";
        return "Person[" + n + ", " + (name.isEmpty() ? "" : name.charAt(0) + "*".repeat(name.length() - 1)) + "]";
    }
}
