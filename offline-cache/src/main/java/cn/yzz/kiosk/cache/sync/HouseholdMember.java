package cn.yzz.kiosk.cache.sync;

import cn.yzz.kiosk.cache.Person;
import java.util.Objects;

/**
 * One member of a household (POST /household), e.g. relation "本人", "妻", "子". Personal data:
 * {@link #toString()} is masked like {@link Person#toString()}.
 */
public record HouseholdMember(String name, String idNumber, String relation) {
    public HouseholdMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(relation, "relation");
    }

    /** The member as the person a payment is for. */
    public Person person() {
        return new Person(idNumber, name);
    }

    @Override
    public String toString() {
        return "HouseholdMember[" + Masking.idNumber(idNumber) + ", " + Masking.name(name) + ", " + relation + "]";
    }
}
