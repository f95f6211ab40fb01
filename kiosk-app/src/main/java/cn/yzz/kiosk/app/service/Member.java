package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.device.Mask;
import java.util.Objects;

/**
 * A person a payment is for: a household member from {@code POST /household}, or the other person
 * whose number was keyed. Never shown or logged as it is: {@link #toString()} is masked.
 *
 * @param name     empty when only the number is known (a keyed number)
 * @param relation 本人, 子, 妻…; empty when unknown
 */
public record Member(String name, String idNumber, String relation) {
    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
        relation = relation == null ? "" : relation;
    }

    public String maskedName() {
        return name.isEmpty() ? "" : Mask.name(name);
    }

    public String maskedNumber() {
        return Mask.number(idNumber);
    }

    @Override
    public String toString() {
        return "Member[" + maskedName() + ", " + maskedNumber() + ", " + relation + "]";
    }
}
