package cn.yzz.kiosk.app.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.app.service.FakeCounty;
import cn.yzz.kiosk.app.service.Offer;
import cn.yzz.kiosk.app.service.ReceiptOut;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.cache.catalog.Catalog;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.flow.Shell.HelpContact;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.i18n.Texts;
import cn.yzz.kiosk.app.support.FakeIdCardReader;
import cn.yzz.kiosk.app.support.ManualScheduler;
import cn.yzz.kiosk.app.voice.Prompt;
import cn.yzz.kiosk.device.DeviceException;
import cn.yzz.kiosk.device.idcard.PhotoDecoder;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The frame around the villager's flow: what the kiosk says and when, language and elder mode, help,
 * the idle warning, out of service and the error screen. Real flow and identify models with a fake
 * reader; a direct executor stands in for the FX thread; timers fire only when the test fires them
 * (each owner has its own, so a test fires exactly the one it means).
 */
class ShellTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final HelpContact CONTACT = new HelpContact("", "0762-1234567");
    private static final int GRACE_SECONDS = (int) IdleWatch.Settings.defaults().grace().toSeconds();

    /** What the speaker was asked to say. */
    private record Said(Prompt prompt, Language language, boolean slow) {
        String key() {
            return prompt.key();
        }
    }

    private final FakeIdCardReader reader = new FakeIdCardReader();
    private final ManualScheduler flowTimers = new ManualScheduler();
    private final ManualScheduler idleTimers = new ManualScheduler();
    private final ManualScheduler shellTimers = new ManualScheduler();
    private final List<Said> said = new ArrayList<>();
    /** The shell says a prompt after the event being handled; this queue stands in for the JavaFX queue. */
    private final java.util.ArrayDeque<Runnable> speech = new java.util.ArrayDeque<>();
    /** Most tests say each prompt at once, to see every step; the tests of settling use the queue. */
    private boolean speechLater;
    private Catalog catalogue;
    private Session session;
    private Texts texts;
    private KioskFlowModel flow;
    private IdleWatch idle;
    private Shell shell;

    @BeforeEach
    void setUp() throws Exception {
        catalogue = CatalogParser.bundled();
        shell = newShell((p, l, slow) -> said.add(new Said(p, l, slow)), CONTACT);
    }

    /** A shell on models of its own (a session and texts no earlier shell listens to). */
    private Shell newShell(Shell.Speaker speaker, HelpContact contact) {
        session = new Session();
        texts = new Texts();
        IdentifyModel identify = new IdentifyModel(reader, Runnable::run, TODAY, IdentifyModel.CARD_WAIT,
                PhotoDecoder.placeholder());
        FakeCounty county = new FakeCounty(TODAY);
        flow = new KioskFlowModel(catalogue, identify, session, flowTimers,
                new Abilities(EnumSet.allOf(DeviceNeed.class), true, "enhanced"),
                (plan, card, visit, finished) -> new ServiceRun(plan, new ServiceRun.Context(card, visit.id(), county,
                        ReceiptOut.NONE, Runnable::run, flowTimers, TODAY, visit::holdForMoney, visit::receiptPrinted, finished)));
        idle = new IdleWatch(idleTimers, IdleWatch.Settings.defaults(), session::takingMoney);
        return new Shell(flow, idle, texts, speaker, contact, shellTimers, speechLater ? speech::add : Runnable::run);
    }

    // Helpers //

    private Theme theme(String id) {
        return catalogue.theme(id).orElseThrow();
    }

    /** The theme's first application that needs only the card: its run starts with a question. */
    private Service firstService(String themeId) {
        return catalogue.servicesOf(themeId).stream()
                .filter(s -> Offer.offered(s, flow.abilitiesProperty().get()))
                .filter(s -> s.kind() == Kind.APPLICATION && s.output() == Output.NONE && !s.form().isEmpty())
                .findFirst().orElseThrow();
    }

    /** What the run's first step says. */
    private String runPrompt() {
        return flow.runProperty().get().promptProperty().get().key();
    }

    private String prompt() {
        return shell.promptProperty().get().key();
    }

    private Cover cover() {
        return shell.coverProperty().get();
    }

    private Screen screen() {
        return flow.screenProperty().get();
    }

    /** What was said once every event so far has been handled. */
    private List<Said> said() {
        while (!speech.isEmpty()) {
            speech.poll().run();
        }
        return said;
    }

    private List<String> saidKeys() {
        return said().stream().map(Said::key).toList();
    }

    private Said lastSaid() {
        assertThat(said).as("something was said").isNotEmpty();
        return said().get(said().size() - 1);
    }

    /** Identify first at home with {@code card}; the reader answers at once. */
    private void placeCard(CardFixture card) {
        flow.identifyFirst();
        reader.lastRead().complete(card.card());
        assertThat(flow.identify().stepProperty().get()).isEqualTo(Step.DONE);
    }

    /** An identified villager back at home, the card still on the reader. */
    private void identifiedAtHome() {
        placeCard(CardFixtures.RESIDENT);
        flow.useIdentity();
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(session.personProperty().get()).isNotNull();
    }

    /** Fires the idle timer: the warning comes. */
    private void idleTimeUp() {
        assertThat(idleTimers.pending()).as("the idle timer runs").containsExactly(IdleWatch.Settings.defaults().idle());
        idleTimers.fireAll();
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.WARNING);
    }

    /** Fires every second of the warning's countdown. */
    private void graceRunsOut() {
        for (int i = 0; i < GRACE_SECONDS; i++) {
            idleTimers.fireAll();
        }
    }

    // The idle watch follows the session //

    @Test
    void anActiveSessionStartsTheIdleWatchAndItsEndStopsIt() {
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.OFF);
        flow.openTheme(theme("social-insurance"));
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.WATCHING);
        assertThat(idleTimers.pending()).hasSize(1);

        flow.home();
        assertThat(idle.stateProperty().get()).as("home without a card: the visit goes on").isEqualTo(IdleWatch.State.WATCHING);

        flow.end();
        assertThat(session.active()).isFalse();
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.OFF);
        assertThat(idleTimers.pending()).isEmpty();
    }

    @Test
    void aTouchWhileWatchingRestartsTheIdleTimer() {
        flow.openTheme(theme("social-insurance"));
        shell.touched();
        assertThat(idleTimers.pending()).as("one fresh idle timer").containsExactly(IdleWatch.Settings.defaults().idle());
    }

    // What the kiosk says //

    @Test
    void startedSaysTheHomePrompt() {
        assertThat(prompt()).isEqualTo("home");
        shell.started();
        assertThat(said).containsExactly(new Said(shell.promptProperty().get(), Language.PUTONGHUA, false));
    }

    @Test
    void thePromptFollowsTheScreenAndTheIdentifyStep() {
        assertThat(prompt()).isEqualTo("home");
        Theme shebao = theme("social-insurance");
        flow.openTheme(shebao);
        assertThat(prompt()).isEqualTo("services");
        flow.chooseService(firstService("social-insurance"));
        assertThat(prompt()).isEqualTo("identify.place");
        reader.fail(DeviceException.Kind.MEDIA_ERROR);
        assertThat(prompt()).isEqualTo("identify.again");
        reader.fail(DeviceException.Kind.DEVICE_FAULT);
        assertThat(prompt()).isEqualTo("identify.unavailable");

        assertThat(saidKeys()).as("each change said once")
                .containsExactly("services", "identify.place", "identify.again", "identify.unavailable");
        assertThat(said).allMatch(s -> s.language() == Language.PUTONGHUA && !s.slow());
    }

    @Test
    void aReadCardIsGreetedWithAnHonorificMadeFromTheMaskedSurname() {
        placeCard(CardFixtures.RESIDENT);
        Prompt p = shell.promptProperty().get();
        assertThat(p.key()).isEqualTo("identify.done");
        assertThat(p.args()).hasSize(1);
        assertThat(p.args().get(0).in(Language.PUTONGHUA)).isEqualTo("陈先生");
        assertThat(saidKeys()).containsExactly("identify.place", "identify.done");
    }

    @Test
    void aVillagerOfSixtyOrMoreIsOfferedElderModeAndGreetedWhenTheyTakeIt() {
        placeCard(CardFixtures.ELDER_YAO_LONG_TERM);
        assertThat(flow.identify().identityProperty().get().age()).isEqualTo(76);
        assertThat(prompt()).isEqualTo("elder.offer");
        assertThat(lastSaid().key()).isEqualTo("elder.offer");

        shell.setElder(true);

        Prompt p = shell.promptProperty().get();
        assertThat(p.key()).isEqualTo("identify.done");
        assertThat(p.args().get(0).in(Language.PUTONGHUA)).isEqualTo("盘女士");
        assertThat(said).contains(new Said(Prompt.of("elder.on"), Language.PUTONGHUA, true));
        assertThat(said().stream().filter(s -> s.key().equals("identify.done")).toList())
                .as("the greeting, once, slowly").hasSize(1).allMatch(Said::slow);
    }

    @Test
    void inElderModeAnElderVillagerIsGreetedAtOnce() {
        shell.setElder(true);
        placeCard(CardFixtures.ELDER_YAO_LONG_TERM);
        assertThat(prompt()).isEqualTo("identify.done");
        assertThat(saidKeys()).doesNotContain("elder.offer");
    }

    @Test
    void aCardWithProblemsGetsTheProblemPrompt() {
        placeCard(CardFixtures.RESIDENT_BAD_CHECK);
        assertThat(prompt()).isEqualTo("identify.problem");
        assertThat(lastSaid().key()).isEqualTo("identify.problem");
    }

    @Test
    void theServiceAndTheEndHaveTheirPrompts() {
        Theme huji = theme("household-registry");
        flow.openTheme(huji);
        flow.chooseService(firstService("household-registry"));
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        flow.useIdentity();
        assertThat(prompt()).isEqualTo(runPrompt()).startsWith("step.field.");
        assertThat(lastSaid().key()).isEqualTo(runPrompt());
        flow.end();
        assertThat(screen()).isEqualTo(Screen.END);
        assertThat(prompt()).isEqualTo("take.card");
        assertThat(lastSaid().key()).isEqualTo("take.card");
        assertThat(saidKeys()).startsWith("services", "identify.place", "identify.done");
    }

    /**
     * Confirming a good card moves on to the service: that is the one prompt to say. The identify
     * model clears the identity before its step leaves DONE, and the shell must not say what those
     * moments in between look like ("identify.problem" for a card that has none, then "identify.place").
     */
    @Test
    void confirmingAGoodCardSaysOnlyThePromptOfTheNextScreen() {
        Theme huji = theme("household-registry");
        flow.openTheme(huji);
        flow.chooseService(firstService("household-registry"));
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        said().clear();

        flow.useIdentity();

        assertThat(screen()).isEqualTo(Screen.SERVICE);
        assertThat(saidKeys()).containsExactly(runPrompt());
    }

    @Test
    void theEndRemindsOfTheReceiptAloneOrWithTheCard() {
        flow.openTheme(theme("social-insurance"));
        session.receiptPrinted();
        flow.end();
        assertThat(prompt()).isEqualTo("take.receipt");
        flow.dismissEnd();

        identifiedAtHome();
        session.receiptPrinted();
        flow.end();
        assertThat(prompt()).isEqualTo("take.card.receipt");
    }

    @Test
    void everyPromptIsSaidOnceInTheChosenLanguageAndSlowlyInElderMode() {
        shell.chooseLanguage(Language.CANTONESE);
        assertThat(said).as("the screen's prompt, now in Cantonese")
                .containsExactly(new Said(Prompt.of("home"), Language.CANTONESE, false));
        shell.setElder(true);
        flow.openTheme(theme("social-insurance"));
        flow.chooseService(firstService("social-insurance"));
        assertThat(said).containsExactly(
                new Said(Prompt.of("home"), Language.CANTONESE, false),
                new Said(Prompt.of("elder.on"), Language.CANTONESE, true),
                new Said(Prompt.of("services"), Language.CANTONESE, true),
                new Said(Prompt.of("identify.place"), Language.CANTONESE, true));
    }

    @Test
    void replaySaysTheCurrentPromptAgain() {
        flow.openTheme(theme("social-insurance"));
        said().clear();
        shell.replay();
        shell.replay();
        assertThat(said).containsExactly(
                new Said(Prompt.of("services"), Language.PUTONGHUA, false),
                new Said(Prompt.of("services"), Language.PUTONGHUA, false));
    }

    @Test
    void choosingALanguageSwitchesTheTextsAndSaysThePromptInIt() {
        flow.openTheme(theme("social-insurance"));
        said().clear();
        String chinese = texts.get("nav.back");
        shell.chooseLanguage(Language.ENGLISH);
        assertThat(texts.language()).isEqualTo(Language.ENGLISH);
        assertThat(texts.get("nav.back")).isNotEqualTo(chinese);
        assertThat(said).containsExactly(new Said(Prompt.of("services"), Language.ENGLISH, false));

        shell.chooseLanguage(Language.ENGLISH);
        assertThat(said).as("the same language again: nothing new to say").hasSize(1);
    }

    @Test
    void choosingALanguageBeginsTheVisit() {
        shell.chooseLanguage(Language.HAKKA);
        assertThat(session.active()).isTrue();
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.WATCHING);
    }

    @Test
    void elderModeShowsFewerServicesPerPageAndSaysSo() {
        assertThat(flow.pageSizeProperty().get()).isEqualTo(KioskFlowModel.PAGE_SIZE);
        shell.setElder(true);
        assertThat(shell.elderProperty().get()).isTrue();
        assertThat(flow.pageSizeProperty().get()).isEqualTo(KioskFlowModel.ELDER_PAGE_SIZE);
        assertThat(said).containsExactly(new Said(Prompt.of("elder.on"), Language.PUTONGHUA, true));
        assertThat(session.active()).isTrue();

        shell.setElder(true);
        assertThat(said).as("already on: nothing said").hasSize(1);

        shell.toggleElder();
        assertThat(shell.elderProperty().get()).isFalse();
        assertThat(flow.pageSizeProperty().get()).isEqualTo(KioskFlowModel.PAGE_SIZE);
        assertThat(lastSaid()).isEqualTo(new Said(Prompt.of("elder.off"), Language.PUTONGHUA, false));
    }

    // The idle warning //

    @Test
    void aVillagerWhoWalksAwayIsWarnedThenForgottenAndTheNextStartsAfresh() {
        identifiedAtHome();
        shell.chooseLanguage(Language.ENGLISH);
        shell.setElder(true);

        idleTimeUp();
        assertThat(cover()).isEqualTo(Cover.IDLE_WARNING);
        assertThat(lastSaid().key()).isEqualTo("idle.warning");
        assertThat(lastSaid().language()).isEqualTo(Language.ENGLISH);
        assertThat(lastSaid().slow()).isTrue();
        assertThat(lastSaid().prompt().args()).as("the seconds to continue").hasSize(1);
        assertThat(lastSaid().prompt().args().get(0).in(Language.ENGLISH)).isEqualTo(Integer.toString(GRACE_SECONDS));

        graceRunsOut();

        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(session.active()).isFalse();
        assertThat(session.personProperty().get()).isNull();
        assertThat(session.card()).isNull();
        assertThat(screen()).as("the card was read: remind to take it").isEqualTo(Screen.END);
        assertThat(flow.remindCardProperty().get()).isTrue();
        assertThat(lastSaid()).as("the reminder, in the villager's language")
                .isEqualTo(new Said(Prompt.of("take.card"), Language.ENGLISH, true));

        flowTimers.fireAll(); // the reminder's time is up
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(texts.language()).isEqualTo(Language.PUTONGHUA);
        assertThat(shell.elderProperty().get()).isFalse();
        assertThat(flow.pageSizeProperty().get()).isEqualTo(KioskFlowModel.PAGE_SIZE);
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.OFF);
        assertThat(prompt()).isEqualTo("home");
    }

    @Test
    void withoutACardTheExpiredVisitGoesStraightHome() {
        flow.openTheme(theme("agriculture"));
        shell.chooseLanguage(Language.CANTONESE);
        idleTimeUp();
        graceRunsOut();
        assertThat(screen()).isEqualTo(Screen.HOME);
        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(session.active()).isFalse();
        assertThat(flow.themeProperty().get()).isNull();
        assertThat(texts.language()).isEqualTo(Language.PUTONGHUA);
    }

    @Test
    void walkAwayBringsTheWarningAtOnce() {
        flow.openTheme(theme("social-insurance"));
        shell.walkAway();
        assertThat(cover()).isEqualTo(Cover.IDLE_WARNING);
        assertThat(prompt()).isEqualTo("idle.warning");
    }

    @Test
    void continuingClearsTheWarningAndWatchesAgain() {
        flow.openTheme(theme("social-insurance"));
        idleTimeUp();
        said().clear();

        shell.continueSession();

        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.WATCHING);
        assertThat(idle.extensions()).isEqualTo(1);
        assertThat(session.active()).isTrue();
        assertThat(saidKeys()).as("back to the screen's own prompt").containsExactly("services");

        shell.continueSession();
        assertThat(idle.extensions()).as("no warning, nothing to continue").isEqualTo(1);
    }

    @Test
    void aTouchElsewhereDoesNotAnswerTheWarning() {
        flow.openTheme(theme("social-insurance"));
        idleTimeUp();
        shell.touched();
        assertThat(cover()).isEqualTo(Cover.IDLE_WARNING);
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.WARNING);
    }

    @Test
    void endingNowFromTheWarningEndsTheVisitAtOnce() {
        identifiedAtHome();
        idleTimeUp();

        shell.endSessionNow();

        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(session.active()).isFalse();
        assertThat(session.personProperty().get()).isNull();
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.OFF);
        assertThat(idleTimers.pending()).isEmpty();
        assertThat(screen()).isEqualTo(Screen.END);
        assertThat(lastSaid().key()).isEqualTo("take.card");
    }

    @Test
    void endingNowWithoutAWarningDoesNothing() {
        flow.openTheme(theme("social-insurance"));
        shell.endSessionNow();
        assertThat(session.active()).isTrue();
        assertThat(screen()).isEqualTo(Screen.SERVICES);
    }

    @Test
    void moneyBeingTakenKeepsTheWarningAway() {
        flow.openTheme(theme("social-insurance"));
        Runnable hold = session.holdForMoney();
        idleTimers.fireAll();
        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.WATCHING);
        hold.run();
        idleTimeUp();
        assertThat(cover()).isEqualTo(Cover.IDLE_WARNING);
    }

    /**
     * The idle watch goes back to watching when money starts during the warning, and it never
     * expires then; the warning it put up must go too, or it stays on screen with nothing counting
     * down over the payment.
     */
    @Test
    void moneyStartingDuringTheWarningTakesTheWarningAway() {
        flow.openTheme(theme("social-insurance"));
        idleTimeUp();
        session.holdForMoney();
        idleTimers.fireAll(); // the next second of the countdown sees the payment
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.WATCHING);
        assertThat(session.active()).isTrue();
        assertThat(cover()).as("the idle warning is gone once the watch is back to watching").isEqualTo(Cover.NONE);
    }

    // Help //

    @Test
    void helpShowsWhomToCallAndSaysThePhoneNumber() {
        shell.help();
        assertThat(cover()).isEqualTo(Cover.HELP);
        assertThat(session.active()).as("asking for help begins a visit").isTrue();
        Said s = lastSaid();
        assertThat(s.key()).isEqualTo("help");
        assertThat(s.prompt().args()).hasSize(1);
        assertThat(s.prompt().args().get(0).in(Language.ENGLISH).replaceAll("[^0-9]", ""))
                .as("the phone, digit by digit").isEqualTo("07621234567");

        shell.closeHelp();
        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(lastSaid().key()).isEqualTo("home");
    }

    @Test
    void helpWithoutAPhoneSaysSo() {
        shell = newShell((p, l, slow) -> said.add(new Said(p, l, slow)), new HelpContact("村委会", null));
        assertThat(shell.contact().phone()).isEmpty();
        shell.help();
        assertThat(cover()).isEqualTo(Cover.HELP);
        assertThat(lastSaid().key()).isEqualTo("help.nophone");
        assertThat(lastSaid().prompt().args()).isEmpty();
    }

    @Test
    void closeHelpDoesNothingWhenHelpIsNotShown() {
        shell.essentialDevices(true);
        shell.closeHelp();
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
    }

    @Test
    void helpIsNotOfferedOutOfService() {
        shell.essentialDevices(true);
        shell.help();
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
        assertThat(session.active()).isFalse();
    }

    /**
     * The help button stays usable while the idle warning is up. A villager who asks for help then
     * reads whom to call and waits; the warning's countdown must not end the visit behind the help
     * screen, where the villager cannot see it nor answer it.
     */
    @Test
    void askingForHelpDuringTheIdleWarningDoesNotLetTheVisitExpireBehindTheHelpScreen() {
        identifiedAtHome();
        idleTimeUp();

        shell.help();

        assertThat(cover()).isEqualTo(Cover.HELP);
        assertThat(idle.stateProperty().get()).as("the villager is here: no countdown behind the help screen")
                .isNotEqualTo(IdleWatch.State.WARNING);
        graceRunsOut();
        assertThat(session.active()).as("the visit of a villager who asked for help is not ended within the grace")
                .isTrue();
    }

    // Out of service //

    @Test
    void essentialDevicesDownWithoutAVisitShowsOutOfServiceAtOnceAndBackClearsIt() {
        shell.essentialDevices(true);
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
        assertThat(lastSaid().key()).isEqualTo("out.of.service");
        shell.essentialDevices(false);
        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(lastSaid().key()).isEqualTo("home");
    }

    @Test
    void essentialDevicesDownDuringAVisitWaitForItsEnd() {
        flow.openTheme(theme("social-insurance"));
        shell.essentialDevices(true);
        assertThat(cover()).as("the villager finishes").isEqualTo(Cover.NONE);
        flow.end();
        assertThat(session.active()).isFalse();
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
    }

    @Test
    void essentialDevicesDownDuringAVisitWithACardWaitForTheReminderToGo() {
        identifiedAtHome();
        shell.essentialDevices(true);
        flow.end();
        assertThat(screen()).isEqualTo(Screen.END);
        assertThat(cover()).as("the reminder to take the card shows first").isEqualTo(Cover.NONE);
        flowTimers.fireAll();
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
    }

    @Test
    void devicesBackBeforeTheVisitEndsShowNothing() {
        flow.openTheme(theme("social-insurance"));
        shell.essentialDevices(true);
        shell.essentialDevices(false);
        flow.end();
        assertThat(cover()).isEqualTo(Cover.NONE);
    }

    // Unexpected errors //

    @Test
    void anUnexpectedErrorShowsTheErrorScreenWithTheVisitWiped() {
        identifiedAtHome();
        shell.chooseLanguage(Language.ENGLISH);

        shell.unexpectedError(new IllegalStateException("test: something broke"));

        assertThat(cover()).isEqualTo(Cover.ERROR);
        assertThat(session.active()).isFalse();
        assertThat(session.personProperty().get()).isNull();
        assertThat(session.card()).isNull();
        assertThat(screen()).as("under the error screen, home").isEqualTo(Screen.HOME);
        assertThat(idle.stateProperty().get()).isEqualTo(IdleWatch.State.OFF);
        assertThat(texts.language()).as("the next villager starts afresh").isEqualTo(Language.PUTONGHUA);
        assertThat(lastSaid().key()).isEqualTo("error");
        assertThat(shell.brokenProperty().get()).isFalse();

        shell.leaveErrorScreen();
        assertThat(cover()).isEqualTo(Cover.NONE);
        assertThat(prompt()).isEqualTo("home");
        assertThat(shellTimers.pending()).as("the error screen's timer is cancelled").isEmpty();
    }

    @Test
    void theErrorScreenGoesByItselfAfterItsTime() {
        shell.unexpectedError(new IllegalStateException("test"));
        assertThat(shellTimers.pending()).containsExactly(Shell.ERROR_SCREEN);
        shellTimers.fireAll();
        assertThat(cover()).isEqualTo(Cover.NONE);
    }

    @Test
    void leavingTheErrorScreenWhileDevicesAreDownShowsOutOfService() {
        flow.openTheme(theme("social-insurance"));
        shell.essentialDevices(true);
        shell.unexpectedError(new IllegalStateException("test"));
        assertThat(cover()).isEqualTo(Cover.ERROR);
        shell.leaveErrorScreen();
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
    }

    @Test
    void threeErrorsInAShortTimeStopTheKioskServingForGood() {
        shell.unexpectedError(new IllegalStateException("test 1"));
        shell.leaveErrorScreen();
        shell.unexpectedError(new IllegalStateException("test 2"));
        assertThat(cover()).as("two errors: the error screen again").isEqualTo(Cover.ERROR);
        assertThat(shell.brokenProperty().get()).isFalse();
        shell.leaveErrorScreen();

        shell.unexpectedError(new IllegalStateException("test 3"));

        assertThat(shell.brokenProperty().get()).isTrue();
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
        assertThat(lastSaid().key()).isEqualTo("out.of.service");

        shell.essentialDevices(false);
        assertThat(cover()).as("only a restart clears it").isEqualTo(Cover.OUT_OF_SERVICE);
        shell.leaveErrorScreen();
        shellTimers.fireAll();
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
    }

    @Test
    void threeErrorsInARowWithoutLeavingTheErrorScreenAlsoStopTheKioskServing() {
        for (int i = 1; i <= Shell.ERRORS_BEFORE_OUT_OF_SERVICE; i++) {
            shell.unexpectedError(new IllegalStateException("test " + i));
        }
        assertThat(shell.brokenProperty().get()).isTrue();
        shellTimers.fireAll(); // the earlier error screens' timers
        assertThat(cover()).isEqualTo(Cover.OUT_OF_SERVICE);
    }

    // A broken voice //

    @Test
    void aSpeakerThatThrowsDoesNotBreakTheShell() {
        List<String> tried = new ArrayList<>();
        shell = newShell((p, l, slow) -> {
            tried.add(p.key());
            throw new IllegalStateException("test: no sound card");
        }, CONTACT);

        assertThatCode(() -> {
            shell.started();
            shell.chooseLanguage(Language.CANTONESE);
            shell.setElder(true);
            flow.openTheme(theme("social-insurance"));
            shell.replay();
            shell.help();
            shell.closeHelp();
            shell.walkAway();
            shell.continueSession();
        }).doesNotThrowAnyException();

        assertThat(tried).contains("home", "elder.on", "services", "help", "idle.warning");
        assertThat(texts.language()).isEqualTo(Language.CANTONESE);
        assertThat(shell.elderProperty().get()).isTrue();
        assertThat(screen()).isEqualTo(Screen.SERVICES);
        assertThat(cover()).isEqualTo(Cover.NONE);
    }

    /**
     * When a visit ends, language and elder mode go back to the defaults for the next villager; what
     * the kiosk says last on the home screen must be in Mandarin at normal speed.
     */
    @Test
    void afterAnElderVisitTheHomePromptForTheNextVillagerIsAtNormalSpeed() {
        identifiedAtHome();
        shell.chooseLanguage(Language.ENGLISH);
        shell.setElder(true);
        flow.end();
        said().clear();

        flow.dismissEnd();

        assertThat(shell.elderProperty().get()).isFalse();
        assertThat(texts.language()).isEqualTo(Language.PUTONGHUA);
        assertThat(lastSaid()).isEqualTo(new Said(Prompt.of("home"), Language.PUTONGHUA, false));
    }

    // Said once the screen has settled //

    @Test
    void whenTheVisitEndsTheNextVillagerHearsHomeOnceInMandarinAtNormalSpeed() {
        speechLater = true;
        shell = newShell((p, l, slow) -> said.add(new Said(p, l, slow)), CONTACT);
        identifiedAtHome();
        shell.chooseLanguage(Language.ENGLISH);
        shell.setElder(true);
        flow.end();
        said().clear();

        flow.dismissEnd(); // one tap: home shows, then language and mode reset

        assertThat(said()).containsExactly(new Said(Prompt.of("home"), Language.PUTONGHUA, false));
    }

    @Test
    void aTapThatPassesThroughSeveralStatesSaysOnlyWhereItEnds() {
        speechLater = true;
        shell = newShell((p, l, slow) -> said.add(new Said(p, l, slow)), CONTACT);
        Theme huji = theme("household-registry");
        flow.openTheme(huji);
        flow.chooseService(firstService("household-registry"));
        reader.lastRead().complete(CardFixtures.RESIDENT.card());
        said().clear();

        flow.useIdentity(); // identity taken, identify stopped, the service shown: one event

        assertThat(saidKeys()).containsExactly(runPrompt());
    }

    @Test
    void somethingAlreadySaidIsNotSaidAgainWhenNothingAudibleChanged() {
        speechLater = true;
        shell = newShell((p, l, slow) -> said.add(new Said(p, l, slow)), CONTACT);
        shell.started();
        flow.openTheme(theme("social-insurance"));
        flow.back(); // both in one event: back where it started
        assertThat(saidKeys()).containsExactly("home");
    }
}
