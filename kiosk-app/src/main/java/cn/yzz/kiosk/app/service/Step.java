package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One step of a service's visit: a small model that owns its prompt and its forward and back rules.
 * Each kind has one view. Steps live on the JavaFX thread; what they wait for (HTTP, SQLite, the
 * printer) comes back through the run's executor.
 */
public abstract class Step {

    protected final ServiceRun run;
    private final ReadOnlyObjectWrapper<Prompt> prompt = new ReadOnlyObjectWrapper<>(this, "prompt");

    protected Step(ServiceRun run) {
        this.run = Objects.requireNonNull(run, "run");
    }

    public abstract StepKind kind();

    /** What the kiosk says for this step now; it changes as the step does (a payment that is paid). */
    public ReadOnlyObjectProperty<Prompt> promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    protected void say(Prompt p) {
        prompt.set(p);
        run.stepChanged(this); // each state a step says something of may change what 返回 can do
    }

    /** Shown (again): going forward into it, or back to it. */
    protected void entered() {
    }

    /** Another step is shown now, or the visit ends: stop what only this screen needs (a card read). */
    protected void left() {
    }

    /** 返回 may leave this step now (not while money is being taken, nor after it was taken). */
    public boolean canGoBack() {
        return true;
    }

    /** 首页 may end the visit now (not while a payment is open). */
    public boolean canLeave() {
        return true;
    }

    /** The visit ends while this step is shown (首页, the idle watch, an error): let go of what it holds. */
    protected void abandoned() {
    }

    public ServiceRun run() {
        return run;
    }
}
