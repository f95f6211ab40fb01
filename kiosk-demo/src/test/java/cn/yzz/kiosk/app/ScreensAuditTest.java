package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static cn.yzz.kiosk.app.support.SceneProbe.visible;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.demo.DemoCounty;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.app.assist.StaffStore;
import cn.yzz.kiosk.app.audit.AccessibilityAudit;
import cn.yzz.kiosk.app.audit.AccessibilityAudit.Rules;
import cn.yzz.kiosk.app.audit.AccessibilityAudit.Violation;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.cache.catalog.Field;
import cn.yzz.kiosk.cache.catalog.Identity;
import cn.yzz.kiosk.cache.catalog.Payer;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.AssistModel.Consent;
import cn.yzz.kiosk.app.flow.IdentifyModel;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.service.BundleStep;
import cn.yzz.kiosk.app.service.EvaluateStep;
import cn.yzz.kiosk.app.service.FieldStep;
import cn.yzz.kiosk.app.service.PayerStep;
import cn.yzz.kiosk.app.service.PrintoutStep;
import cn.yzz.kiosk.app.service.QueryStep;
import cn.yzz.kiosk.app.service.QrPayStep;
import cn.yzz.kiosk.app.service.ReceiptStep;
import cn.yzz.kiosk.app.service.ServiceRun;
import cn.yzz.kiosk.app.service.SubmitStep;
import cn.yzz.kiosk.app.service.SummaryStep;
import cn.yzz.kiosk.app.view.ElderStyle;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.app.view.ScaledRoot;
import cn.yzz.kiosk.app.view.steps.QueryView;
import cn.yzz.kiosk.backend.QueryKnobs;
import cn.yzz.kiosk.cache.catalog.DeviceUse;
import cn.yzz.kiosk.cache.catalog.Kind;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.profile.DeviceKind;
import cn.yzz.kiosk.device.sscard.SsCardReader;
import cn.yzz.kiosk.device.sscard.emu.SsCardFixtures;
import cn.yzz.kiosk.device.DeviceState;
import cn.yzz.kiosk.device.idcard.IdNumbers;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import cn.yzz.kiosk.device.serial.SerialLink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The accessibility audit (text size, touch targets and their gaps, contrast) on every screen of
 * the villager's shell, in both orientations (1080 × 1920 and 1920 × 1080) and both modes (normal,
 * and elder mode with its ×1.3 text and 7:1 contrast). One kiosk on the demo's emulated devices, with
 * the demo's county backend in-process (households, orders paid by the phone, a cut line), is put into
 * each state through its models and by tapping the buttons a villager taps; two views of any size,
 * bound to the same shell, show it.
 */
class ScreensAuditTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    /** A payment's countdown is counted to the county's expiry, in real time. */
    private static final Clock REAL_TIME = Clock.system(ZoneId.of("Asia/Shanghai"));
    private static final String LONG_THEME = "social-insurance";
    private static final String SERVICE = "RSJ-0007";
    /** 新生儿出生一件事 and its five steps. */
    private static final String BUNDLE = "MULTI-0001";
    private static final int BUNDLE_STEPS = 5;

    @TempDir
    static Path dataDir;

    private static final SwitchedClock clock = new SwitchedClock();
    private static Kiosk kiosk;
    private static DemoRig demo;
    /** The demo's devices, with the receipt printer's cable able to hold a printout mid-way. */
    private static HeldPrinter cables;
    /** The orientation a case is being set up for (a query's table pages by the room it has there). */
    private static Orientation settingUpFor = Orientation.PORTRAIT;
    private static volatile DemoCounty county;
    /** The county's line is cut, or the printer's roll is out, until the next {@link #reset()}. */
    private static boolean lineCut;
    private static boolean paperOut;
    /** 帮办代办: the villager identified at the consent, so a service starts without the identify screen. */
    private static boolean assisted;
    /** The county's queries are spoiled ({@link QueryKnobs}) until the next {@link #reset()}. */
    private static boolean queryKnobsSet;
    private static Abilities everything;
    private static Scene portrait;
    private static Scene landscape;
    /** A query's rows a page in normal mode, by case and orientation: elder mode shows fewer. */
    private static final java.util.Map<String, Integer> NORMAL_ROWS = new java.util.HashMap<>();
    /** The screen the kiosk is in now, so that the four audits of one screen set it up once. */
    private static Case current;

    private enum Orientation {
        PORTRAIT(1080, 1920), LANDSCAPE(1920, 1080);

        final int width;
        final int height;

        Orientation(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    /**
     * One screen: how to get there from home (on the test thread; it may wait for the reader) and
     * whether the kiosk is still there (some screens leave by themselves after a few seconds).
     */
    private record Case(String name, Runnable setUp, BooleanSupplier stillThere) {}

    /**
     * The kiosk's clock: the fixed day the identity screens are audited on (ages and validity do not
     * change with the date the test runs), switched to real time once a service's run begins, since a
     * payment's countdown counts to the county's expiry.
     */
    private static final class SwitchedClock extends Clock {
        private volatile Clock now = TODAY;

        void set(Clock c) {
            now = c;
        }

        @Override
        public ZoneId getZone() {
            return now.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return now.withZone(zone);
        }

        @Override
        public Instant instant() {
            return now.instant();
        }
    }

    @BeforeAll
    static void kiosk() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(dataDir);
        StaffStore.in(dataDir).add("001", CardFixtures.RESIDENT_FINGERPRINT.card().name(), "246810".toCharArray(),
                CardFixtures.RESIDENT_FINGERPRINT.card().idNumber()); // 帮办代办's staff member, with their card
        // Nothing times out while a screen is audited: the idle watch waits 10 minutes.
        demo = DemoRig.start(dataDir.resolve("receipts"));
        cables = new HeldPrinter(demo);
        kiosk = Kiosk.create(DemoOptions.kiosk(dataDir), CatalogParser.bundled(), clock,
                new Kiosk.Settings(Duration.ofSeconds(60), new IdleWatch.Settings(Duration.ofMinutes(10), Duration.ofMinutes(10)),
                        Duration.ZERO, false), cables);
        // The reader answers at once: these tests are about the screens, not the radio's timing.
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        demo.emulator().setPaced(false);
        everything = new Abilities(DemoOptions.kiosk(dataDir).fitted(), true, "enhanced");
        portrait = fx(() -> scene(Orientation.PORTRAIT));
        landscape = fx(() -> scene(Orientation.LANDSCAPE));
        kiosk.openDevicesInBackground();
        // The demo's county, enrolled before the outbox opens, as DemoMain does: payments by phone are real HTTP.
        kiosk.connectCountyInBackground(() -> county = DemoCounty.start(dataDir, "enhanced"));
        await("the reader", () -> flow().abilitiesProperty().get().devices().contains(DeviceNeed.IDCARD_READER));
        await(60, "the county open and reachable", () -> kiosk.countyOpen() && kiosk.onlineProperty().get());
        await("the receipt printer", () -> printerReady());
        // The cash desk reconciles after the county opens and only then puts cash in the lists: wait for it, or that
        // change would redo the abilities under a case that set them by hand (nothing offerable, no printer).
        await(60, "cash taken (the desk reconciled, the box in)",
                () -> flow().abilitiesProperty().get().devices().contains(DeviceNeed.CASH_ACCEPTOR));
    }

    @AfterAll
    static void close() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (demo != null) {
            demo.close();
        }
        if (county != null) {
            county.close();
        }
    }

    /** A view of the kiosk at a size of its own, styled as {@code Kiosk.show} styles the real one. */
    private static Scene scene(Orientation o) {
        ScaledRoot root = new ScaledRoot(new KioskView(kiosk.shell(), o.width, o.height), o.width, o.height);
        root.setStyle("-fx-font-family: \"" + Fonts.family() + "\";");
        Scene scene = new Scene(root, o.width, o.height);
        scene.getStylesheets().add(KioskView.stylesheet());
        return scene;
    }

    // The screens //

    private static List<Case> cases() {
        return Stream.of(shellScreens(), queryPrintAndBundleScreens(), englishAndLast()).flatMap(List::stream).toList();
    }

    private static List<Case> shellScreens() {
        return List.of(
                new Case("home", () -> { }, () -> screen() == Screen.HOME && cover() == Cover.NONE),
                new Case("home, identified", ScreensAuditTest::identifiedAtHome,
                        () -> screen() == Screen.HOME && fx(() -> flow().session().personProperty().get() != null)),
                new Case("services, page 1 of a long theme", ScreensAuditTest::longTheme,
                        () -> screen() == Screen.SERVICES),
                new Case("services, nothing offerable", ScreensAuditTest::nothingOfferable,
                        () -> screen() == Screen.SERVICES),
                new Case("search, the keypad and how to type", () -> search(""), () -> searching("")),
                new Case("search, results on pages", () -> search("cxjm"), () -> searching("cxjm")),
                new Case("search, nothing found", () -> search("qqq"), () -> searching("qqq")),
                new Case("search, found but not offered here", () -> search("zzxq"), () -> searching("zzxq")), // 自助寻亲 needs a camera
                new Case("identify, waiting", ScreensAuditTest::identifyForService, () -> step() == Step.WAITING),
                new Case("identify, place the card again", ScreensAuditTest::identifyError, () -> step() == Step.ERROR),
                new Case("identify, reader unavailable", ScreensAuditTest::identifyUnavailable,
                        () -> step() == Step.UNAVAILABLE),
                identity(CardFixtures.RESIDENT, ""),
                identity(CardFixtures.ELDER_YAO_LONG_TERM, " (elder mode offered)"),
                identity(CardFixtures.RESIDENT_BAD_CHECK, " (problems)"),
                identity(CardFixtures.FOREIGN_2023, ""),
                // Identified by 粤省事码 or social security card (a payment takes all three ways)
                new Case("identify, three ways", ScreensAuditTest::identifyThreeWays, () -> step() == Step.WAITING),
                new Case("identify, an unknown 粤省事码", ScreensAuditTest::unknownCode,
                        () -> fx(() -> flow().identify().problemProperty().get() == IdentifyModel.Problem.CODE_UNKNOWN)),
                new Case("identify, an expired social security card", ScreensAuditTest::expiredSsCard,
                        () -> fx(() -> flow().identify().problemProperty().get() == IdentifyModel.Problem.SSCARD_EXPIRED)),
                new Case("identity, by 粤省事码", ScreensAuditTest::identityByCode,
                        () -> step() == Step.DONE && fx(() -> flow().identify().villagerProperty().get().how() == Identity.YSS_CODE)),
                new Case("identity, by social security card", ScreensAuditTest::identityBySsCard,
                        () -> step() == Step.DONE && fx(() -> flow().identify().villagerProperty().get().how() == Identity.SSCARD)),
                new Case("end, take the social security card", ScreensAuditTest::endWithSsCard,
                        () -> screen() == Screen.END && fx(() -> flow().remindSsCardProperty().get())),
                // A service's visit: an application (城乡居民基本养老保险参保登记) question by question, submitted, its receipt
                // and 好差评; then payments by phone (养老、医疗保险缴费 for oneself, the household, another person).
                new Case("form, a choice question", ScreensAuditTest::choiceQuestion, () -> onField("grade")),
                new Case("form, the keypad: a phone number", ScreensAuditTest::phoneKeyed,
                        () -> onField("phone", f -> f.keyedProperty().get().length() == 11 && f.problemProperty().get() == null)),
                new Case("form, the keypad with a problem", ScreensAuditTest::phoneProblem,
                        () -> onField("phone", f -> f.problemProperty().get() != null)),
                new Case("form, a statement to confirm", ScreensAuditTest::statement, () -> onField("confirm")),
                new Case("summary of an application", ScreensAuditTest::applicationSummary, () -> on(SummaryStep.class, s -> true)),
                new Case("submitted", ScreensAuditTest::submitted, () -> on(SubmitStep.class, s -> s.stateProperty().get() == SubmitStep.State.DONE)),
                new Case("receipt, print it?", ScreensAuditTest::receiptQuestion,
                        () -> on(ReceiptStep.class, r -> r.stateProperty().get() == ReceiptStep.State.ASK)),
                new Case("receipt on screen, the printer out of paper", ScreensAuditTest::receiptOnScreen,
                        () -> on(ReceiptStep.class, r -> r.stateProperty().get() == ReceiptStep.State.ON_SCREEN)),
                new Case("evaluation", ScreensAuditTest::evaluation, () -> on(EvaluateStep.class, e -> e.levelProperty().get() == 0)),
                new Case("evaluation, the reasons of a low rating", ScreensAuditTest::lowRating,
                        () -> on(EvaluateStep.class, e -> e.needReasonProperty().get() && !e.reasons().isEmpty())),
                new Case("evaluation, a low rating without its reason", ScreensAuditTest::lowRatingNoReason,
                        () -> on(EvaluateStep.class, e -> e.missingReasonProperty().get())),
                new Case("payer: self, household or another person", ScreensAuditTest::payer, () -> on(PayerStep.class, p -> true)),
                new Case("form, the keypad: an ID number ending in X", ScreensAuditTest::idNumberKeyed,
                        () -> onField("payee", f -> f.keyedProperty().get().endsWith("X"))),
                new Case("form, the household's members", ScreensAuditTest::household,
                        () -> onField("members", f -> f.loadingProperty().get() == FieldStep.Loading.LOADED && f.ticked().size() == 2)),
                new Case("form, the household when the county does not answer", ScreensAuditTest::householdUnreachable,
                        () -> onField("members", f -> f.loadingProperty().get() == FieldStep.Loading.UNREACHABLE)),
                new Case("summary of a payment for the household", ScreensAuditTest::paymentSummary,
                        () -> on(SummaryStep.class, s -> s.amountFen().isPresent())),
                new Case("pay, the QR code", ScreensAuditTest::qrCode, () -> paying(QrPayStep.State.SHOWING)),
                new Case("pay, the line down", ScreensAuditTest::lineDown, () -> paying(QrPayStep.State.LINE_DOWN)),
                new Case("pay, paid", ScreensAuditTest::paid, () -> paying(QrPayStep.State.PAID)),
                new Case("pay, cancelled", ScreensAuditTest::cancelled, () -> paying(QrPayStep.State.CANCELLED)),
                new Case("pay, no order: the county does not answer", ScreensAuditTest::noOrder,
                        () -> paying(QrPayStep.State.FAILED)),
                new Case("receipt printed", ScreensAuditTest::receiptPrinted,
                        () -> on(ReceiptStep.class, r -> r.stateProperty().get() == ReceiptStep.State.PRINTED)),
                new Case("end, card and receipt reminders", ScreensAuditTest::endWithReceipt,
                        () -> screen() == Screen.END && cover() == Cover.NONE),
                new Case("help", () -> fxRun(() -> shell().help()), () -> cover() == Cover.HELP),
                new Case("idle warning", ScreensAuditTest::idleWarning, () -> cover() == Cover.IDLE_WARNING),
                new Case("out of service", () -> fxRun(() -> shell().essentialDevices(true)),
                        () -> cover() == Cover.OUT_OF_SERVICE));
    }

    private static List<Case> englishAndLast() {
        return List.of(
                english("home", () -> { }, () -> screen() == Screen.HOME && cover() == Cover.NONE),
                english("services, page 1 of a long theme", ScreensAuditTest::longTheme, () -> screen() == Screen.SERVICES),
                english("search, results on pages", () -> search("cxjm"), () -> searching("cxjm")),
                english("search, nothing found", () -> search("qqq"), () -> searching("qqq")),
                english("identity, resident", () -> identityOf(CardFixtures.RESIDENT), () -> step() == Step.DONE),
                english("help", () -> fxRun(() -> shell().help()), () -> cover() == Cover.HELP),
                english("form, a choice question", ScreensAuditTest::choiceQuestion, () -> onField("grade")),
                english("form, the keypad: a phone number", ScreensAuditTest::phoneKeyed,
                        () -> onField("phone", f -> f.keyedProperty().get().length() == 11)),
                english("form, the keypad with a problem", ScreensAuditTest::phoneProblem,
                        () -> onField("phone", f -> f.problemProperty().get() != null)),
                english("payer: self, household or another person", ScreensAuditTest::payer, () -> on(PayerStep.class, p -> true)),
                english("summary of a payment for the household", ScreensAuditTest::paymentSummary,
                        () -> on(SummaryStep.class, s -> s.amountFen().isPresent())),
                english("pay, the QR code", ScreensAuditTest::qrCode, () -> paying(QrPayStep.State.SHOWING)),
                english("pay, paid", ScreensAuditTest::paid, () -> paying(QrPayStep.State.PAID)),
                english("evaluation, the reasons of a low rating", ScreensAuditTest::lowRating,
                        () -> on(EvaluateStep.class, e -> e.needReasonProperty().get() && !e.reasons().isEmpty())),
                // 帮办代办: the staff's sign-in and the villager's consent; then the tallest steps under the mode's banner.
                new Case("assisted: staff sign-in, three digits keyed", ScreensAuditTest::staffPin,
                        () -> screen() == Screen.STAFF && fx(() -> shell().assist().keyedProperty().get() == 3)),
                new Case("assisted: staff sign-in, a wrong PIN", ScreensAuditTest::staffWrongPin,
                        () -> screen() == Screen.STAFF && fx(() -> shell().assist().noticeProperty().get() != null)),
                new Case("assisted: consent, waiting for the villager's card", ScreensAuditTest::consentWaiting,
                        () -> consent() == Consent.WAITING && step() == Step.WAITING),
                new Case("assisted: consent given", ScreensAuditTest::consentGiven, () -> consent() == Consent.GIVEN),
                new Case("assisted: the staff member's own card", ScreensAuditTest::consentStaffCard,
                        () -> consent() == Consent.STAFF_CARD),
                assisted("home, identified", () -> { }, () -> screen() == Screen.HOME),
                assisted("form, the keypad: a phone number", ScreensAuditTest::phoneKeyed,
                        () -> onField("phone", f -> f.keyedProperty().get().length() == 11)),
                assisted("form, the keypad: an ID number ending in X", ScreensAuditTest::idNumberKeyed,
                        () -> onField("payee", f -> f.keyedProperty().get().endsWith("X"))),
                assisted("form, the household's members", ScreensAuditTest::household,
                        () -> onField("members", f -> f.ticked().size() == 2)),
                assisted("summary of a payment for the household", ScreensAuditTest::paymentSummary,
                        () -> on(SummaryStep.class, s -> s.amountFen().isPresent())),
                assisted("pay, the QR code", ScreensAuditTest::qrCode, () -> paying(QrPayStep.State.SHOWING)),
                assisted("evaluation, the reasons of a low rating", ScreensAuditTest::lowRating,
                        () -> on(EvaluateStep.class, e -> e.needReasonProperty().get() && !e.reasons().isEmpty())),
                // Last: three unexpected errors within two minutes would stop the kiosk serving for good.
                new Case("error", ScreensAuditTest::error, () -> cover() == Cover.ERROR));
    }

    /**
     * A query's answer (社保查询, 21 years: more than a page), asked slowly, found empty, failing each way; a print
     * service's preview (社保打印, seven columns) and its printout; the 一件事 bundles' step lists, a bundle step's
     * question and the end screen that lists what is left.
     */
    private static List<Case> queryPrintAndBundleScreens() {
        return List.of(
                new Case("query, the county slow to answer", ScreensAuditTest::queryAsking,
                        () -> querying(q -> q.stateProperty().get() == QueryStep.State.ASKING && q.slowProperty().get())),
                new Case("query, page 1 of several", ScreensAuditTest::queryShown,
                        () -> querying(q -> q.stateProperty().get() == QueryStep.State.SHOWN && q.pageProperty().get() == 0)),
                new Case("query, page 2", ScreensAuditTest::querySecondPage,
                        () -> querying(q -> q.stateProperty().get() == QueryStep.State.SHOWN && q.pageProperty().get() == 1)),
                new Case("query, nothing found", ScreensAuditTest::queryEmpty,
                        () -> querying(q -> q.stateProperty().get() == QueryStep.State.EMPTY)),
                queryFailed(QueryStep.Problem.NOT_FOUND, ScreensAuditTest::queryNotFound),
                queryFailed(QueryStep.Problem.OFFLINE, ScreensAuditTest::queryOffline),
                queryFailed(QueryStep.Problem.BROKEN, ScreensAuditTest::queryBroken),
                new Case("print service, the preview with 打印", ScreensAuditTest::printPreview,
                        () -> querying(q -> q.stateProperty().get() == QueryStep.State.SHOWN && q.isPrintService())),
                new Case("printout, the A4 printer cannot", ScreensAuditTest::printoutFailed,
                        () -> printingIs(PrintoutStep.State.FAILED)),
                new Case("printout on the receipt printer, printing", ScreensAuditTest::printoutPrinting,
                        () -> printingIs(PrintoutStep.State.PRINTING)),
                new Case("printout on the receipt printer, done", ScreensAuditTest::printoutDone,
                        () -> printingIs(PrintoutStep.State.DONE)),
                new Case("一件事, the list at the start (eight steps, one not here)", ScreensAuditTest::longBundleStart,
                        () -> on(BundleStep.class, b -> b.nextProperty().get() == 1 && b.itemsProperty().size() == 8)),
                new Case("一件事, a step's question under the bundle's name", ScreensAuditTest::bundleQuestion,
                        () -> onField("phone", f -> flow().runProperty().get().part() == 0)),
                new Case("一件事, the list half way", ScreensAuditTest::bundleHalfWay,
                        () -> on(BundleStep.class, b -> b.nextProperty().get() == 2 && b.done() == 1)),
                new Case("一件事, the list all done", ScreensAuditTest::bundleAllDone,
                        () -> on(BundleStep.class, b -> b.nextProperty().get() == 0)),
                new Case("end, the bundle's steps left", ScreensAuditTest::endWithStepsLeft,
                        () -> screen() == Screen.END && cover() == Cover.NONE
                                && fx(() -> flow().remindLeftProperty().size()) == BUNDLE_STEPS - 1));
    }

    private static Case queryFailed(QueryStep.Problem problem, Runnable setUp) {
        return new Case("query, failed: " + problem, setUp, () -> querying(q -> q.stateProperty().get() == QueryStep.State.FAILED
                && q.problemProperty().get() == problem));
    }

    private static Case identity(CardFixture card, String note) {
        return new Case("identity, " + card.id() + note, () -> identityOf(card),
                () -> step() == Step.DONE && fx(() -> flow().identify().cardProperty().get() != null
                        && flow().identify().cardProperty().get().idNumber().equals(card.card().idNumber())));
    }

    /** 帮办代办: the staff member signed in and the villager consented (their card) before the screen is set up. */
    private static Case assisted(String name, Runnable setUp, BooleanSupplier stillThere) {
        return new Case("assisted: " + name, () -> {
            consentGiven();
            tap("consent-start");
            await("home, identified, assisted", () -> screen() == Screen.HOME);
            assisted = true;
            setUp.run();
        }, () -> stillThere.getAsBoolean() && fx(() -> flow().session().assistant() != null));
    }

    private static Case english(String name, Runnable setUp, BooleanSupplier stillThere) {
        return new Case("English: " + name, () -> {
            setUp.run();
            fxRun(() -> shell().chooseLanguage(Language.ENGLISH));
        }, () -> stillThere.getAsBoolean() && fx(() -> shell().texts().language() == Language.ENGLISH));
    }

    /**
     * Per screen, orientation and mode: the audit, and that every word fits where it is drawn (the
     * audit measures text, not whether it was cut short with "…" or spills out of its button).
     */
    @TestFactory
    Stream<DynamicNode> everyScreenPassesTheAuditInBothOrientationsAndModes() {
        return cases().stream().map(c -> DynamicContainer.dynamicContainer(c.name(), Stream.of(false, true)
                .flatMap(elder -> Stream.of(Orientation.PORTRAIT, Orientation.LANDSCAPE)
                        .flatMap(o -> Stream.of(audit(c, o, elder), wordsFit(c, o, elder))))));
    }

    private static String name(Orientation o, boolean elder) {
        return o.width + "×" + o.height + (elder ? ", elder mode" : ", normal mode");
    }

    /** Puts the kiosk on the case's screen in the mode (unless it is there already) and returns the view's root. */
    private static Parent show(Case c, Orientation o, boolean elder) {
        settingUpFor = o;
        if (current != c || !c.stillThere().getAsBoolean()) {
            reset();
            c.setUp().run();
            current = c;
        }
        mode(elder);
        Parent root = (o == Orientation.PORTRAIT ? portrait : landscape).getRoot();
        settle(root);
        if (!c.stillThere().getAsBoolean()) {
            // Laid out at this size, a query's table pages anew (as many rows as fit): a case on its second page
            // is set up again at this size.
            reset();
            c.setUp().run();
            current = c;
            mode(elder);
            settle(root);
        }
        assertThat(c.stillThere().getAsBoolean()).as("still on the screen " + c.name()).isTrue();
        QueryStep q = step(QueryStep.class);
        if (q != null && fx(() -> q.stateProperty().get() == QueryStep.State.SHOWN)) {
            rowsOfThePage(c, o, elder, q, root);
        }
        return root;
    }

    private static DynamicTest wordsFit(Case c, Orientation o, boolean elder) {
        String name = name(o, elder);
        return DynamicTest.dynamicTest(name + ": every word fits", () -> {
            List<String> problems = looking(c, o, elder, root -> fx(() -> {
                List<String> p = new ArrayList<>();
                wordsThatDoNotFit(root, p);
                underTheBars(root, p);
                return p;
            }));
            assertThat(problems).as("words on %s at %s:%n%s", c.name(), name, String.join("\n", problems)).isEmpty();
        });
    }

    private static DynamicTest audit(Case c, Orientation o, boolean elder) {
        String name = name(o, elder);
        return DynamicTest.dynamicTest(name + ": accessibility audit", () -> {
            Parent[] audited = new Parent[1];
            List<Violation> violations = looking(c, o, elder, root -> {
                audited[0] = root;
                return AccessibilityAudit.auditOnFxThread(root, elder ? Rules.elder() : Rules.normal());
            });
            int[] seen = fx(() -> seen(audited[0]));
            assertThat(seen[0]).as("texts the audit saw on " + c.name() + " (it must see the screen)").isGreaterThanOrEqualTo(3);
            assertThat(seen[1]).as("touch targets the audit saw on " + c.name()).isGreaterThanOrEqualTo(2);
            assertThat(violations).as("accessibility of %s at %s:%n%s", c.name(), name, AccessibilityAudit.report(violations))
                    .isEmpty();
        });
    }

    /**
     * Looks at the case's screen. One that leaves by itself while it is looked at (a printout comes to its end, the
     * county answers at last) is set up and looked at again, so that what is judged is the screen the case names.
     */
    private static <T> T looking(Case c, Orientation o, boolean elder, java.util.function.Function<Parent, T> look) {
        for (int attempt = 1; ; attempt++) {
            T seen = look.apply(show(c, o, elder));
            if (c.stillThere().getAsBoolean() || attempt == 3) {
                return seen;
            }
            current = null;
        }
    }

    // Putting the kiosk in a state //

    /** Home, nobody there: no cover, the session wiped, Mandarin, normal mode, the reader plugged in and empty. */
    private static void reset() {
        if (lineCut) {
            switchLine(true);
        }
        cables.hold(false);
        if (queryKnobsSet) {
            county.backend().setQueryKnobs(QueryKnobs.none());
            queryKnobsSet = false;
        }
        if (paperOut) {
            demo.receiptPrinter().setPaperEnd(false); // a new roll
            paperOut = false;
        }
        clock.set(TODAY);
        assisted = false;
        demo.a4Printer().setPaperOut(false); // a jam cleared, the tray full (the abilities are set below)
        demo.clearFaults();
        demo.removeCard();
        demo.removeSsCard();
        SsCardReader ssReader = (SsCardReader) kiosk.device(DeviceKind.SSCARD_READER).orElseThrow();
        await("the social security card out", () -> !ssReader.cardPresent());
        if (!demo.plugged()) {
            demo.plugIn();
            await("the reader back", () -> flow().abilitiesProperty().get().devices().contains(DeviceNeed.IDCARD_READER));
        }
        // The abilities the DeviceWatch reports once the line and the printer are back are those set below.
        await(30, "the county and the receipt printer", () -> kiosk.onlineProperty().get() && printerReady());
        fxRun(() -> {
            Shell shell = shell();
            shell.closeHelp();
            shell.continueSession();
            shell.leaveErrorScreen();
            shell.essentialDevices(false);
            flow().end();
            flow().dismissEnd();
            flow().abilitiesProperty().set(everything);
        });
        await("home, nobody there", () -> screen() == Screen.HOME && cover() == Cover.NONE && !flow().session().active()
                && !shell().elderProperty().get() && shell().texts().language() == Language.PUTONGHUA);
        current = null;
    }

    /** What a few pulses on screen do: CSS and layout until sizes settle (a font change or a new page takes two passes). */
    private static void settle(Parent root) {
        fx(() -> {
            for (int pass = 0; pass < 3; pass++) {
                root.applyCss();
                root.layout();
            }
            return null;
        });
    }

    /**
     * A query's page: every row of it drawn, no more rows than the view allows at this size and mode, and fewer in elder
     * mode (bigger rows) than in normal mode at the same size.
     */
    private static void rowsOfThePage(Case c, Orientation o, boolean elder, QueryStep q, Parent root) {
        int perPage = fx(() -> q.rowsPerPageProperty().get());
        assertThat(perPage).as("rows a page on %s at %s", c.name(), name(o, elder))
                .isBetween(1, QueryView.rows(o == Orientation.PORTRAIT, elder));
        int expected = fx(() -> q.pageRows().size());
        assertThat(fx(() -> root.lookupAll(".query-cell").stream().filter(n -> n.getId().endsWith("-0") && shownIn(n)).count()))
                .as("rows drawn on page %d of %s at %s", fx(() -> q.pageProperty().get() + 1), c.name(), name(o, elder))
                .isEqualTo((long) expected);
        String key = c.name() + " " + o;
        if (!elder) {
            NORMAL_ROWS.put(key, perPage);
        } else if (NORMAL_ROWS.containsKey(key)) {
            assertThat(perPage).as("rows a page in elder mode on %s at %s", c.name(), name(o, elder)).isLessThan(NORMAL_ROWS.get(key));
        }
    }

    private static boolean shownIn(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void mode(boolean elder) {
        fx(() -> {
            if (shell().elderProperty().get() != elder) {
                shell().setElder(elder);
            }
            for (Scene s : List.of(portrait, landscape)) {
                s.getStylesheets().remove(ElderStyle.stylesheet());
                if (elder) {
                    s.getStylesheets().add(ElderStyle.stylesheet());
                }
            }
            return null;
        });
    }

    private static void longTheme() {
        fxRun(() -> flow().openTheme(theme(LONG_THEME)));
        assertThat(fx(() -> flow().pageServicesProperty().size())).as("a full first page")
                .isEqualTo(fx(() -> flow().pageSizeProperty().get()));
    }

    /** 搜索 with {@code letters} typed, its index ready. */
    private static void search(String letters) {
        fxRun(() -> flow().openSearch());
        await("the search index", () -> flow().search().stateProperty().get() == cn.yzz.kiosk.app.search.SearchModel.State.READY);
        fxRun(() -> letters.chars().forEach(c -> flow().search().key((char) c)));
    }

    private static boolean searching(String letters) {
        return screen() == Screen.SEARCH && fx(() -> flow().search().lettersProperty().get().equals(letters));
    }

    private static void nothingOfferable() {
        fxRun(() -> {
            flow().openTheme(theme(LONG_THEME));
            flow().abilitiesProperty().set(new Abilities(Set.of(), true, "enhanced"));
        });
        assertThat(fx(() -> flow().pageCountProperty().get())).isZero();
    }

    private static void identifyForService() {
        fxRun(() -> {
            flow().openTheme(theme(LONG_THEME));
            flow().chooseService(flow().catalogue().service(SERVICE).orElseThrow());
        });
        await("waiting for a card", () -> step() == Step.WAITING);
    }

    private static void identifyError() {
        demo.emulator().inject(Fault.CARD_REMOVED_MID_READ, 1);
        identifyForService();
        demo.placeCard(CardFixtures.RESIDENT);
        await("the card to place again", () -> step() == Step.ERROR);
    }

    private static void identifyUnavailable() {
        demo.unplug();
        fxRun(() -> {
            flow().openTheme(theme(LONG_THEME));
            flow().chooseService(flow().catalogue().service(SERVICE).orElseThrow());
        });
        await("the reader unavailable", () -> step() == Step.UNAVAILABLE);
    }

    private static void identifyThreeWays() {
        fxRun(() -> {
            flow().openTheme(theme(LONG_THEME));
            flow().chooseService(flow().catalogue().service("SWJ-0001").orElseThrow());
        });
        await("waiting for any way", () -> step() == Step.WAITING && fx(() -> flow().identify().methodsProperty().size()) == 3);
    }

    private static void unknownCode() {
        identifyThreeWays();
        demo.showCode("YSS-AUDIT-UNKNOWN-0000");
        await("404", () -> flow().identify().problemProperty().get() == IdentifyModel.Problem.CODE_UNKNOWN);
    }

    private static void expiredSsCard() {
        identifyThreeWays();
        demo.insertSsCard(SsCardFixtures.EXPIRED);
        await("expired", () -> flow().identify().problemProperty().get() == IdentifyModel.Problem.SSCARD_EXPIRED);
    }

    private static void identityByCode() {
        identifyThreeWays();
        demo.showCode(cn.yzz.kiosk.backend.DevBackend.DEMO_YSS_CODE);
        await("resolved", () -> step() == Step.DONE);
    }

    private static void identityBySsCard() {
        identifyThreeWays();
        demo.insertSsCard(SsCardFixtures.GEN3);
        await("read", () -> step() == Step.DONE);
    }

    private static void endWithSsCard() {
        identityBySsCard();
        fxRun(() -> flow().useIdentity());
        await("the payment", () -> screen() == Screen.SERVICE);
        fxRun(() -> flow().home());
        await("the end", () -> screen() == Screen.END);
    }

    private static void identityOf(CardFixture card) {
        identifyForService();
        demo.placeCard(card);
        await("the identity of " + card.id(), () -> step() == Step.DONE);
    }

    private static void identifiedAtHome() {
        fxRun(() -> flow().identifyFirst());
        demo.placeCard(CardFixtures.RESIDENT);
        await("the identity", () -> step() == Step.DONE);
        fxRun(() -> flow().useIdentity());
        await("home, identified", () -> screen() == Screen.HOME);
    }

    private static void service() {
        identityOf(CardFixtures.RESIDENT);
        fxRun(() -> flow().useIdentity());
        await("the service", () -> screen() == Screen.SERVICE);
    }

    // A service's visit //

    /**
     * The service chosen from its theme's list, the resident's card read and 继续 tapped: its run's
     * first step. The run counts in real time from here.
     */
    private static void startService(Service s) {
        if (assisted) { // identified at the consent: the run starts at once
            clock.set(REAL_TIME);
            fxRun(() -> {
                flow().openTheme(theme(LONG_THEME));
                flow().chooseService(s);
            });
            await("the run of " + s.code(), () -> screen() == Screen.SERVICE && flow().runProperty().get() != null);
            return;
        }
        startService(s, CardFixtures.RESIDENT);
    }

    private static void startService(Service s, CardFixture card) {
        fxRun(() -> {
            flow().openTheme(theme(LONG_THEME));
            flow().chooseService(s);
        });
        await("waiting for a card", () -> step() == Step.WAITING);
        demo.placeCard(card);
        await("the identity", () -> step() == Step.DONE);
        clock.set(REAL_TIME);
        tap("identity-continue");
        await("the run of " + s.code(), () -> screen() == Screen.SERVICE && flow().runProperty().get() != null);
    }

    // 帮办代办 //

    private static void staffPin() {
        fxRun(() -> flow().openStaff());
        await("the staff's sign-in", () -> screen() == Screen.STAFF);
        for (char c : "246".toCharArray()) {
            tap("staff-key-" + c);
        }
    }

    private static void staffWrongPin() {
        fxRun(() -> flow().openStaff());
        for (char c : "135792".toCharArray()) {
            tap("staff-key-" + c);
        }
        await("the wrong PIN's words", () -> fx(() -> shell().assist().noticeProperty().get() != null));
    }

    private static void consentWaiting() {
        staffPin();
        for (char c : "810".toCharArray()) {
            tap("staff-key-" + c);
        }
        await("the consent", () -> screen() == Screen.CONSENT && step() == Step.WAITING);
    }

    private static void consentGiven() {
        consentWaiting();
        demo.placeCard(CardFixtures.RESIDENT);
        await("the consent given", () -> consent() == Consent.GIVEN);
    }

    private static void consentStaffCard() {
        consentWaiting();
        demo.placeCard(CardFixtures.RESIDENT_FINGERPRINT);
        await("the staff member's own card refused", () -> consent() == Consent.STAFF_CARD);
    }

    private static Consent consent() {
        return fx(() -> screen() == Screen.CONSENT ? shell().assist().consentProperty().get() : null);
    }

    /** 城乡居民基本养老保险参保登记: its first question, 缴费档次, six choices in two columns. */
    private static void choiceQuestion() {
        startService(service("RSJ-0005"));
        awaitOn("the choice of a grade", () -> onField("grade"));
    }

    private static void phoneKeyed() {
        choiceQuestion();
        answer("grade", 1);
        awaitOn("the phone's keypad", () -> onField("phone"));
        key("13800138000");
        tap("key-delete");
        key("0");
        awaitOn("a phone number keyed", () -> onField("phone", f -> f.keyedProperty().get().equals("13800138000")));
    }

    /** A digit short: 确定 says what is wrong, in plain words, above the keypad. */
    private static void phoneProblem() {
        choiceQuestion();
        answer("grade", 1);
        awaitOn("the phone's keypad", () -> onField("phone"));
        key("9");
        tap("key-clear");
        key("1380013800");
        tap("field-ok");
        awaitOn("the problem", () -> onField("phone", f -> f.problemProperty().get() != null));
        assertShown("field-problem", "field-keyed");
    }

    private static void statement() {
        phoneKeyed();
        tap("field-ok");
        awaitOn("the statement", () -> onField("confirm"));
        assertShown("field-confirm");
    }

    private static void applicationSummary() {
        statement();
        tap("field-confirm");
        awaitOn("the summary", () -> on(SummaryStep.class, s -> true));
        assertShown("summary", "summary-confirm");
    }

    private static void submitted() {
        applicationSummary();
        tap("summary-confirm");
        awaitOn("submitted", () -> on(SubmitStep.class, s -> s.stateProperty().get() == SubmitStep.State.DONE));
        assertShown("submit-next");
    }

    private static void receiptQuestion() {
        submitted();
        tap("submit-next");
        awaitOn("是否打印", () -> on(ReceiptStep.class, r -> r.stateProperty().get() == ReceiptStep.State.ASK));
        assertShown("receipt-print", "receipt-skip");
    }

    /** The roll runs out as the villager asks for the receipt: the receipt and its QR code on screen, and why. */
    private static void receiptOnScreen() {
        receiptQuestion();
        paperOut = true;
        demo.receiptPrinter().setPaperEnd(true);
        await("the printer out of paper", () -> !printerReady());
        tap("receipt-print");
        awaitOn("the receipt on screen", () -> on(ReceiptStep.class, r -> r.stateProperty().get() == ReceiptStep.State.ON_SCREEN));
        assertShown("receipt-problem", "receipt-paper", "receipt-qr", "receipt-next");
    }

    private static void evaluation() {
        receiptQuestion();
        tap("receipt-skip");
        awaitOn("好差评", () -> on(EvaluateStep.class, e -> true));
        assertShown("evaluate-1", "evaluate-2", "evaluate-3", "evaluate-4", "evaluate-5", "evaluate-skip");
    }

    private static void lowRating() {
        evaluation();
        tap("evaluate-1");
        awaitOn("the reasons", () -> on(EvaluateStep.class, e -> e.needReasonProperty().get()));
        for (String r : EvaluateStep.REASONS) {
            assertShown("reason-" + r);
        }
        tap("reason-attitude");
        awaitOn("a reason ticked", () -> on(EvaluateStep.class, e -> e.reasons().contains("attitude")));
    }

    private static void lowRatingNoReason() {
        evaluation();
        tap("evaluate-2");
        tap("evaluate-submit");
        awaitOn("the missing reason", () -> on(EvaluateStep.class, e -> e.missingReasonProperty().get()));
        assertShown("evaluate-missing");
    }

    /**
     * 本人 / 家庭 / 代他人: the bundled catalogue splits them into three services (SWJ-0001..3), so the
     * audit makes a one-off that is for all three, with the household's and the other person's questions.
     */
    private static void payer() {
        Service household = service("SWJ-0002");
        List<Field> form = new ArrayList<>(household.form());
        form.add(2, service("SWJ-0003").field("payee").orElseThrow());
        Service anyone = new Service(household.code(), household.department(), "城乡居民养老、医疗保险缴费", household.theme(),
                household.identity(), household.kind(), household.online(), household.models(),
                List.of(Payer.SELF, Payer.HOUSEHOLD, Payer.OTHER), household.pay(), household.output(), household.devices(),
                household.keywords(), "Resident pension and medical insurance contribution", form, household.amount(),
                household.bundleSteps(), "the accessibility audit's one-off: one service for all three payers");
        startService(anyone);
        awaitOn("whom the payment is for", () -> on(PayerStep.class, p -> p.choices().size() == 3));
        assertShown("payer", "payer-self", "payer-household", "payer-other");
    }

    /** 代他人缴费 (SWJ-0003, payer OTHER): the other person's ID number, keyed, ending in X. */
    private static void idNumberKeyed() {
        startService(service("SWJ-0003"));
        answer("insurance", 0);
        awaitOn("the ID number's keypad", () -> onField("payee"));
        String number = idNumberEndingInX();
        key(number.substring(0, 17));
        tap("key-x");
        awaitOn("the number keyed", () -> onField("payee", f -> f.keyedProperty().get().equals(number)));
        assertShown("keypad", "key-x", "key-delete", "key-clear", "field-keyed", "field-ok");
    }

    /** 家庭缴费 (SWJ-0002): the household's members from the county, two of them ticked. */
    private static void household() {
        startService(service("SWJ-0002"));
        answer("insurance", 0);
        awaitOn("the household", () -> onField("members", f -> f.loadingProperty().get() == FieldStep.Loading.LOADED));
        assertThat(fx(() -> step(FieldStep.class).members().size())).as("members of the resident's household").isGreaterThanOrEqualTo(3);
        tap("member-1");
        tap("member-2");
        awaitOn("two ticked", () -> onField("members", f -> f.ticked().size() == 2));
        assertShown("member-0", "member-1", "member-2", "field-ok");
    }

    private static void householdUnreachable() {
        startService(service("SWJ-0002"));
        awaitOn("the insurance", () -> onField("insurance"));
        switchLine(false);
        tap("choice-0");
        awaitOn(30, "the county not answering", () -> onField("members",
                f -> f.loadingProperty().get() == FieldStep.Loading.UNREACHABLE));
        assertShown("household-retry");
    }

    private static void paymentSummary() {
        household();
        tap("field-ok");
        answer("year", 0);
        answer("grade", 1);
        awaitOn("the summary", () -> on(SummaryStep.class, s -> true));
        assertShown("summary", "summary-confirm", "summary-amount");
    }

    /** 本人缴费 (SWJ-0001) answered up to its summary. */
    private static void selfPaymentSummary() {
        startService(service("SWJ-0001"));
        answer("insurance", 0);
        answer("year", 0);
        answer("grade", 1);
        awaitOn("the summary", () -> on(SummaryStep.class, s -> s.amountFen().isPresent()));
    }

    private static void qrCode() {
        selfPaymentSummary();
        tap("summary-confirm");
        awaitOn(30, "the QR code", () -> paying(QrPayStep.State.SHOWING));
        assertShown("pay", "qr-code", "pay-cancel");
    }

    /** The line is cut with the QR code on screen: the order is polled on, and the villager told. */
    private static void lineDown() {
        qrCode();
        switchLine(false);
        awaitOn(30, "the line down", () -> paying(QrPayStep.State.LINE_DOWN));
        assertShown("pay-status", "qr-code");
    }

    /** The villager's phone pays. */
    private static void paid() {
        qrCode();
        String orderId = fx(() -> step(QrPayStep.class).orderProperty().get().orderId());
        assertThat(county.backend().payOrder(orderId)).as("the county knows order " + orderId).isTrue();
        awaitOn(30, "paid", () -> paying(QrPayStep.State.PAID));
        assertShown("pay-next", "pay-receipt-no");
    }

    private static void cancelled() {
        qrCode();
        tap("pay-cancel");
        awaitOn(30, "cancelled", () -> paying(QrPayStep.State.CANCELLED));
        assertShown("pay-give-up", "pay-again");
    }

    /** The line is cut as 确认缴费 is tapped: no order, plain words, 重试 and 不缴了. */
    private static void noOrder() {
        selfPaymentSummary();
        switchLine(false);
        tap("summary-confirm");
        awaitOn(60, "no order", () -> paying(QrPayStep.State.FAILED));
        assertShown("pay-give-up", "pay-again");
    }

    private static void receiptPrinted() {
        paid();
        tap("pay-next");
        awaitOn("是否打印", () -> on(ReceiptStep.class, r -> r.stateProperty().get() == ReceiptStep.State.ASK));
        tap("receipt-print");
        awaitOn(30, "printed", () -> on(ReceiptStep.class, r -> r.stateProperty().get() == ReceiptStep.State.PRINTED));
        assertShown("receipt-next");
    }

    // Queries, printouts and 一件事 //

    /** 城乡居民社保费缴费记录查询 (a year to choose), the county taking 9 s: the progress line after 1 s. */
    private static void queryAsking() {
        queryKnobs(QueryKnobs.none().withDelay(Duration.ofSeconds(9)).onlyFor("SWJ-0008"));
        startService(service("SWJ-0008"));
        answer("year", 0);
        awaitOn("the progress line", () -> querying(q -> q.stateProperty().get() == QueryStep.State.ASKING && q.slowProperty().get()));
        assertShown("query-words");
    }

    /** 社保查询: the resident's 21 years, more than a page in every orientation and mode. */
    private static void queryShown() {
        startService(service("RSJ-0002"));
        awaitOn("the table", () -> querying(q -> q.stateProperty().get() == QueryStep.State.SHOWN));
        assertThat(fx(() -> step(QueryStep.class).answerProperty().get().body().size())).as("years of the resident's record")
                .isGreaterThan(QueryView.rows(true, false));
        assertShown("query-table", "query-page", "query-next", "query-done");
    }

    private static void querySecondPage() {
        queryShown();
        // The table pages by the room it has: laid out at the size it is audited at first, then turned.
        settle((settingUpFor == Orientation.PORTRAIT ? portrait : landscape).getRoot());
        tap("query-next");
        awaitOn("page 2", () -> querying(q -> q.pageProperty().get() == 1));
        assertShown("query-previous", "query-footer");
    }

    /** 养老待遇发放信息查询 for a villager not yet retired: nothing found, and the county's note why. */
    private static void queryEmpty() {
        startService(service("RSJ-0008"));
        awaitOn("nothing found", () -> querying(q -> q.stateProperty().get() == QueryStep.State.EMPTY));
        assertShown("query-words", "query-note", "query-done");
    }

    /** A Hong Kong resident the county has no record of: 404. */
    private static void queryNotFound() {
        startService(service("RSJ-0002"), CardFixtures.HKMOTW);
        awaitOn("not found", () -> querying(q -> q.stateProperty().get() == QueryStep.State.FAILED));
        assertShown("query-words", "query-retry");
    }

    /** The line cut while the villager chooses the year. */
    private static void queryOffline() {
        startService(service("SWJ-0008"));
        awaitOn("the year", () -> onField("year"));
        switchLine(false);
        tap("choice-0");
        awaitOn(30, "the query failed", () -> querying(q -> q.stateProperty().get() == QueryStep.State.FAILED));
        assertShown("query-words", "query-retry");
    }

    /** The county's answer cut off mid-JSON. */
    private static void queryBroken() {
        queryKnobs(QueryKnobs.none().withAnswer(QueryKnobs.Answer.MALFORMED).onlyFor("SWJ-0008"));
        startService(service("SWJ-0008"));
        answer("year", 0);
        awaitOn("the query failed", () -> querying(q -> q.stateProperty().get() == QueryStep.State.FAILED));
        assertShown("query-words", "query-retry");
    }

    /** 社保打印: the resident's contributions month by month (seven columns, twenty years) under 打印 and 不打印. */
    private static void printPreview() {
        startService(service("RSJ-0003"));
        awaitOn("the preview", () -> querying(q -> q.stateProperty().get() == QueryStep.State.SHOWN));
        assertShown("query-table", "query-print", "query-done");
    }

    /** A jam cleared, the tray full: the A4 printer ready again, and the kiosk knows it. */
    private static void a4Ready() {
        demo.a4Printer().setPaperOut(false);
        await("the A4 printer ready", () -> flow().abilitiesProperty().get().devices().contains(DeviceNeed.A4_PRINTER));
    }

    /** 打印, and the A4 printer jams after the first page: why, in its words, and 再试一次. */
    private static void printoutFailed() {
        a4Ready(); // set up again after a jam: the printer cleared first
        printPreview();
        demo.a4Printer().jamNextJob();
        tap("query-print");
        awaitOn(30, "the printout failed", () -> printingIs(PrintoutStep.State.FAILED));
        assertShown("printout-text", "printout-retry");
    }

    /**
     * A service that prints its answer on the receipt printer (the bundled catalogue has none yet, so the audit makes
     * one of 社保查询), the printer taking its time: its cable holds what the kiosk sends until the next reset.
     */
    private static void printoutPrinting() {
        startService(onTheReceiptPrinter(service("RSJ-0002")));
        awaitOn("the preview", () -> querying(q -> q.stateProperty().get() == QueryStep.State.SHOWN));
        cables.hold(true);
        tap("query-print");
        awaitOn("printing", () -> printingIs(PrintoutStep.State.PRINTING));
    }

    /** The same, a short one (户籍证明 for 入学), printed: 请取走打印件. */
    private static void printoutDone() {
        startService(onTheReceiptPrinter(service("GAJ-0009")));
        answer("purpose", 0);
        awaitOn("the preview", () -> querying(q -> q.stateProperty().get() == QueryStep.State.SHOWN));
        tap("query-print");
        awaitOn(60, "printed", () -> printingIs(PrintoutStep.State.DONE));
        assertShown("printout-next");
    }

    private static Service onTheReceiptPrinter(Service s) {
        return new Service(s.code(), s.department(), s.name(), s.theme(), s.identity(), Kind.PRINT, s.online(), s.models(),
                s.payers(), s.pay(), Output.RECEIPT, List.of(DeviceUse.RECEIPT_PRINTER), s.keywords(), s.englishName(), s.form(),
                s.amount(), s.bundleSteps(), "the accessibility audit's one-off: printed on the receipt printer");
    }

    /**
     * 残疾人服务一件事, seven steps, the longest list of the bundled catalogue, with an eighth this kiosk cannot do
     * (自助寻亲 needs a camera, which it has not): listed last, with where to do it instead. The audit's one-off, as a
     * county's catalogue may have it.
     */
    private static void longBundleStart() {
        Service s = service("MULTI-0002");
        List<String> steps = new ArrayList<>(s.bundleSteps());
        steps.add("MZJ-0012");
        startService(new Service(s.code(), s.department(), s.name(), s.theme(), s.identity(), s.kind(), s.online(), s.models(),
                s.payers(), s.pay(), s.output(), s.devices(), s.keywords(), s.englishName(), s.form(), s.amount(), steps,
                "the accessibility audit's one-off: a bundle with a step this kiosk cannot do"));
        awaitOn("the bundle's list", () -> on(BundleStep.class, b -> b.nextProperty().get() == 1));
        assertThat(fx(() -> step(BundleStep.class).itemsProperty().stream().map(i -> i.status()).toList()))
                .as("the steps listed").containsExactly(BundleStep.Status.NEXT, BundleStep.Status.LEFT, BundleStep.Status.LEFT,
                        BundleStep.Status.LEFT, BundleStep.Status.LEFT, BundleStep.Status.LEFT, BundleStep.Status.LEFT,
                        BundleStep.Status.NOT_HERE);
        assertShown("bundle-go", "bundle-skip", "bundle-item-1", "bundle-item-8", "bundle-status-8");
    }

    /** 新生儿出生一件事: five steps, none done. */
    private static void bundleStart() {
        startService(service(BUNDLE));
        awaitOn("the bundle's list", () -> on(BundleStep.class, b -> b.nextProperty().get() == 1));
        assertThat(fx(() -> step(BundleStep.class).itemsProperty().size())).as("steps listed").isEqualTo(BUNDLE_STEPS);
        assertShown("bundle-go", "bundle-skip", "bundle-list");
    }

    /** Its first step's phone number: the keypad under the bundle's name and 第 1 步 / 共 5 步. */
    private static void bundleQuestion() {
        bundleStart();
        tap("bundle-go");
        awaitOn("the first step's phone", () -> onField("phone"));
        assertShown("keypad", "step-service");
    }

    private static void bundleHalfWay() {
        bundleQuestion();
        key("13800138000");
        tap("field-ok");
        applicationSubmitted();
        awaitOn("the list, one done", () -> on(BundleStep.class, b -> b.nextProperty().get() == 2));
        assertShown("bundle-go", "bundle-skip");
    }

    /** 退休一件事: both steps done (the second does not ask the phone number again). */
    private static void bundleAllDone() {
        startService(service("MULTI-0003"));
        awaitOn("the bundle's list", () -> on(BundleStep.class, b -> b.nextProperty().get() == 1));
        tap("bundle-go");
        awaitOn("the phone", () -> onField("phone"));
        key("13800138000");
        tap("field-ok");
        applicationSubmitted();
        awaitOn("the list, one done", () -> on(BundleStep.class, b -> b.nextProperty().get() == 2));
        tap("bundle-go");
        applicationSubmitted();
        awaitOn("all done", () -> on(BundleStep.class, b -> b.nextProperty().get() == 0));
        assertShown("bundle-go");
    }

    /** One step of five done, then 首页: the end screen lists the four left. */
    private static void endWithStepsLeft() {
        bundleHalfWay();
        tap("nav-home");
        awaitOn("the end screen", () -> screen() == Screen.END);
        assertShown("end-left", "end-left-1", "end-left-4");
    }

    /** From an application's statement to confirm, through its summary and submission, to 是否打印 answered 不打印. */
    private static void applicationSubmitted() {
        awaitOn("the statement", () -> onField("confirm"));
        tap("field-confirm");
        awaitOn("the summary", () -> on(SummaryStep.class, s -> true));
        tap("summary-confirm");
        awaitOn("submitted", () -> on(SubmitStep.class, s -> s.stateProperty().get() == SubmitStep.State.DONE));
        tap("submit-next");
        awaitOn("是否打印", () -> on(ReceiptStep.class, r -> r.stateProperty().get() == ReceiptStep.State.ASK));
        tap("receipt-skip");
    }

    /** Spoils the county's queries until the next {@link #reset()}. */
    private static void queryKnobs(QueryKnobs knobs) {
        queryKnobsSet = true;
        county.backend().setQueryKnobs(knobs);
    }

    /** A well-formed ID number whose check character is X (the resident's birth date, another sequence number). */
    private static String idNumberEndingInX() {
        for (int seq = 1; seq < 1000; seq++) {
            String n = IdNumbers.complete("44180219850312" + String.format("%03d", seq));
            if (n.endsWith("X")) {
                return n;
            }
        }
        throw new AssertionError("no sequence number gives an X");
    }

    /** Cuts the county's line, or puts it back, as the simulator's switch does. */
    private static void switchLine(boolean up) {
        lineCut = !up;
        county.network(up);
        kiosk.networkChanged(up);
    }

    /** Taps the choice on the question {@code field}, once it shows. */
    private static void answer(String field, int choice) {
        awaitOn("the question " + field, () -> onField(field));
        tap("choice-" + choice);
    }

    /** Taps the keypad's keys. */
    private static void key(String keys) {
        for (char c : keys.toCharArray()) {
            tap("key-" + Character.toLowerCase(c));
        }
    }

    /**
     * Fires the button as a tap does, in the portrait view (both views are bound to the same shell);
     * fails when it is not there, not shown or disabled.
     */
    private static void tap(String id) {
        String problem = fx(() -> {
            Node n = portrait.lookup("#" + id);
            if (!(n instanceof ButtonBase b)) {
                return "no button #" + id;
            }
            for (Node p = b; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return "#" + id + " is not shown";
                }
            }
            if (b.isDisabled()) {
                return "#" + id + " is disabled";
            }
            b.fire();
            return null;
        });
        assertThat(problem).as("tapping #" + id).isNull();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void assertShown(String... ids) {
        for (String id : ids) {
            assertThat(visible(portrait, id)).as("#" + id + " shown").isTrue();
            assertThat(visible(landscape, id)).as("#" + id + " shown in landscape").isTrue();
        }
    }

    private static void endWithReceipt() {
        service();
        fxRun(() -> {
            flow().session().receiptPrinted();
            flow().end();
        });
        assertThat(fx(() -> flow().remindCardProperty().get() && flow().remindReceiptProperty().get())).isTrue();
    }

    private static void idleWarning() {
        fxRun(() -> {
            flow().openTheme(theme(LONG_THEME));
            shell().walkAway();
        });
    }

    private static void error() {
        service();
        fxRun(() -> shell().unexpectedError(new IllegalStateException("a deliberate error for the audit")));
    }

    /**
     * The demo rig's devices, the receipt printer's cable able to hold what the kiosk sends, as a printer busy with a
     * long printout does: 正在打印 stays on screen while it is audited. A held write waits at most a minute.
     */
    private static final class HeldPrinter implements DeviceLinks {
        private final DemoRig rig;
        private boolean holding; // guarded by this

        HeldPrinter(DemoRig rig) {
            this.rig = rig;
        }

        synchronized void hold(boolean on) {
            holding = on;
            notifyAll();
        }

        private synchronized void waitWhileHeld() throws java.io.InterruptedIOException {
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
            try {
                while (holding && System.nanoTime() < end) {
                    wait(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while the printer was held");
            }
        }

        @Override
        public java.util.Optional<Link> link(DeviceKind kind) {
            return rig.link(kind).map(l -> kind != DeviceKind.RECEIPT_PRINTER ? l
                    : new Link(baud -> held(l.opener().open(baud)), l.baud()));
        }

        @Override
        public boolean takenAsPresent(DeviceKind kind) {
            return rig.takenAsPresent(kind);
        }

        @Override
        public java.util.Optional<cn.yzz.kiosk.device.Device> standIn(cn.yzz.kiosk.device.profile.DeviceSpec spec) {
            return rig.standIn(spec); // the demo's A4 printer
        }

        @Override
        public java.util.Optional<javax.smartcardio.CardTerminal> cardTerminal(DeviceKind kind) {
            return rig.cardTerminal(kind); // the demo's social security card slot
        }

        private SerialLink held(SerialLink link) {
            return new SerialLink() {
                @Override
                public String port() {
                    return link.port();
                }

                @Override
                public void write(byte[] data, int offset, int length) throws java.io.IOException {
                    waitWhileHeld();
                    link.write(data, offset, length);
                }

                @Override
                public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws java.io.IOException {
                    return link.read(buffer, offset, length, timeoutMillis);
                }

                @Override
                public void discardInput() throws java.io.IOException {
                    link.discardInput();
                }

                @Override
                public int available() throws java.io.IOException {
                    return link.available();
                }

                @Override
                public int baudRate() {
                    return link.baudRate();
                }

                @Override
                public void setBaudRate(int baud) throws java.io.IOException {
                    link.setBaudRate(baud);
                }

                @Override
                public void close() {
                    link.close();
                }
            };
        }
    }

    // Reading the state //

    private static Shell shell() {
        return kiosk.shell();
    }

    private static KioskFlowModel flow() {
        return kiosk.model();
    }

    private static Theme theme(String id) {
        return flow().catalogue().theme(id).orElseThrow();
    }

    private static Screen screen() {
        return fx(() -> flow().screenProperty().get());
    }

    private static Cover cover() {
        return fx(() -> shell().coverProperty().get());
    }

    private static Step step() {
        return fx(() -> flow().identify().stepProperty().get());
    }

    private static Service service(String code) {
        return flow().catalogue().service(code).orElseThrow();
    }

    /** The run's current step if it is a {@code type}, else null. */
    private static <T extends cn.yzz.kiosk.app.service.Step> T step(Class<T> type) {
        return fx(() -> {
            ServiceRun run = flow().runProperty().get();
            cn.yzz.kiosk.app.service.Step s = run == null ? null : run.currentProperty().get();
            return type.isInstance(s) ? type.cast(s) : null;
        });
    }

    /** The service screen, nothing over it, showing a {@code type} step for which {@code test} holds. */
    private static <T extends cn.yzz.kiosk.app.service.Step> boolean on(Class<T> type, Predicate<T> test) {
        return fx(() -> {
            if (flow().screenProperty().get() != Screen.SERVICE || shell().coverProperty().get() != Cover.NONE) {
                return false;
            }
            T s = step(type);
            return s != null && test.test(s);
        });
    }

    private static boolean onField(String id) {
        return onField(id, f -> true);
    }

    private static boolean onField(String id, Predicate<FieldStep> test) {
        return on(FieldStep.class, f -> f.field().id().equals(id) && test.test(f));
    }

    private static boolean paying(QrPayStep.State state) {
        return on(QrPayStep.class, q -> q.stateProperty().get() == state);
    }

    private static boolean querying(Predicate<QueryStep> test) {
        return on(QueryStep.class, test);
    }

    private static boolean printingIs(PrintoutStep.State state) {
        return on(PrintoutStep.class, p -> p.stateProperty().get() == state);
    }

    private static boolean printerReady() {
        return kiosk.device(DeviceKind.RECEIPT_PRINTER).map(d -> d.state() == DeviceState.IDLE).orElse(false);
    }

    private static void awaitOn(String what, BooleanSupplier condition) {
        awaitOn(cn.yzz.kiosk.app.support.SceneProbe.WAIT_SECONDS, what, condition);
    }

    private static void awaitOn(long seconds, String what, BooleanSupplier condition) {
        await(seconds, what, condition::getAsBoolean);
    }

    // What the audit can see //

    /**
     * The texts and touch targets a villager can see under {@code root}, found as the audit finds
     * them (visible, not transparent, not marked audit-ignore, inside the screen and any clip).
     */
    private static int[] seen(Parent root) {
        int[] counts = new int[2];
        Scene scene = root.getScene();
        count(root, new BoundingBox(0, 0, scene.getWidth(), scene.getHeight()), counts);
        return counts;
    }

    private static void count(Node node, Bounds area, int[] counts) {
        if (!node.isVisible() || node.getOpacity() <= 0 || node.getStyleClass().contains("audit-ignore")) {
            return;
        }
        Bounds inside = area;
        if (node.getClip() != null) {
            inside = overlap(area, node.getLocalToSceneTransform().transform(node.getClip().getBoundsInParent()));
            if (inside == null) {
                return;
            }
        }
        Bounds b = node.getLocalToSceneTransform().transform(node.getLayoutBounds());
        if (overlap(b, inside) != null) {
            if (node instanceof Text t && t.getText() != null && !t.getText().isBlank()) {
                counts[0]++;
            }
            if (node instanceof ButtonBase || node.getStyleClass().contains("touch-target")) {
                counts[1]++;
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                count(child, inside, counts);
            }
        }
    }

    /**
     * Shown words cut short (a label showing "…" instead of its text), or sticking out of their
     * button or label, or off the screen, one line each.
     */
    private static void wordsThatDoNotFit(Node node, List<String> out) {
        if (!node.isVisible() || node.getOpacity() <= 0 || node.getStyleClass().contains("audit-ignore")) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text t && child != l.getGraphic() && !l.getText().equals(t.getText())) {
                    out.add("cut short: " + describe(l) + " shows \"" + t.getText() + "\"");
                }
            }
        }
        if (node instanceof Text t && t.getText() != null && !t.getText().isBlank()) {
            Bounds tb = sceneBounds(t);
            Scene scene = t.getScene();
            if (!within(tb, new BoundingBox(0, 0, scene.getWidth(), scene.getHeight()))) {
                out.add("off the screen: \"" + oneLine(t.getText()) + "\" " + at(tb));
            }
            for (Node up = t.getParent(); up != null; up = up.getParent()) {
                if (up instanceof Labeled holder && !within(tb, sceneBounds(holder))) {
                    out.add("sticks out: \"" + oneLine(t.getText()) + "\" " + at(tb) + " out of " + describe(holder));
                    break;
                }
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                wordsThatDoNotFit(child, out);
            }
        }
    }

    /**
     * A service's step taller than the room between the header and the bottom bar overflows under
     * them: its words and buttons must not reach under either.
     */
    private static void underTheBars(Parent root, List<String> out) {
        List<Bounds> bars = new ArrayList<>();
        for (String bar : List.of(".header", ".nav-bar", ".assist-banner")) { // 帮办代办's banner is a bar too
            for (Node n : root.lookupAll(bar)) {
                if (n.isVisible()) {
                    bars.add(sceneBounds(n));
                }
            }
        }
        for (String id : List.of("#service", "#staff", "#consent")) {
            Node page = root.lookup(id);
            if (page != null && page.isVisible()) {
                under(page, bars, out);
            }
        }
    }

    private static void under(Node node, List<Bounds> bars, List<String> out) {
        if (!node.isVisible() || node.getOpacity() <= 0 || node.getStyleClass().contains("audit-ignore")) {
            return;
        }
        boolean text = node instanceof Text t && t.getText() != null && !t.getText().isBlank();
        if (text || node instanceof ButtonBase) {
            Bounds b = sceneBounds(node);
            for (Bounds bar : bars) {
                Bounds o = overlap(b, bar);
                if (o != null && o.getWidth() > 1 && o.getHeight() > 1) {
                    out.add("under the header or the bottom bar: " + (node instanceof Labeled l ? describe(l)
                            : "\"" + oneLine(((Text) node).getText()) + "\" " + at(b)) + ", the bar " + at(bar));
                    return;
                }
            }
            if (node instanceof ButtonBase) {
                return;
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                under(child, bars, out);
            }
        }
    }

    /** Inside, give or take a pixel of rounding. */
    private static boolean within(Bounds inner, Bounds outer) {
        return inner.getMinX() >= outer.getMinX() - 1 && inner.getMinY() >= outer.getMinY() - 1
                && inner.getMaxX() <= outer.getMaxX() + 1 && inner.getMaxY() <= outer.getMaxY() + 1;
    }

    private static Bounds sceneBounds(Node n) {
        return n.getLocalToSceneTransform().transform(n.getLayoutBounds());
    }

    private static String describe(Labeled l) {
        return l.getClass().getSimpleName() + (l.getId() != null ? "#" + l.getId() : "")
                + (l.getStyleClass().isEmpty() ? "" : l.getStyleClass().toString()) + " \"" + oneLine(l.getText()) + "\" "
                + at(sceneBounds(l));
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 40 ? one : one.substring(0, 40) + "…";
    }

    private static String at(Bounds b) {
        return String.format(java.util.Locale.ROOT, "@(%d,%d %dx%d)", Math.round(b.getMinX()), Math.round(b.getMinY()),
                Math.round(b.getWidth()), Math.round(b.getHeight()));
    }

    private static Bounds overlap(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return maxX > minX && maxY > minY ? new BoundingBox(minX, minY, maxX - minX, maxY - minY) : null;
    }
}
