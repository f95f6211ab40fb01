package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.PayMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answers and the amount, each with 修改, before anything is committed. Only 确认 goes on to paying
 * or submitting. Where a payment can be made by phone and in cash here now, 确认 is one button for each
 * (扫码支付 / 现金支付): the villager's choice of how to pay is made with the same tap that confirms.
 */
public final class SummaryStep extends Step {

    /**
     * One line: a question and its answer as shown (masked where it is personal).
     *
     * @param field the question to go back to with 修改, or null for whom the payment is for
     */
    public record Line(String label, String value, Field field, boolean payer) {}

    SummaryStep(ServiceRun run) {
        super(run);
        sayIt();
    }

    @Override
    public StepKind kind() {
        return StepKind.SUMMARY;
    }

    @Override
    protected void entered() {
        sayIt();
    }

    private void sayIt() {
        Optional<Long> fen = amountFen();
        say(fen.isEmpty() ? Prompt.of("step.summary")
                : methods().size() > 1 ? Prompt.of("step.summary.pay.choose", Money.spoken(fen.get()))
                : Prompt.of("step.summary.pay", Money.spoken(fen.get())));
    }

    /** The ways to pay here now, the default first; empty when nothing is paid. */
    public List<PayMethod> methods() {
        return run.plan().has(StepKind.PAY) ? run.plan().methods() : List.of();
    }

    public Optional<Long> amountFen() {
        return Forms.amountFen(run.plan().service(), run.answers());
    }

    /** The lines to show; labels of the payer line and of members come from the view's texts, so they are keys here. */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        if (run.plan().has(StepKind.PAYER)) {
            out.add(new Line("summary.payer", "payer." + run.answers().payer().wire(), null, true));
        }
        for (Field f : Forms.asked(run.plan().service(), run.answers())) {
            out.add(new Line(f.label(), shown(f), f, false));
        }
        return out;
    }

    private String shown(Field f) {
        String v = run.answers().get(f.id());
        if (v == null) {
            return "";
        }
        return switch (f.type()) {
            case IDNUMBER -> cn.yzz.kiosk.device.Mask.number(v);
            case PHONE -> v.substring(0, 3) + "****" + v.substring(7);
            case DATE -> v.substring(0, 4) + "-" + v.substring(4, 6) + "-" + v.substring(6);
            case CONFIRM -> "✓";
            case HOUSEHOLD -> String.join("、", run.answers().members().stream()
                    .map(m -> m.maskedName() + (m.relation().isEmpty() ? "" : "（" + m.relation() + "）")).toList());
            default -> v;
        };
    }

    /** 修改 beside a line. */
    public void edit(Line line) {
        if (line.payer()) {
            run.editPayer();
        } else if (line.field() != null && line.field().type() != FieldType.IDCARD_FIELD) {
            run.edit(line.field());
        }
    }

    /** 确认: a payment the default way (the plan's first method). */
    public void confirm() {
        if (methods().isEmpty()) {
            run.forward(this);
        } else {
            run.pay(this, methods().get(0));
        }
    }

    /** 扫码支付 / 现金支付: confirms and pays that way. */
    public void confirm(PayMethod how) {
        run.pay(this, how);
    }
}
