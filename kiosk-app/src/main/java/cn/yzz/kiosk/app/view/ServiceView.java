package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.i18n.Texts;
import javafx.scene.control.Button;

/**
 * Where a service's own screens will go. Until the services are built it says so, with the
 * villager's masked name and the service, and ends the visit properly.
 */
final class ServiceView extends MessageView {

    ServiceView(KioskFlowModel flow, Texts texts, boolean portrait) {
        super("service", Icons.info(), texts.bind(() -> flow.serviceProperty().get() == null ? ""
                        : flow.serviceProperty().get().name(texts.locale()), flow.serviceProperty()),
                sentence("service-person", texts.bind(() -> flow.session().personProperty().get() == null ? ""
                        : texts.get("service.person", flow.session().personProperty().get().name()), flow.session().personProperty())),
                sentence("service-text", texts.bind("service.placeholder")),
                buttons(finish(flow, texts)));
    }

    private static Button finish(KioskFlowModel flow, Texts texts) {
        Button b = Ui.button(texts.bind("service.finish"), "service-finish", "primary-button");
        b.setOnAction(e -> flow.finishService());
        return b;
    }
}
