package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;
import javafx.scene.control.Button;

/** After an unexpected error: an apology in plain words and the way home. Never a stack trace. */
final class ErrorView extends MessageView {

    ErrorView(Shell shell, boolean portrait) {
        this(shell, shell.texts());
    }

    private ErrorView(Shell shell, Texts texts) {
        super("error", Icons.warning(), texts.bind("error.heading"),
                sentence("error-text", texts.bind("error.text")),
                buttons(home(shell, texts)));
    }

    private static Button home(Shell shell, Texts texts) {
        Button b = Ui.button(texts.bind("error.home"), "error-home", "primary-button");
        b.setOnAction(e -> shell.leaveErrorScreen());
        return b;
    }
}
