package cn.yzz.kiosk.app.audit;

import static java.util.stream.Collectors.joining;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.scene.transform.Transform;

/**
 * Checks a laid-out screen against the kiosk's accessibility rules (text size, touch targets,
 * colour contrast) and returns every offending node, so a UI test can assert that a screen has none.
 *
 * <p>Everything is measured in scene pixels, so the scene must have the real screen's size and be
 * shown at scale 1. Call {@link #audit} on the JavaFX thread after CSS and layout, or let
 * {@link #auditOnFxThread} do both.
 */
public final class AccessibilityAudit {

    public record Rules(double minTextPx, double minHeadingPx, double minTargetPx, double minGapPx, double minContrast) {
        public static Rules normal() {
            return new Rules(28, 40, 96, 16, 4.5);
        }

        /** The large-text mode for elderly villagers: text 30 % larger and WCAG AAA contrast. */
        public static Rules elder() {
            return new Rules(28 * 1.3, 40 * 1.3, 96, 16, 7.0);
        }
    }

    /** {@code rule} is one of text-size, heading-size, target-size, target-gap, contrast. */
    public record Violation(String rule, String node, String detail) {}

    private static final String HEADING = "heading";
    private static final String TOUCH_TARGET = "touch-target";
    private static final String IGNORE = "audit-ignore";

    /** How far above a text a {@code heading} style class still makes it a heading. */
    private static final int HEADING_LEVELS = 3;
    private static final long FX_TIMEOUT_SECONDS = 10;

    private AccessibilityAudit() {}

    /** The violations on the screen under {@code root}, which must be in a laid-out Scene; JavaFX thread only. */
    public static List<Violation> audit(Parent root, Rules rules) {
        Scene scene = root.getScene();
        if (scene == null) {
            throw new IllegalArgumentException("the audited root must be in a Scene of the screen's size");
        }
        Bounds area = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        for (Node above : ancestorsTopDown(root)) {
            area = areaInside(above, area);
            if (area == null) {
                return List.of();
            }
        }
        List<Text> texts = new ArrayList<>();
        List<Node> targets = new ArrayList<>();
        collect(root, area, texts, targets);

        List<Violation> violations = new ArrayList<>();
        for (Text text : texts) {
            checkText(text, rules, violations);
        }
        checkTargetSizes(targets, rules, violations);
        checkTargetGaps(targets, rules, violations);
        return violations;
    }

    /**
     * Applies CSS, lays {@code root} out and audits it on the JavaFX thread, waiting at most 10 s.
     * The toolkit must already be running.
     */
    public static List<Violation> auditOnFxThread(Parent root, Rules rules) {
        if (Platform.isFxApplicationThread()) {
            return layOutAndAudit(root, rules);
        }
        CompletableFuture<List<Violation>> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(layOutAndAudit(root, rules));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(FX_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the audit", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the audit failed on the JavaFX thread: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the JavaFX thread did not run the audit within " + FX_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** One line per violation, for a test failure message. */
    public static String report(List<Violation> violations) {
        return violations.stream().map(v -> v.rule() + ": " + v.node() + ": " + v.detail()).collect(joining("\n"));
    }

    private static List<Violation> layOutAndAudit(Parent root, Rules rules) {
        root.applyCss();
        root.layout();
        return audit(root, rules);
    }

    // Finding what a villager can see //

    private static Deque<Node> ancestorsTopDown(Node node) {
        Deque<Node> ancestors = new ArrayDeque<>();
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            ancestors.push(n);
        }
        return ancestors;
    }

    /**
     * The part of {@code area} (scene coordinates) where {@code node} and its subtree can show, or
     * null if they cannot show at all. Clips count, so a list scrolled out of its viewport is not seen.
     */
    private static Bounds areaInside(Node node, Bounds area) {
        if (!node.isVisible() || node.getOpacity() <= 0 || node.getStyleClass().contains(IGNORE)) {
            return null;
        }
        Node clip = node.getClip();
        return clip == null ? area : intersection(area, node.getLocalToSceneTransform().transform(clip.getBoundsInParent()));
    }

    private static void collect(Node node, Bounds area, List<Text> texts, List<Node> targets) {
        Bounds inside = areaInside(node, area);
        if (inside == null) {
            return;
        }
        if (intersection(sceneBounds(node), inside) != null) {
            if (node instanceof Text t && t.getText() != null && !t.getText().isBlank()) {
                texts.add(t);
            }
            if (isTarget(node)) {
                targets.add(node);
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, inside, texts, targets);
            }
        }
    }

    private static boolean isTarget(Node node) {
        return node instanceof ButtonBase || node.getStyleClass().contains(TOUCH_TARGET);
    }

    /**
     * Layout bounds, not visual bounds: a drop shadow makes a button look bigger but not easier to hit.
     * Mapped with the transform rather than {@code Node.localToScene}, which works in float (a 0.65
     * scale came out as 0.64999), because sizes are compared with the limits exactly.
     */
    static Bounds sceneBounds(Node node) {
        return node.getLocalToSceneTransform().transform(node.getLayoutBounds());
    }

    /** The overlap of two rectangles, or null if they share no area. */
    static Bounds intersection(Bounds a, Bounds b) {
        double minX = Math.max(a.getMinX(), b.getMinX());
        double minY = Math.max(a.getMinY(), b.getMinY());
        double maxX = Math.min(a.getMaxX(), b.getMaxX());
        double maxY = Math.min(a.getMaxY(), b.getMaxY());
        return maxX > minX && maxY > minY ? new BoundingBox(minX, minY, maxX - minX, maxY - minY) : null;
    }

    // Text //

    private static void checkText(Text text, Rules rules, List<Violation> out) {
        Labeled label = labelOf(text);
        // A Label's or Button's own text is reported as that control, which has the id and classes.
        String node = describe(label != null ? label : text);
        boolean heading = isHeading(text);
        double px = text.getFont().getSize() * scaleToScene(text);
        double min = heading ? rules.minHeadingPx() : rules.minTextPx();
        if (px < min) {
            out.add(new Violation(heading ? "heading-size" : "text-size", node,
                    px(px) + " px on screen, needs " + px(min) + " px"));
        }
        // WCAG 1.4.3 exempts inactive controls from contrast, not from size.
        if (!text.isDisabled()) {
            ContrastCheck.problem(text, label, rules.minContrast())
                    .ifPresent(problem -> out.add(new Violation("contrast", node, problem)));
        }
    }

    /** The Labeled whose own text {@code text} is (its skin's LabeledText), or null for any other Text. */
    private static Labeled labelOf(Text text) {
        return text.getParent() instanceof Labeled l && l.getGraphic() != text ? l : null;
    }

    /** A heading class on the text, on the Labeled it belongs to, or on one of its three nearest ancestors. */
    private static boolean isHeading(Text text) {
        Labeled owner = owningLabeled(text);
        if (text.getStyleClass().contains(HEADING) || owner != null && owner.getStyleClass().contains(HEADING)) {
            return true;
        }
        Node n = text.getParent();
        for (int level = 1; level <= HEADING_LEVELS && n != null; level++, n = n.getParent()) {
            if (n.getStyleClass().contains(HEADING)) {
                return true;
            }
        }
        return false;
    }

    /** The nearest Labeled above {@code node}: for a Text in a Button's graphic, that Button. */
    private static Labeled owningLabeled(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof Labeled l) {
                return l;
            }
        }
        return null;
    }

    /** The smaller of the two axes' scales: a squeezed glyph is as hard to read as a small one. */
    private static double scaleToScene(Node node) {
        Transform toScene = node.getLocalToSceneTransform(); // exact, unlike localToScene (see sceneBounds)
        return Math.min(toScene.deltaTransform(1, 0).magnitude(), toScene.deltaTransform(0, 1).magnitude());
    }

    // Touch targets //

    private static void checkTargetSizes(List<Node> targets, Rules rules, List<Violation> out) {
        double min = rules.minTargetPx();
        for (Node target : targets) {
            Bounds b = sceneBounds(target);
            if (b.getWidth() < min || b.getHeight() < min) {
                out.add(new Violation("target-size", describe(target),
                        px(b.getWidth()) + " x " + px(b.getHeight()) + " px, needs " + px(min) + " x " + px(min) + " px"));
            }
        }
    }

    /**
     * Two targets pass if they are at least minGapPx apart across or down; touching, overlapping or
     * nested ones fail. Targets come in document order, so an outer target precedes those inside it.
     */
    private static void checkTargetGaps(List<Node> targets, Rules rules, List<Violation> out) {
        double min = rules.minGapPx();
        for (int i = 0; i < targets.size(); i++) {
            for (int j = i + 1; j < targets.size(); j++) {
                Node a = targets.get(i);
                Node b = targets.get(j);
                if (a instanceof Labeled outer && outer.getGraphic() == b) {
                    continue; // an icon button drawn as a button's graphic is part of that one target
                }
                Bounds ba = sceneBounds(a);
                Bounds bb = sceneBounds(b);
                double dx = Math.max(0, Math.max(ba.getMinX() - bb.getMaxX(), bb.getMinX() - ba.getMaxX()));
                double dy = Math.max(0, Math.max(ba.getMinY() - bb.getMaxY(), bb.getMinY() - ba.getMaxY()));
                if (dx >= min || dy >= min) {
                    continue;
                }
                String relation = isAncestor(a, b) ? "contains "
                        : intersection(ba, bb) != null ? "overlaps "
                        : px(Math.max(dx, dy)) + " px from ";
                out.add(new Violation("target-gap", describe(a),
                        relation + describe(b) + ", needs " + px(min) + " px between targets"));
            }
        }
    }

    private static boolean isAncestor(Node ancestor, Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    // Reporting //

    /**
     * Type, id, style classes (without the type's own default class), text and rounded scene bounds,
     * e.g. {@code Button#nav-back[nav-button] "返回" @(48,1780 160x96)}.
     */
    static String describe(Node node) {
        Class<?> type = node.getClass();
        while (type.isAnonymousClass()) {
            type = type.getSuperclass();
        }
        StringBuilder s = new StringBuilder(type.getSimpleName());
        if (node.getId() != null && !node.getId().isBlank()) {
            s.append('#').append(node.getId());
        }
        String defaultClass = type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        List<String> classes = node.getStyleClass().stream().filter(c -> !c.equals(defaultClass)).toList();
        if (!classes.isEmpty()) {
            s.append(classes.stream().collect(joining(" ", "[", "]")));
        }
        String text = node instanceof Labeled l ? l.getText() : node instanceof Text t ? t.getText() : null;
        if (text != null && !text.isBlank()) {
            s.append(" \"").append(shorten(text)).append('"');
        }
        Bounds b = sceneBounds(node);
        return s.append(String.format(Locale.ROOT, " @(%d,%d %dx%d)", Math.round(b.getMinX()), Math.round(b.getMinY()),
                Math.round(b.getWidth()), Math.round(b.getHeight()))).toString();
    }

    private static String shorten(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 30 ? oneLine : oneLine.substring(0, 30) + "…";
    }

    /** A size for a message: whole pixels when whole, else one decimal (36.4). */
    static String px(double value) {
        double rounded = Math.rint(value);
        return Math.abs(value - rounded) < 0.05 ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%.1f", value);
    }
}
