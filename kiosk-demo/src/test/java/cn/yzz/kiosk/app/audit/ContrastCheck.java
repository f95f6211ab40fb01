package cn.yzz.kiosk.app.audit;

import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Labeled;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;

/** The contrast rule: a text's colour against what is painted behind it ({@link Backdrop}), as the WCAG 2 ratio. */
final class ContrastCheck {

    /** Color keeps float channels, so a colour chosen for exactly 4.5:1 comes out a few millionths either side. */
    private static final double RATIO_TOLERANCE = 1e-5;

    private ContrastCheck() {}

    /**
     * Why {@code text} fails, or empty if it passes. {@code label} is the Labeled whose own text it
     * is (its textFill is the colour), or null.
     */
    static Optional<String> problem(Text text, Labeled label, double minContrast) {
        Paint paint = label != null ? label.getTextFill() : text.getFill();
        if (paint == null) {
            return Optional.empty(); // nothing is drawn
        }
        if (!(paint instanceof Color ink)) {
            return Optional.of("cannot determine text colour: " + paint.getClass().getSimpleName());
        }
        Backdrop backdrop = Backdrop.behind(text);
        if (backdrop.unknown() != null) {
            return Optional.of("cannot determine background: " + backdrop.unknown());
        }
        Color faded = new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), ink.getOpacity() * backdrop.textOpacity());
        Color shown = over(faded, backdrop.colour());
        double ratio = ratio(shown, backdrop.colour());
        if (ratio + RATIO_TOLERANCE >= minContrast) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%.2f:1 (%s on %s), needs %s:1",
                ratio, hex(shown), hex(backdrop.colour()), AccessibilityAudit.px(minContrast)));
    }

    /** {@code top} painted over the opaque {@code below}, as JavaFX blends (in sRGB). */
    static Color over(Color top, Color below) {
        double a = top.getOpacity();
        return Color.color(top.getRed() * a + below.getRed() * (1 - a), top.getGreen() * a + below.getGreen() * (1 - a),
                top.getBlue() * a + below.getBlue() * (1 - a));
    }

    /** WCAG 2 contrast ratio of two opaque colours, from 1 to 21. */
    static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG 2 relative luminance. */
    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x",
                Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
