package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.Person;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The person a scanned 粤省事码 stands for (POST /identity/resolve), valid until {@code expiresAt}. Personal data:
 * {@link #toString()} is masked like {@link Person#toString()}.
 */
public record ResolvedIdentity(String name, String idNumber, OffsetDateTime expiresAt) {
    public ResolvedIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public Person person() {
        return new Person(idNumber, name);
    }

    @Override
    public String toString() {
        return "ResolvedIdentity[" + Masking.idNumber(idNumber) + ", " + Masking.name(name) + ", expiresAt=" + expiresAt + "]";
    }
}
