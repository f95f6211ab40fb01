package cn.yzz.kiosk.app.console;

import cn.yzz.kiosk.app.view.console.SimplePageView;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/**
 * A page of one action, asked to be confirmed when it matters: 重启程序 ({@link #restart}) and 帮办代办
 * ({@link #assist}).
 */
public final class ActionPage implements ConsolePage {

    private final String title;
    private final String words;
    private final String button;
    private final String confirmWords;
    private final String id;
    private final Runnable action;
    private final BooleanProperty asking = new SimpleBooleanProperty(false);
    private Node view;

    private ActionPage(String title, String words, String button, String confirmWords, String id, Runnable action) {
        this.title = title;
        this.words = words;
        this.button = button;
        this.confirmWords = confirmWords;
        this.id = id;
        this.action = Objects.requireNonNull(action, "action");
    }

    /** 重启程序: asks to confirm, records it, then {@link KioskControl#restart()}. */
    public static ActionPage restart(KioskControl control, ConsoleAudit audit) {
        return new ActionPage("重启程序", "程序卡住、设备换过线或按县里运维的要求时使用。重启大约需要半分钟，期间不能办事。",
                "重启程序", "确定现在重启程序吗？", "console-restart", () -> {
                    audit.record("重启程序", "已确认，正在重启");
                    control.restart();
                });
    }

    /** 帮办代办: leaves the console for the staff's sign-in ({@code start}). */
    public static ActionPage assist(Runnable start) {
        return new ActionPage("帮办代办", "工作人员替村民操作时使用：离开管理界面，工作人员输入自己的 6 位密码或放自己的身份证登录，"
                + "再请村民放身份证表示同意。", "开始帮办代办", null, "console-assist", start);
    }

    @Override
    public String title() {
        return title;
    }

    /** Whether it is asking to confirm. */
    public BooleanProperty askingProperty() {
        return asking;
    }

    @Override
    public Node view() {
        if (view == null) {
            Node plain = new SimplePageView(title, List.of(new Label(words)), List.of(new SimplePageView.Action(button, id,
                    () -> {
                        if (confirmWords == null) {
                            action.run();
                        } else {
                            asking.set(true);
                        }
                    })));
            Node confirm = confirmWords == null ? new StackPane() : new SimplePageView(title, List.of(new Label(confirmWords)),
                    List.of(new SimplePageView.Action("确定重启", id + "-yes", () -> {
                        asking.set(false);
                        action.run();
                    }), new SimplePageView.Action("不重启", id + "-no", () -> asking.set(false))));
            plain.visibleProperty().bind(asking.not());
            confirm.visibleProperty().bind(asking);
            view = new StackPane(plain, confirm);
            ((StackPane) view).setAlignment(javafx.geometry.Pos.TOP_LEFT);
        }
        return view;
    }

    @Override
    public void hidden() {
        asking.set(false);
    }
}
