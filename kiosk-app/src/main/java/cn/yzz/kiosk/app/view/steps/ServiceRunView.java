package cn.yzz.kiosk.app.view.steps;

import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.service.BundleStep;
import cn.yzz.kiosk.app.service.CashPayStep;
import cn.yzz.kiosk.app.service.EvaluateStep;
import cn.yzz.kiosk.app.service.PrintoutStep;
import cn.yzz.kiosk.app.service.QueryStep;
import cn.yzz.kiosk.app.service.FieldStep;
import cn.yzz.kiosk.app.service.PayerStep;
import cn.yzz.kiosk.app.service.QrPayStep;
import cn.yzz.kiosk.app.service.ReceiptStep;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.service.Step;
import cn.yzz.kiosk.app.service.SubmitStep;
import cn.yzz.kiosk.app.service.SummaryStep;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

/**
 * The service screen: the view of the run's current step, one view per kind of step. A new kind of
 * step is one model and one view, and one line here.
 */
public final class ServiceRunView extends StackPane {

    private final KioskFlowModel flow;
    private final Texts texts;
    private final boolean portrait;
    private ServiceRun shown;

    public ServiceRunView(KioskFlowModel flow, Texts texts, boolean portrait) {
        this.flow = flow;
        this.texts = texts;
        this.portrait = portrait;
        setId("service");
        flow.runProperty().addListener((o, was, now) -> follow(now));
        texts.languageProperty().addListener((o, was, now) -> redraw());
        follow(flow.runProperty().get());
    }

    private void follow(ServiceRun run) {
        shown = run;
        if (run != null) {
            run.currentProperty().addListener((o, was, now) -> {
                if (run == shown) {
                    redraw();
                }
            });
        }
        redraw();
    }

    private void redraw() {
        Step s = shown == null ? null : shown.currentProperty().get();
        getChildren().setAll(s == null ? new StackPane() : view(s));
    }

    private Node view(Step s) {
        var person = flow.session().personProperty().get();
        ServiceRun run = s.run();
        String service = texts.name(run.plan().service());
        if (run.bundle().isBundle() && run.part() >= 0) {
            // 一件事: the bundle, where it stands, and the step's own service (in portrait on a line of its own, so
            // that a long name is not broken where the line ends)
            service = texts.name(run.bundle().service()) + " · " + texts.get("bundle.heading", run.part() + 1,
                    run.bundle().parts().size()) + (portrait ? "\n" : " · ") + service;
        }
        StepPage.Header name = new StepPage.Header(service, person == null ? "" : person.name());
        if (s instanceof PayerStep p) {
            return new PayerView(p, texts, portrait, name);
        } else if (s instanceof FieldStep f) {
            return new FieldView(f, texts, portrait, name);
        } else if (s instanceof SummaryStep m) {
            return new SummaryView(m, texts, portrait, name);
        } else if (s instanceof QrPayStep q) {
            return new PayView(q, texts, portrait, name);
        } else if (s instanceof CashPayStep c) {
            return new CashPayView(c, texts, portrait, name);
        } else if (s instanceof SubmitStep u) {
            return new SubmitView(u, texts, portrait, name);
        } else if (s instanceof ReceiptStep r) {
            return new ReceiptView(r, texts, portrait, name);
        } else if (s instanceof QueryStep q) {
            return new QueryView(q, texts, portrait, name,
                    flow.pageSizeProperty().isEqualTo(KioskFlowModel.ELDER_PAGE_SIZE));
        } else if (s instanceof PrintoutStep p) {
            return new PrintoutView(p, texts, portrait, name);
        } else if (s instanceof BundleStep b) {
            return new BundleView(b, texts, portrait, name);
        } else if (s instanceof EvaluateStep e) {
            return new EvaluateView(e, texts, portrait, name);
        }
        throw new IllegalStateException("no view for " + s.kind());
    }
}
