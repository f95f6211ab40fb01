package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.catalog.Payer;
import java.util.List;

/** 本人缴费 / 家庭缴费 / 代他人缴费: whom the payment is for, among those possible here now. */
public final class PayerStep extends Step {

    PayerStep(ServiceRun run) {
        super(run);
        say(Prompt.of("step.payer"));
    }

    @Override
    public StepKind kind() {
        return StepKind.PAYER;
    }

    public List<Payer> choices() {
        return run.plan().payers();
    }

    public void choose(Payer p) {
        if (!choices().contains(p)) {
            return;
        }
        if (run.answers().payer() != p) {
            run.answers().payer(p);
            run.answers().members(List.of());
        }
        run.forward(this);
    }
}
