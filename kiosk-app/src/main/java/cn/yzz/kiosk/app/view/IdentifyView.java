package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.MaskedIdentity;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.device.idcard.CardCheck;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
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

/**
 * "请放置身份证" and what follows: waiting (with the illustration and a progress indicator), a
 * card to place again, a reader that cannot be used, and the masked identity with what to do
 * next. When the service and the kiosk allow more than the ID card, each way is a card of its own
 * (ID card first, 粤省事码, 社保卡), all working at once, with what went wrong said below them.
 * Each part is shown by binding to the model's step; every word follows the language.
 */
final class IdentifyView extends VBox {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final IdentifyModel model;
    private final KioskFlowModel flow;
    private final Shell shell;
    private final Texts texts;
    private final boolean portrait;

    IdentifyView(Shell shell, boolean portrait) {
        this.shell = shell;
        this.flow = shell.flow();
        this.model = flow.identify();
        this.texts = shell.texts();
        this.portrait = portrait;
        getStyleClass().add("page");
        setId("identify");
        setAlignment(Pos.TOP_CENTER);

        Label heading = Ui.label(texts.bind(() -> texts.get(headingKey(model.stepProperty().get(), model.methodsProperty())),
                model.stepProperty(), model.methodsProperty()), "big-heading", "heading");
        heading.setId("identify-heading");
        Label service = Ui.label(texts.bind(() -> flow.serviceProperty().get() == null ? ""
                : texts.get("identify.for", texts.name(flow.serviceProperty().get())), flow.serviceProperty()), "lead");
        service.setId("identify-service");
        Ui.shownWhen(service, flow.serviceProperty().isNotNull());
        VBox titles = new VBox(8, heading, service);
        titles.setAlignment(Pos.CENTER_LEFT);
        titles.setMaxWidth(Double.MAX_VALUE);

        StackPane parts = new StackPane(
                shown(waiting(), is(Step.WAITING).or(is(Step.ERROR)).or(is(Step.IDLE)).or(is(Step.RESOLVING))),
                shown(unavailable(), is(Step.UNAVAILABLE)),
                shown(identity(), is(Step.DONE)));
        VBox.setVgrow(parts, Priority.ALWAYS);
        getChildren().addAll(titles, parts);
    }

    private static String headingKey(Step step, List<Identity> methods) {
        return switch (step) {
            case WAITING, ERROR, IDLE, RESOLVING -> methods.size() > 1 ? "identify.heading.any"
                    : methods.equals(List.of(Identity.YSS_CODE)) ? "identify.heading.code"
                    : methods.equals(List.of(Identity.SSCARD)) ? "identify.heading.sscard" : "identify.heading.place";
            case UNAVAILABLE -> "identify.heading.unavailable";
            case DONE -> "identify.heading.done";
        };
    }

    private BooleanBinding is(Step step) {
        return model.stepProperty().isEqualTo(step);
    }

    private static Node shown(Node node, BooleanBinding condition) {
        node.visibleProperty().bind(condition);
        return node;
    }

    /** The ID card alone, as ever; else one card per way. */
    private boolean idCardOnly() {
        return model.methodsProperty().size() <= 1 && !model.methodsProperty().contains(Identity.YSS_CODE)
                && !model.methodsProperty().contains(Identity.SSCARD);
    }

    private Node waiting() {
        CardIllustration picture = new CardIllustration(portrait ? 1.6 : 1.1, false, false, texts.bind("identify.pad"));
        Label error = Ui.label(texts.bind(() -> texts.get(model.problemProperty().get() == null ? "identify.again"
                : model.problemProperty().get().key()), model.problemProperty()), "error-text");
        error.setId("identify-error");
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
        Label status = Ui.label(texts.bind(() -> texts.get(statusKey()), model.stepProperty(), model.methodsProperty()), "status-text");
        status.setId("identify-message");
        HBox statusRow = new HBox(Ui.GAP, progress, status);
        statusRow.setAlignment(Pos.CENTER);

        // With one card per way, what went wrong takes the waiting line's place: the screen must hold both
        // orientations in elder mode. The ID card alone keeps its big picture and both lines, as ever.
        BooleanBinding single = Bindings.createBooleanBinding(this::idCardOnly, model.methodsProperty());
        statusRow.visibleProperty().bind(single.or(is(Step.ERROR).not()));
        Node ways = ways();
        StackPane holder = new StackPane();
        Runnable lay = () -> {
            error.getStyleClass().remove("method-error");
            if (idCardOnly()) {
                holder.getChildren().setAll(Ui.pictureWithWords(portrait, 48, picture, statusRow, errorBox));
            } else {
                error.getStyleClass().add("method-error");
                StackPane said = new StackPane(statusRow, errorBox);
                VBox v = new VBox(portrait ? 48 : 24, ways, said);
                v.setAlignment(portrait ? Pos.CENTER : Pos.TOP_CENTER);
                holder.getChildren().setAll(v);
            }
        };
        model.methodsProperty().addListener((javafx.collections.ListChangeListener<Identity>) c -> lay.run());
        lay.run();
        return holder;
    }

    private String statusKey() {
        Step s = model.stepProperty().get();
        if (s == Step.RESOLVING) {
            return "identify.resolving";
        }
        if (!idCardOnly()) {
            return "identify.waiting.any";
        }
        return s == Step.ERROR ? "identify.waiting.again" : "identify.place";
    }

    /**
     * One card per way the service takes and the kiosk can do now: its picture, its name, what to do. Portrait
     * has the height: the cards go one under the other, the words beside the picture. Landscape has the width:
     * side by side, the words under the picture, which is smaller in elder mode so the larger words fit.
     */
    private Node ways() {
        Pane box = portrait ? new VBox(Ui.GAP) : new HBox(Ui.GAP);
        if (box instanceof HBox h) {
            h.setAlignment(Pos.CENTER);
        } else {
            ((VBox) box).setAlignment(Pos.CENTER);
        }
        for (Identity m : IdentifyModel.METHODS) {
            Node drawn = switch (m) {
                case IDCARD -> new CardIllustration(1, true);
                case YSS_CODE -> new CodeIllustration(1, null);
                case SSCARD -> new SlotIllustration(1, false, null);
                case FACE -> throw new IllegalStateException("no face recognition");
            };
            javafx.scene.transform.Scale scale = new javafx.scene.transform.Scale(1, 1, 0, 0);
            javafx.beans.binding.DoubleBinding factor = Bindings.createDoubleBinding(
                    () -> portrait ? 0.6 : shell.elderProperty().get() ? 0.38 : 0.5, shell.elderProperty());
            scale.xProperty().bind(factor);
            scale.yProperty().bind(factor);
            drawn.getTransforms().add(scale);
            javafx.scene.Group picture = new javafx.scene.Group(drawn);

            Label title = Ui.label(texts.bind("method." + m.wire() + ".title"), "method-title");
            Label hint = Ui.label(texts.bind("method." + m.wire() + ".hint"), "method-hint");
            Pane card;
            if (portrait) {
                VBox words = new VBox(8, title, hint);
                words.setAlignment(Pos.CENTER_LEFT);
                HBox.setHgrow(words, Priority.ALWAYS);
                card = new HBox(32, picture, words);
                ((HBox) card).setAlignment(Pos.CENTER_LEFT);
                card.setMaxWidth(Double.MAX_VALUE);
            } else {
                title.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                card = new VBox(8, picture, title, hint);
                ((VBox) card).setAlignment(Pos.TOP_CENTER);
                card.setPrefWidth(LANDSCAPE_CARD);
                card.setMinWidth(LANDSCAPE_CARD);
                card.setMaxWidth(LANDSCAPE_CARD);
            }
            card.getStyleClass().add("method-card");
            card.setId("method-" + m.wire());
            Ui.shownWhen(card, Bindings.createBooleanBinding(() -> model.methodsProperty().contains(m), model.methodsProperty()));
            box.getChildren().add(card);
        }
        return box;
    }

    /** Three of them side by side, with their gaps, fit a landscape page (1920 less its margins). */
    private static final double LANDSCAPE_CARD = 540;

    private Node unavailable() {
        Node icon = Icons.warning();
        Label message = Ui.label(texts.bind("identify.unavailable"), "error-text");
        message.setId("identify-unavailable");
        HBox box = new HBox(message);
        box.getStyleClass().add("error-box");
        box.setMaxWidth(Region.USE_PREF_SIZE);
        Button retry = Ui.button(texts.bind("identify.retry"), "identify-retry", "secondary-button");
        retry.setOnAction(e -> model.retry());
        VBox v = new VBox(56, icon, box, retry);
        v.setAlignment(Pos.CENTER);
        return v;
    }

    private Node identity() {
        ImageView photo = new ImageView();
        photo.setId("identity-photo");
        // Portrait stacks the photo above the lines, so it is smaller there: the page must leave room for the buttons.
        double photoScale = portrait ? 1.6 : 2.2;
        photo.setFitWidth(PhotoDecoder.WIDTH * photoScale);
        photo.setFitHeight(PhotoDecoder.HEIGHT * photoScale);
        photo.setSmooth(true);
        photo.imageProperty().bind(Bindings.createObjectBinding(() -> image(model.identityProperty().get()),
                model.identityProperty()));

        HBox validity = field("identity.validity", "identity-validity", id -> id.validFrom() == null ? ""
                : texts.get("identity.validity.range", id.validFrom().format(DAY),
                id.longTerm() ? texts.get("identity.longterm") : id.validTo().format(DAY)));
        ((Label) validity.getChildren().get(1)).setWrapText(true); // at elder size the two dates may need two lines
        VBox fields = new VBox(16,
                field("identity.name", "identity-name", MaskedIdentity::name),
                field(text(id -> texts.get(id.how() == Identity.YSS_CODE ? "identity.how" : "identity.type")), "identity-type",
                        id -> id.cardType() != null ? texts.get("cardtype." + id.cardType().name().toLowerCase(Locale.ROOT))
                                : texts.get("how." + id.how().wire())),
                field("identity.sex", "identity-sex", id -> id.sex() == null ? "" : texts.get("sex." + id.sex().name().toLowerCase(Locale.ROOT))),
                field("identity.nation", "identity-nation", MaskedIdentity::nation),
                field("identity.age", "identity-age", id -> id.age() < 0 ? "" : texts.get("identity.years", id.age())),
                field("identity.number", "identity-number", MaskedIdentity::number),
                validity);
        fields.setAlignment(Pos.CENTER_LEFT);

        // Portrait has the height and not the width: the photo goes above the lines, so that the
        // longest value (the masked number) stays on one line at the larger portrait size.
        Pane panel = portrait ? new VBox(20, photo, fields) : new HBox(48, photo, fields);
        panel.getStyleClass().add("identity-panel");
        panel.setId("identity-panel");
        if (panel instanceof VBox v) {
            v.setAlignment(Pos.TOP_CENTER);
            fields.setMaxWidth(Region.USE_PREF_SIZE);
        } else {
            ((HBox) panel).setAlignment(Pos.CENTER_LEFT);
        }
        panel.setMaxWidth(Double.MAX_VALUE);

        BooleanBinding fine = Bindings.createBooleanBinding(() -> {
            MaskedIdentity id = model.identityProperty().get();
            return id != null && id.canContinue();
        }, model.identityProperty());
        Button go = Ui.button(texts.bind(() -> texts.get(flow.serviceProperty().get() == null ? "identity.choose" : "identity.continue"),
                flow.serviceProperty()), "identity-continue", "primary-button");
        go.setOnAction(e -> flow.useIdentity());
        Ui.shownWhen(go, fine);
        Button leave = Ui.button(texts.bind("identity.leave"), "identity-leave", "primary-button");
        leave.setOnAction(e -> flow.home());
        Ui.shownWhen(leave, fine.not());

        VBox side = new VBox(24, checks(fine), elderOffer(), go, leave);
        side.setAlignment(Pos.CENTER);
        VBox v;
        if (portrait) {
            v = new VBox(24, panel, side);
        } else {
            side.setPrefWidth(600);
            side.setMinWidth(600);
            HBox.setHgrow(panel, Priority.ALWAYS);
            HBox row = new HBox(40, panel, side);
            row.setAlignment(Pos.CENTER);
            v = new VBox(row);
        }
        v.setAlignment(Pos.TOP_CENTER);
        return v;
    }

    /** Offered when the card shows 60 or older and elder mode is off. */
    private Node elderOffer() {
        Label words = Ui.label(texts.bind("identity.elder.offer"), "offer-text");
        Button on = Ui.button(texts.bind("identity.elder.on"), "identity-elder-on", "secondary-button");
        on.setOnAction(e -> shell.setElder(true));
        VBox box = new VBox(16, words, on);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("offer-box");
        box.setId("elder-offer");
        Ui.shownWhen(box, Bindings.createBooleanBinding(() -> {
            MaskedIdentity id = model.identityProperty().get();
            return id != null && id.elder() && id.canContinue() && !shell.elderProperty().get();
        }, model.identityProperty(), shell.elderProperty()));
        return box;
    }

    /** "证件信息正常" in green, or each problem and what to do, in red. */
    private VBox checks(BooleanBinding fine) {
        Label ok = Ui.label(text(id -> texts.get(id.how() == Identity.IDCARD ? "identity.ok" : "identity.verified")), "ok-text");
        ok.setId("identity-ok");
        HBox okBox = new HBox(ok);
        okBox.getStyleClass().add("ok-box");
        okBox.setAlignment(Pos.CENTER);
        Ui.shownWhen(okBox, fine);

        Label problems = Ui.label(text(id -> id.problems().stream()
                .map(c -> texts.get(checkKey(c))).collect(Collectors.joining("\n"))), "problem-text");
        problems.setId("identity-problems");
        Label advice = Ui.label(texts.bind("identity.advice"), "advice-text");
        advice.setId("identity-advice");
        VBox problemBox = new VBox(12, problems, advice);
        problemBox.getStyleClass().add("error-box");
        Ui.shownWhen(problemBox, fine.not());

        VBox v = new VBox(okBox, problemBox);
        v.setAlignment(Pos.CENTER);
        return v;
    }

    /** One line of the identity: "证件号码  440***********1234"; a card without the field shows no line. */
    private HBox field(String nameKey, String id, Function<MaskedIdentity, String> value) {
        return field(texts.bind(nameKey), id, value);
    }

    private HBox field(javafx.beans.value.ObservableValue<String> name, String id, Function<MaskedIdentity, String> value) {
        Label label = Ui.label(name, "field-label");
        label.setMinWidth(portrait ? 240 : 200); // room for four characters at elder size
        Label v = Ui.label(text(value), "field-value");
        v.setId(id);
        v.setWrapText(false);
        HBox row = new HBox(24, label, v);
        row.setAlignment(Pos.BASELINE_LEFT);
        Ui.shownWhen(row, v.textProperty().isNotEmpty());
        return row;
    }

    private StringBinding text(Function<MaskedIdentity, String> value) {
        return texts.bind(() -> {
            MaskedIdentity id = model.identityProperty().get();
            return id == null ? "" : value.apply(id);
        }, model.identityProperty());
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

    static String checkKey(CardCheck c) {
        return "check." + c.name().toLowerCase(Locale.ROOT);
    }
}
