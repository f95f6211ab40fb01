package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.cache.catalog.DeviceUse;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a service can be offered on this kiosk now, and how its visit goes: a pure function of the
 * catalogue entry and the kiosk's {@link Abilities} (table-tested). A service is offered only when
 * everything it needs is here: its model, a way to identify, its devices and output, the network if
 * it needs live data, and a way to pay.
 */
public final class Offer {

    /** A plan, or why there is none (for the log and {@code kioskctl catalog check}); exactly one is set. */
    public record Result(Plan plan, String whyNot) {
        public boolean offered() {
            return plan != null;
        }
    }

    private Offer() {}

    /** A service that is not a bundle (a bundle's steps are looked up in the catalogue: see the other overload). */
    public static Result plan(Service s, Abilities a) {
        return plan(s, a, code -> Optional.empty());
    }

    /**
     * @param lookup the catalogue's services by code, for a 一件事 bundle's steps
     */
    public static Result plan(Service s, Abilities a, Function<String, Optional<Service>> lookup) {
        if (!s.models().isEmpty() && !s.models().contains(a.model())) {
            return no("not for " + a.model() + " kiosks");
        }
        if (s.isBundle()) {
            return bundle(s, a, lookup);
        }
        if (s.online() && !a.online()) {
            return no("needs the network, which is down");
        }
        boolean query = s.kind() == Kind.QUERY;
        for (DeviceUse d : s.devices()) {
            // A query is shown on screen; its printer only decides whether 打印 is offered.
            if (!a.works(d) && !(query && printer(d))) {
                return no("needs the " + d.wire() + ", which does not work now");
            }
        }
        if (!query && s.output() == Output.A4 && !a.has(DeviceNeed.A4_PRINTER)) {
            return no("prints on A4, and the A4 printer does not work now");
        }
        if (s.kind() == Kind.PRINT && s.output() == Output.RECEIPT && !a.has(DeviceNeed.RECEIPT_PRINTER)) {
            return no("prints on the receipt printer, which does not work now");
        }
        if (s.kind() == Kind.PRINT && s.output() == Output.NONE && !a.has(DeviceNeed.A4_PRINTER)) {
            return no("prints on A4 (it names no output), and the A4 printer does not work now");
        }
        List<Identity> ids = s.identity().stream().filter(a::allows).toList();
        if (!s.identity().isEmpty() && ids.isEmpty()) {
            return no("none of its ways to identify works here now");
        }
        if (ids.isEmpty() && hasPersonField(s)) {
            return no("its form needs an identified person, and it accepts no identity method");
        }
        List<StepKind> steps = new ArrayList<>();
        if (!ids.isEmpty()) {
            steps.add(StepKind.IDENTIFY);
        }
        List<Payer> payers = List.of();
        List<PayMethod> methods = List.of();
        if (s.kind() == Kind.PAYMENT) {
            payers = s.payers().stream().filter(p -> p != Payer.HOUSEHOLD || a.online()).toList();
            if (payers.isEmpty()) {
                return no("paying for the household needs the network, which is down");
            }
            if (ids.isEmpty()) {
                return no("a payment needs the payer identified");
            }
            methods = s.pay().stream().filter(m -> switch (m) {
                case QR -> a.online();
                // The kiosk counts its note acceptor as working only while its cash desk can take cash now (the
                // acceptor usable, the cash box not near full, the journal taking work): otherwise cash is left out.
                case CASH -> a.has(DeviceNeed.CASH_ACCEPTOR);
            }).toList();
            if (methods.isEmpty()) {
                return no(s.pay().contains(PayMethod.QR) ? "paying by phone needs the network, which is down"
                        + (s.pay().contains(PayMethod.CASH) ? ", and cash cannot be taken here now" : "")
                        : "cash cannot be taken here now");
            }
            if (payers.size() > 1) {
                steps.add(StepKind.PAYER);
            }
        }
        if (s.form().stream().anyMatch(f -> f.type() != FieldType.IDCARD_FIELD)) {
            steps.add(StepKind.FORM);
        }
        if (s.kind() == Kind.QUERY || s.kind() == Kind.PRINT) {
            // Nothing is committed by asking, so there is no summary: the answer comes straight after the questions.
            steps.add(StepKind.QUERY);
            if (s.kind() == Kind.PRINT || printable(s, a)) {
                steps.add(StepKind.PRINTOUT);
            }
            steps.add(StepKind.EVALUATE);
            steps.add(StepKind.END);
            return new Result(new Plan(s, steps, ids, payers, methods), null);
        }
        steps.add(StepKind.SUMMARY);
        steps.add(s.kind() == Kind.PAYMENT ? StepKind.PAY : StepKind.SUBMIT);
        steps.add(StepKind.PRINT); // whether the printer can print is asked at the step: one that cannot says so and shows it
        steps.add(StepKind.EVALUATE);
        steps.add(StepKind.END);
        return new Result(new Plan(s, steps, ids, payers, methods), null);
    }

    public static boolean offered(Service s, Abilities a) {
        return plan(s, a).offered();
    }

    public static boolean offered(Service s, Abilities a, Function<String, Optional<Service>> lookup) {
        return plan(s, a, lookup).offered();
    }

    /** Where a query's or print's result goes on paper here: A4, the receipt printer, or nowhere (null). */
    public static Output printsOn(Service s, Abilities a) {
        Output want = s.output() == Output.NONE && s.kind() == Kind.PRINT ? Output.A4 : s.output();
        return switch (want) {
            case A4 -> a.has(DeviceNeed.A4_PRINTER) ? Output.A4 : null;
            case RECEIPT -> a.has(DeviceNeed.RECEIPT_PRINTER) ? Output.RECEIPT : null;
            case NONE -> null;
        };
    }

    private static boolean printable(Service s, Abilities a) {
        return printsOn(s, a) != null;
    }

    private static boolean printer(DeviceUse d) {
        return d == DeviceUse.A4_PRINTER || d == DeviceUse.RECEIPT_PRINTER;
    }

    /**
     * A 一件事 bundle: one identification (the bundle's own methods), then its steps one after another. It is offered
     * when at least one step can be done here now; the others are named on its step list as not possible now, so the
     * villager knows what is left to do elsewhere or later.
     */
    private static Result bundle(Service s, Abilities a, Function<String, Optional<Service>> lookup) {
        List<Plan> parts = new ArrayList<>();
        List<Plan.Unavailable> unavailable = new ArrayList<>();
        for (String code : s.bundleSteps()) {
            Optional<Service> step = lookup.apply(code);
            if (step.isEmpty()) {
                unavailable.add(new Plan.Unavailable(code, code, "not in the catalogue"));
                continue;
            }
            if (step.get().isBundle()) {
                unavailable.add(new Plan.Unavailable(code, step.get().name(), "a bundle inside a bundle"));
                continue;
            }
            Result r = plan(step.get(), a, lookup);
            if (r.offered()) {
                parts.add(r.plan());
            } else {
                unavailable.add(new Plan.Unavailable(code, step.get().name(), r.whyNot()));
            }
        }
        if (parts.isEmpty()) {
            return no("none of its steps can be done here now");
        }
        List<Identity> ids = s.identity().stream().filter(a::allows).toList();
        if (ids.isEmpty()) {
            return no("none of its ways to identify works here now");
        }
        return new Result(Plan.bundle(s, ids, parts, unavailable), null);
    }

    private static boolean hasPersonField(Service s) {
        return s.form().stream().map(Field::type).anyMatch(t -> t == FieldType.IDCARD_FIELD || t == FieldType.HOUSEHOLD);
    }

    private static Result no(String why) {
        return new Result(null, why);
    }
}
