package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.receipt.Receipt;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * 是否打印: the receipt is offered, never forced. A printer that is down (or fails on the job) says so
 * and the receipt with its QR code is shown on screen instead; the villager can always finish.
 */
public final class ReceiptStep extends Step {

    public enum State { ASK, PRINTING, PRINTED, ON_SCREEN }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.ASK);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final Transaction done;
    private final Receipts.Content content;

    ReceiptStep(ServiceRun run) {
        super(run);
        this.done = run.committed();
        this.content = Receipts.content(run, done);
        if (!run.printer().ready()) {
            state.set(State.ON_SCREEN);
            problem.set(run.printer().why());
        }
        sayIt();
    }

    @Override
    public StepKind kind() {
        return StepKind.PRINT;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why the receipt is on screen and not on paper (plain words from the printer), or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** What the receipt says (masked), for the screen. */
    public Receipts.Content content() {
        return content;
    }

    @Override
    public boolean canGoBack() {
        return false; // what was done is done; the receipt is all that is left
    }

    /** 打印凭条. */
    public void print() {
        if (state.get() != State.ASK) {
            return;
        }
        state.set(State.PRINTING);
        say(Prompt.of("step.receipt.printing"));
        Receipt r = Receipts.paper(content, run.printer().paper());
        run.printer().print(r).whenCompleteAsync((job, error) -> {
            if (run.ended()) {
                return;
            }
            if (error != null) {
                Throwable cause = ServiceRun.cause(error);
                ServiceRun.LOG.warning(() -> "receipt " + done.receiptNo() + " not printed: " + cause.getMessage());
                problem.set(cause instanceof DeviceException d ? d.getMessage() : "");
                state.set(State.ON_SCREEN);
                sayIt();
                return;
            }
            run.receiptPrinted();
            state.set(State.PRINTED);
            sayIt();
        }, run.fx());
    }

    /** 不打印: shown on screen, then on. */
    public void skip() {
        if (state.get() == State.ASK) {
            run.forward(this);
        }
    }

    /** 下一步 after printing, or from the receipt on screen. */
    public void next() {
        if (state.get() == State.PRINTED || state.get() == State.ON_SCREEN) {
            run.forward(this);
        }
    }

    private void sayIt() {
        Spoken number = Receipts.spokenNumber(done.receiptNo());
        say(switch (state.get()) {
            case ASK -> done.amountFen() != null && done.amountFen() > 0
                    ? Prompt.of("step.receipt.ask.paid", Money.spoken(done.amountFen()), number)
                    : Prompt.of("step.receipt.ask", number);
            case PRINTING -> Prompt.of("step.receipt.printing");
            case PRINTED -> Prompt.of("step.receipt.printed");
            case ON_SCREEN -> Prompt.of("step.receipt.screen", number);
        });
    }
}
