package cn.yzz.kiosk.app.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elder mode's stylesheet: kiosk.css with every font size multiplied by {@link #SCALE}, added after
 * kiosk.css so that it wins. Derived rather than written by hand, so that no text can be
 * forgotten: a new rule in kiosk.css is enlarged in elder mode by itself.
 */
public final class ElderStyle {

    /** How much larger text is in elder mode (BRIEF: ×1.3). */
    public static final double SCALE = 1.3;

    private static final Pattern FONT_SIZE = Pattern.compile("(-fx-font-size:\\s*)(\\d+(?:\\.\\d+)?)px");
    private static volatile String stylesheet;

    private ElderStyle() {}

    /** The derived stylesheet as a {@code data:} URL (JavaFX 17+ reads those). */
    public static String stylesheet() {
        String s = stylesheet;
        if (s == null) {
            String css = scale(read(KioskView.STYLESHEET));
            s = "data:text/css;base64," + Base64.getEncoder().encodeToString(css.getBytes(StandardCharsets.UTF_8));
            stylesheet = s;
        }
        return s;
    }

    /** Every {@code -fx-font-size: Npx} of {@code css}, times {@link #SCALE}; nothing else. */
    static String scale(String css) {
        Matcher m = FONT_SIZE.matcher(css);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            double px = Double.parseDouble(m.group(2)) * SCALE;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + Math.round(px * 10) / 10.0 + "px"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(String resource) {
        try (InputStream in = Objects.requireNonNull(ElderStyle.class.getResourceAsStream(resource), resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
