package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.flow.Scheduler;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import cn.yzz.kiosk.cache.Person;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.sync.QueryAnswer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * A query's answer: asked of the county ({@code POST /services/{code}/query}) and shown as a table, a page at a
 * time (never scrolled). A county that is slow gets a progress line after {@link #SLOW}, and is given up after
 * {@link #GIVE_UP} with plain words; a 404, a 5xx or a malformed answer gets plain words too, always with 再试一次
 * and 返回. A print service shows the same table as a preview under its 打印 button.
 */
public final class QueryStep extends Step {

    /** After this the screen says the county is being asked (a quick answer never flashes a spinner). */
    public static final Duration SLOW = Duration.ofSeconds(1);
    /** After this the kiosk stops waiting and says so: an elderly villager must never face a frozen screen. */
    public static final Duration GIVE_UP = Duration.ofSeconds(15);
    /** Rows per page unless the view says otherwise (elder mode shows fewer, bigger rows). */
    public static final int ROWS_PER_PAGE = 8;

    public enum State { ASKING, SHOWN, EMPTY, FAILED }

    /** Why there is no answer, each with its own plain words. */
    public enum Problem { NOT_FOUND, OFFLINE, TOO_SLOW, BROKEN }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.ASKING);
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ReadOnlyBooleanWrapper slow = new ReadOnlyBooleanWrapper(this, "slow", false);
    private final ReadOnlyObjectWrapper<QueryAnswer> answer = new ReadOnlyObjectWrapper<>(this, "answer");
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page", 0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(this, "pageCount", 0);
    private final IntegerProperty rowsPerPage = new SimpleIntegerProperty(this, "rowsPerPage", ROWS_PER_PAGE);
    private CompletableFuture<QueryAnswer> asked;
    private Scheduler.Cancellable slowTimer;
    private Scheduler.Cancellable giveUpTimer;

    QueryStep(ServiceRun run) {
        super(run);
        rowsPerPage.addListener((o, was, now) -> {
            if (now.intValue() < 1) {
                rowsPerPage.set(1);
                return;
            }
            int firstRow = page.get() * Math.max(1, was.intValue());
            paginate(firstRow / now.intValue()); // keep the row at the top of the page in view
        });
        say(Prompt.of("step.query.asking"));
    }

    @Override
    public StepKind kind() {
        return StepKind.QUERY;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why there is no answer, while {@link State#FAILED}. */
    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** True once the county has taken longer than {@link #SLOW}: the view shows that it is being asked. */
    public ReadOnlyBooleanProperty slowProperty() {
        return slow.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QueryAnswer> answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    /** Set by the view: fewer in elder mode. */
    public IntegerProperty rowsPerPageProperty() {
        return rowsPerPage;
    }

    /** The data rows of the page on screen (without the heading). */
    public List<List<String>> pageRows() {
        QueryAnswer a = answer.get();
        if (a == null) {
            return List.of();
        }
        List<List<String>> body = a.body();
        int from = Math.min(body.size(), page.get() * rowsPerPage.get());
        return body.subList(from, Math.min(body.size(), from + rowsPerPage.get()));
    }

    /** Whether 打印 is offered: the service prints, or its output allows it and the printer works. */
    public boolean printable() {
        return run.plan().has(StepKind.PRINTOUT) && state.get() == State.SHOWN;
    }

    /** A print service: the table is a preview and 打印 is the point. */
    public boolean isPrintService() {
        return run.plan().service().kind() == Kind.PRINT;
    }

    @Override
    protected void entered() {
        if (answer.get() == null && asked == null) {
            ask();
        }
    }

    @Override
    protected void left() {
        if (state.get() == State.ASKING) {
            drop(); // asked again on coming back: a question left behind has nobody to answer it
        }
    }

    @Override
    protected void abandoned() {
        drop();
    }

    public void retry() {
        if (state.get() == State.FAILED) {
            ask();
        }
    }

    public void nextPage() {
        if (page.get() < pageCount.get() - 1) {
            paginate(page.get() + 1);
        }
    }

    public void previousPage() {
        if (page.get() > 0) {
            paginate(page.get() - 1);
        }
    }

    /** 打印: on to the printout. */
    public void print() {
        if (printable()) {
            run.print(this);
        }
    }

    /** 完成 (nothing to print, or the villager does not want it). */
    public void done() {
        if (state.get() == State.SHOWN || state.get() == State.EMPTY) {
            run.forward(this);
        }
    }

    QueryAnswer answer() {
        return answer.get();
    }

    // Internals //

    private void ask() {
        drop();
        state.set(State.ASKING);
        problem.set(null);
        slow.set(false);
        say(Prompt.of("step.query.asking"));
        Person person = run.person();
        CompletableFuture<QueryAnswer> f = run.county().query(run.plan().service().code(), person, run.data());
        asked = f;
        slowTimer = run.scheduler().after(SLOW, () -> {
            if (asked == f) {
                slow.set(true);
            }
        });
        giveUpTimer = run.scheduler().after(GIVE_UP, () -> {
            if (asked == f) {
                ServiceRun.LOG.warning(() -> "query of " + run.plan().service().code() + " not answered in " + GIVE_UP.toSeconds() + " s");
                drop();
                failed(Problem.TOO_SLOW);
            }
        });
        f.whenCompleteAsync((a, error) -> {
            if (asked != f || run.ended()) {
                return; // given up, retried or left: a late answer is not shown
            }
            asked = null;
            stopTimers();
            if (error == null) {
                shown(a);
                return;
            }
            Throwable cause = ServiceRun.cause(error);
            Problem p = cause instanceof County.NotFound ? Problem.NOT_FOUND
                    : cause instanceof County.Unreachable u ? switch (u.why()) {
                        case LINE -> Problem.OFFLINE;
                        case SLOW -> Problem.TOO_SLOW; // the HTTP client's own timeout came before ours
                        case SERVER -> Problem.BROKEN;
                    } : Problem.BROKEN;
            // The cause's message names the call and the status, never the villager's data.
            ServiceRun.LOG.warning(() -> "query of " + run.plan().service().code() + " failed (" + p + "): " + cause.getMessage());
            failed(p);
        }, run.fx());
    }

    private void shown(QueryAnswer a) {
        answer.set(a);
        slow.set(false);
        paginate(0);
        int n = a.body().size();
        if (n == 0) {
            state.set(State.EMPTY);
            say(Prompt.of("step.query.empty", Spoken.text(a.title(), "")));
            return;
        }
        state.set(State.SHOWN);
        say(Prompt.of(isPrintService() ? "step.query.preview" : "step.query.shown",
                Spoken.text(a.title(), ""), Spoken.count(n), Spoken.text(latest(a), "")));
    }

    private void failed(Problem p) {
        slow.set(false);
        problem.set(p);
        state.set(State.FAILED);
        say(Prompt.of("step.query.failed." + p.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * The latest row in words, "年度 2026，月数 12，…" (its first three cells): the rows come oldest or newest first,
     * so the one whose first cell sorts last is taken as the latest.
     */
    static String latest(QueryAnswer a) {
        List<List<String>> body = a.body();
        List<String> first = body.get(0);
        List<String> last = body.get(body.size() - 1);
        List<String> row = last.get(0).compareTo(first.get(0)) >= 0 ? last : first;
        StringBuilder sb = new StringBuilder();
        List<String> heading = a.heading();
        for (int i = 0; i < Math.min(3, row.size()); i++) {
            if (i > 0) {
                sb.append('，');
            }
            sb.append(heading.get(i)).append(' ').append(row.get(i));
        }
        return sb.toString();
    }

    private void paginate(int p) {
        QueryAnswer a = answer.get();
        int rows = a == null ? 0 : a.body().size();
        int pages = Math.max(1, (rows + rowsPerPage.get() - 1) / rowsPerPage.get());
        pageCount.set(pages);
        page.set(Math.max(0, Math.min(p, pages - 1)));
    }

    private void drop() {
        stopTimers();
        if (asked != null) {
            CompletableFuture<QueryAnswer> f = asked;
            asked = null;
            f.cancel(false);
        }
    }

    private void stopTimers() {
        if (slowTimer != null) {
            slowTimer.cancel();
            slowTimer = null;
        }
        if (giveUpTimer != null) {
            giveUpTimer.cancel();
            giveUpTimer = null;
        }
    }
}
