package cn.yzz.kiosk.app.service;

import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.cache.Transaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * 好差评 after every service: always shown, always skippable (暂不评价; GB/T 39734 forbids forcing it),
 * never blocking the end. Five levels, 5 = 非常满意; for the two lowest a reason must be picked. Queued
 * as an {@code evaluation} transaction tied to the rated one; works offline.
 */
public final class EvaluateStep extends Step {

    /** Reasons offered for 不满意 and 非常不满意 (the offline indicators of 好差评, and two of the kiosk's own). */
    public static final List<String> REASONS = List.of("efficiency", "skill", "attitude", "device", "complex", "other");

    private final ReadOnlyIntegerWrapper level = new ReadOnlyIntegerWrapper(this, "level", 0);
    private final ObservableSet<String> reasons = FXCollections.observableSet();
    /**
     * One read-only view, kept: a view made per call listens to {@code reasons} only weakly, so the listeners a
     * screen adds to it stopped hearing anything after the next garbage collection (the reason tapped never showed).
     */
    private final ObservableSet<String> reasonsView = FXCollections.unmodifiableObservableSet(reasons);
    private final ReadOnlyBooleanWrapper needReason = new ReadOnlyBooleanWrapper(this, "needReason", false);
    private final ReadOnlyBooleanWrapper missingReason = new ReadOnlyBooleanWrapper(this, "missingReason", false);

    EvaluateStep(ServiceRun run) {
        super(run);
        say(Prompt.of(run.assisted() ? "step.evaluate.assisted" : "step.evaluate")); // 帮办代办: the villager rates, not the staff
    }

    @Override
    public StepKind kind() {
        return StepKind.EVALUATE;
    }

    @Override
    public boolean canGoBack() {
        return false;
    }

    /** 帮办代办: a staff member did the service, so the screen asks the villager to rate it themselves. */
    public boolean assisted() {
        return run.assisted();
    }

    /** 0 until a level is tapped; 5 = 非常满意 … 1 = 非常不满意. */
    public ReadOnlyIntegerProperty levelProperty() {
        return level.getReadOnlyProperty();
    }

    public ObservableSet<String> reasons() {
        return reasonsView;
    }

    /** The chosen level is one of the two lowest: a reason must be picked. */
    public ReadOnlyBooleanProperty needReasonProperty() {
        return needReason.getReadOnlyProperty();
    }

    /** 提交 was tapped without the reason a low level needs. */
    public ReadOnlyBooleanProperty missingReasonProperty() {
        return missingReason.getReadOnlyProperty();
    }

    public void rate(int l) {
        if (l < 1 || l > 5) {
            return;
        }
        level.set(l);
        needReason.set(l <= 2);
        missingReason.set(false);
        if (l > 2) {
            reasons.clear();
        }
        say(Prompt.of(l <= 2 ? "step.evaluate.reason" : "step.evaluate.level." + l));
    }

    public void toggleReason(String r) {
        if (!needReason.get() || !REASONS.contains(r)) {
            return;
        }
        if (!reasons.remove(r)) {
            reasons.add(r);
        }
        missingReason.set(false);
    }

    /** 提交评价: queued (the villager is not kept waiting for the disk), then the end. */
    public void submit() {
        if (level.get() == 0) {
            return;
        }
        if (needReason.get() && reasons.isEmpty()) {
            missingReason.set(true);
            say(Prompt.of("step.evaluate.reason"));
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        Transaction rated = run.committed();
        if (rated != null) {
            data.put("ratedTransactionId", rated.id().toString());
        }
        data.put("level", level.get());
        data.put("reasons", REASONS.stream().filter(reasons::contains).toList());
        Transaction t = run.evaluation(data);
        int l = level.get();
        run.county().queue(t).whenComplete((v, error) -> {
            if (error != null) {
                ServiceRun.LOG.log(Level.WARNING, "evaluation not queued", ServiceRun.cause(error));
            } else {
                ServiceRun.LOG.info(() -> "evaluation " + l + " queued for " + (rated == null ? "the visit" : rated.id()));
            }
        });
        run.forward(this);
    }

    /** 暂不评价. */
    public void skip() {
        ServiceRun.LOG.info("evaluation skipped");
        run.forward(this);
    }
}
