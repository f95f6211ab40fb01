package cn.yzz.kiosk.app;

import static cn.yzz.kiosk.app.support.SceneProbe.await;
import static cn.yzz.kiosk.app.support.SceneProbe.fx;
import static cn.yzz.kiosk.app.support.SceneProbe.fxRun;
import static org.assertj.core.api.Assertions.assertThat;

import cn.yzz.kiosk.demo.DemoRig;
import cn.yzz.kiosk.demo.DemoOptions;
import cn.yzz.kiosk.app.audit.AccessibilityAudit;
import cn.yzz.kiosk.app.audit.AccessibilityAudit.Rules;
import cn.yzz.kiosk.app.audit.AccessibilityAudit.Violation;
import cn.yzz.kiosk.cache.catalog.CatalogParser;
import cn.yzz.kiosk.app.catalogue.DeviceNeed;
import cn.yzz.kiosk.cache.catalog.Theme;
import cn.yzz.kiosk.app.flow.Abilities;
import cn.yzz.kiosk.app.flow.IdentifyModel.Step;
import cn.yzz.kiosk.app.flow.IdleWatch;
import cn.yzz.kiosk.app.flow.KioskFlowModel;
import cn.yzz.kiosk.app.flow.KioskFlowModel.Screen;
import cn.yzz.kiosk.app.flow.Shell;
import cn.yzz.kiosk.app.flow.Shell.Cover;
import cn.yzz.kiosk.app.i18n.Language;
import cn.yzz.kiosk.app.view.ElderStyle;
import cn.yzz.kiosk.app.view.Fonts;
import cn.yzz.kiosk.app.view.KioskView;
import cn.yzz.kiosk.app.view.ScaledRoot;
import cn.yzz.kiosk.device.idcard.emu.CardFixture;
import cn.yzz.kiosk.device.idcard.emu.CardFixtures;
import cn.yzz.kiosk.device.idcard.emu.Fault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
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

/**
 * The accessibility audit (text size, touch targets and their gaps, contrast) on every screen of
 * the villager's shell, in both orientations (1080 × 1920 and 1920 × 1080) and both modes (normal,
 * and elder mode with its ×1.3 text and 7:1 contrast). One kiosk on the demo's emulated reader is
 * put into each state through its models; two views of any size, bound to the same shell, show it.
 */
class ScreensAuditTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final String LONG_THEME = "social-insurance";
    private static final String SERVICE = "RSJ-0007";

    @TempDir
    static Path dataDir;

    private static Kiosk kiosk;
    private static DemoRig demo;
    private static Abilities everything;
    private static Scene portrait;
    private static Scene landscape;
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

    @BeforeAll
    static void kiosk() throws Exception {
        FxToolkit.registerPrimaryStage();
        KioskLog.setup(dataDir);
        // Nothing times out while a screen is audited: the idle watch waits 10 minutes.
        demo = DemoRig.start(dataDir.resolve("receipts"));
        kiosk = Kiosk.create(DemoOptions.kiosk(dataDir), CatalogParser.bundled(), TODAY,
                new Kiosk.Settings(Duration.ofSeconds(60), new IdleWatch.Settings(Duration.ofMinutes(10), Duration.ofMinutes(10)),
                        Duration.ZERO, false), demo);
        // The reader answers at once: these tests are about the screens, not the radio's timing.
        demo.emulator().setLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        demo.emulator().setPaced(false);
        everything = new Abilities(DemoOptions.kiosk(dataDir).fitted(), true, "enhanced");
        portrait = fx(() -> scene(Orientation.PORTRAIT));
        landscape = fx(() -> scene(Orientation.LANDSCAPE));
        kiosk.openDevicesInBackground();
        await("the reader", () -> flow().abilitiesProperty().get().devices().contains(DeviceNeed.IDCARD_READER));
    }

    @AfterAll
    static void close() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (demo != null) {
            demo.close();
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
        return List.of(
                new Case("home", () -> { }, () -> screen() == Screen.HOME && cover() == Cover.NONE),
                new Case("home, identified", ScreensAuditTest::identifiedAtHome,
                        () -> screen() == Screen.HOME && fx(() -> flow().session().personProperty().get() != null)),
                new Case("services, page 1 of a long theme", ScreensAuditTest::longTheme,
                        () -> screen() == Screen.SERVICES),
                new Case("services, nothing offerable", ScreensAuditTest::nothingOfferable,
                        () -> screen() == Screen.SERVICES),
                new Case("identify, waiting", ScreensAuditTest::identifyForService, () -> step() == Step.WAITING),
                new Case("identify, place the card again", ScreensAuditTest::identifyError, () -> step() == Step.ERROR),
                new Case("identify, reader unavailable", ScreensAuditTest::identifyUnavailable,
                        () -> step() == Step.UNAVAILABLE),
                identity(CardFixtures.RESIDENT, ""),
                identity(CardFixtures.ELDER_YAO_LONG_TERM, " (elder mode offered)"),
                identity(CardFixtures.RESIDENT_BAD_CHECK, " (problems)"),
                identity(CardFixtures.FOREIGN_2023, ""),
                new Case("service placeholder", ScreensAuditTest::service, () -> screen() == Screen.SERVICE),
                new Case("end, card and receipt reminders", ScreensAuditTest::endWithReceipt,
                        () -> screen() == Screen.END && cover() == Cover.NONE),
                new Case("help", () -> fxRun(() -> shell().help()), () -> cover() == Cover.HELP),
                new Case("idle warning", ScreensAuditTest::idleWarning, () -> cover() == Cover.IDLE_WARNING),
                new Case("out of service", () -> fxRun(() -> shell().essentialDevices(true)),
                        () -> cover() == Cover.OUT_OF_SERVICE),
                english("home", () -> { }, () -> screen() == Screen.HOME && cover() == Cover.NONE),
                english("services, page 1 of a long theme", ScreensAuditTest::longTheme, () -> screen() == Screen.SERVICES),
                english("identity, resident", () -> identityOf(CardFixtures.RESIDENT), () -> step() == Step.DONE),
                english("help", () -> fxRun(() -> shell().help()), () -> cover() == Cover.HELP),
                // Last: three unexpected errors within two minutes would stop the kiosk serving for good.
                new Case("error", ScreensAuditTest::error, () -> cover() == Cover.ERROR));
    }

    private static Case identity(CardFixture card, String note) {
        return new Case("identity, " + card.id() + note, () -> identityOf(card),
                () -> step() == Step.DONE && fx(() -> flow().identify().cardProperty().get() != null
                        && flow().identify().cardProperty().get().idNumber().equals(card.card().idNumber())));
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
        if (current != c || !c.stillThere().getAsBoolean()) {
            reset();
            c.setUp().run();
            current = c;
        }
        mode(elder);
        assertThat(c.stillThere().getAsBoolean()).as("still on the screen " + c.name()).isTrue();
        Parent root = (o == Orientation.PORTRAIT ? portrait : landscape).getRoot();
        fx(() -> {
            // What a few pulses on screen do: CSS and layout until sizes settle (a font change can take two passes).
            for (int pass = 0; pass < 3; pass++) {
                root.applyCss();
                root.layout();
            }
            return null;
        });
        return root;
    }

    private static DynamicTest wordsFit(Case c, Orientation o, boolean elder) {
        String name = name(o, elder);
        return DynamicTest.dynamicTest(name + ": every word fits", () -> {
            Parent root = show(c, o, elder);
            List<String> problems = fx(() -> {
                List<String> p = new ArrayList<>();
                wordsThatDoNotFit(root, p);
                return p;
            });
            assertThat(problems).as("words on %s at %s:%n%s", c.name(), name, String.join("\n", problems)).isEmpty();
        });
    }

    private static DynamicTest audit(Case c, Orientation o, boolean elder) {
        String name = name(o, elder);
        return DynamicTest.dynamicTest(name + ": accessibility audit", () -> {
            Parent root = show(c, o, elder);
            List<Violation> violations = AccessibilityAudit.auditOnFxThread(root, elder ? Rules.elder() : Rules.normal());
            int[] seen = fx(() -> seen(root));
            assertThat(seen[0]).as("texts the audit saw on " + c.name() + " (it must see the screen)").isGreaterThanOrEqualTo(3);
            assertThat(seen[1]).as("touch targets the audit saw on " + c.name()).isGreaterThanOrEqualTo(2);
            assertThat(violations).as("accessibility of %s at %s:%n%s", c.name(), name, AccessibilityAudit.report(violations))
                    .isEmpty();
        });
    }

    // Putting the kiosk in a state //

    /** Home, nobody there: no cover, the session wiped, Mandarin, normal mode, the reader plugged in and empty. */
    private static void reset() {
        demo.clearFaults();
        demo.removeCard();
        if (!demo.plugged()) {
            demo.plugIn();
            await("the reader back", () -> flow().abilitiesProperty().get().devices().contains(DeviceNeed.IDCARD_READER));
        }
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
