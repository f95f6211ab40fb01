package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;
import javafx.scene.control.Button;
import javafx.scene.input.MouseEvent;

/**
 * "您还在吗？": a countdown and one big 继续办理. A tap anywhere but on 结束办理 continues, so an
 * unsteady finger that misses the button still keeps the villager's place.
 */
final class IdleWarningView extends MessageView {

    IdleWarningView(Shell shell, boolean portrait) {
        this(shell, shell.texts());
    }

    private IdleWarningView(Shell shell, Texts texts) {
        super("idle-warning", Icons.clock(), texts.bind("idle.heading"),
                sentence("idle-countdown", texts.bind(() -> texts.get("idle.countdown", shell.idle().secondsLeftProperty().get()),
                        shell.idle().secondsLeftProperty()), "countdown"),
                buttons(end(shell, texts), continueButton(shell, texts)));
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> shell.continueSession());
    }

    private static Button continueButton(Shell shell, Texts texts) {
        Button b = Ui.button(texts.bind("idle.continue"), "idle-continue", "primary-button");
        b.setOnAction(e -> shell.continueSession());
        return b;
    }

    private static Button end(Shell shell, Texts texts) {
        Button b = Ui.button(texts.bind("idle.end"), "idle-end", "secondary-button");
        b.setOnAction(e -> shell.endSessionNow());
        // Its click must not also reach the page, which would continue the session.
        b.addEventHandler(MouseEvent.MOUSE_CLICKED, MouseEvent::consume);
        return b;
    }
}
