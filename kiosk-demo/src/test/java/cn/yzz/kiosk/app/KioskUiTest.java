package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.FieldType;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.support.SceneProbe;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.api.FxToolkit;
import org.testfx.robot.BaseRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk as villagers use it, headless (Monocle, 1080 × 1920): the real shell, views, flow
 * models, driver and emulated reader, driven by taps.
 */
class KioskUiTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final IdCard RESIDENT = CardFixtures.RESIDENT.card();
    /** 城乡居民基本养老保险参保登记: an application that works offline, with a choice, a phone number and a statement. */
    private static final String SERVICE = "RSJ-0005";

    @TempDir
    static Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private DemoRig demo;
    /** What each mouse press landed on (the picked node), for {@link #tap}. */
    private final List<Node> pressed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(dataDir);
    }

    @BeforeEach
    void start() throws Exception {
        start(Duration.ZERO);
    }

    /** A kiosk on the demo's emulated reader, full screen; the idle watch is far away (60 s). */
    private void start(Duration tapDebounce) throws Exception {
        demo = DemoRig.start(dataDir.resolve("receipts"));
        kiosk = Kiosk.create(DemoOptions.kiosk(dataDir), CatalogParser.bundled(), TODAY,
                new Kiosk.Settings(Duration.ofSeconds(60), IdleWatch.Settings.defaults(), tapDebounce, false), demo);
        // The reader answers at once: these tests are about the screens, not the radio's timing.
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        demo.emulator().setPaced(false);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
            scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pressed.add(e.getPickResult().getIntersectedNode()));
        });
        kiosk.openDevicesInBackground();
        kiosk.connectCountyInBackground(() -> { }); // not enrolled: the outbox keeps what is done, nothing is synced
        await("the outbox open", () -> kiosk.countyOpen());
        fxRun(() -> kiosk.onlineProperty().set(true)); // these tests do not pay: the offline lists are tested on their own
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.setupFixture(() -> stage.hide());
        kiosk.close();
        demo.close();
        robot.release(new MouseButton[0]); // nothing stays pressed for the next test
    }

    // The frame //

    @Test
    void fillsTheScreenWithoutDecorations() {
        assertThat(fx(() -> stage.getWidth())).isEqualTo(fx(() -> javafx.stage.Screen.getPrimary().getBounds().getWidth()));
        assertThat(fx(() -> stage.getHeight())).isEqualTo(1920.0);
        assertThat(fx(() -> stage.getStyle())).isEqualTo(StageStyle.UNDECORATED);
        assertThat(fx(() -> stage.getFullScreenExitKeyCombination())).isEqualTo(KeyCombination.NO_MATCH);
        assertThat(fx(() -> scene.getWidth())).isEqualTo(1080.0);
        assertThat(textOf("title")).isEqualTo(say("header.title")).isEqualTo("粤智助");
        assertThat(fx(() -> stage.getOnCloseRequest() != null)).as("Alt+F4 is refused").isTrue();
    }

    // The whole path, in every language and mode //

    /**
     * One villager after another on the same kiosk, in each language, with elder mode off and on:
     * each starts at home in 普通话 with normal text, whatever the one before chose.
     */
    @TestFactory
    Stream<DynamicTest> aVillagerGoesFromHomeThroughAServiceAndBackHomeByTouch() {
        return Stream.of(Language.values()).flatMap(l -> Stream.of(false, true).map(elder -> DynamicTest.dynamicTest(
                l.ownName() + (elder ? ", elder mode" : ", normal mode"), () -> visit(l, elder))));
    }

    private void visit(Language language, boolean elder) {
        if (visitFailed) { // the villager before left the kiosk mid-visit: start afresh without judging
            fxRun(() -> {
                kiosk.model().end();
                kiosk.model().dismissEnd();
            });
            demo.removeCard();
        } else {
            assertThat(fx(() -> kiosk.shell().texts().language())).as("a visit starts in 普通话").isEqualTo(Language.PUTONGHUA);
            assertThat(fx(() -> kiosk.shell().elderProperty().get())).as("a visit starts in normal mode").isFalse();
        }
        visitFailed = true;
        Theme theme = theme("social-insurance");
        Service service = fx(() -> kiosk.model().catalogue().service(SERVICE).orElseThrow());
        assertThat(screen()).isEqualTo(Screen.HOME);

        tap("language-" + language.name().toLowerCase(Locale.ROOT));
        await("the language " + language, () -> kiosk.shell().texts().language() == language);
        String themeName = fx(() -> kiosk.shell().texts().name(theme));
        String serviceName = fx(() -> kiosk.shell().texts().name(service));
        if (elder) {
            tap("elder-toggle");
            await("elder mode", () -> kiosk.shell().elderProperty().get());
            assertThat(textOf("elder-toggle")).isEqualTo(say(language, "elder.button.on"));
            assertThat(fx(() -> kioskView().getStyleClass().contains("elder"))).isTrue();
        }
        assertThat(textOf("title")).isEqualTo(say(language, "header.title"));

        tap("tile-social-insurance");
        await("the service list", () -> screen() == Screen.SERVICES);
        assertThat(textOf("services-title")).isEqualTo(themeName);
        int offered = fx(() -> kiosk.model().offerable(theme).size());
        int perPage = elder ? KioskFlowModel.ELDER_PAGE_SIZE : KioskFlowModel.PAGE_SIZE;
        assertThat(textOf("page-label")).isEqualTo(say(language, "services.page", 1, (offered + perPage - 1) / perPage));

        tapService(SERVICE);
        await("identify for the service", () -> step() == Step.WAITING);
        assertThat(textOf("identify-heading")).as("the service takes the ID card and the 粤省事码")
                .isEqualTo(say(language, "identify.heading.any"));
        assertThat(textOf("identify-service")).isEqualTo(say(language, "identify.for", serviceName));

        demo.placeCard(CardFixtures.RESIDENT);
        await("the identity", () -> step() == Step.DONE);
        assertThat(textOf("identify-heading")).isEqualTo(say(language, "identify.heading.done"));
        assertThat(textOf("identity-name")).isEqualTo("陈**").isEqualTo(Mask.name(RESIDENT.name()));
        assertThat(textOf("identity-number")).isEqualTo(Mask.number(RESIDENT.idNumber()));
        assertThat(textOf("identity-type")).isEqualTo(say(language, "cardtype.resident"));
        assertThat(textOf("identity-age")).isEqualTo(say(language, "identity.years", 41));
        assertThat(visible("identity-ok")).isTrue();
        assertNoPersonalData("on the identity screen", true);
        assertThat(textOf("identity-continue")).isEqualTo(say(language, "identity.continue"));

        tap("identity-continue");
        await("the service", () -> screen() == Screen.SERVICE);
        assertThat(textOf("step-service")).isEqualTo(serviceName);
        assertThat(textOf("service-person")).isEqualTo(say(language, "service.person", "陈**"));
        assertNoPersonalData("on the service screen", true);
        answerTheForm(service, language);

        assertThat(textOf("summary-heading")).isEqualTo(say(language, "summary.heading"));
        assertThat(String.join("\n", fx(SceneProbe::textsInAllWindows))).as("the phone is shown masked").contains("138****8000").doesNotContain("13800138000");
        tap("summary-confirm");
        await("submitted", () -> visible("submit-next"));
        String receiptNo = fx(() -> kiosk.model().runProperty().get().committed().receiptNo());
        assertThat(receiptNo).matches("UNENROLLED-\\d{8}-\\d{4}");
        assertThat(textOf("submit-text")).contains(receiptNo);
        tap("submit-next");
        await("是否打印", () -> visible("receipt-print"));
        tap("receipt-print");
        await("printed", () -> visible("receipt-next"));
        assertThat(textOf("receipt-heading")).isEqualTo(say(language, "receipt.heading.printed"));
        tap("receipt-next");
        await("好差评", () -> visible("evaluate-skip"));
        tap("evaluate-4");
        tap("evaluate-submit");
        await("the end", () -> screen() == Screen.END);
        assertThat(textOf("end-heading")).isEqualTo(say(language, "end.take.both"));
        assertThat(fx(() -> kiosk.model().session().personProperty().get())).as("wiped before the end screen").isNull();
        assertNoPersonalData("on the end screen", false);

        demo.removeCard(); // as the screen asks
        tap("end-done");
        await("home", () -> screen() == Screen.HOME);
        assertThat(fx(() -> kiosk.shell().texts().language())).isEqualTo(Language.PUTONGHUA);
        assertThat(fx(() -> kiosk.shell().elderProperty().get())).isFalse();
        assertThat(fx(() -> kioskView().getStyleClass().contains("elder"))).isFalse();
        assertThat(textOf("title")).isEqualTo(say("header.title")).isEqualTo("粤智助");
        assertThat(textOf("elder-toggle")).isEqualTo(say("elder.button.off"));
        assertThat(visible("home-identify")).isTrue();
        assertNoPersonalData("at home afterwards", false);
        visitFailed = false;
    }

    private boolean visitFailed;

    @Test
    void identifiedFirstTheVillagerIsGreetedAndAServiceGoesStraightToIt() {
        tap("home-identify");
        await("waiting for a card", () -> step() == Step.WAITING);
        demo.placeCard(CardFixtures.RESIDENT);
        await("the identity", () -> step() == Step.DONE);
        assertThat(textOf("identity-continue")).isEqualTo(say("identity.choose"));

        tap("identity-continue");
        await("home, identified", () -> screen() == Screen.HOME);
        assertThat(visible("home-greeting")).isTrue();
        assertThat(textOf("home-greeting")).isEqualTo(say("home.greeting", "陈**")).contains("陈**");
        assertThat(visible("home-identify")).as("no second identification offered").isFalse();
        assertNoPersonalData("at home, identified", true);

        tap("tile-social-insurance");
        await("the service list", () -> screen() == Screen.SERVICES);
        tapService(SERVICE);
        await("the service", () -> screen() == Screen.SERVICE);
        assertThat(step()).as("no second read").isEqualTo(Step.IDLE);
        assertThat(textOf("service-person")).isEqualTo(say("service.person", "陈**"));

        tap("nav-home"); // the visit ends from its first question
        await("the end", () -> screen() == Screen.END);
        tap("end-done");
        await("home", () -> screen() == Screen.HOME);
        assertThat(visible("home-greeting")).isFalse();
        assertThat(textOf("home-greeting")).isEmpty();
    }

    // The reader misbehaving //

    @Test
    void aCardLiftedDuringTheReadAsksToPlaceItAgainThenReadsIt() {
        demo.emulator().inject(Fault.CARD_REMOVED_MID_READ, 1);
        tap("home-identify");
        await("waiting", () -> step() == Step.WAITING);
        demo.placeCard(CardFixtures.RESIDENT);
        await("the error", () -> step() == Step.ERROR);
        assertThat(visible("identify-error")).isTrue();
        assertThat(textOf("identify-error")).isEqualTo("请重新放置身份证");
        assertThat(visible("identify-message")).as("with several ways, what went wrong takes the waiting line's place").isFalse();

        demo.placeCard(CardFixtures.RESIDENT);
        await("the identity", () -> step() == Step.DONE);
        assertThat(visible("identify-error")).isFalse();
        assertThat(textOf("identity-name")).isEqualTo("陈**");

        tap("nav-home");
        await("the reminder to take the card", () -> screen() == Screen.END);
        assertThat(textOf("end-heading")).isEqualTo(say("end.take.card"));
        tap("end-done");
        await("home", () -> screen() == Screen.HOME);
    }

    @Test
    void aPulledReaderCableSaysToAskTheStaffThenTheKioskIsOutOfServiceUntilPluggedIn() {
        demo.unplug();
        tap("home-identify");
        await("unavailable", () -> step() == Step.UNAVAILABLE);
        assertThat(textOf("identify-heading")).isEqualTo(say("identify.heading.unavailable"));
        assertThat(textOf("identify-unavailable")).isEqualTo(say("identify.unavailable"));
        assertThat(visible("identify-retry")).isTrue();

        // The villager gives up; the visit is still theirs until it ends, so nothing covers the screen yet.
        tap("nav-home");
        await("home", () -> screen() == Screen.HOME);
        assertThat(fx(() -> kiosk.shell().coverProperty().get())).isEqualTo(Cover.NONE);
        fxRun(() -> kiosk.shell().walkAway());
        await("the idle warning", () -> cover() == Cover.IDLE_WARNING);
        tap("idle-end");

        // DeviceWatch: after its 5 s grace with no session, out of service.
        await("out of service", () -> cover() == Cover.OUT_OF_SERVICE);
        assertThat(visible("out-of-service")).isTrue();
        assertThat(textOf("out-of-service-heading")).isEqualTo(say("oos.heading"));
        assertThat(disabled("nav-help")).as("求助").isTrue();
        assertThat(disabled("nav-back")).as("返回").isTrue();
        assertThat(disabled("nav-home")).as("首页").isTrue();
        tap("nav-help");
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);

        demo.plugIn();
        await("back in service", () -> cover() == Cover.NONE);
        assertThat(visible("home")).isTrue();
        assertThat(disabled("nav-help")).isFalse();
        assertThat(disabled("tile-social-insurance")).as("services are back").isFalse();
    }

    // The network //

    @Test
    void offlineTheServicesThatNeedTheNetworkLeaveTheList() {
        tap("elder-toggle"); // 4 services a page
        await("elder mode", () -> kiosk.shell().elderProperty().get());
        tap("tile-social-insurance");
        await("the service list", () -> screen() == Screen.SERVICES);
        List<Service> online = fx(() -> kiosk.model().offerable(kiosk.model().themeProperty().get()));
        assertThat(online).as("payments by phone among them").anyMatch(s -> s.kind() == Kind.PAYMENT);
        assertThat(serviceButtonsOnScreen()).isEqualTo(buttonIds(online, 4));
        assertThat(textOf("page-label")).isEqualTo(say("services.page", 1, (online.size() + 3) / 4));
        assertThat(visible("page-next")).isTrue();

        fxRun(() -> kiosk.onlineProperty().set(false));
        List<Service> offline = fx(() -> kiosk.model().offerable(kiosk.model().themeProperty().get()));
        assertThat(offline).as("only what works without the network: no live data, no payment by phone")
                .isNotEmpty().hasSizeLessThan(online.size()).noneMatch(Service::online).noneMatch(s -> s.kind() == Kind.PAYMENT);
        assertThat(serviceButtonsOnScreen()).isEqualTo(buttonIds(offline, 4));
        assertThat(textOf("page-label")).isEqualTo(say("services.page", 1, (offline.size() + 3) / 4));

        tap("nav-home");
        await("home", () -> screen() == Screen.HOME);
        for (Theme t : fx(() -> kiosk.model().catalogue().themes())) {
            boolean none = fx(() -> kiosk.model().offerable(t).isEmpty());
            assertThat(disabled("tile-" + t.id())).as("the tile of " + t.id() + " is off exactly when none of it can be done")
                    .isEqualTo(none);
        }

        fxRun(() -> kiosk.onlineProperty().set(true));
        tap("tile-social-insurance");
        await("the service list", () -> screen() == Screen.SERVICES);
        assertThat(serviceButtonsOnScreen()).isEqualTo(buttonIds(online, 4));
    }

    private static List<String> buttonIds(List<Service> services, int page) {
        return services.stream().limit(page).map(s -> "service-" + s.code()).toList();
    }

    // Elder mode //

    @Test
    void aVillagerOf60OrOverIsOfferedElderModeAndOneTapTurnsItOn() {
        tap("home-identify");
        await("waiting", () -> step() == Step.WAITING);
        demo.placeCard(CardFixtures.ELDER_YAO_LONG_TERM);
        await("the identity", () -> step() == Step.DONE);
        assertThat(textOf("identity-name")).isEqualTo("盘**");
        assertThat(textOf("identity-validity")).isEqualTo(say("identity.validity.range", "2015.09.20", say("identity.longterm")));
        assertThat(visible("elder-offer")).isTrue();
        double nameBefore = fontSize("identity-name");
        double headingBefore = fontSize("identify-heading");
        assertThat(fx(() -> kioskView().getStyleClass().contains("elder"))).isFalse();

        tap("identity-elder-on");
        await("elder mode", () -> kiosk.shell().elderProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> kioskView().getStyleClass().contains("elder"))).isTrue();
        assertThat(fontSize("identity-name")).as("the name, 1.3 times larger").isGreaterThanOrEqualTo(nameBefore * 1.3 - 0.01);
        assertThat(fontSize("identify-heading")).isGreaterThanOrEqualTo(headingBefore * 1.3 - 0.01);
        assertThat(visible("elder-offer")).as("offered no more").isFalse();
        assertThat(textOf("elder-toggle")).isEqualTo(say("elder.button.on"));
        assertThat(fx(() -> kiosk.model().pageSizeProperty().get())).as("fewer services per page").isEqualTo(4);
    }

    // Help //

    @Test
    void helpShowsWhomToCallReturnsToTheSameScreenAndIsLoggedMasked() throws Exception {
        identifyAndOpenTheService();

        tap("nav-help");
        await("help", () -> cover() == Cover.HELP);
        assertThat(visible("help")).isTrue();
        assertThat(textOf("help-phone")).isEqualTo(say("help.phone", "0762-1234567")).contains("0762-1234567");
        assertThat(textOf("help-heading")).isEqualTo(say("help.heading"));

        tap("help-close");
        await("the same screen", () -> cover() == Cover.NONE);
        assertThat(screen()).isEqualTo(Screen.SERVICE);
        assertThat(visible("service")).isTrue();
        assertThat(textOf("service-person")).isEqualTo(say("service.person", "陈**"));

        KioskLog.flush();
        String log = Files.readString(dataDir.resolve("logs/kiosk.log"), StandardCharsets.UTF_8);
        assertThat(log).as("the request is logged for the administrator").contains("help requested");
        assertThat(log).as("the log is masked").contains("陈**")
                .doesNotContain(RESIDENT.name()).doesNotContain(RESIDENT.idNumber())
                .doesNotContain(RESIDENT.idNumber().substring(3, 14));
    }

    // Language //

    @Test
    void tappingEnglishChangesEveryWordOnScreenAtOnceWithoutRebuildingIt() {
        tap("home-identify");
        await("waiting", () -> step() == Step.WAITING);
        demo.placeCard(CardFixtures.RESIDENT);
        await("the identity", () -> step() == Step.DONE);
        List<String> ids = List.of("title", "nav-back", "nav-home", "nav-replay", "nav-help", "elder-toggle", "identify",
                "identify-heading", "identity-type", "identity-sex", "identity-age", "identity-ok", "identity-continue");
        Map<String, Node> before = nodes(ids);
        assertThat(textOf("nav-back")).isEqualTo(say("nav.back"));
        assertThat(textOf("identity-sex")).isEqualTo(say("sex.male"));

        tap("language-english");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(nodes(ids)).as("the same nodes, not rebuilt").allSatisfy((id, n) -> assertThat(n).isSameAs(before.get(id)));
        assertThat(textOf("title")).isEqualTo(say(Language.ENGLISH, "header.title"));
        assertThat(textOf("nav-back")).isEqualTo(say(Language.ENGLISH, "nav.back"));
        assertThat(textOf("nav-home")).isEqualTo(say(Language.ENGLISH, "nav.home"));
        assertThat(textOf("nav-replay")).isEqualTo(say(Language.ENGLISH, "nav.replay"));
        assertThat(textOf("nav-help")).isEqualTo(say(Language.ENGLISH, "nav.help"));
        assertThat(textOf("elder-toggle")).isEqualTo(say(Language.ENGLISH, "elder.button.off"));
        assertThat(textOf("identify-heading")).isEqualTo(say(Language.ENGLISH, "identify.heading.done"));
        assertThat(textOf("identity-type")).isEqualTo(say(Language.ENGLISH, "cardtype.resident"));
        assertThat(textOf("identity-sex")).isEqualTo(say(Language.ENGLISH, "sex.male"));
        assertThat(textOf("identity-ok")).isEqualTo(say(Language.ENGLISH, "identity.ok"));
        assertThat(textOf("identity-continue")).isEqualTo(say(Language.ENGLISH, "identity.choose"));
        assertThat(textOf("identity-name")).as("names are not translated").isEqualTo("陈**");
        assertThat(step()).as("the read is kept").isEqualTo(Step.DONE);

        tap("language-putonghua");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(textOf("identify-heading")).isEqualTo(say("identify.heading.done"));
        assertThat(nodes(ids)).allSatisfy((id, n) -> assertThat(n).isSameAs(before.get(id)));
    }

    // Touch //

    /** What a double tap did: the presses (when handled, and on what) and the actions, consumed or not. */
    private static final class TapRecord {
        final List<Long> sentAt = new ArrayList<>();
        final List<Node> pressedOn = new CopyOnWriteArrayList<>();
        final List<ActionEvent> actions = new CopyOnWriteArrayList<>();
        final List<Long> actedAt = new CopyOnWriteArrayList<>();
        final EventHandler<ActionEvent> onAction = e -> {
            actions.add(e);
            actedAt.add(System.nanoTime());
        };
        final EventHandler<MouseEvent> onPress = e -> pressedOn.add(e.getPickResult().getIntersectedNode());

        long millisBetweenTaps() {
            return (sentAt.get(1) - sentAt.get(0)) / 1_000_000;
        }
    }

    @Test
    void aTremblingDoubleTapOnATileOpensItOnceAndDoesNotPressWhatAppearsUnderTheFinger() throws Exception {
        stop();
        start(Duration.ofMillis(500));
        // Where a service button will be once the tile has opened its list: the finger taps there, on the tile.
        // Opening the list a few times also warms the JVM up, so that opening it takes the time it takes on a kiosk.
        List<Bounds> serviceButtons = List.of();
        for (int i = 0; i < 3; i++) {
            fxRun(() -> kiosk.model().openTheme(theme("social-insurance")));
            serviceButtons = fx(() -> {
                layOut();
                return serviceButtonNodes().stream().map(n -> n.localToScreen(n.getLayoutBounds())).toList();
            });
            fxRun(() -> kiosk.model().home());
        }
        Bounds tile = fx(() -> {
            layOut();
            Node n = node("tile-social-insurance");
            return n.localToScreen(n.getLayoutBounds());
        });
        List<Bounds> buttons = serviceButtons;
        Point2D finger = buttons.stream().map(b -> overlap(b, tile)).filter(Objects::nonNull)
                .map(b -> new Point2D(b.getCenterX(), b.getCenterY())).findFirst()
                .orElseThrow(() -> new AssertionError("no service button lies under the 社保 tile: " + tile + " " + buttons));
        BaseRobot hand = FxService.serviceContext().getBaseRobot();
        hand.moveMouse(finger);
        WaitForAsyncUtils.waitForFxEvents();

        // 1. Two taps 30 ms apart, as a trembling finger does: the theme opens once, nothing else happens.
        TapRecord quick = record();
        quick.sentAt.add(System.nanoTime());
        hand.pressMouse(MouseButton.PRIMARY); // the robot queues these on the FX thread and returns at once
        hand.releaseMouse(MouseButton.PRIMARY);
        WaitForAsyncUtils.sleep(30, TimeUnit.MILLISECONDS); // the finger's rhythm, not a wait for the kiosk
        quick.sentAt.add(System.nanoTime());
        hand.pressMouse(MouseButton.PRIMARY);
        hand.releaseMouse(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        stopRecording(quick);
        assertThat(quick.millisBetweenTaps()).as("ms between the two taps").isLessThan(100);
        assertThat(quick.pressedOn).hasSize(2);
        assertThat(quick.actions.stream().filter(e -> !e.isConsumed()).map(e -> ((Node) e.getTarget()).getId()))
                .as("what fired").containsExactly("tile-social-insurance");
        assertThat(screen()).isEqualTo(Screen.SERVICES);
        assertThat(fx(() -> kiosk.model().serviceProperty().get())).isNull();

        // 2. The worst case: the second tap comes as soon as the list is under the finger, and presses
        //    the service button there; the guard swallows that button's action.
        fxRun(() -> kiosk.model().home());
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS); // the debounce of the last tap is over
        TapRecord late = record();
        CountDownLatch opened = new CountDownLatch(1);
        ChangeListener<Screen> whenOpened = (o, was, now) -> {
            if (now == Screen.SERVICES) {
                Platform.runLater(this::layOut); // what the next pulse does: the list is under the finger
                opened.countDown();
            }
        };
        fxRun(() -> kiosk.model().screenProperty().addListener(whenOpened));
        late.sentAt.add(System.nanoTime());
        hand.pressMouse(MouseButton.PRIMARY);
        hand.releaseMouse(MouseButton.PRIMARY);
        assertThat(opened.await(5, TimeUnit.SECONDS)).as("the first tap opens the theme").isTrue();
        late.sentAt.add(System.nanoTime());
        hand.pressMouse(MouseButton.PRIMARY);
        hand.releaseMouse(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        fxRun(() -> kiosk.model().screenProperty().removeListener(whenOpened));
        stopRecording(late);

        assertThat(fx(() -> buttonOf(late.pressedOn.get(0)).getId())).isEqualTo("tile-social-insurance");
        Button underFinger = fx(() -> buttonOf(late.pressedOn.get(1)));
        assertThat(underFinger).as("the second tap lands on a service button").isNotNull();
        assertThat(underFinger.getId()).startsWith("service-");
        assertThat(late.actions).as("the tile fired; the service button fired too").hasSize(2);
        assertThat((late.actedAt.get(1) - late.actedAt.get(0)) / 1_000_000)
                .as("ms between the two activations (the kiosk took this long to open the list)").isLessThan(500);
        assertThat(((Node) late.actions.get(0).getTarget()).getId()).isEqualTo("tile-social-insurance");
        assertThat(late.actions.get(0).isConsumed()).isFalse();
        assertThat(late.actions.get(1).getTarget()).isSameAs(underFinger);
        assertThat(late.actions.get(1).isConsumed()).as("the guard swallowed the service button's action").isTrue();
        assertThat(screen()).as("still the list").isEqualTo(Screen.SERVICES);
        assertThat(fx(() -> kiosk.model().serviceProperty().get())).isNull();

        // 3. A deliberate tap once the debounce is over works.
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        tap(underFinger.getId());
        await("identify", () -> screen() == Screen.IDENTIFY);
    }

    private TapRecord record() {
        TapRecord r = new TapRecord();
        fxRun(() -> {
            scene.addEventFilter(ActionEvent.ACTION, r.onAction); // after the tap guard's filter: sees what it consumed
            scene.addEventFilter(MouseEvent.MOUSE_PRESSED, r.onPress);
        });
        return r;
    }

    private void stopRecording(TapRecord r) {
        fxRun(() -> {
            scene.removeEventFilter(ActionEvent.ACTION, r.onAction);
            scene.removeEventFilter(MouseEvent.MOUSE_PRESSED, r.onPress);
        });
    }

    @Test
    void aPressDraggedOffAButtonAndReleasedOutsideDoesNothing() {
        pointAt("tile-social-insurance");
        robot.press(MouseButton.PRIMARY);
        robot.moveTo("#title");
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(fx(() -> kiosk.model().themeProperty().get())).isNull();

        pointAt("home-identify");
        robot.press(MouseButton.PRIMARY);
        robot.moveTo("#tile-medical-insurance");
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(screen()).as("released on another button: neither fires").isEqualTo(Screen.HOME);
        assertThat(step()).isEqualTo(Step.IDLE);

        tap("tile-social-insurance");
        await("a real tap works", () -> screen() == Screen.SERVICES);
    }

    // Errors //

    @Test
    void anUnexpectedErrorShowsAFriendlyScreenWipesTheVisitAndGoesHome() {
        identifyAndOpenTheService();

        fxRun(() -> kiosk.shell().unexpectedError(new IllegalStateException("boom")));
        await("the error screen", () -> cover() == Cover.ERROR);
        assertThat(visible("error")).isTrue();
        assertThat(textOf("error-heading")).isEqualTo(say("error.heading"));
        assertThat(fx(() -> kiosk.model().session().personProperty().get())).isNull();
        assertThat(fx(() -> kiosk.model().session().card())).isNull();
        assertThat(fx(() -> kiosk.model().session().serviceProperty().get())).isNull();
        assertThat(fx(() -> kiosk.model().session().active())).isFalse();
        assertThat(fx(() -> SceneProbe.textsInAllWindows())).noneMatch(t -> t.contains("boom") || t.contains("Exception"));
        assertNoPersonalData("on the error screen", false);

        tap("error-home");
        await("home", () -> cover() == Cover.NONE);
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(visible("home")).isTrue();
        assertThat(visible("home-identify")).isTrue();
        assertNoPersonalData("at home after the error", false);
    }

    // Helpers //

    /** Taps the service's button on the list, turning pages until it shows. */
    private void tapService(String code) {
        while (!fx(() -> { layOut(); return serviceButtonNodes().stream().anyMatch(n -> n.getId().equals("service-" + code)); })) {
            assertThat(visible("page-next")).as(code + " on a later page").isTrue();
            int page = fx(() -> kiosk.model().pageProperty().get());
            tap("page-next");
            await("the next page", () -> kiosk.model().pageProperty().get() == page + 1);
        }
        tap("service-" + code);
    }

    /** The service's questions, one screen each: the first option, the phone number on the keypad, 确认. */
    private void answerTheForm(Service service, Language language) {
        for (Field f : service.form()) {
            if (f.type() == FieldType.IDCARD_FIELD) {
                continue;
            }
            await("the question " + f.id(), () -> visible("field") && f.label().equals(textOf("field-heading")));
            switch (f.type()) {
                case CHOICE -> tap("choice-0");
                case PHONE -> {
                    for (char c : "13800138000".toCharArray()) {
                        tap("key-" + c);
                    }
                    assertThat(textOf("field-keyed")).isEqualTo("138 0013 8000");
                    tap("field-ok");
                }
                case CONFIRM -> {
                    assertThat(textOf("field-confirm")).isEqualTo(say(language, "form.confirm"));
                    tap("field-confirm");
                }
                default -> throw new AssertionError("the test's service has no " + f.type() + " question");
            }
        }
        await("the summary", () -> visible("summary"));
    }

    private void identifyAndOpenTheService() {
        tap("tile-social-insurance");
        await("the service list", () -> screen() == Screen.SERVICES);
        tapService(SERVICE);
        await("identify", () -> step() == Step.WAITING);
        demo.placeCard(CardFixtures.RESIDENT);
        await("the identity", () -> step() == Step.DONE);
        tap("identity-continue");
        await("the service", () -> screen() == Screen.SERVICE);
    }

    /**
     * The full name, the full number and its middle digits, and the address appear nowhere in any
     * window's scene graph; the masked name does if {@code maskedShown}, else it is gone too.
     */
    private void assertNoPersonalData(String where, boolean maskedShown) {
        String all = String.join("\n", fx(SceneProbe::textsInAllWindows));
        assertThat(all).as("no full name, number or address " + where)
                .doesNotContain(RESIDENT.name())
                .doesNotContain(RESIDENT.idNumber())
                .doesNotContain(RESIDENT.idNumber().substring(3, 14))
                .doesNotContain(RESIDENT.address());
        if (maskedShown) {
            assertThat(all).as("the masked name " + where).contains("陈**");
        } else {
            assertThat(all).as("nothing personal left " + where).doesNotContain("陈**").doesNotContain(Mask.number(RESIDENT.idNumber()));
        }
    }

    /**
     * A finger's tap on the node {@code id}: the pointer lands on its centre at once (a finger does
     * not glide; TestFX's glide would also cost half a second of hover styling per tap), then
     * {@code robot.clickOn} presses and releases there.
     */
    private void tap(String id) {
        Node target = pointAt(id);
        boolean enabled = !fx(target::isDisabled);
        pressed.clear();
        robot.clickOn(MouseButton.PRIMARY);
        if (enabled) {
            assertThat(pressed).as("the tap on #" + id + " reached it").isNotEmpty();
            Node hit = pressed.get(pressed.size() - 1);
            assertThat(fx(() -> isWithin(hit, target)))
                    .as("a tap on the centre of #%s lands on %s (something overlaps it)", id, fx(() -> describe(hit))).isTrue();
        }
    }

    private static boolean isWithin(Node n, Node ancestor) {
        for (Node up = n; up != null; up = up.getParent()) {
            if (up == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The node and the nearest ancestor with an id, for a failure message. */
    private static String describe(Node n) {
        Node named = n;
        while (named != null && named.getId() == null) {
            named = named.getParent();
        }
        return n.getClass().getSimpleName() + (named == null ? "" : " in #" + named.getId());
    }

    /** Puts the pointer on the centre of {@code id}, laid out as the next pulse would lay it out, and returns it. */
    private Node pointAt(String id) {
        Node target = fx(() -> node(id));
        Point2D centre = fx(() -> {
            layOut();
            Node n = node(id);
            for (Node up = n; up != null; up = up.getParent()) {
                if (!up.isVisible()) {
                    throw new AssertionError("#" + id + " is not shown: a finger cannot tap it");
                }
            }
            Bounds b = n.localToScreen(n.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        FxService.serviceContext().getBaseRobot().moveMouse(centre);
        WaitForAsyncUtils.waitForFxEvents();
        return target;
    }

    private void layOut() {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    private Theme theme(String id) {
        return kiosk.model().catalogue().themes().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static Bounds overlap(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return maxX > minX + 20 && maxY > minY + 20 ? new BoundingBox(minX, minY, maxX - minX, maxY - minY) : null;
    }

    /**
     * The words the screen shows for {@code key} in {@code language}, from the kiosk's own bundles:
     * what matters here is that the right words come in the right language at the right time; the
     * wording itself is checked in the bundles' own tests and may change.
     */
    private static String say(Language language, String key, Object... args) {
        Texts texts = new Texts();
        texts.languageProperty().set(language);
        String s = texts.get(key, args);
        assertThat(s).as("a text for " + key).isNotEqualTo(key);
        return s;
    }

    private static String say(String key, Object... args) {
        return say(Language.PUTONGHUA, key, args);
    }

    /** The kiosk's view, wherever the frame puts it (under the console's layers and the staff card's notice). */
    private KioskView kioskView() {
        java.util.Deque<javafx.scene.Node> todo = new java.util.ArrayDeque<>(List.of(scene.getRoot()));
        while (!todo.isEmpty()) {
            javafx.scene.Node n = todo.pop();
            if (n instanceof KioskView k) {
                return k;
            }
            if (n instanceof javafx.scene.Parent p) {
                todo.addAll(p.getChildrenUnmodifiable());
            }
        }
        throw new AssertionError("no KioskView in the scene");
    }

    private Screen screen() {
        return fx(() -> kiosk.model().screenProperty().get());
    }

    private Step step() {
        return fx(() -> kiosk.model().identify().stepProperty().get());
    }

    private Cover cover() {
        return fx(() -> kiosk.shell().coverProperty().get());
    }

    private Node node(String id) {
        return SceneProbe.node(scene, id);
    }

    private String textOf(String id) {
        return SceneProbe.textOf(scene, id);
    }

    private double fontSize(String id) {
        return fx(() -> {
            scene.getRoot().applyCss();
            return ((Labeled) node(id)).getFont().getSize();
        });
    }

    private boolean visible(String id) {
        return SceneProbe.visible(scene, id);
    }

    private boolean disabled(String id) {
        return fx(() -> node(id).isDisabled());
    }

    private Map<String, Node> nodes(List<String> ids) {
        return fx(() -> {
            Map<String, Node> m = new LinkedHashMap<>();
            for (String id : ids) {
                m.put(id, node(id));
            }
            return m;
        });
    }

    /** The ids of the service buttons on the list now, top to bottom, left to right. */
    private List<String> serviceButtonsOnScreen() {
        return fx(() -> {
            layOut();
            return serviceButtonNodes().stream().map(Node::getId).toList();
        });
    }

    private List<Node> serviceButtonNodes() {
        Predicate<Node> serviceButton = n -> n instanceof Button && n.getId() != null
                && n.getId().startsWith("service-");
        List<Node> out = new ArrayList<>(robot.from(scene.getRoot()).lookup(serviceButton).queryAll());
        out.sort((a, b) -> {
            Bounds ba = a.localToScene(a.getLayoutBounds());
            Bounds bb = b.localToScene(b.getLayoutBounds());
            return ba.getMinY() != bb.getMinY() ? Double.compare(ba.getMinY(), bb.getMinY()) : Double.compare(ba.getMinX(), bb.getMinX());
        });
        return out;
    }

    private static Button buttonOf(Node picked) {
        for (Node n = picked; n != null; n = n.getParent()) {
            if (n instanceof Button b) {
                return b;
            }
        }
        return null;
    }
}
