package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import cn.yzz.kiosk.cache.Transaction;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.cache.UuidV7;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * 正在打印 → 请取走打印件: the query's answer printed on A4 (or on the receipt printer when the service's output is
 * {@code receipt}), followed to the job's end with the pages done. Only a finished job is recorded, as a {@code print}
 * transaction that says what was printed (service, pages, verify code), never the rows; a failed job says why in
 * plain words, records nothing, and can be tried again.
 */
public final class PrintoutStep extends Step {

    public enum State { PRINTING, DONE, FAILED }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.PRINTING);
    private final ReadOnlyIntegerWrapper pagesDone = new ReadOnlyIntegerWrapper(this, "pagesDone", 0);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final QueryAnswer answer;
    private final Output on;
    private CompletableFuture<?> job;
    private int jobs; // a late report of an earlier, failed job must not move this one's count

    PrintoutStep(ServiceRun run, QueryAnswer answer, Output on) {
        super(run);
        this.answer = answer;
        this.on = on;
        say(Prompt.of("step.printout.printing"));
    }

    @Override
    public StepKind kind() {
        return StepKind.PRINTOUT;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Pages the printer has reported finished (A4); a receipt counts as one page when it is cut. */
    public ReadOnlyIntegerProperty pagesDoneProperty() {
        return pagesDone.getReadOnlyProperty();
    }

    /** Why the job failed, in the printer's plain words. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** A4 or the receipt printer. */
    public Output output() {
        return on;
    }

    @Override
    protected void entered() {
        if (job == null && state.get() == State.PRINTING) {
            print();
        }
    }

    @Override
    public boolean canGoBack() {
        return state.get() == State.FAILED; // back to the table; while printing, the paper is already moving
    }

    @Override
    public boolean canLeave() {
        return state.get() != State.PRINTING;
    }

    public void retry() {
        if (state.get() == State.FAILED) {
            print();
        }
    }

    /** 完成, once the villager has the paper. */
    public void next() {
        if (state.get() == State.DONE) {
            run.forward(this);
        }
    }

    private void print() {
        int mine = ++jobs;
        state.set(State.PRINTING);
        problem.set("");
        pagesDone.set(0);
        say(Prompt.of("step.printout.printing"));
        OffsetDateTime at = OffsetDateTime.now(run.clock());
        UUID id = UuidV7.next(); // the print transaction's, made now: the paper carries a reference made from it
        Printouts.Stamp stamp = new Printouts.Stamp(run.person(), at, run.county().kioskId(),
                Printouts.reference(run.county().kioskId(), at, id));
        // Laid out off the JavaFX thread: measuring the columns reads the fonts, which the first time takes a second.
        CompletableFuture<Integer> f = on == Output.RECEIPT
                ? CompletableFuture.supplyAsync(() -> Printouts.receipt(answer, stamp, run.printer().paper()), run.layout())
                        .thenCompose(r -> run.printer().print(r)).thenApply(x -> 1)
                : CompletableFuture.supplyAsync(() -> Printouts.a4(answer, stamp), run.layout())
                        .thenCompose(doc -> run.a4().print(doc, n -> run.fx().execute(() -> {
                            if (jobs == mine && state.get() == State.PRINTING) {
                                pagesDone.set(Math.max(pagesDone.get(), n));
                            }
                        })));
        job = f;
        f.whenCompleteAsync((pages, error) -> {
            if (run.ended() || jobs != mine) {
                return;
            }
            job = null;
            if (error != null) {
                Throwable cause = ServiceRun.cause(error);
                ServiceRun.LOG.warning(() -> "printout of " + run.plan().service().code() + " failed: " + cause.getMessage());
                problem.set(cause instanceof DeviceException d ? d.getMessage() : "");
                state.set(State.FAILED);
                say(Prompt.of("step.printout.failed"));
                return;
            }
            pagesDone.set(pages);
            state.set(State.DONE);
            run.receiptPrinted();
            say(Prompt.of("step.printout.done", Spoken.count(pages)));
            record(id, pages);
        }, run.fx());
    }

    /** The print transaction: what was printed, never the rows. Losing it (a full disk) does not take the paper back. */
    private void record(UUID id, int pages) {
        Transaction t = run.printed(id, pages, answer.verifyCode(), on);
        run.committed(t);
        run.county().queue(t).whenComplete((v, error) -> {
            if (error != null) {
                ServiceRun.LOG.warning(() -> "print of " + t.serviceCode() + " not queued: " + ServiceRun.cause(error).getMessage());
            }
        });
    }
}
