package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/** 求助: whom to call, in big type; the request is already in the administrator's log. */
final class HelpView extends MessageView {

    HelpView(Shell shell, boolean portrait) {
        this(shell, shell.texts());
    }

    private HelpView(Shell shell, Texts texts) {
        super("help", Icons.help(), texts.bind("help.heading"),
                sentence("help-text", texts.bind(() -> texts.get("help.text", whom(shell, texts)), texts.languageProperty())),
                phone(shell, texts),
                buttons(close(shell, texts)));
    }

    /** The configured contact, or "the village committee staff". */
    static String whom(Shell shell, Texts texts) {
        return shell.contact().name().isEmpty() ? texts.get("help.staff") : shell.contact().name();
    }

    private static Label phone(Shell shell, Texts texts) {
        Label l = sentence("help-phone", texts.bind("help.phone", shell.contact().phone()), "phone-number");
        Ui.shownWhen(l, new javafx.beans.property.SimpleBooleanProperty(!shell.contact().phone().isEmpty()));
        return l;
    }

    private static Button close(Shell shell, Texts texts) {
        Button b = Ui.button(texts.bind("help.close"), "help-close", "primary-button");
        b.setOnAction(e -> shell.closeHelp());
        return b;
    }
}
