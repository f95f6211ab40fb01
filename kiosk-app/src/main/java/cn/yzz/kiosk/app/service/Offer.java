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

    public static Result plan(Service s, Abilities a) {
        if (!s.models().isEmpty() && !s.models().contains(a.model())) {
            return no("not for " + a.model() + " kiosks");
        }
        if (s.isBundle()) {
            return no("一件事 bundles come in a later version");
        }
        if (s.kind() == Kind.QUERY || s.kind() == Kind.PRINT) {
            return no(s.kind().wire() + " services come in a later version");
        }
        if (s.online() && !a.online()) {
            return no("needs the network, which is down");
        }
        for (DeviceUse d : s.devices()) {
            if (!a.works(d)) {
                return no("needs the " + d.wire() + ", which does not work now");
            }
        }
        if (s.output() == Output.A4 && !a.has(DeviceNeed.A4_PRINTER)) {
            return no("prints on A4, and the A4 printer does not work now");
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
                case CASH -> false; // the note acceptor's driver comes with the cash issue
            }).toList();
            if (methods.isEmpty()) {
                return no(s.pay().contains(PayMethod.QR) ? "paying by phone needs the network, which is down"
                        : "no payment method it takes works here");
            }
            if (payers.size() > 1) {
                steps.add(StepKind.PAYER);
            }
        }
        if (s.form().stream().anyMatch(f -> f.type() != FieldType.IDCARD_FIELD)) {
            steps.add(StepKind.FORM);
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

    private static boolean hasPersonField(Service s) {
        return s.form().stream().map(Field::type).anyMatch(t -> t == FieldType.IDCARD_FIELD || t == FieldType.HOUSEHOLD);
    }

    private static Result no(String why) {
        return new Result(null, why);
    }
}
