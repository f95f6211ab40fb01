package cn.yzz.kiosk.app.training;

import cn.yzz.kiosk.app.console.ConsoleAudit;
import cn.yzz.kiosk.app.console.ConsolePage;
import cn.yzz.kiosk.app.console.KioskControl;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The console's 培训模式 page: what training is, and 开始培训 or 结束培训. Either starts the kiosk again in place
 * ({@link KioskControl#training}); the console closes with the kiosk it belonged to.
 */
public final class TrainingPage implements ConsolePage {

    static final String ABOUT = String.join("\n",
            "培训模式用来教村干部和志愿者使用终端，不办真实业务：",
            "• 终端改用模拟设备：身份证、社保卡、粤省事码、付款和投币都由屏幕下方的「培训员操作」来扮演；",
            "• 用的是培训学员、培训长辈这样的培训身份，不是任何人的信息；",
            "• 办的业务另存在培训记录里，不上传县里，下次开始培训时清空；小票只显示在屏幕上；",
            "• 每个画面顶上都有「" + TrainingPanel.BANNER + "」横幅；",
            "• 结束培训、重启程序或停电后，终端都回到正常服务。");

    private final KioskControl control;
    private final ConsoleAudit audit;
    private VBox view;

    /**
     * @param control the kiosk's {@code Kiosk.control()}
     * @param audit   where the console records 开始培训 and 结束培训
     */
    public TrainingPage(KioskControl control, ConsoleAudit audit) {
        this.control = Objects.requireNonNull(control, "control");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public String title() {
        return "培训模式";
    }

    @Override
    public Node view() {
        if (view == null) {
            boolean on = control.inTraining();
            Label state = new Label(on ? "现在是培训模式" : "现在是正常服务");
            state.setId("training-state");
            state.getStyleClass().add("console-heading");
            Label about = new Label(ABOUT);
            about.setWrapText(true);
            about.getStyleClass().add("console-text");
            Button go = new Button(on ? "结束培训，回到正常服务" : "开始培训");
            go.setId(on ? "training-end" : "training-start");
            go.getStyleClass().addAll("console-button", "primary-button");
            go.setMinHeight(96);
            go.setOnAction(e -> {
                go.setDisable(true); // the kiosk starts again: one tap is enough
                audit.record(on ? "结束培训" : "开始培训", "终端正在重新启动");
                control.training(!on);
            });
            view = new VBox(32, state, about, go);
            view.getStyleClass().add("console-page");
        }
        return view;
    }
}
