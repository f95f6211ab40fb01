package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.app.voice.Spoken;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.collections.FXCollections;

/**
 * A 一件事 bundle's step list, shown before each of its steps: what is done, which comes next (第 2 步 / 共 4 步), what
 * is left, and what cannot be done on this kiosk now (to do at the window or later). Each step is its own service
 * with its own transaction; the villager identified once, and answers given in one step are not asked again.
 */
public final class BundleStep extends Step {

    public enum Status { DONE, NEXT, LEFT, NOT_HERE }

    /** One line of the list. */
    public record Item(String name, Status status) {}

    private final ReadOnlyListWrapper<Item> items = new ReadOnlyListWrapper<>(this, "items", FXCollections.observableArrayList());
    private final ReadOnlyIntegerWrapper next = new ReadOnlyIntegerWrapper(this, "next", 0);

    BundleStep(ServiceRun run) {
        super(run);
        refresh();
    }

    @Override
    public StepKind kind() {
        return StepKind.BUNDLE;
    }

    public ReadOnlyListProperty<Item> itemsProperty() {
        return items.getReadOnlyProperty();
    }

    /** The 1-based number of the step that comes next, counting only those this kiosk can do; 0 when all are done. */
    public ReadOnlyIntegerProperty nextProperty() {
        return next.getReadOnlyProperty();
    }

    /** How many steps this kiosk can do. */
    public int count() {
        return run.bundle().parts().size();
    }

    @Override
    protected void entered() {
        refresh();
    }

    /** 开始办理 the next step, or 完成 when all are done. */
    public void go() {
        run.forward(this);
    }

    /** 跳过此步: leaves the next step for later (it is listed as left at the end). */
    public void skip() {
        int first = run.nextPart();
        if (first >= 0) {
            run.skipPart(first);
            refresh();
        }
    }

    /** Steps done so far in this visit. */
    public int done() {
        return (int) items.stream().filter(i -> i.status() == Status.DONE).count();
    }

    private void refresh() {
        Plan bundle = run.bundle();
        List<Item> list = new ArrayList<>();
        int first = run.nextPart();
        for (int i = 0; i < bundle.parts().size(); i++) {
            Status s = run.partDone(i) ? Status.DONE : i == first ? Status.NEXT : Status.LEFT;
            list.add(new Item(bundle.parts().get(i).service().name(), s));
        }
        for (Plan.Unavailable u : bundle.unavailable()) {
            list.add(new Item(u.name(), Status.NOT_HERE));
        }
        items.setAll(list);
        next.set(first < 0 ? 0 : first + 1);
        String name = first < 0 ? "" : bundle.parts().get(first).service().name();
        if (first < 0) {
            say(Prompt.of("step.bundle.all-done", Spoken.count(count())));
        } else if (done() == 0) {
            say(Prompt.of("step.bundle.start", Spoken.count(count()), Spoken.text(name, "")));
        } else {
            say(Prompt.of("step.bundle.next", Spoken.count(first + 1), Spoken.count(count()), Spoken.text(name, "")));
        }
    }
}
