package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.Transaction;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * 提交: an application is committed to the outbox with its receipt number, and works offline (it is
 * sent when the line is back; the county's tracking number comes by SMS then, as on the real kiosks).
 */
public final class SubmitStep extends Step {

    public enum State { SUBMITTING, DONE, FAILED }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.SUBMITTING);
    private Transaction stored;

    SubmitStep(ServiceRun run) {
        super(run);
        say(Prompt.of("step.submit.working"));
    }

    @Override
    public StepKind kind() {
        return StepKind.SUBMIT;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public Transaction stored() {
        return stored;
    }

    @Override
    protected void entered() {
        if (state.get() == State.SUBMITTING && stored == null) {
            submit();
        }
    }

    @Override
    public boolean canGoBack() {
        return state.get() == State.FAILED;
    }

    public void retry() {
        if (state.get() == State.FAILED) {
            submit();
        }
    }

    public void next() {
        if (state.get() == State.DONE) {
            run.forward(this);
        }
    }

    private void submit() {
        state.set(State.SUBMITTING);
        say(Prompt.of("step.submit.working"));
        run.county().commit(run.transaction("application", null, null, null)).whenCompleteAsync((t, error) -> {
            if (run.ended()) {
                return;
            }
            if (error != null) {
                ServiceRun.LOG.warning(() -> "application not stored: " + ServiceRun.cause(error));
                state.set(State.FAILED);
                say(Prompt.of("step.submit.failed"));
                return;
            }
            stored = t;
            run.committed(t);
            state.set(State.DONE);
            say(Prompt.of("step.submit.done", Receipts.spokenNumber(t.receiptNo())));
        }, run.fx());
    }
}
