package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.MaskedIdentity;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * "请放置身份证" and what follows: waiting (with the illustration and a progress indicator), a
 * card to place again, a reader that cannot be used, the masked identity, and "请取走您的身份证".
 * Each part is shown by binding to the model's step.
 */
final class IdentifyView extends VBox {

    private static final String WAITING_AGAIN = "正在等待身份证…";

    private final IdentifyModel model;
    private final boolean portrait;

    IdentifyView(IdentifyModel model, KioskFlowModel flow, boolean portrait) {
        this.model = model;
        this.portrait = portrait;
        getStyleClass().add("page");
        setId("identify");
        setAlignment(Pos.TOP_CENTER);

        Label heading = Ui.label("", "big-heading");
        heading.setId("identify-heading");
        heading.textProperty().bind(Bindings.createStringBinding(() -> headingFor(model.stepProperty().get()),
                model.stepProperty()));
        Label service = Ui.label("", "lead");
        service.setId("identify-service");
        service.textProperty().bind(Bindings.createStringBinding(
                () -> flow.serviceProperty().get() == null ? "" : "办理事项：" + flow.serviceProperty().get().name(),
                flow.serviceProperty()));
        service.visibleProperty().bind(flow.serviceProperty().isNotNull());
        service.managedProperty().bind(service.visibleProperty());
        VBox titles = new VBox(8, heading, service);
        titles.setAlignment(Pos.CENTER_LEFT);
        titles.setMaxWidth(Double.MAX_VALUE);

        StackPane parts = new StackPane(
                shownWhen(waiting(), is(Step.WAITING).or(is(Step.ERROR))),
                shownWhen(unavailable(), is(Step.UNAVAILABLE)),
                shownWhen(identity(flow), is(Step.DONE)),
                shownWhen(takeCard(), is(Step.TAKE_CARD)));
        VBox.setVgrow(parts, Priority.ALWAYS);
        getChildren().addAll(titles, parts);
    }

    private static String headingFor(Step step) {
        return switch (step) {
            case WAITING, ERROR, IDLE -> "请放置身份证";
            case UNAVAILABLE -> "暂时无法读取身份证";
            case DONE -> "您的身份信息";
            case TAKE_CARD -> IdentifyModel.TAKE_CARD;
        };
    }

    private BooleanBinding is(Step step) {
        return model.stepProperty().isEqualTo(step);
    }

    private static Node shownWhen(Node node, BooleanBinding condition) {
        node.visibleProperty().bind(condition);
        return node;
    }

    private Node waiting() {
        CardIllustration picture = new CardIllustration(portrait ? 1.6 : 1.1, false);
        Label error = Ui.label("", "error-text");
        error.setId("identify-error");
        error.textProperty().bind(Bindings.when(is(Step.ERROR)).then(model.messageProperty()).otherwise(""));
        HBox errorBox = new HBox(error);
        errorBox.getStyleClass().add("error-box");
        errorBox.setAlignment(Pos.CENTER);
        errorBox.setMaxWidth(Region.USE_PREF_SIZE);
        errorBox.visibleProperty().bind(is(Step.ERROR));

        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("progress");
        progress.setPrefSize(72, 72);
        progress.setMinSize(72, 72);
        progress.visibleProperty().bind(model.readingProperty());
        Label status = Ui.label("", "status-text");
        status.setId("identify-message");
        status.textProperty().bind(Bindings.when(is(Step.ERROR)).then(WAITING_AGAIN).otherwise(model.messageProperty()));
        HBox statusRow = new HBox(Ui.GAP, progress, status);
        statusRow.setAlignment(Pos.CENTER);

        return Ui.pictureWithWords(portrait, 48, picture, statusRow, errorBox);
    }

    private Node unavailable() {
        Circle ring = new Circle(72, Color.web("#a50e0e"));
        Text mark = new Text("!");
        mark.setFont(Font.font(Fonts.family(), FontWeight.BOLD, 110));
        mark.setFill(Color.WHITE);
        StackPane icon = new StackPane(ring, mark);
        Label message = Ui.label("", "error-text");
        message.setId("identify-unavailable");
        message.textProperty().bind(Bindings.when(is(Step.UNAVAILABLE)).then(model.messageProperty()).otherwise(""));
        HBox box = new HBox(message);
        box.getStyleClass().add("error-box");
        box.setMaxWidth(Region.USE_PREF_SIZE);
        Button retry = Ui.button("再试一次", "identify-retry", "secondary-button");
        retry.setOnAction(e -> model.retry());
        VBox v = new VBox(56, icon, box, retry);
        v.setAlignment(Pos.CENTER);
        return v;
    }

    private Node identity(KioskFlowModel flow) {
        ImageView photo = new ImageView();
        photo.setFitWidth(PhotoDecoder.WIDTH * 2.2);
        photo.setFitHeight(PhotoDecoder.HEIGHT * 2.2);
        photo.imageProperty().bind(Bindings.createObjectBinding(() -> image(model.identityProperty().get()),
                model.identityProperty()));

        VBox fields = new VBox(16,
                field("姓名", "identity-name", MaskedIdentity::name),
                field("证件类型", "identity-type", MaskedIdentity::cardType),
                field("性别", "identity-sex", MaskedIdentity::sex),
                field("民族", "identity-nation", MaskedIdentity::nation),
                field("年龄", "identity-age", MaskedIdentity::age),
                field("证件号码", "identity-number", MaskedIdentity::number),
                field("有效期限", "identity-validity", MaskedIdentity::validity));
        fields.setAlignment(Pos.CENTER_LEFT);

        // Portrait has the height and not the width: the photo goes above the lines, so that the
        // longest value (the masked number) stays on one line at the larger portrait size.
        Pane panel = portrait ? new VBox(32, photo, fields) : new HBox(48, photo, fields);
        panel.getStyleClass().add("identity-panel");
        panel.setId("identity-panel");
        if (panel instanceof VBox v) {
            v.setAlignment(Pos.TOP_CENTER);
            fields.setMaxWidth(Region.USE_PREF_SIZE);
        } else {
            ((HBox) panel).setAlignment(Pos.CENTER_LEFT);
        }
        panel.setMaxWidth(Double.MAX_VALUE);

        VBox checks = checks();
        Button done = Ui.button("完成，返回首页", "identity-done", "primary-button");
        done.setOnAction(e -> flow.home());

        VBox v;
        if (portrait) {
            v = new VBox(40, panel, checks, done);
        } else {
            VBox side = new VBox(40, checks, done);
            side.setAlignment(Pos.CENTER);
            side.setPrefWidth(560);
            side.setMinWidth(560);
            HBox.setHgrow(panel, Priority.ALWAYS);
            HBox row = new HBox(40, panel, side);
            row.setAlignment(Pos.CENTER);
            v = new VBox(row);
        }
        v.setAlignment(Pos.TOP_CENTER);
        return v;
    }

    /** "证件信息正常" in green, or each problem and what to do, in red. */
    private VBox checks() {
        Label ok = Ui.label("证件信息正常", "ok-text");
        ok.setId("identity-ok");
        HBox okBox = new HBox(ok);
        okBox.getStyleClass().add("ok-box");
        okBox.setAlignment(Pos.CENTER);
        BooleanBinding fine = Bindings.createBooleanBinding(() -> {
            MaskedIdentity id = model.identityProperty().get();
            return id != null && id.canContinue();
        }, model.identityProperty());
        okBox.visibleProperty().bind(fine);
        okBox.managedProperty().bind(fine);

        Label problems = Ui.label("", "problem-text");
        problems.setId("identity-problems");
        problems.textProperty().bind(text(id -> String.join("\n", id.problems())));
        Label advice = Ui.label("", "advice-text");
        advice.setId("identity-advice");
        advice.textProperty().bind(text(MaskedIdentity::advice));
        VBox problemBox = new VBox(12, problems, advice);
        problemBox.getStyleClass().add("error-box");
        problemBox.visibleProperty().bind(fine.not());
        problemBox.managedProperty().bind(fine.not());

        VBox v = new VBox(okBox, problemBox);
        v.setAlignment(Pos.CENTER);
        return v;
    }

    /** One line of the identity: "证件号码  440***********1234"; a card without the field shows no line. */
    private HBox field(String name, String id, Function<MaskedIdentity, String> value) {
        Label label = Ui.label(name, "field-label");
        label.setMinWidth(portrait ? 190 : 150);
        Label v = Ui.label("", "field-value");
        v.setId(id);
        v.setWrapText(false);
        v.textProperty().bind(text(value));
        HBox row = new HBox(24, label, v);
        row.setAlignment(Pos.BASELINE_LEFT);
        BooleanBinding present = v.textProperty().isNotEmpty();
        row.visibleProperty().bind(present);
        row.managedProperty().bind(present);
        return row;
    }

    private StringBinding text(Function<MaskedIdentity, String> value) {
        return Bindings.createStringBinding(() -> {
            MaskedIdentity id = model.identityProperty().get();
            return id == null ? "" : value.apply(id);
        }, model.identityProperty());
    }

    private Node takeCard() {
        CardIllustration picture = new CardIllustration(portrait ? 1.6 : 1.1, false, true);
        Label message = Ui.label("取走后请点“好的”", "status-text");
        Button ok = Ui.button("好的", "take-card-ok", "primary-button");
        ok.setOnAction(e -> model.dismissReminder());
        return Ui.pictureWithWords(portrait, 56, picture, message, ok);
    }

    private static Image image(MaskedIdentity id) {
        if (id == null) {
            return null;
        }
        PhotoDecoder.Photo p = id.photo();
        WritableImage img = new WritableImage(p.width(), p.height());
        img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0, p.width());
        return img;
    }
}
