package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;

/** 暂停服务: the kiosk cannot serve now; where to go instead, and whom to call. */
final class OutOfServiceView extends MessageView {

    OutOfServiceView(Shell shell, boolean portrait) {
        this(shell, shell.texts());
    }

    private OutOfServiceView(Shell shell, Texts texts) {
        super("out-of-service", Icons.warning(), texts.bind("oos.heading"),
                sentence("oos-text", texts.bind("oos.text")),
                sentence("oos-contact", texts.bind(() -> shell.contact().phone().isEmpty()
                        ? texts.get("oos.contact", HelpView.whom(shell, texts))
                        : texts.get("oos.contact.phone", HelpView.whom(shell, texts), shell.contact().phone()))));
    }
}
