package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Session;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.support.SceneProbe;
import cn.yzz.kiosk.device.Mask;
import cn.yzz.kiosk.device.idcard.IdCard;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A villager who walks away mid-visit: the idle warning, then the end of the visit, and afterwards
 * nothing of them anywhere a next villager could see it. Real timers with short idle settings;
 * the test waits on conditions, never on the clock.
 */
class SessionWipeTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String SERVICE = "SWJ-0001"; // first on 社保's first page, in both modes
    /** Quiet time before the warning, and the warning's countdown: short, but longer than a tap and a read. */
    private static final Duration IDLE = Duration.ofMillis(1000);
    private static final Duration GRACE = Duration.ofMillis(1000);

    @TempDir
    static Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Kiosk kiosk;
    private Stage stage;
    private Scene scene;
    private DemoRig demo;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(dataDir);
    }

    private void start(Duration idle, Duration grace) throws Exception {
        demo = DemoRig.start(dataDir.resolve("receipts"));
        kiosk = Kiosk.create(DemoOptions.kiosk(dataDir), CatalogParser.bundled(), TODAY,
                new Kiosk.Settings(Duration.ofSeconds(60), new IdleWatch.Settings(idle, grace), Duration.ZERO, false), demo);
        // The reader answers at once, so that a read fits well inside the short idle time.
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        demo.emulator().setPaced(false);
        FxToolkit.setupFixture(() -> {
            stage = new Stage();
            scene = kiosk.show(stage);
        });
        kiosk.openDevicesInBackground();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            FxToolkit.setupFixture(() -> stage.hide());
            kiosk.close();
            demo.close();
        }
    }

    // Walking away //

    @Test
    void aResidentWhoWalksAwayIsWarnedThenForgottenAndTheReminderGoesHomeByItself() throws Exception {
        walkAwayAndCheckNothingRemains(CardFixtures.RESIDENT, CardFixtures.ELDER_YAO_LONG_TERM, false);
    }

    /** Here the next villager does not wait for the reminder to go: they tap 完成 on it. */
    @Test
    void anElderWhoWalksAwayInElderModeAndCantoneseIsForgottenAndTheNextVillagerStartsAfresh() throws Exception {
        walkAwayAndCheckNothingRemains(CardFixtures.ELDER_YAO_LONG_TERM, CardFixtures.RESIDENT, true);
    }

    /**
     * {@code villager} identifies for a service and walks away; then {@code next} comes. With
     * {@code elderAndCantonese} the villager also turns elder mode on and chooses 粤语, and the next
     * villager taps 完成 on the reminder rather than wait for it to go by itself.
     */
    private void walkAwayAndCheckNothingRemains(CardFixture villager, CardFixture next, boolean elderAndCantonese)
            throws Exception {
        start(IDLE, GRACE);
        IdCard card = villager.card();
        String masked = Mask.name(card.displayName());
        List<String> seen = recordScreens();

        demo.placeCard(villager); // on the reader already: read as soon as it is asked for
        if (elderAndCantonese) {
            tap("language-cantonese");
            tap("elder-toggle");
        }
        identifyForTheService();
        assertThat(textOf("service-person")).isEqualTo(say("service.person", masked));
        assertThat(fx(() -> kiosk.shell().elderProperty().get())).isEqualTo(elderAndCantonese);

        // Nobody touches the screen from now on.
        await("the idle warning", () -> cover() == Cover.IDLE_WARNING);
        assertThat(visible("idle-warning")).isTrue();
        assertThat(textOf("idle-countdown")).isEqualTo(say("idle.countdown", 1));
        await("the end of the visit", () -> screen() == Screen.END);
        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(textOf("end-heading")).isEqualTo(say("end.take.card"));
        assertWiped("on the reminder", card, masked);
        if (elderAndCantonese) {
            tap("end-done");
            await("home", () -> screen() == Screen.HOME);
        } else {
            await("home, by itself (" + KioskFlowModel.END_REMINDER.toSeconds() + " s)", () -> screen() == Screen.HOME);
        }
        assertThat(seen).as("what the screen showed, in order").containsSubsequence(
                "SERVICE/NONE", "SERVICE/IDLE_WARNING", "END/NONE", "HOME/NONE");
        assertThat(seen.get(seen.size() - 1)).isEqualTo("HOME/NONE");

        // Nothing of the villager is left: not in the models, not in any window.
        assertWiped("at home", card, masked);
        assertThat(fx(() -> kiosk.shell().texts().language())).isEqualTo(Language.PUTONGHUA);
        assertThat(fx(() -> kiosk.shell().elderProperty().get())).isFalse();
        assertThat(visible("home-greeting")).isFalse();
        assertThat(textOf("home-greeting")).isEmpty();

        // The screens the villager saw are shown again, before anyone places a card.
        demo.removeCard(); // the card left on the reader is taken away
        tap("home-identify");
        await("waiting for a card", () -> step() == Step.WAITING);
        assertWiped("on the identify screen, before a card", card, masked);
        assertThat(textOf("identity-name")).isEmpty();
        assertThat(textOf("identity-number")).isEmpty();
        assertThat(fx(() -> ((ImageView) node("identity-photo")).getImage())).as("the photo").isNull();
        tap("nav-help");
        await("help", () -> cover() == Cover.HELP);
        assertWiped("on the help screen", card, masked);
        tap("help-close");
        tap("nav-home");
        await("home", () -> screen() == Screen.HOME);
        tap("tile-social-insurance");
        await("the services", () -> screen() == Screen.SERVICES);
        assertWiped("on the service list", card, masked);

        // The next villager sees only themselves.
        demo.placeCard(next);
        tap("service-" + SERVICE);
        await("the next villager's identity", () -> step() == Step.DONE);
        String nextMasked = Mask.name(next.card().displayName());
        assertThat(textOf("identity-name")).isEqualTo(nextMasked);
        assertThat(allText()).doesNotContain(masked).doesNotContain(Mask.number(card.idNumber()));
        tap("identity-continue");
        await("the service", () -> screen() == Screen.SERVICE);
        assertThat(textOf("service-person")).isEqualTo(say("service.person", nextMasked));
        assertThat(allText()).doesNotContain(masked).doesNotContain(card.name()).doesNotContain(card.idNumber());
    }

    // Payments and patience //

    @Test
    void aVisitTakingMoneyIsNeitherWarnedNorEndedUntilThePaymentIsDone() throws Exception {
        Duration idle = Duration.ofMillis(500);
        start(idle, GRACE);
        demo.placeCard(CardFixtures.RESIDENT);
        identifyForTheService();
        List<String> seen = recordScreens();
        Runnable release = fx(() -> kiosk.model().session().holdForMoney());

        // Three idle times and a grace pass with banknotes going in and nobody touching the screen:
        // there is no event to wait for when nothing must happen, so the test watches for that long.
        WaitForAsyncUtils.sleep(3 * idle.toMillis() + GRACE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(seen).as("no warning and no end while money is being taken").containsOnly("SERVICE/NONE");
        assertThat(fx(() -> kiosk.model().session().personProperty().get())).isNotNull();

        fxRun(release);
        await("the warning, once the payment is done", () -> cover() == Cover.IDLE_WARNING);
        await("the end of the visit", () -> screen() == Screen.END);
        assertThat(fx(() -> kiosk.model().session().personProperty().get())).isNull();
    }

    @Test
    void aVillagerWhoKeepsContinuingKeepsTheVisit() throws Exception {
        start(Duration.ofMillis(500), Duration.ofSeconds(3));
        demo.placeCard(CardFixtures.RESIDENT);
        identifyForTheService();
        Object person = fx(() -> kiosk.model().session().personProperty().get());
        for (int i = 1; i <= 10; i++) {
            await("warning " + i, () -> cover() == Cover.IDLE_WARNING);
            if (i % 2 == 1) {
                tap("idle-continue");
            } else {
                tap("idle-warning-heading"); // an unsteady finger that misses the button still continues
            }
            await("continued " + i, () -> cover() == Cover.NONE);
            int times = i;
            assertThat(fx(() -> kiosk.shell().idle().extensions())).isEqualTo(times);
            assertThat(screen()).isEqualTo(Screen.SERVICE);
            assertThat(fx(() -> kiosk.model().session().personProperty().get())).as("the same villager").isSameAs(person);
            assertThat(fx(() -> kiosk.model().session().active())).isTrue();
        }
        assertThat(textOf("service-person")).isEqualTo(say("service.person", "陈**"));
    }

    // Helpers //

    private void identifyForTheService() {
        tap("tile-social-insurance");
        await("the services", () -> screen() == Screen.SERVICES);
        tap("service-" + SERVICE);
        await("the identity", () -> step() == Step.DONE);
        // With idle times of half a second a loaded machine can show the idle warning before the tap lands:
        // the villager would tap 继续 first, and so does the test.
        await("the service", () -> {
            if (screen() == Screen.SERVICE) {
                return true;
            }
            if (cover() == Cover.IDLE_WARNING && visible("idle-continue")) {
                tap("idle-continue");
            } else if (cover() == Cover.NONE && visible("identity-continue")) {
                tap("identity-continue");
            } else {
                return false;
            }
            // One tap, then let it take effect: a second tap from the next poll could land on the next screen.
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            return screen() == Screen.SERVICE;
        });
    }

    /** Every screen and cover from now on, as "SCREEN/COVER", starting with the present one. */
    private List<String> recordScreens() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ChangeListener<Object> record = (o, was, now) -> seen.add(screenAndCover());
        fxRun(() -> {
            seen.add(screenAndCover());
            kiosk.model().screenProperty().addListener(record);
            kiosk.shell().coverProperty().addListener(record);
        });
        return seen;
    }

    private String screenAndCover() {
        return kiosk.model().screenProperty().get() + "/" + kiosk.shell().coverProperty().get();
    }

    /**
     * The visit is forgotten: the session and the identify model hold nothing of {@code card},
     * no window shows any of it (masked or not), and no image view holds a picture.
     */
    private void assertWiped(String where, IdCard card, String masked) {
        Session session = kiosk.model().session();
        IdentifyModel identify = kiosk.model().identify();
        assertThat(fx(() -> session.personProperty().get())).as("the person " + where).isNull();
        assertThat(fx(session::card)).as("the card " + where).isNull();
        assertThat(fx(() -> session.serviceProperty().get())).as("the service " + where).isNull();
        assertThat(fx(() -> identify.identityProperty().get())).as("the identity read " + where).isNull();
        assertThat(fx(() -> identify.cardProperty().get())).as("the card read " + where).isNull();
        assertThat(allText()).as("every text in every window " + where)
                .doesNotContain(masked)
                .doesNotContain(card.name())
                .doesNotContain(card.idNumber())
                .doesNotContain(card.idNumber().substring(3, 14))
                .doesNotContain(Mask.number(card.idNumber()))
                .doesNotContain(card.address());
        List<ImageView> images = fx(SceneProbe::imageViewsInAllWindows);
        assertThat(fx(() -> images.stream().filter(v -> v.getImage() != null).map(v -> String.valueOf(v.getId())).toList()))
                .as("image views still holding a picture " + where).isEmpty();
    }

    /** What the screen says for {@code key} in 普通话 (from the kiosk's bundle: the wording may change). */
    private static String say(String key, Object... args) {
        return new Texts().get(key, args);
    }

    private String allText() {
        return String.join("\n", fx(SceneProbe::textsInAllWindows));
    }

    /** A finger's tap on the centre of {@code id} (the pointer jumps there, as a finger lands). */
    private void tap(String id) {
        Point2D centre = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            Node n = node(id);
            Bounds b = n.localToScreen(n.getLayoutBounds());
            return new Point2D(b.getCenterX(), b.getCenterY());
        });
        FxService.serviceContext().getBaseRobot().moveMouse(centre);
        robot.clickOn(MouseButton.PRIMARY);
    }

    private Screen screen() {
        return fx(() -> kiosk.model().screenProperty().get());
    }

    private Cover cover() {
        return fx(() -> kiosk.shell().coverProperty().get());
    }

    private Step step() {
        return fx(() -> kiosk.model().identify().stepProperty().get());
    }

    private Node node(String id) {
        return SceneProbe.node(scene, id);
    }

    private String textOf(String id) {
        return SceneProbe.textOf(scene, id);
    }

    private boolean visible(String id) {
        return SceneProbe.visible(scene, id);
    }
}
