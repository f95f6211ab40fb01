package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import java.util.List;
import java.util.Objects;

/**
 * How a visit for one service goes on this kiosk now: made by {@link Offer#plan} from the service's
 * catalogue entry and the kiosk's abilities, never by code that knows the service.
 *
 * @param steps      the kinds of step, in order
 * @param identities the identity methods the villager may use here (empty: the service needs nobody)
 * @param payers     whom a payment may be for here (household needs the network)
 * @param methods    the payment methods possible here, the first being the default
 * @param parts      a 一件事 bundle's steps that can be done here now, each with its own plan; empty otherwise
 * @param unavailable a bundle's steps that cannot be done here now, and why
 */
public record Plan(Service service, List<StepKind> steps, List<Identity> identities, List<Payer> payers,
                   List<PayMethod> methods, List<Plan> parts, List<Unavailable> unavailable) {

    /** A bundle's step that cannot be done here now. */
    public record Unavailable(String code, String name, String why) {}

    public Plan {
        Objects.requireNonNull(service, "service");
        steps = List.copyOf(steps);
        identities = List.copyOf(identities);
        payers = List.copyOf(payers);
        methods = List.copyOf(methods);
        parts = List.copyOf(parts);
        unavailable = List.copyOf(unavailable);
    }

    public Plan(Service service, List<StepKind> steps, List<Identity> identities, List<Payer> payers, List<PayMethod> methods) {
        this(service, steps, identities, payers, methods, List.of(), List.of());
    }

    static Plan bundle(Service bundle, List<Identity> identities, List<Plan> parts, List<Unavailable> unavailable) {
        return new Plan(bundle, List.of(StepKind.IDENTIFY, StepKind.BUNDLE, StepKind.EVALUATE, StepKind.END), identities,
                List.of(), List.of(), parts, unavailable);
    }

    public boolean isBundle() {
        return !parts.isEmpty();
    }

    public boolean has(StepKind k) {
        return steps.contains(k);
    }

    public boolean needsPerson() {
        return !identities.isEmpty();
    }
}
