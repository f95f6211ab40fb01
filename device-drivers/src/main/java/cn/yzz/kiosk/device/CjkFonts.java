package cn.yzz.kiosk.device;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place that knows which Chinese fonts the kiosk uses, best first: receipts, A4 pages and
 * the screen all draw with the first one installed. Java's logical fonts ("Dialog", "SansSerif")
 * draw boxes for Chinese when fontconfig finds nothing suitable, and a print full of boxes must not
 * leave the kiosk, so only named physical families are accepted.
 */
public final class CjkFonts {

    /**
     * The kiosk's font first (package fonts-wqy-microhei), then the usual Chinese families. JavaFX 21
     * does not fall back to Noto CJK by itself, so the screen must name them too.
     */
    public static final List<String> FAMILIES = List.of("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC",
            "Noto Sans SC", "Source Han Sans SC", "Droid Sans Fallback", "AR PL UMing CN", "Microsoft YaHei");

    private static final Set<String> LOGICAL = Set.of("Dialog", "DialogInput", "Serif", "SansSerif", "Monospaced");
    private static final String MISSING = "没有能显示打印内容的中文字体：请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei）";

    private CjkFonts() {}

    /**
     * The first of {@link #FAMILIES} that {@code installed} says the toolkit has (JavaFX asks its own
     * font system; prints use {@link #forText}).
     */
    public static Optional<String> first(Predicate<String> installed) {
        return FAMILIES.stream().filter(installed).findFirst();
    }

    /** A plain 1 pt AWT font that draws all of {@code text}; callers derive sizes. */
    public static Font forText(String text) throws MissingFontException {
        return pick(text, Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
    }

    static Font pick(String text, List<String> installed) throws MissingFontException {
        Optional<String> preferred = first(family -> installed.contains(family) && displays(family, text));
        if (preferred.isPresent()) {
            return new Font(preferred.get(), Font.PLAIN, 1);
        }
        for (String family : installed) {
            if (!LOGICAL.contains(family) && displays(family, text)) {
                return new Font(family, Font.PLAIN, 1);
            }
        }
        // No sample of the text in the message: it can be a villager's name, and messages reach the log.
        throw new MissingFontException(MISSING);
    }

    private static boolean displays(String family, String text) {
        Font f = new Font(family, Font.PLAIN, 12);
        // An unknown family silently becomes "Dialog"; only the family asked for counts.
        return f.getFamily().equals(family) && f.canDisplayUpTo(text) == -1;
    }

    /** No installed font can draw the print. */
    public static final class MissingFontException extends Exception {
        MissingFontException(String message) {
            super(message);
        }
    }
}
