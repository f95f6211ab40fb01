package cn.yzz.kiosk.app;

import cn.yzz.kiosk.demo.DemoCounty;
import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.service.BundleStep;
import cn.yzz.kiosk.app.service.PrintoutStep;
import cn.yzz.kiosk.app.service.QueryStep;
import cn.yzz.kiosk.backend.QueryKnobs;
import cn.yzz.kiosk.cache.catalog.DeviceUse;
import cn.yzz.kiosk.cache.catalog.Output;
import cn.yzz.kiosk.cache.catalog.Service;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Runs the real kiosk full screen on emulated devices under a real X display, walks every screen
 * by tapping its buttons (and, for what a villager cannot cause, by calling the shell as the device
 * watch and the error guard would), and captures each with ImageMagick's {@code import -window
 * root}. Started by {@link ScreenshotTest} in a JVM of its own (GTK, not Monocle), once per
 * orientation and mode.
 *
 * <p>Arguments: output directory, orientation (the file name prefix), mode ({@code normal} or
 * {@code elder}), data directory. Prints {@code captured=<file>} per screen, {@code layout=<file>:
 * <problem>} for text cut short or a button's content spilling out of it, and the CJK check; exits
 * 0 when every step worked and every shot of {@link #SHOTS} was taken (layout problems are for
 * ScreenshotTest to judge).
 */
public final class ScreenshotTour {

    /** Normal text, or elder mode (larger text, fewer services a page), switched on by 长辈模式. */
    public enum Mode {
        NORMAL, ELDER;

        public String fileName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode of(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** Screens captured in each mode, as {@code <orientation>-<mode>-<screen>.png}. */
    private static final List<String> SCREENS = List.of(
            "home", "services", "help", "idle-warning",
            "identify-waiting", "identify-error", "identity-resident", "home-identified", "end",
            // a service's steps: an application, then a household payment by phone
            "form-choice", "form-keypad", "form-keypad-error", "form-confirm", "summary", "submit-done", "receipt-ask",
            "receipt-on-screen", "evaluate", "evaluate-reasons",
            "household", "summary-pay", "pay-qr", "pay-line-down", "paid", "receipt-printed",
            "identity-elder-yao", "identity-foreign2023", "identity-bad-check",
            "services-none", "home-nothing-offerable", "out-of-service", "error", "identify-unavailable",
            "search-results", "search-none",
            // queries and printouts: the county slow, then not answering; a broken answer; a table; nothing found;
            // a person it does not know; a print service's preview, the A4 printer failing, a receipt printout done
            "query-asking", "query-failed-slow", "query-failed-broken", "query-table", "query-empty",
            "query-failed-not-found", "print-preview", "printout-failed", "printout-done",
            // 一件事: the list, a step's question, the list half way, the end with the steps left, all done
            "bundle-start", "bundle-question", "bundle-half", "end-left", "bundle-done",
            // paying in cash: what is due and the notes taken, a note credited, one handed back, the cash box out
            // (trouble), 取消 asked again, the change voucher of a cancelled payment, then paid with a voucher for the difference
            "cash-due", "cash-credited", "cash-returned", "cash-trouble", "cash-confirm-cancel", "cash-voucher",
            "cash-paid-voucher");

    /** Screens also captured in English, in the normal-mode run, as {@code <orientation>-english-<screen>.png}. */
    private static final List<String> ENGLISH_SCREENS = List.of("home", "services", "help", "identity-resident",
            "form-keypad", "summary", "pay-qr", "evaluate-reasons");

    /**
     * Every shot a run takes, by mode: the file names without {@code <orientation>-} and
     * {@code .png}. The tour takes exactly these and ScreenshotTest expects exactly these.
     */
    public static final Map<Mode, List<String>> SHOTS = Map.of(
            Mode.NORMAL, Stream.concat(SCREENS.stream().map(s -> "normal-" + s),
                    ENGLISH_SCREENS.stream().map(s -> "english-" + s)).toList(),
            Mode.ELDER, SCREENS.stream().map(s -> "elder-" + s).toList());

    /** The kiosk's settings for the tour: no voice, no debounce, a 60 s card wait, an idle warning only when asked for. */
    static final Kiosk.Settings SETTINGS = new Kiosk.Settings(Duration.ofSeconds(60),
            new IdleWatch.Settings(Duration.ofHours(1), Duration.ofSeconds(30)), Duration.ZERO, false);

    /** Share of the pixels that may differ between the scene and its screenshot: the spinner turns, the countdown counts. */
    private static final double MOVING = 0.005;

    private ScreenshotTour() {}

    public static void main(String[] args) {
        Application.launch(TourApp.class, args);
    }

    /** The JavaFX side of the tour. */
    public static final class TourApp extends Application {

        private Kiosk kiosk;
        private DemoRig rig;
        private Shell shell;
        private KioskFlowModel flow;
        private Scene scene;
        private Path out;
        private String orientation;
        private Mode mode;
        private final Set<String> taken = new LinkedHashSet<>();
        private DemoCounty county;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> a = getParameters().getRaw();
            out = Path.of(a.get(0));
            orientation = a.get(1);
            mode = Mode.of(a.get(2));
            Path data = Path.of(a.get(3));
            Files.createDirectories(out);
            KioskLog.setup(data);
            rig = DemoRig.start(data.resolve("receipts"));
            kiosk = Kiosk.create(DemoOptions.kiosk(data), CatalogParser.bundled(), Clock.systemDefaultZone(), SETTINGS, rig);
            shell = kiosk.shell();
            flow = kiosk.model();
            scene = kiosk.show(stage);
            kiosk.openDevicesInBackground();
            county = DemoCounty.start(data, "enhanced"); // the demo's county backend: payments by phone are real HTTP
            kiosk.connectCountyInBackground(() -> { });
            Thread tour = new Thread(() -> {
                int code = 1;
                try {
                    walk();
                    checkAllTaken();
                    checkCjk();
                    code = 0;
                } catch (Throwable t) {
                    System.out.println("tour failed: " + t);
                    t.printStackTrace(System.out);
                }
                System.out.flush();
                Runtime.getRuntime().halt(code); // no orderly shutdown needed, and none can hang
            }, "tour");
            tour.setDaemon(true);
            tour.start();
        }

        private void walk() throws Exception {
            DemoRig demo = rig;
            elderIfNeeded();
            capture("home");

            tap("#tile-social-insurance");
            awaitScreen(Screen.SERVICES);
            capture("services");

            tap("#nav-help");
            awaitCover(Cover.HELP);
            capture("help");
            tap("#help-close");
            awaitCover(Cover.NONE);

            onFx(shell::walkAway);
            awaitCover(Cover.IDLE_WARNING);
            capture("idle-warning");
            tap("#idle-continue");
            awaitCover(Cover.NONE);
            tap("#nav-home");
            awaitScreen(Screen.HOME);

            // Identify first: waiting, a card lifted mid-read, then read.
            tap("#home-identify");
            awaitStep(Step.WAITING);
            capture("identify-waiting");
            demo.emulator().inject(Fault.CARD_REMOVED_MID_READ, 1);
            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.ERROR);
            capture("identify-error");
            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.DONE);
            capture("identity-resident");

            // 选择办理事项: home with the greeting, then a service straight away, then the end with both reminders.
            tap("#identity-continue");
            await("home, identified",
                    () -> flow.screenProperty().get() == Screen.HOME && flow.session().personProperty().get() != null);
            capture("home-identified");
            await("the outbox open", () -> kiosk.countyOpen() && kiosk.onlineProperty().get());
            application();
            payment(demo);
            cash(demo);
            queries(demo);
            printouts(demo);
            bundles(demo);

            identityOf(demo, CardFixtures.ELDER_YAO_LONG_TERM, "identity-elder-yao");
            identityOf(demo, CardFixtures.FOREIGN_2023, "identity-foreign2023");
            identityOf(demo, CardFixtures.RESIDENT_BAD_CHECK, "identity-bad-check");

            // 搜索: letters typed on the keypad with their results, then letters that find nothing.
            elderIfNeeded();
            tap("#tile-search");
            awaitScreen(Screen.SEARCH);
            await("the search index", () -> flow.search().stateProperty().get() == cn.yzz.kiosk.app.search.SearchModel.State.READY);
            for (char c : "cxjm".toCharArray()) {
                tap("#letter-" + c);
            }
            await("results", () -> flow.search().countProperty().get() > 0);
            capture("search-results");
            tap("#letter-clear");
            for (char c : "qqq".toCharArray()) {
                tap("#letter-" + c);
            }
            await("nothing found", () -> flow.search().noneFound());
            capture("search-none");
            tap("#nav-home");
            awaitScreen(Screen.HOME);

            // Nothing can be offered: a theme's empty list (only reachable from code: its tile is off), and home.
            Abilities before = fx(() -> flow.abilitiesProperty().get());
            elderIfNeeded();
            Theme shebao = flow.catalogue().themes().stream().filter(t -> t.id().equals("social-insurance")).findFirst().orElseThrow();
            onFx(() -> {
                flow.abilitiesProperty().set(new Abilities(Set.of(), true, "enhanced"));
                flow.openTheme(shebao);
            });
            awaitScreen(Screen.SERVICES);
            await("the empty list", () -> flow.pageCountProperty().get() == 0);
            capture("services-none");
            tap("#nav-home");
            awaitScreen(Screen.HOME);
            capture("home-nothing-offerable");
            onFx(() -> flow.abilitiesProperty().set(before));

            // The villager walked away: the visit ends, and with no visit the out-of-service screen can come.
            onFx(shell::walkAway);
            awaitCover(Cover.IDLE_WARNING);
            tap("#idle-end");
            awaitVisitOver();
            onFx(() -> shell.essentialDevices(true));
            awaitCover(Cover.OUT_OF_SERVICE);
            elderIfNeeded();
            capture("out-of-service");
            onFx(() -> shell.essentialDevices(false));
            awaitCover(Cover.NONE);

            // An unexpected error wipes the visit (elder mode too) and shows the friendly screen.
            onFx(() -> shell.unexpectedError(new IllegalStateException("screenshot")));
            awaitCover(Cover.ERROR);
            elderIfNeeded();
            capture("error");
            tap("#error-home");
            awaitCover(Cover.NONE);

            if (mode == Mode.NORMAL) {
                english(demo);
            }

            // Last, since the reader takes a while to come back: the cable pulled.
            demo.removeCard();
            elderIfNeeded();
            demo.unplug();
            tap("#home-identify");
            awaitStep(Step.UNAVAILABLE);
            capture("identify-unavailable");
            demo.plugIn();
        }

        /** 城乡居民基本养老保险参保登记, identified already: every kind of question, the summary, submitted, the receipt, 好差评. */
        private void application() throws Exception {
            tap("#tile-social-insurance");
            awaitScreen(Screen.SERVICES);
            tapService("RSJ-0005");
            awaitScreen(Screen.SERVICE);
            await("the first question", () -> scene.lookup("#field") != null && shown(scene.lookup("#field")));
            capture("form-choice"); // the service's first screen
            tap("#choice-1");
            await("the phone", () -> scene.lookup("#keypad") != null && shown(scene.lookup("#keypad")));
            for (char c : "1380013800".toCharArray()) {
                tap("#key-" + c);
            }
            capture("form-keypad");
            tap("#field-ok");
            await("the problem", () -> shown(scene.lookup("#field-problem")));
            capture("form-keypad-error");
            tap("#key-0");
            tap("#field-ok");
            await("the statement", () -> scene.lookup("#field-confirm") != null && shown(scene.lookup("#field-confirm")));
            capture("form-confirm");
            tap("#field-confirm");
            await("the summary", () -> scene.lookup("#summary") != null && shown(scene.lookup("#summary")));
            capture("summary");
            tap("#summary-confirm");
            await("submitted", () -> scene.lookup("#submit-next") != null && shown(scene.lookup("#submit-next")));
            capture("submit-done");
            tap("#submit-next");
            await("是否打印", () -> scene.lookup("#receipt-print") != null && shown(scene.lookup("#receipt-print")));
            capture("receipt-ask");
            rig.receiptPrinter().setPaperEnd(true); // the roll runs out as the villager asks for the receipt
            tap("#receipt-print");
            await("the receipt on screen", () -> shown(scene.lookup("#receipt-problem")));
            capture("receipt-on-screen");
            rig.receiptPrinter().setPaperEnd(false);
            tap("#receipt-next");
            await("好差评", () -> scene.lookup("#evaluate") != null && shown(scene.lookup("#evaluate")));
            capture("evaluate");
            tap("#evaluate-1");
            await("the reasons", () -> shown(scene.lookup("#evaluate-reasons")));
            tap("#reason-attitude");
            capture("evaluate-reasons");
            tap("#evaluate-submit");
            awaitScreen(Screen.END);
            capture("end");
            tap("#end-done");
            awaitVisitOver();
        }

        /** 城乡居民养老、医疗保险缴费（家庭）: the household ticked, the QR code, the line cut and back, paid by the phone, printed. */
        private void payment(DemoRig demo) throws Exception {
            demo.removeCard();
            elderIfNeeded();
            tap("#home-identify");
            awaitStep(Step.WAITING);
            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.DONE);
            tap("#identity-continue");
            awaitScreen(Screen.HOME);
            tap("#tile-social-insurance");
            awaitScreen(Screen.SERVICES);
            tapService("SWJ-0002");
            awaitScreen(Screen.SERVICE);
            await("the insurance", () -> scene.lookup("#choice-0") != null && shown(scene.lookup("#choice-0")));
            tap("#choice-0");
            await("the household", () -> scene.lookup("#member-2") != null && shown(scene.lookup("#member-2")));
            tap("#member-1");
            tap("#member-2");
            capture("household");
            tap("#field-ok");
            await("the year", () -> scene.lookup("#choice-0") != null && shown(scene.lookup("#choice-0")));
            tap("#choice-0");
            await("the grade", () -> scene.lookup("#choice-1") != null && shown(scene.lookup("#choice-1"))
                    && scene.lookup("#choice-5") != null);
            tap("#choice-1");
            await("the summary", () -> scene.lookup("#summary") != null && shown(scene.lookup("#summary")));
            capture("summary-pay");
            tap("#summary-confirm");
            await("the QR code", () -> scene.lookup("#qr-code") != null && shown(scene.lookup("#qr-code")));
            capture("pay-qr");
            county.network(false);
            await("the line down", () -> shown(scene.lookup("#pay-status"))
                    && ((javafx.scene.control.Label) scene.lookup("#pay-status")).getText().equals(shell.texts().get("pay.status.line_down")));
            capture("pay-line-down");
            county.network(true);
            await("the line back", () -> ((javafx.scene.control.Label) scene.lookup("#pay-status")).getText()
                    .equals(shell.texts().get("pay.status.showing")));
            String orderId = fx(() -> ((cn.yzz.kiosk.app.service.QrPayStep) flow.runProperty().get().currentProperty().get())
                    .orderProperty().get().orderId());
            county.backend().payOrder(orderId); // the villager's phone
            await("paid", () -> scene.lookup("#pay-next") != null && shown(scene.lookup("#pay-next")));
            capture("paid");
            tap("#pay-next");
            await("是否打印", () -> scene.lookup("#receipt-print") != null && shown(scene.lookup("#receipt-print")));
            tap("#receipt-print");
            await("printed", () -> scene.lookup("#receipt-next") != null && shown(scene.lookup("#receipt-next")));
            capture("receipt-printed");
            tap("#receipt-next");
            await("好差评", () -> scene.lookup("#evaluate-skip") != null && shown(scene.lookup("#evaluate-skip")));
            tap("#evaluate-skip");
            awaitScreen(Screen.END);
            tap("#end-done");
            awaitVisitOver();
        }

        /**
         * 城乡居民养老、医疗保险缴费（本人） in cash on the emulated note validator: the amount due with the notes taken; ¥100
         * credited; ¥5 (not taken) handed back; the cash box pulled out (trouble); 取消 asked again; a voucher for the ¥100
         * (and the box back, its audit printed); then paid with ¥100 + ¥100 for ¥180 and a voucher for ¥20.
         */
        private void cash(DemoRig demo) throws Exception {
            toCash(demo);
            capture("cash-due");
            insert(demo, 10_000);
            await("¥100 credited", () -> inserted() == 10_000);
            capture("cash-credited");
            insert(demo, 500);
            await("¥5 handed back", () -> !cashStep().returnedProperty().get().isEmpty());
            capture("cash-returned");
            demo.removeCashbox();
            await("the trouble", () -> cashStep().stateProperty().get() == cn.yzz.kiosk.app.service.CashPayStep.State.TROUBLE);
            capture("cash-trouble");
            tap("#cash-cancel");
            await("取消 asked again", () -> scene.lookup("#cash-confirm-cancel") != null && shown(scene.lookup("#cash-confirm-cancel")));
            capture("cash-confirm-cancel");
            tap("#cash-confirm-cancel");
            await("the voucher printed", () -> cashStep().slipProperty().get() == cn.yzz.kiosk.app.service.CashPayStep.Slip.PRINTED);
            capture("cash-voucher");
            demo.replaceCashbox(); // emptied: the kiosk prints the audit
            tap("#cash-next");
            await("好差评", () -> scene.lookup("#evaluate-skip") != null && shown(scene.lookup("#evaluate-skip")));
            tap("#evaluate-skip");
            awaitScreen(Screen.END);
            tap("#end-done");
            awaitVisitOver();

            toCash(demo);
            insert(demo, 10_000);
            await("¥100 credited", () -> inserted() == 10_000);
            insert(demo, 10_000);
            await("paid, the voucher printed", () -> cashStep().stateProperty().get() == cn.yzz.kiosk.app.service.CashPayStep.State.PAID
                    && cashStep().slipProperty().get() == cn.yzz.kiosk.app.service.CashPayStep.Slip.PRINTED);
            capture("cash-paid-voucher");
            tap("#cash-next");
            await("是否打印", () -> scene.lookup("#receipt-skip") != null && shown(scene.lookup("#receipt-skip")));
            tap("#receipt-skip");
            await("好差评", () -> scene.lookup("#evaluate-skip") != null && shown(scene.lookup("#evaluate-skip")));
            tap("#evaluate-skip");
            awaitScreen(Screen.END);
            tap("#end-done");
            awaitVisitOver();
        }

        /** Identified, 城乡居民养老、医疗保险缴费（本人） at grade 180, 现金支付: the notes to take on screen. */
        private void toCash(DemoRig demo) throws Exception {
            demo.removeCard();
            elderIfNeeded();
            tap("#home-identify");
            awaitStep(Step.WAITING);
            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.DONE);
            tap("#identity-continue");
            awaitScreen(Screen.HOME);
            await("cash taken (the desk reconciled, the box in)", () -> flow.abilitiesProperty().get()
                    .has(cn.yzz.kiosk.app.catalogue.DeviceNeed.CASH_ACCEPTOR));
            tap("#tile-social-insurance");
            awaitScreen(Screen.SERVICES);
            tapService("SWJ-0001");
            awaitScreen(Screen.SERVICE);
            for (String question : List.of("缴费险种", "缴费年度", "缴费档次（元）")) {
                await(question, () -> scene.lookup("#field-heading") instanceof Labeled l && l.getText().equals(question)
                        && shown(scene.lookup("#choice-0")));
                tap("#choice-0");
            }
            await("the summary", () -> scene.lookup("#summary-cash") != null && shown(scene.lookup("#summary-cash")));
            tap("#summary-cash");
            await("the notes taken", () -> scene.lookup("#cash-note-10000") != null && shown(scene.lookup("#cash-notes")));
        }

        /** A note into the emulated validator, as soon as it draws one in (not while the last is still being stacked). */
        private static void insert(DemoRig demo, long fen) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!demo.insertNote(fen)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the note validator did not draw in a note of " + fen + " fen");
                }
                Thread.sleep(20);
            }
        }

        private cn.yzz.kiosk.app.service.CashPayStep cashStep() {
            return (cn.yzz.kiosk.app.service.CashPayStep) flow.runProperty().get().currentProperty().get();
        }

        private long inserted() {
            return cashStep().insertedFenProperty().get();
        }

        /**
         * 城乡居民社保费缴费记录查询 with the county taking 30 s: the progress line, then the kiosk gives up (太久没有
         * 回应); 再试一次 with the county's answer cut off; 社保查询's table; 养老待遇发放 for a villager not
         * retired (nothing found, and the county's note); a Hong Kong resident the county does not know.
         */
        private void queries(DemoRig demo) throws Exception {
            county.backend().setQueryKnobs(QueryKnobs.none().withDelay(Duration.ofSeconds(30)).onlyFor("SWJ-0008"));
            visit(demo, CardFixtures.RESIDENT, "social-insurance", "SWJ-0008");
            await("the year", () -> scene.lookup("#choice-0") != null && shown(scene.lookup("#choice-0")));
            tap("#choice-0");
            await("the county slow", () -> query(q -> q.stateProperty().get() == QueryStep.State.ASKING && q.slowProperty().get()));
            capture("query-asking");
            await("no answer", () -> query(q -> q.stateProperty().get() == QueryStep.State.FAILED));
            capture("query-failed-slow");
            county.backend().setQueryKnobs(QueryKnobs.none().withAnswer(QueryKnobs.Answer.MALFORMED).onlyFor("SWJ-0008"));
            tap("#query-retry");
            await("a broken answer", () -> query(q -> q.problemProperty().get() == QueryStep.Problem.BROKEN));
            capture("query-failed-broken");
            county.backend().setQueryKnobs(QueryKnobs.none());
            leave();

            visit(demo, CardFixtures.RESIDENT, "social-insurance", "RSJ-0002");
            await("the table", () -> query(q -> q.stateProperty().get() == QueryStep.State.SHOWN));
            capture("query-table");
            leave();
            visit(demo, CardFixtures.RESIDENT, "social-insurance", "RSJ-0008");
            await("nothing found", () -> query(q -> q.stateProperty().get() == QueryStep.State.EMPTY));
            capture("query-empty");
            leave();
            visit(demo, CardFixtures.HKMOTW, "social-insurance", "RSJ-0002");
            await("not found", () -> query(q -> q.problemProperty().get() == QueryStep.Problem.NOT_FOUND));
            capture("query-failed-not-found");
            leave();
        }

        /**
         * 社保打印's preview (seven columns) and 打印 with the A4 printer jamming after a page; 户籍证明 printed on
         * the receipt printer (a one-off: the bundled catalogue prints on A4): 请取走打印件.
         */
        private void printouts(DemoRig demo) throws Exception {
            visit(demo, CardFixtures.RESIDENT, "certificates", "RSJ-0003");
            await("the preview", () -> query(q -> q.stateProperty().get() == QueryStep.State.SHOWN));
            capture("print-preview");
            demo.a4Printer().jamNextJob();
            tap("#query-print");
            await("the printout failed", () -> printout(PrintoutStep.State.FAILED));
            capture("printout-failed");
            leave();
            demo.a4Printer().setPaperOut(false); // the jam cleared

            Service s = flow.catalogue().service("GAJ-0009").orElseThrow();
            Service onReceipt = new Service(s.code(), s.department(), s.name(), s.theme(), s.identity(), s.kind(), s.online(),
                    s.models(), s.payers(), s.pay(), Output.RECEIPT, List.of(DeviceUse.RECEIPT_PRINTER), s.keywords(),
                    s.englishName(), s.form(), s.amount(), s.bundleSteps(), "the screenshot tour's one-off: printed on the receipt printer");
            identified(demo, CardFixtures.RESIDENT);
            onFx(() -> flow.chooseService(onReceipt));
            awaitScreen(Screen.SERVICE);
            await("the purpose", () -> scene.lookup("#choice-0") != null && shown(scene.lookup("#choice-0")));
            tap("#choice-0");
            await("the preview", () -> query(q -> q.stateProperty().get() == QueryStep.State.SHOWN));
            tap("#query-print");
            await("printed", () -> printout(PrintoutStep.State.DONE));
            capture("printout-done");
            leave();
        }

        /**
         * 新生儿出生一件事: its five steps, the first one's phone number under the bundle's name, the list with one
         * done, then 首页: the end screen lists the four left. 退休一件事: both steps done.
         */
        private void bundles(DemoRig demo) throws Exception {
            visit(demo, CardFixtures.RESIDENT, "one-thing", "MULTI-0001");
            await("the list", () -> scene.lookup("#bundle-go") != null && shown(scene.lookup("#bundle-go")));
            capture("bundle-start");
            tap("#bundle-go");
            await("the phone", () -> scene.lookup("#keypad") != null && shown(scene.lookup("#keypad")));
            capture("bundle-question");
            bundleStep(true);
            await("the list, one done", () -> bundle(b -> b.nextProperty().get() == 2));
            capture("bundle-half");
            tap("#nav-home");
            awaitScreen(Screen.END);
            capture("end-left");
            tap("#end-done");
            awaitVisitOver();

            visit(demo, CardFixtures.RESIDENT, "one-thing", "MULTI-0003");
            await("the list", () -> bundle(b -> b.nextProperty().get() == 1));
            tap("#bundle-go");
            await("the phone", () -> scene.lookup("#keypad") != null && shown(scene.lookup("#keypad")));
            bundleStep(true);
            await("the list, one done", () -> bundle(b -> b.nextProperty().get() == 2));
            tap("#bundle-go");
            bundleStep(false);
            await("all done", () -> bundle(b -> b.nextProperty().get() == 0));
            capture("bundle-done");
            leave();
        }

        /** An application of a bundle: the phone (unless an earlier step had it), the statement, submitted, no receipt. */
        private void bundleStep(boolean phone) throws Exception {
            if (phone) {
                for (char c : "13800138000".toCharArray()) {
                    tap("#key-" + c);
                }
                tap("#field-ok");
            }
            await("the statement", () -> scene.lookup("#field-confirm") != null && shown(scene.lookup("#field-confirm")));
            tap("#field-confirm");
            await("the summary", () -> scene.lookup("#summary-confirm") != null && shown(scene.lookup("#summary-confirm")));
            tap("#summary-confirm");
            await("submitted", () -> scene.lookup("#submit-next") != null && shown(scene.lookup("#submit-next")));
            tap("#submit-next");
            await("是否打印", () -> scene.lookup("#receipt-skip") != null && shown(scene.lookup("#receipt-skip")));
            tap("#receipt-skip");
        }

        /** Identified with {@code card} from home, then {@code code} chosen from its theme's list. */
        private void visit(DemoRig demo, CardFixture card, String theme, String code) throws Exception {
            identified(demo, card);
            tap("#tile-" + theme);
            awaitScreen(Screen.SERVICES);
            tapService(code);
            awaitScreen(Screen.SERVICE);
        }

        /** 请放置身份证 from home, the card read, 继续: home again, identified. */
        private void identified(DemoRig demo, CardFixture card) throws Exception {
            demo.removeCard();
            elderIfNeeded();
            tap("#home-identify");
            awaitStep(Step.WAITING);
            demo.placeCard(card);
            awaitStep(Step.DONE);
            tap("#identity-continue");
            await("home, identified",
                    () -> flow.screenProperty().get() == Screen.HOME && flow.session().personProperty().get() != null);
        }

        /** 首页, then the end screen's 完成. */
        private void leave() throws Exception {
            tap("#nav-home");
            awaitScreen(Screen.END);
            tap("#end-done");
            awaitVisitOver();
        }

        private boolean query(java.util.function.Predicate<QueryStep> test) {
            return flow.runProperty().get() != null && flow.runProperty().get().currentProperty().get() instanceof QueryStep q
                    && test.test(q);
        }

        private boolean printout(PrintoutStep.State state) {
            return flow.runProperty().get() != null && flow.runProperty().get().currentProperty().get() instanceof PrintoutStep p
                    && p.stateProperty().get() == state;
        }

        private boolean bundle(java.util.function.Predicate<BundleStep> test) {
            return flow.runProperty().get() != null && flow.runProperty().get().currentProperty().get() instanceof BundleStep b
                    && test.test(b);
        }

        /** Taps the service on its theme's list, turning pages until it shows. */
        private void tapService(String code) throws Exception {
            while (fx(() -> scene.lookup("#service-" + code) == null || !shown(scene.lookup("#service-" + code)))) {
                int page = fx(() -> flow.pageProperty().get());
                tap("#page-next");
                await("page " + (page + 2), () -> flow.pageProperty().get() == page + 1);
            }
            tap("#service-" + code);
        }

        /** A visit that identifies with {@code card}, captured, then 首页 and the end screen's 完成. */
        private void identityOf(DemoRig demo, CardFixture card, String screen) throws Exception {
            demo.removeCard();
            elderIfNeeded();
            tap("#home-identify");
            awaitStep(Step.WAITING);
            demo.placeCard(card);
            awaitStep(Step.DONE);
            capture(screen);
            tap("#nav-home");
            awaitScreen(Screen.END);
            tap("#end-done");
            awaitVisitOver();
        }

        private void english(DemoRig demo) throws Exception {
            tap("#language-english");
            await("English", () -> shell.texts().language() == Language.ENGLISH);
            englishService(demo);
            tap("#language-english");
            await("English", () -> shell.texts().language() == Language.ENGLISH);
            capture("home");
            tap("#tile-social-insurance");
            awaitScreen(Screen.SERVICES);
            capture("services");
            tap("#nav-help");
            awaitCover(Cover.HELP);
            capture("help");
            tap("#help-close");
            awaitCover(Cover.NONE);
            tap("#nav-home");
            awaitScreen(Screen.HOME);
            demo.removeCard();
            tap("#home-identify");
            awaitStep(Step.WAITING);
            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.DONE);
            capture("identity-resident");
            tap("#nav-home");
            awaitScreen(Screen.END);
            tap("#end-done");
            awaitVisitOver();
        }

        /** In English: a keypad question, the summary, the QR code and the low rating's reasons. */
        private void englishService(DemoRig demo) throws Exception {
            demo.removeCard();
            tap("#home-identify");
            awaitStep(Step.WAITING);
            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.DONE);
            tap("#identity-continue");
            awaitScreen(Screen.HOME);
            tap("#tile-social-insurance");
            awaitScreen(Screen.SERVICES);
            tapService("SWJ-0001");
            awaitScreen(Screen.SERVICE);
            for (int i = 0; i < 2; i++) { // insurance, year
                int question = i;
                await("question " + question, () -> scene.lookup("#choice-0") != null && shown(scene.lookup("#choice-0")));
                tap("#choice-0");
            }
            await("the grade", () -> scene.lookup("#choice-5") != null && shown(scene.lookup("#choice-5")));
            tap("#choice-1");
            await("the summary", () -> scene.lookup("#summary") != null && shown(scene.lookup("#summary")));
            capture("summary");
            tap("#summary-confirm");
            await("the QR code", () -> scene.lookup("#qr-code") != null && shown(scene.lookup("#qr-code")));
            capture("pay-qr");
            tap("#pay-cancel");
            await("cancelled", () -> scene.lookup("#pay-give-up") != null && shown(scene.lookup("#pay-give-up")));
            tap("#pay-give-up");
            await("好差评", () -> scene.lookup("#evaluate") != null && shown(scene.lookup("#evaluate")));
            tap("#evaluate-2");
            await("the reasons", () -> shown(scene.lookup("#evaluate-reasons")));
            tap("#reason-complex");
            capture("evaluate-reasons");
            tap("#evaluate-skip");
            awaitScreen(Screen.END);
            tap("#end-done");
            awaitVisitOver();
            // an application's keypad
            demo.removeCard();
            tap("#language-english");
            await("English", () -> shell.texts().language() == Language.ENGLISH);
            tap("#home-identify");
            awaitStep(Step.WAITING);
            demo.placeCard(CardFixtures.RESIDENT);
            awaitStep(Step.DONE);
            tap("#identity-continue");
            awaitScreen(Screen.HOME);
            tap("#tile-social-insurance");
            awaitScreen(Screen.SERVICES);
            tapService("RSJ-0007");
            await("the phone", () -> scene.lookup("#keypad") != null && shown(scene.lookup("#keypad")));
            for (char c : "13800138000".toCharArray()) {
                tap("#key-" + c);
            }
            capture("form-keypad");
            tap("#nav-home");
            awaitScreen(Screen.END);
            tap("#end-done");
            awaitVisitOver();
        }

        /** In the elder run, switches elder mode on with 长辈模式 when it is off (every visit's end switches it off). */
        private void elderIfNeeded() throws Exception {
            if (mode == Mode.ELDER && !fx(() -> shell.elderProperty().get())) {
                if (fx(() -> shell.coverProperty().get() == Cover.OUT_OF_SERVICE)) {
                    onFx(() -> shell.setElder(true)); // out of service the button is off; the screen still has an elder look
                } else {
                    tap("#elder-toggle");
                }
                await("elder mode", () -> shell.elderProperty().get());
            }
        }

        private void checkAllTaken() {
            List<String> missing = new ArrayList<>(SHOTS.get(mode));
            missing.removeAll(taken);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("not captured: " + missing);
            }
        }

        /** Renders two different CJK characters: with no CJK font both come out as the same box. */
        private void checkCjk() throws Exception {
            String family = Fonts.family();
            boolean distinct = fx(() -> {
                int[] a = pixels(glyph("粤", family));
                int[] b = pixels(glyph("助", family));
                long inkA = Arrays.stream(a).filter(p -> (p & 0xFF) < 128).count();
                return inkA > 50 && !Arrays.equals(a, b);
            });
            String titleFont = fx(() -> ((Labeled) scene.lookup("#title")).getFont().getFamily());
            System.out.println("cjk-family=" + family);
            System.out.println("title-font=" + titleFont);
            System.out.println("cjk-glyphs-distinct=" + distinct);
        }

        private static WritableImage glyph(String s, String family) {
            Text t = new Text(s);
            t.setFont(Font.font(family, 64));
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.WHITE);
            return t.snapshot(p, null);
        }

        static int[] pixels(WritableImage img) {
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] px = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
            return px;
        }

        /** Fires the button as a tap would; fails if it is not on screen or is disabled. */
        private void tap(String id) throws Exception {
            String problem = fx(() -> {
                Node n = scene.lookup(id);
                if (!(n instanceof Button b)) {
                    return "no button " + id;
                }
                if (!shown(b) || b.isDisabled()) {
                    return id + " is not tappable now";
                }
                b.fire();
                return null;
            });
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
        }

        /**
         * What on screen a villager could not read whole: text cut short with an ellipsis, and a
         * button's content (a tile's or the card entry's words and picture) larger than the button.
         */
        private List<String> layoutProblems() {
            List<String> found = new ArrayList<>();
            layoutProblems(scene.getRoot(), found);
            return found;
        }

        static void layoutProblems(Node n, List<String> found) {
            if (!n.isVisible()) {
                return;
            }
            if (n instanceof Labeled l) {
                String name = l.getId() != null ? "#" + l.getId() : "." + String.join(".", l.getStyleClass());
                String text = l.getText() == null ? "" : l.getText();
                for (Node c : l.getChildrenUnmodifiable()) {
                    if (c instanceof Text t && !text.isEmpty() && t.getText() != null && !t.getText().equals(text)
                            && t.getText().contains(l.getEllipsisString())) {
                        found.add(name + " \"" + oneLine(text) + "\" is cut short to \"" + oneLine(t.getText()) + "\"");
                    }
                }
                Node graphic = l.getGraphic();
                if (l instanceof Button && graphic != null && graphic.isVisible()) {
                    // Inside the border and padding, as the villager sees the button.
                    Insets in = l.getInsets();
                    Bounds g = graphic.getBoundsInParent();
                    if (g.getMinX() < in.getLeft() - 1 || g.getMinY() < in.getTop() - 1
                            || g.getMaxX() > l.getWidth() - in.getRight() + 1
                            || g.getMaxY() > l.getHeight() - in.getBottom() + 1) {
                        found.add(String.format(Locale.ROOT, "%s's content (%.0f × %.0f) spills out of the button "
                                + "(%.0f × %.0f inside its border and padding)", name, g.getWidth(), g.getHeight(),
                                l.getWidth() - in.getLeft() - in.getRight(), l.getHeight() - in.getTop() - in.getBottom()));
                    }
                }
            }
            if (n instanceof Parent p) {
                for (Node c : p.getChildrenUnmodifiable()) {
                    layoutProblems(c, found);
                }
            }
        }

        private static String oneLine(String s) {
            return s.replace("\n", "\\n");
        }

        private static boolean shown(Node n) {
            for (Node p = n; p != null; p = p.getParent()) {
                if (!p.isVisible()) {
                    return false;
                }
            }
            return n.getScene() != null;
        }

        private void awaitStep(Step step) throws Exception {
            await("step " + step, () -> flow.identify().stepProperty().get() == step);
        }

        private void awaitScreen(Screen screen) throws Exception {
            await("screen " + screen,
                    () -> flow.screenProperty().get() == screen && shell.coverProperty().get() == Cover.NONE);
        }

        private void awaitCover(Cover cover) throws Exception {
            await("cover " + cover, () -> shell.coverProperty().get() == cover);
        }

        /** Home, the visit wiped, language and mode reset. */
        private void awaitVisitOver() throws Exception {
            await("the visit's end", () -> flow.screenProperty().get() == Screen.HOME && !flow.session().active()
                    && !shell.elderProperty().get() && shell.texts().language() == Language.DEFAULT);
        }

        private void await(String what, Callable<Boolean> condition) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!fx(condition)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out after 20 s waiting for " + what);
                }
                Thread.sleep(20);
            }
        }

        /**
         * Share of {@code expected}'s pixels (every 4th of every 4th row) that {@code file} shows
         * differently; 1 when the sizes differ.
         */
        static double differing(int[] expected, int w, int h, Path file) throws IOException {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null || img.getWidth() != w || img.getHeight() != h) {
                return 1;
            }
            int samples = 0;
            int different = 0;
            for (int y = 0; y < h; y += 4) {
                for (int x = 0; x < w; x += 4) {
                    int a = expected[y * w + x];
                    int b = img.getRGB(x, y);
                    samples++;
                    for (int shift = 0; shift <= 16; shift += 8) {
                        if (Math.abs((a >> shift & 0xff) - (b >> shift & 0xff)) > 24) {
                            different++;
                            break;
                        }
                    }
                }
            }
            return (double) different / samples;
        }

        /** Two pulses after the last change: laid out and rendered, with whatever a listener changed on the first. */
        private void settle() throws Exception {
            CountDownLatch drawn = new CountDownLatch(2);
            Platform.runLater(() -> {
                Runnable[] listener = new Runnable[1];
                listener[0] = () -> {
                    drawn.countDown();
                    if (drawn.getCount() == 0) {
                        scene.removePostLayoutPulseListener(listener[0]);
                    } else {
                        Platform.requestNextPulse();
                    }
                };
                scene.addPostLayoutPulseListener(listener[0]);
                Platform.requestNextPulse();
            });
            if (!drawn.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no frame drawn within 10 s");
            }
        }

        /** {@code screen} in the run's mode, or in English once English is chosen. */
        private void capture(String screen) throws Exception {
            boolean english = fx(() -> shell.texts().language() == Language.ENGLISH);
            boolean elder = fx(() -> shell.elderProperty().get());
            if (!english && elder != (mode == Mode.ELDER)) {
                throw new IllegalStateException(screen + ": elder mode is " + (elder ? "on" : "off") + " in the "
                        + mode.fileName() + " run");
            }
            String shot = (english ? "english" : mode.fileName()) + "-" + screen;
            if (!SHOTS.get(mode).contains(shot) || !taken.add(shot)) {
                throw new IllegalStateException(shot + " is not in ScreenshotTour.SHOTS, or was taken twice");
            }
            long t0 = System.nanoTime();
            settle();
            // The pulses say when the scene was rendered, not when the frame reached the X server, which
            // under load lags by a second or more (the first frame more): the file must show what the scene
            // shows now, except what moves by itself.
            int[] expected = fx(() -> pixels(scene.snapshot(null)));
            int w = (int) scene.getWidth();
            int h = (int) scene.getHeight();
            Path file = out.resolve(orientation + "-" + shot + ".png");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int attempts = 0;
            double differing = 1;
            do {
                if (attempts++ > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(shot + ": after 20 s the X screen still differs from the scene in "
                                + Math.round(differing * 1000) / 10.0 + " % of the pixels");
                    }
                    Thread.sleep(100);
                    // The scene may itself have changed meanwhile (a status the county answered, a focus moved):
                    // under load the frame on the X server then matches the newer scene, never the first snapshot.
                    expected = fx(() -> pixels(scene.snapshot(null)));
                }
                importScreen(file);
                differing = differing(expected, w, h, file);
            } while (differing > MOVING);
            System.out.println("captured=" + file.getFileName() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                    + (attempts > 1 ? " (" + attempts + " attempts)" : ""));
            for (String problem : fx(this::layoutProblems)) {
                System.out.println("layout=" + file.getFileName() + ": " + problem);
            }
        }

        static void importScreen(Path file) throws IOException, InterruptedException {
            Files.deleteIfExists(file);
            Process p = new ProcessBuilder("import", "-window", "root", file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("import did not finish within 30 s");
            }
            if (p.exitValue() != 0 || !Files.exists(file)) {
                throw new IllegalStateException("import failed (exit " + p.exitValue() + ") for " + file);
            }
        }

        private static void onFx(Runnable r) throws Exception {
            fx(() -> {
                r.run();
                return null;
            });
        }

        private static <T> T fx(Callable<T> c) throws Exception {
            FutureTask<T> task = new FutureTask<>(c);
            Platform.runLater(task);
            return task.get(10, TimeUnit.SECONDS);
        }
    }
}
