package cn.yzz.kiosk.demo.e2e;

import cn.yzz.kiosk.device.qr.QrImages;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.robot.Robot;

/**
 * The kiosk's screen as a villager meets it: taps land on a button's centre through the platform's
 * robot (so a button that something covers is not tapped), and what is read is what the screen shows.
 * Everything here waits with a time limit and fails with what it was waiting for.
 */
final class KioskScreen {

    /** Longest wait for anything the kiosk does by itself (a county round trip, a printed receipt). */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Scene scene;
    private final Robot robot;
    /** What each press landed on, to tell a tap that reached its button from one that did not. */
    private final List<Node> pressed = new CopyOnWriteArrayList<>();

    private KioskScreen(Scene scene, Robot robot) {
        this.scene = scene;
        this.robot = robot;
    }

    /** The screen of {@code scene}; call off the JavaFX thread. */
    static KioskScreen of(Scene scene) {
        KioskScreen s = fx(() -> new KioskScreen(scene, new Robot()));
        fx(() -> {
            scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> s.pressed.add(e.getPickResult().getIntersectedNode()));
            return null;
        });
        return s;
    }

    // Reading //

    /** Shown: in the scene, and it and all its parents visible. */
    boolean shown(String id) {
        return fx(() -> shownNow(id));
    }

    private boolean shownNow(String id) {
        Node n = scene.lookup("#" + id);
        if (n == null || n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The text of the label or button {@code id}; fails when it is not shown. */
    String text(String id) {
        return fx(() -> {
            if (!shownNow(id)) {
                throw new JourneyFailed("#" + id + " is not on the screen");
            }
            Node n = scene.lookup("#" + id);
            if (!(n instanceof Labeled l)) {
                throw new JourneyFailed("#" + id + " shows no text");
            }
            return l.getText();
        });
    }

    /**
     * A table as shown, read in one go: its heading row ({@code head}-0, -1, …) and the rows under it
     * ({@code cell}-0-0, -0-1, …, -1-0, …), each cell's whole text (wrapped or cut on screen, it still has it).
     * Fails when the heading row is not shown.
     */
    List<List<String>> table(String head, String cell) {
        return fx(() -> {
            List<List<String>> rows = new java.util.ArrayList<>();
            List<String> heading = new java.util.ArrayList<>();
            for (int c = 0; shownNow(head + "-" + c); c++) {
                heading.add(((Labeled) scene.lookup("#" + head + "-" + c)).getText());
            }
            if (heading.isEmpty()) {
                throw new JourneyFailed("no table heading #" + head + "-0 on the screen");
            }
            rows.add(List.copyOf(heading));
            for (int r = 0; shownNow(cell + "-" + r + "-0"); r++) {
                List<String> row = new java.util.ArrayList<>();
                for (int c = 0; shownNow(cell + "-" + r + "-" + c); c++) {
                    row.add(((Labeled) scene.lookup("#" + cell + "-" + r + "-" + c)).getText());
                }
                rows.add(List.copyOf(row));
            }
            return List.copyOf(rows);
        });
    }

    /** The text of {@code id} if shown, else null. */
    String textIfShown(String id) {
        return fx(() -> shownNow(id) && scene.lookup("#" + id) instanceof Labeled l ? l.getText() : null);
    }

    /** The ids beginning with {@code prefix} of what is shown, top to bottom as laid out. */
    List<String> shownIds(String prefix) {
        return fx(() -> {
            List<Node> found = new java.util.ArrayList<>();
            collect(scene.getRoot(), prefix, found);
            found.sort(java.util.Comparator.comparingDouble(n -> n.localToScene(n.getLayoutBounds()).getMinY()));
            return found.stream().map(Node::getId).toList();
        });
    }

    private static void collect(Node n, String prefix, List<Node> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n.getId() != null && n.getId().startsWith(prefix)) {
            out.add(n);
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, prefix, out);
            }
        }
    }

    /** Whether the button {@code id} is shown and can be tapped. */
    boolean enabled(String id) {
        return fx(() -> shownNow(id) && scene.lookup("#" + id) instanceof Button b && !b.isDisabled());
    }

    /** Whether the button {@code id} is shown marked as chosen. */
    boolean selected(String id) {
        return fx(() -> shownNow(id) && scene.lookup("#" + id).getStyleClass().contains("selected"));
    }

    /** Reads the QR code drawn as the canvas (or any node) {@code id}, as a phone's camera would. */
    String readCode(String id) {
        awaitShown(id);
        BufferedImage image = null;
        for (int attempt = 0; attempt < 3; attempt++) { // as a phone's camera tries again
            if (attempt > 0) {
                sleep(200);
            }
            image = fx(() -> SwingFXUtils.fromFXImage(scene.lookup("#" + id).snapshot(null, null), null));
            String text = decode(image);
            if (text != null) {
                return text;
            }
        }
        java.io.File saved = new java.io.File(System.getProperty("java.io.tmpdir"), "e2e-unreadable-" + id + "-" + System.nanoTime() + ".png");
        try {
            javax.imageio.ImageIO.write(image, "png", saved);
        } catch (java.io.IOException e) {
            saved = null;
        }
        throw new JourneyFailed("no readable QR code in #" + id + " (" + image.getWidth() + "x" + image.getHeight() + ")"
                + (saved == null ? "" : ", saved as " + saved));
    }

    /**
     * The text of the QR code in {@code image}, or null: tried as drawn and as if held farther away, since ZXing
     * misses some codes drawn large and razor-sharp, as a camera never sees them.
     */
    static String decode(BufferedImage image) {
        for (double scale : new double[] {1, 0.5, 0.36, 0.7}) {
            try {
                return QrImages.decode(scale == 1 ? image : scaled(image, scale)).text();
            } catch (QrImages.NoCodeFound e) {
                // another distance
            }
        }
        return null;
    }

    private static BufferedImage scaled(BufferedImage image, double scale) {
        int w = (int) Math.round(image.getWidth() * scale);
        int h = (int) Math.round(image.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** The step page on the service screen now (a new one each time the step changes), or null. */
    Object page() {
        return fx(() -> scene.lookup("#service") instanceof javafx.scene.Parent p && !p.getChildrenUnmodifiable().isEmpty()
                ? p.getChildrenUnmodifiable().get(0) : null);
    }

    /** What the screen shows now, for a failure's message: the step page and its heading, else the screen's id. */
    String where() {
        return fx(() -> {
            Object page = scene.lookup("#service") instanceof javafx.scene.Parent p && p.isVisible()
                    && !p.getChildrenUnmodifiable().isEmpty() ? p.getChildrenUnmodifiable().get(0) : null;
            if (page instanceof Node n && n.getId() != null && shownNow(n.getId())) {
                return "#" + n.getId() + (scene.lookup("#" + n.getId() + "-heading") instanceof Labeled l
                        ? " \"" + l.getText() + "\"" : "");
            }
            for (String id : List.of("home", "services", "identify", "end")) {
                if (shownNow(id)) {
                    return "#" + id;
                }
            }
            return "no known screen";
        });
    }

    // Waiting //

    interface Check {
        boolean holds() throws Exception;
    }

    /** Waits until {@code condition} (read on the JavaFX thread) holds. */
    void await(String what, Check condition) {
        await(what, WAIT, condition);
    }

    void await(String what, Duration limit, Check condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!fx(condition::holds)) {
            if (System.nanoTime() > deadline) {
                throw new JourneyFailed("waited " + limit.toSeconds() + " s for " + what + " (on screen: " + where() + ")");
            }
            sleep(25);
        }
    }

    /** Waits until {@code condition}, checked on the calling thread (files, decoding), holds. */
    void poll(String what, Duration limit, Check condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (!condition.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new JourneyFailed("waited " + limit.toSeconds() + " s for " + what);
                }
                sleep(100);
            }
        } catch (JourneyFailed e) {
            throw e;
        } catch (Exception e) {
            throw new JourneyFailed(what + ": " + e);
        }
    }

    void awaitShown(String id) {
        await("#" + id + " on the screen", () -> shownNow(id));
    }

    void awaitShown(String id, Duration limit) {
        await("#" + id + " on the screen", limit, () -> shownNow(id));
    }

    /** Waits until {@code id} shows {@code text}. */
    void awaitText(String id, String text) {
        await("#" + id + " to say \"" + text + "\"", () -> shownNow(id) && scene.lookup("#" + id) instanceof Labeled l
                && text.equals(l.getText()));
    }

    // Tapping //

    /**
     * A finger's tap on the button {@code id}, once it is shown and enabled: the pointer lands on its
     * centre, presses and lifts. Fails when the press lands on something else (a cover, an overlap).
     */
    void tap(String id) {
        await("#" + id + " to be tappable", () -> shownNow(id) && scene.lookup("#" + id) instanceof Button b && !b.isDisabled());
        pressed.clear();
        Node target = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            Node n = scene.lookup("#" + id);
            Bounds b = n.localToScreen(n.getLayoutBounds());
            robot.mouseMove(b.getCenterX(), b.getCenterY());
            robot.mouseClick(MouseButton.PRIMARY);
            return n;
        });
        await("the tap on #" + id + " to arrive", Duration.ofSeconds(5), () -> !pressed.isEmpty());
        Node hit = pressed.get(pressed.size() - 1);
        if (!fx(() -> within(hit, target))) {
            if (System.getenv("YZZ_E2E_DEBUG") != null) { // YZZ_E2E_DEBUG=1: a picture of the screen the tap missed on
                BufferedImage shot = fx(() -> SwingFXUtils.fromFXImage(scene.snapshot(null), null));
                try {
                    javax.imageio.ImageIO.write(shot, "png", new java.io.File(System.getProperty("java.io.tmpdir"), "e2e-tap-" + id + ".png"));
                } catch (java.io.IOException ignored) {
                    // debugging only
                }
            }
            throw new JourneyFailed("a tap on #" + id + " landed on " + fx(() -> describe(hit)));
        }
        fx(() -> null); // the tap's action has run
    }

    /**
     * A finger held on {@code id} (shown, a label or a button) for {@code time}, then lifted: how village staff open
     * the kiosk's staff screen on its title. Fails when the press lands on something else.
     */
    void hold(String id, Duration time) {
        awaitShown(id);
        pressed.clear();
        Node target = fx(() -> {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            Node n = scene.lookup("#" + id);
            Bounds b = n.localToScreen(n.getLayoutBounds());
            robot.mouseMove(b.getCenterX(), b.getCenterY());
            robot.mousePress(MouseButton.PRIMARY);
            return n;
        });
        try {
            await("the press on #" + id + " to arrive", Duration.ofSeconds(5), () -> !pressed.isEmpty());
            sleep(time.toMillis());
        } finally {
            fx(() -> {
                robot.mouseRelease(MouseButton.PRIMARY);
                return null;
            });
        }
        Node hit = pressed.get(pressed.size() - 1);
        if (!fx(() -> within(hit, target))) {
            throw new JourneyFailed("a finger held on #" + id + " landed on " + fx(() -> describe(hit)));
        }
    }

    private static boolean within(Node n, Node ancestor) {
        for (Node up = n; up != null; up = up.getParent()) {
            if (up == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Node n) {
        Node named = n;
        while (named != null && named.getId() == null) {
            named = named.getParent();
        }
        return n.getClass().getSimpleName() + (named == null ? "" : " in #" + named.getId());
    }

    // The JavaFX thread //

    /** Runs {@code c} on the JavaFX thread and returns its result (a {@link JourneyFailed} passes through). */
    static <T> T fx(Callable<T> c) {
        if (Platform.isFxApplicationThread()) {
            try {
                return c.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new JourneyFailed("the JavaFX thread did not answer within " + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JourneyFailed("interrupted");
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JourneyFailed("interrupted");
        }
    }
}
