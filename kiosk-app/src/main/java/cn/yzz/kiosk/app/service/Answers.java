package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.catalog.Payer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the villager answered during one run: whom a payment is for, the form's answers by field id
 * (as the contract sends them: text), and the people paid for. Personal data: it lives in the run
 * and dies with the session. Not thread-safe (the JavaFX thread).
 */
public final class Answers {

    private Payer payer = Payer.SELF;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Member> members = new ArrayList<>();

    public Payer payer() {
        return payer;
    }

    public void payer(Payer p) {
        payer = Objects.requireNonNull(p, "payer");
    }

    public String get(String fieldId) {
        return values.get(fieldId);
    }

    public boolean has(String fieldId) {
        String v = values.get(fieldId);
        return v != null && !v.isEmpty();
    }

    public void put(String fieldId, String value) {
        if (value == null || value.isEmpty()) {
            values.remove(fieldId);
        } else {
            values.put(fieldId, value);
        }
    }

    /** The people paid for (household members ticked, or the other person); empty when paying for oneself. */
    public List<Member> members() {
        return List.copyOf(members);
    }

    public void members(List<Member> m) {
        members.clear();
        members.addAll(m);
    }

    /** Forgets everything (the session ended). */
    public void clear() {
        payer = Payer.SELF;
        values.clear();
        members.clear();
    }

    @Override
    public String toString() {
        return "Answers[" + payer + ", " + values.size() + " answers, " + members.size() + " members]";
    }
}
