package cn.yzz.kiosk.app.audit;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Shape;
import javafx.scene.text.Text;

/**
 * What is painted under a text: one opaque colour, or why it cannot be known ({@code unknown}),
 * and how much the text's own and its ancestors' opacity lets that colour show through the text.
 */
record Backdrop(Color colour, double textOpacity, String unknown) {

    /**
     * Looks under the text in paint order, nearest first: at each ancestor from the text's parent up
     * (for a Label's text, the Label itself), first the siblings painted before the path to the text
     * and their subtrees, then the ancestor's own background. A Region's background fill or a
     * shape's fill counts when it covers the whole text (a shape judged by its bounding box): a
     * Color as it is, a LinearGradient as its colour at the text's centre. Translucent ones are
     * composited over what lies below, down to an opaque one or else the scene's fill. Anything else
     * under the text (a background image, an ImageView, another kind of paint) cannot be judged and
     * is reported, so nobody puts text on a picture unknowingly.
     */
    static Backdrop behind(Text text) {
        return new Search(AccessibilityAudit.sceneBounds(text)).run(text);
    }

    private static final class Search {
        private final Bounds area; // the text, in scene coordinates
        private final List<Color> layers = new ArrayList<>(); // topmost first, faded by their nodes' opacity
        private String unknown;

        Search(Bounds area) {
            this.area = area;
        }

        Backdrop run(Text text) {
            double textOpacity = text.getOpacity();
            Node child = text;
            for (Parent n = text.getParent(); n != null && !done(); child = n, n = n.getParent()) {
                List<Node> siblings = n.getChildrenUnmodifiable();
                for (int i = siblings.indexOf(child) - 1; i >= 0 && !done(); i--) {
                    paintedBy(siblings.get(i), 1);
                }
                if (!done() && n instanceof Region region) {
                    background(region, 1);
                }
                // An ancestor's opacity fades the text against what is painted below that ancestor.
                if (layers.isEmpty()) {
                    textOpacity *= n.getOpacity();
                }
            }
            if (unknown == null && !opaque()) {
                Paint sceneFill = text.getScene().getFill();
                if (sceneFill instanceof Color c && c.isOpaque()) {
                    layers.add(c);
                } else {
                    unknown = "scene fill " + sceneFill;
                }
            }
            if (unknown != null) {
                return new Backdrop(null, 0, unknown);
            }
            Color colour = layers.get(layers.size() - 1);
            for (int i = layers.size() - 2; i >= 0; i--) {
                colour = ContrastCheck.over(layers.get(i), colour);
            }
            return new Backdrop(colour, textOpacity, null);
        }

        private boolean done() {
            return unknown != null || opaque();
        }

        private boolean opaque() {
            return !layers.isEmpty() && layers.get(layers.size() - 1).isOpaque();
        }

        /** Adds what {@code node}'s subtree paints under the text, topmost first. */
        private void paintedBy(Node node, double opacity) {
            Bounds painted = node.getLocalToSceneTransform().transform(node.getBoundsInLocal());
            if (!node.isVisible() || node.getOpacity() <= 0 || AccessibilityAudit.intersection(painted, area) == null) {
                return;
            }
            double faded = opacity * node.getOpacity();
            if (node instanceof Parent parent) {
                List<Node> children = parent.getChildrenUnmodifiable();
                for (int i = children.size() - 1; i >= 0 && !done(); i--) {
                    paintedBy(children.get(i), faded);
                }
                if (!done() && node instanceof Region region) {
                    background(region, faded);
                }
            } else if (node instanceof Text) {
                // other words under these words are a layout problem, not a background
            } else if (node instanceof Shape shape) {
                shapeFill(shape, faded);
            } else {
                unknown = node.getClass().getSimpleName() + " under the text: " + AccessibilityAudit.describe(node);
            }
        }

        /** A region's fills, topmost (last) first; its images are painted over them and cannot be judged. */
        private void background(Region region, double opacity) {
            Background background = region.getBackground();
            if (background == null) {
                return;
            }
            if (!background.getImages().isEmpty()) {
                unknown = "image on " + AccessibilityAudit.describe(region);
                return;
            }
            Bounds local = region.sceneToLocal(area);
            List<BackgroundFill> fills = background.getFills();
            for (int i = fills.size() - 1; i >= 0 && !done(); i--) {
                BackgroundFill fill = fills.get(i);
                double width = region.getWidth() - fill.getInsets().getLeft() - fill.getInsets().getRight();
                double height = region.getHeight() - fill.getInsets().getTop() - fill.getInsets().getBottom();
                Rectangle2D rect = new Rectangle2D(fill.getInsets().getLeft(), fill.getInsets().getTop(),
                        Math.max(0, width), Math.max(0, height)); // corner radii ignored
                paint(fill.getFill(), rect, local, opacity, region);
            }
        }

        private void shapeFill(Shape shape, double opacity) {
            if (shape.getFill() != null) {
                Bounds b = shape.getLayoutBounds();
                Rectangle2D rect = new Rectangle2D(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
                paint(shape.getFill(), rect, shape.sceneToLocal(area), opacity, shape);
            }
        }

        /** Adds a paint filling {@code rect} if it covers the text ({@code text}, same coordinates). */
        private void paint(Paint paint, Rectangle2D rect, Bounds text, double opacity, Node owner) {
            if (!covers(rect, text)) {
                return; // only part of the text is on it: judged against what covers all of it
            }
            Color colour = colourAt(paint, rect, new Point2D(text.getCenterX(), text.getCenterY()));
            if (colour == null) {
                unknown = paint.getClass().getSimpleName() + " on " + AccessibilityAudit.describe(owner);
            } else {
                layers.add(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), colour.getOpacity() * opacity));
            }
        }
    }

    /** Half a pixel of slack: text laid out at fractional positions may poke out by rounding. */
    private static boolean covers(Rectangle2D rect, Bounds text) {
        return rect.getMinX() <= text.getMinX() + 0.5 && rect.getMinY() <= text.getMinY() + 0.5
                && rect.getMaxX() >= text.getMaxX() - 0.5 && rect.getMaxY() >= text.getMaxY() - 0.5;
    }

    /** The paint's colour at {@code point}, in the coordinates of {@code rect}; null if it cannot be told. */
    private static Color colourAt(Paint paint, Rectangle2D rect, Point2D point) {
        if (paint instanceof Color c) {
            return c;
        }
        if (!(paint instanceof LinearGradient g)) {
            return null;
        }
        // A proportional gradient spans the filled rectangle; an absolute one is in the node's coordinates.
        double sx = g.isProportional() ? rect.getMinX() + g.getStartX() * rect.getWidth() : g.getStartX();
        double sy = g.isProportional() ? rect.getMinY() + g.getStartY() * rect.getHeight() : g.getStartY();
        double ex = g.isProportional() ? rect.getMinX() + g.getEndX() * rect.getWidth() : g.getEndX();
        double ey = g.isProportional() ? rect.getMinY() + g.getEndY() * rect.getHeight() : g.getEndY();
        double length2 = (ex - sx) * (ex - sx) + (ey - sy) * (ey - sy);
        if (length2 == 0) {
            return null;
        }
        double t = ((point.getX() - sx) * (ex - sx) + (point.getY() - sy) * (ey - sy)) / length2;
        t = switch (g.getCycleMethod()) {
            case NO_CYCLE -> Math.min(1, Math.max(0, t));
            case REPEAT -> t - Math.floor(t);
            case REFLECT -> {
                double m = t - 2 * Math.floor(t / 2);
                yield m <= 1 ? m : 2 - m;
            }
        };
        return colourAt(g.getStops(), t);
    }

    /** Stops are sorted and span 0 to 1 (LinearGradient normalises them). */
    private static Color colourAt(List<Stop> stops, double t) {
        for (int i = 1; i < stops.size(); i++) {
            Stop lower = stops.get(i - 1);
            Stop upper = stops.get(i);
            if (t <= upper.getOffset()) {
                double span = upper.getOffset() - lower.getOffset();
                return span == 0 ? upper.getColor() : lower.getColor().interpolate(upper.getColor(), (t - lower.getOffset()) / span);
            }
        }
        return stops.get(stops.size() - 1).getColor();
    }
}
