package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.catalog.Amount;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.app.flow.Villager;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The form rules, pure: which fields are asked given the answers so far ({@code when}), whether an
 * answer is acceptable (in plain words, as a text key and its arguments), what the payment costs,
 * and the transaction's {@code data}.
 */
public final class Forms {

    /** Why an answer cannot be taken: a key of the screen texts and its arguments. */
    public record Problem(String key, List<Object> args) {
        public static Problem of(String key, Object... args) {
            return new Problem(key, List.of(args));
        }
    }

    private static final DateTimeFormatter KEYED_DATE = DateTimeFormatter.BASIC_ISO_DATE; // yyyyMMdd, as keyed

    private Forms() {}

    /** The fields asked of the villager now, in form order; {@code idcard-field}s are never asked. */
    public static List<Field> asked(Service s, Answers a) {
        List<Field> out = new ArrayList<>();
        for (Field f : s.form()) {
            if (f.type() == FieldType.IDCARD_FIELD || !applies(f, a)) {
                continue;
            }
            if (f.type() == FieldType.HOUSEHOLD && a.payer() != Payer.HOUSEHOLD) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    /** {@code when}: every named answer was given; {@code for} is whom the payment is for. */
    static boolean applies(Field f, Answers a) {
        for (Map.Entry<String, String> w : f.when().entrySet()) {
            String given = w.getKey().equals("for") ? a.payer().wire() : a.get(w.getKey());
            if (!w.getValue().equals(given)) {
                return false;
            }
        }
        return true;
    }

    /** The answer a field takes as keyed or chosen, or why not; {@code value} may be empty (not answered). */
    public static Optional<Problem> check(Field f, String value, LocalDate today) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return f.required() || f.type() == FieldType.HOUSEHOLD ? Optional.of(Problem.of(
                    f.type() == FieldType.CONFIRM ? "form.error.confirm" : "form.error.required")) : Optional.empty();
        }
        return switch (f.type()) {
            case CHOICE -> f.options().contains(v) ? Optional.empty() : Optional.of(Problem.of("form.error.choice"));
            case PHONE -> v.matches("1[0-9]{10}") ? Optional.empty() : Optional.of(Problem.of("form.error.phone"));
            case IDNUMBER -> v.matches("[0-9]{17}[0-9X]") && IdNumbers.isValid18(v) ? Optional.empty()
                    : Optional.of(Problem.of(v.length() != 18 ? "form.error.idnumber.length" : "form.error.idnumber.check"));
            case NUMBER -> number(f, v);
            case DATE -> date(f, v, today);
            case CONFIRM -> "true".equals(v) ? Optional.empty() : Optional.of(Problem.of("form.error.confirm"));
            case HOUSEHOLD, IDCARD_FIELD -> Optional.empty();
        };
    }

    private static Optional<Problem> number(Field f, String v) {
        if (!v.matches("[0-9]{1,12}")) {
            return Optional.of(Problem.of("form.error.number"));
        }
        if (f.digits() != null && v.length() != f.digits()) {
            return Optional.of(Problem.of("form.error.number.digits", f.digits()));
        }
        BigDecimal n = new BigDecimal(v);
        boolean low = f.min() != null && n.compareTo(new BigDecimal(f.min())) < 0;
        boolean high = f.max() != null && n.compareTo(new BigDecimal(f.max())) > 0;
        if (low || high) {
            return Optional.of(f.min() != null && f.max() != null ? Problem.of("form.error.number.range", f.min(), f.max())
                    : low ? Problem.of("form.error.number.min", f.min()) : Problem.of("form.error.number.max", f.max()));
        }
        return Optional.empty();
    }

    private static Optional<Problem> date(Field f, String v, LocalDate today) {
        LocalDate d;
        try {
            d = LocalDate.parse(v, KEYED_DATE);
        } catch (DateTimeParseException e) {
            return Optional.of(Problem.of("form.error.date"));
        }
        LocalDate min = f.min() == null ? null : LocalDate.parse(f.min());
        LocalDate max = f.max() == null ? null : LocalDate.parse(f.max());
        if (min != null && d.isBefore(min) || max != null && d.isAfter(max)) {
            return Optional.of(min != null && max != null ? Problem.of("form.error.date.range", dashed(min), dashed(max))
                    : min != null ? Problem.of("form.error.date.min", dashed(min)) : Problem.of("form.error.date.max", dashed(max)));
        }
        return Optional.empty();
    }

    /** A keyed date (yyyyMMdd) as the contract sends it (yyyy-MM-dd). */
    public static String dashed(LocalDate d) {
        return d.toString();
    }

    /** How many people the payment is for: the members ticked (household, other), else the payer alone. */
    public static int persons(Answers a) {
        return a.payer() == Payer.SELF ? 1 : Math.max(1, a.members().size());
    }

    /** What the payment costs now, in fen; empty while its {@code from} field is not answered. */
    public static Optional<Long> amountFen(Service s, Answers a) {
        Amount amount = s.amount();
        if (amount == null) {
            return Optional.empty();
        }
        long each;
        if (amount instanceof Amount.Fixed fixed) {
            each = fixed.fen();
        } else {
            Amount.From from = (Amount.From) amount;
            String v = a.get(from.field());
            if (v == null || !v.matches("[0-9]{1,9}")) {
                return Optional.empty();
            }
            each = Math.multiplyExact(Long.parseLong(v), from.multiplier());
        }
        return Optional.of(amount.perPerson() ? Math.multiplyExact(each, persons(a)) : each);
    }

    /**
     * The transaction's {@code data}: each asked field's answer by id (dates as yyyy-MM-dd), the card
     * fields the form names (never the name and number, which are the transaction's {@code person}),
     * and {@code members} when the payment is for others.
     */
    public static Map<String, Object> data(Service s, Answers a, Villager villager) {
        Map<String, Object> data = new TreeMap<>();
        for (Field f : asked(s, a)) {
            if (f.type() == FieldType.HOUSEHOLD || f.type() == FieldType.IDNUMBER && a.payer() == Payer.OTHER) {
                continue; // in members
            }
            String v = a.get(f.id());
            if (v != null) {
                data.put(f.id(), f.type() == FieldType.DATE ? dashed(LocalDate.parse(v, KEYED_DATE)) : v);
            }
        }
        for (Field f : s.form()) {
            if (f.type() == FieldType.IDCARD_FIELD && villager != null) {
                cardValue(f.id(), villager).ifPresent(v -> data.put(f.id(), v));
            }
        }
        if (a.payer() != Payer.SELF && !a.members().isEmpty()) {
            List<Map<String, String>> members = new ArrayList<>();
            for (Member m : a.members()) {
                members.add(Map.of("idNumber", m.idNumber(), "name", m.name()));
            }
            data.put("members", members);
        }
        return data;
    }

    /** What an {@code idcard-field} takes from the card; the name, number and address stay out of {@code data}. */
    static Optional<String> cardValue(String id, Villager villager) {
        return switch (id) {
            case "sex" -> villager.sex().map(x -> x.name().toLowerCase(java.util.Locale.ROOT));
            case "birthDate" -> villager.birthDate().map(LocalDate::toString);
            case "nation" -> villager.nation();
            default -> Optional.empty();
        };
    }
}
