package cn.yzz.kiosk.app.training;

import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.receipt.emu.PrintedReceipt;
import java.util.Objects;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What 培训模式 puts around every screen, the console's included: the banner 培训模式 · 不是真实业务 above, and the
 * trainer's strip (below in portrait, beside in landscape), since a village kiosk has no simulator window: place and
 * take away the training ID card, insert the training social security card, show the training 粤省事码, 模拟扫码付款,
 * insert notes on an enhanced kiosk, and the receipt the emulated printer cut last, as it would print.
 */
public final class TrainingPanel extends VBox {

    public static final String STYLESHEET = "/cn/yzz/kiosk/app/training/training.css";

    /** The banner's words, on every screen while training. */
    public static final String BANNER = "培训模式 · 不是真实业务";

    static final double BANNER_HEIGHT = 96;
    static final double STRIP_HEIGHT = 440;
    static final double COLUMN_WIDTH = 420;

    private final TrainingRig rig;
    private final Label said = new Label("培训员：用下面的按钮扮演村民");
    private final ImageView receipt = new ImageView();

    private TrainingPanel(TrainingRig rig, boolean portrait) {
        this.rig = rig;
        getStyleClass().add("training-panel");
        setId("training-panel");
        said.setId("training-said");
        said.getStyleClass().add("training-said");
        said.setWrapText(true);
        FlowPane buttons = new FlowPane(Orientation.HORIZONTAL, 16, 16);
        buttons.getStyleClass().add("training-buttons");
        buttons.getChildren().addAll(
                button("放培训身份证", "training-card", () -> {
                    rig.placeCard(TrainingRig.CARD);
                    return "已放上培训学员的身份证";
                }),
                button("放长辈身份证", "training-elder-card", () -> {
                    rig.placeCard(TrainingRig.ELDER_CARD);
                    return "已放上培训长辈的身份证";
                }),
                button("取走身份证", "training-take-card", () -> {
                    rig.removeCard();
                    return "身份证已取走";
                }));
        if (rig.fitted(DeviceKind.SSCARD_READER)) {
            buttons.getChildren().addAll(
                    button("插社保卡", "training-ss-card", () -> {
                        rig.insertSsCard();
                        return "已插入培训社保卡";
                    }),
                    button("取出社保卡", "training-take-ss-card", () -> {
                        rig.removeSsCard();
                        return "社保卡已取出";
                    }));
        }
        if (rig.fitted(DeviceKind.QR_SCANNER)) {
            buttons.getChildren().add(button("出示粤省事码", "training-code", () -> {
                rig.showCode();
                return "已出示培训学员的粤省事码";
            }));
        }
        buttons.getChildren().add(button("模拟扫码付款", "training-pay", () -> rig.trainingCounty().payOpenOrder()
                ? "已模拟付款，终端马上会显示缴费成功" : "屏幕上没有待付款的二维码"));
        if (rig.takesCash()) {
            for (int yuan : new int[] {10, 20, 50, 100}) {
                buttons.getChildren().add(button("投 " + yuan + " 元", "training-note-" + yuan, () -> rig.insertNote(yuan)
                        ? "已投入 " + yuan + " 元（培训用钱）" : "现在不收钱：到了现金缴费那一步再投入"));
            }
        }
        receipt.setId("training-receipt");
        receipt.setPreserveRatio(true);
        receipt.setSmooth(true);
        Label receiptWords = new Label("最近打印的小票（培训，不是真实凭条）");
        receiptWords.getStyleClass().add("training-receipt-words");
        receiptWords.setWrapText(true);
        receiptWords.setMinHeight(Region.USE_PREF_SIZE);
        VBox printed = new VBox(8, receiptWords, receipt);
        printed.getStyleClass().add("training-printed");
        Label title = new Label("培训员操作");
        title.getStyleClass().add("training-title");
        if (portrait) {
            receipt.setFitHeight(STRIP_HEIGHT - 90);
            receipt.setFitWidth(260);
            printed.setPrefWidth(280);
            printed.setMinWidth(280);
            printed.setMaxWidth(280);
            VBox controls = new VBox(12, new HBox(24, title, said), buttons);
            HBox.setHgrow(controls, javafx.scene.layout.Priority.ALWAYS);
            HBox row = new HBox(24, controls, printed);
            getChildren().add(row);
            // Exactly this tall, so that the kiosk's screen above keeps all of its height.
            setPrefHeight(STRIP_HEIGHT);
            setMinHeight(STRIP_HEIGHT);
            setMaxHeight(STRIP_HEIGHT);
        } else {
            setMinWidth(COLUMN_WIDTH);
            setMaxWidth(COLUMN_WIDTH);
            receipt.setFitWidth(COLUMN_WIDTH - 48);
            receipt.setFitHeight(560);
            buttons.setPrefWrapLength(COLUMN_WIDTH - 48);
            setSpacing(16);
            getChildren().addAll(title, said, buttons, printed);
            setPrefWidth(COLUMN_WIDTH);
        }
        rig.onPrinted(this::printed);
    }

    /**
     * {@code kioskView} framed for training: the banner above it, the trainer's strip below it (portrait) or beside it
     * (landscape). The frame's preferred size is the view's plus theirs, so the kiosk's screens keep their layout and
     * the whole is scaled to the window.
     */
    public static Region frame(Region kioskView, TrainingRig rig) {
        Objects.requireNonNull(rig, "rig");
        double width = kioskView.getPrefWidth();
        double height = kioskView.getPrefHeight();
        boolean portrait = height >= width;
        BorderPane frame = new BorderPane(kioskView);
        frame.getStylesheets().add(Objects.requireNonNull(TrainingPanel.class.getResource(STYLESHEET), STYLESHEET).toExternalForm());
        frame.getStyleClass().add("training-frame");
        frame.setTop(banner());
        TrainingPanel panel = new TrainingPanel(rig, portrait);
        if (portrait) {
            frame.setBottom(panel);
            frame.setPrefSize(width, height + BANNER_HEIGHT + STRIP_HEIGHT);
        } else {
            frame.setRight(panel);
            frame.setPrefSize(width + COLUMN_WIDTH, height + BANNER_HEIGHT);
        }
        frame.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return frame;
    }

    private static Region banner() {
        Label words = new Label(BANNER);
        words.setId("training-banner");
        words.getStyleClass().add("training-banner-text");
        HBox banner = new HBox(words);
        banner.getStyleClass().add("training-banner");
        banner.setAlignment(Pos.CENTER);
        banner.setPrefHeight(BANNER_HEIGHT);
        banner.setMinHeight(BANNER_HEIGHT);
        banner.setMaxHeight(BANNER_HEIGHT);
        return banner;
    }

    private Button button(String words, String id, java.util.function.Supplier<String> action) {
        Button b = new Button(words);
        b.setId(id);
        b.getStyleClass().add("training-button");
        b.setFocusTraversable(false);
        b.setOnAction(e -> rig.act(action, s -> Platform.runLater(() -> said.setText(s))));
        return b;
    }

    /** On the emulator's writer thread: the receipt's picture is written. */
    private void printed(PrintedReceipt r) {
        String url = r.png().toUri().toString();
        Platform.runLater(() -> {
            receipt.setImage(new Image(url, true)); // loaded in the background: the JavaFX thread does not read files
            said.setText("小票已打印（培训）：见右边");
        });
    }
}
