package cn.yzz.kiosk.app.view;

import java.util.List;
import javafx.scene.text.Font;

/**
 * The font families the kiosk asks for, best first. The stylesheet names the same list, but
 * JavaFX 21 takes only the first family of a CSS list and falls back to "System" (boxes for
 * Chinese) when it is missing; so the scene root and shapes drawn in code use {@link #family()},
 * the first family of the list that is installed.
 */
public final class Fonts {

    /** JavaFX 21 does not fall back to Noto CJK by itself, so the families must be named. */
    public static final List<String> FAMILIES = List.of(
            "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei");

    private static volatile String family;

    private Fonts() {}

    /** The first of {@link #FAMILIES} that this machine has, else JavaFX's default family. */
    public static String family() {
        String f = family;
        if (f == null) {
            f = Font.getDefault().getFamily();
            for (String candidate : FAMILIES) {
                // Font.font falls back to another family when the one asked for is missing.
                if (Font.font(candidate, 12).getFamily().equalsIgnoreCase(candidate)) {
                    f = candidate;
                    break;
                }
            }
            family = f;
        }
        return f;
    }
}
