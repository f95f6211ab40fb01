package cn.yzz.kiosk.device.a4;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Picks a real font that can draw every character of a print. Java's logical fonts ("Dialog",
 * "SansSerif") draw boxes for Chinese when fontconfig finds nothing suitable, and a print full of
 * boxes must not leave the kiosk, so only named physical families are accepted.
 */
final class CjkFonts {

    /** The kiosk's font first (package fonts-wqy-microhei), then the usual Chinese families. */
    static final List<String> PREFERRED = List.of("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC",
            "Noto Sans SC", "Source Han Sans SC", "Droid Sans Fallback", "AR PL UMing CN");

    private static final Set<String> LOGICAL = Set.of("Dialog", "DialogInput", "Serif", "SansSerif", "Monospaced");

    private CjkFonts() {}

    /** A plain 1 pt font that draws all of {@code text}; callers derive sizes. */
    static Font forText(String text) throws MissingFontException {
        return pick(text, Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
    }

    static Font pick(String text, List<String> installed) throws MissingFontException {
        for (String family : PREFERRED) {
            if (installed.contains(family) && displays(family, text)) {
                return new Font(family, Font.PLAIN, 1);
            }
        }
        for (String family : installed) {
            if (!LOGICAL.contains(family) && displays(family, text)) {
                return new Font(family, Font.PLAIN, 1);
            }
        }
        // No sample of the text in the message: it can be a villager's name, and messages reach the log.
        throw new MissingFontException("没有能显示打印内容的中文字体：请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei）");
    }

    private static boolean displays(String family, String text) {
        return firstMissing(family, text) == -1;
    }

    private static int firstMissing(String family, String text) {
        Font f = new Font(family, Font.PLAIN, 12);
        // An unknown family silently becomes "Dialog"; only the family asked for counts.
        return f.getFamily().equals(family) ? f.canDisplayUpTo(text) : 0;
    }

    /** No installed font can draw the print. */
    static final class MissingFontException extends Exception {
        MissingFontException(String message) {
            super(message);
        }
    }
}
