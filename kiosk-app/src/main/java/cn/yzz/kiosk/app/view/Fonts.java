package cn.yzz.kiosk.app.view;

import cn.yzz.kiosk.device.CjkFonts;
import java.util.List;
import javafx.scene.text.Font;

/**
 * The font family the screen draws with: the first of {@link CjkFonts#FAMILIES} (the same list and
 * order as receipts and A4 pages) that JavaFX has. The stylesheet names the same list, but JavaFX 21
 * takes only the first family of a CSS list and falls back to "System" (boxes for Chinese) when it
 * is missing; so the scene root and shapes drawn in code use {@link #family()}.
 */
public final class Fonts {

    public static final List<String> FAMILIES = CjkFonts.FAMILIES;

    private static volatile String family;

    private Fonts() {}

    /** The first of {@link #FAMILIES} that this machine has, else JavaFX's default family. */
    public static String family() {
        String f = family;
        if (f == null) {
            // Font.font falls back to another family when the one asked for is missing.
            f = CjkFonts.first(candidate -> Font.font(candidate, 12).getFamily().equalsIgnoreCase(candidate))
                    .orElseGet(() -> Font.getDefault().getFamily());
            family = f;
        }
        return f;
    }
}
